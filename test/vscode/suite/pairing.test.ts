import * as assert from 'node:assert/strict';
import { afterEach, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { waitForRules } from './support/diagnostics';
import { insertLineBefore, restoreExamples, show, UNHARDENED } from './support/workspace';

describe('a Dockerfile and the config it copies', () => {
  afterEach(restoreExamples);

  it('clears the config\'s RG203 as soon as the Dockerfile makes the cache writable',
    async () => {
      const dockerfile = (await show(UNHARDENED.dockerfile)).document;
      const config = (await show(UNHARDENED.config)).document;
      await waitForRules(UNHARDENED.config, ['RG201', 'RG202', 'RG203', 'RG205']);
      const configVersion = config.version;

      await insertLineBefore(dockerfile, 'EXPOSE', 'RUN chmod -R a+w /var/cache/nginx');
      await waitForRules(UNHARDENED.config, ['RG201', 'RG202', 'RG205']);
      // Neither reopened nor touched: the change reached the config through its Dockerfile.
      assert.equal(config.version, configVersion);
      assert.equal(config.isClosed, false);
      assert.equal(dockerfile.isDirty, true);
      assert.ok(vscode.workspace.textDocuments.includes(config));
    });
});
