import * as assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { applyAction, codeActionsAt, editedFiles, FIX_ALL_KIND } from './support/codeActions';
import { findRule, waitForRules } from './support/diagnostics';
import { restoreExamples, show, UNHARDENED } from './support/workspace';

const DOCKERFILE_RULES = ['RG101', 'RG104'];
const CONFIG_RULES = ['RG201', 'RG202', 'RG203', 'RG205'];

// The editor hands quick-fixes back without the diagnostics they fix; a finding's range holds
// no other finding here, so the range is what ties a fix to its rule.
const QUICK_FIXES: Array<[vscode.Uri, string, string]> = [
  [UNHARDENED.dockerfile, 'RG101', 'Run as user nginx: add USER nginx'],
  [UNHARDENED.dockerfile, 'RG104', 'Use port 8080 instead of 80 (Dockerfile and config)'],
  [UNHARDENED.config, 'RG201', 'Use port 8080 instead of 80 (Dockerfile and config)'],
  [UNHARDENED.config, 'RG202', 'Add pid /tmp/nginx.pid;'],
  [UNHARDENED.config, 'RG203', 'Set the temp paths under /tmp'],
  [UNHARDENED.config, 'RG205', 'Remove the user directive'],
];

function wholeFile(document: vscode.TextDocument): vscode.Range {
  return new vscode.Range(0, 0, document.lineCount, 0);
}

async function openUnhardened(): Promise<void> {
  await show(UNHARDENED.dockerfile);
  await show(UNHARDENED.config);
  await waitForRules(UNHARDENED.dockerfile, DOCKERFILE_RULES);
  await waitForRules(UNHARDENED.config, CONFIG_RULES);
}

describe('quick-fixes and fix-all', () => {
  beforeEach(openUnhardened);
  afterEach(restoreExamples);

  it('offers a quick-fix for every finding of the unhardened image', async () => {
    for (const [uri, rule, title] of QUICK_FIXES) {
      const diagnostic = findRule(uri, rule);
      const fixes = await codeActionsAt(uri, diagnostic.range, vscode.CodeActionKind.QuickFix);
      const titles = fixes.map((f) => f.title);
      assert.ok(titles.includes(title), `${rule}: "${title}" not in [${titles.join(', ')}]`);
      assert.ok(fixes.every((f) => f.edit), `a quick-fix without an edit at ${rule}`);
    }
  });

  it('moves the port in nginx.conf and the Dockerfile with one RG201 quick-fix', async () => {
    const listen = findRule(UNHARDENED.config, 'RG201');
    const fix = (await codeActionsAt(UNHARDENED.config, listen.range))
      .find((a) => a.title === 'Use port 8080 instead of 80 (Dockerfile and config)');
    assert.ok(fix, 'the RG201 quick-fix');
    assert.equal(fix.isPreferred, true);
    assert.deepEqual(editedFiles(fix).sort(),
      ['examples/unhardened-nginx/Dockerfile', 'examples/unhardened-nginx/nginx.conf']);

    await applyAction(fix);
    await waitForRules(UNHARDENED.config, ['RG202', 'RG203', 'RG205']);
    await waitForRules(UNHARDENED.dockerfile, ['RG101']);
    const [dockerfile, config] = await Promise.all([UNHARDENED.dockerfile, UNHARDENED.config]
      .map((uri) => vscode.workspace.openTextDocument(uri)));
    assert.match(config.getText(), /^ {8}listen 8080;$/m);
    assert.match(dockerfile.getText(), /^EXPOSE 8080$/m);
  });

  it('fixes every safe finding of nginx.conf with the source.fixAll.rootguard action',
    async () => {
      const config = await vscode.workspace.openTextDocument(UNHARDENED.config);
      const actions = await codeActionsAt(UNHARDENED.config, wholeFile(config), FIX_ALL_KIND);
      const fixAll = actions.find((a) => a.kind?.value === FIX_ALL_KIND.value);
      assert.ok(fixAll, `a ${FIX_ALL_KIND.value} action among [${actions.map((a) => a.title)}]`);

      await applyAction(fixAll);
      await waitForRules(UNHARDENED.config, []);
      await waitForRules(UNHARDENED.dockerfile, ['RG101']);
    });

  it('fixes every safe finding of the active file with the rootguard.fixAll command',
    async () => {
      const editor = await show(UNHARDENED.config);
      assert.equal(vscode.window.activeTextEditor, editor);

      await vscode.commands.executeCommand('rootguard.fixAll');
      await waitForRules(UNHARDENED.config, []);
      await waitForRules(UNHARDENED.dockerfile, ['RG101']);
      assert.doesNotMatch(editor.document.getText(), /^user /m);
    });
});
