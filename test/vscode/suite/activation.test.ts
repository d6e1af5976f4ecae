// Runs first (files run in name order): activation can only be watched once per host.

import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { rulesOf, waitForRules } from './support/diagnostics';
import { manifest, rootguard, rootguardLog } from './support/extension';
import { eventually } from './support/poll';
import { show, UNHARDENED } from './support/workspace';

describe('activation and the language server', () => {
  it('stays inactive until a Dockerfile or an nginx config opens', () => {
    assert.equal(rootguard().isActive, false, 'activated before any file opened');
    const events = manifest().activationEvents;
    assert.ok(events.includes('onLanguage:dockerfile') && events.includes('onLanguage:nginx'),
      `activation events: ${events.join(', ')}`);
    assert.deepEqual(events.filter((e) => e === '*' || e === 'onStartupFinished'), [],
      'an eager activation event');
  });

  it('activates when an nginx config opens, and its server publishes findings', async () => {
    const editor = await show(UNHARDENED.config);
    assert.equal(editor.document.languageId, 'nginx');
    await eventually('the extension to activate', () => rootguard().isActive || undefined);
    await eventually('the first Rootguard diagnostics', () =>
      rulesOf(UNHARDENED.config).length > 0 || undefined, () => 'none');
  });

  // Must run before anything opens the Dockerfile: the server learns what each indexed
  // Dockerfile copies before it judges a config on its own.
  it('judges a config opened before its Dockerfile in the image that copies it',
    async () => {
      await show(UNHARDENED.config);
      await waitForRules(UNHARDENED.config, ['RG201', 'RG202', 'RG203', 'RG205']);
    });

  it('logs the server start and no error to the Rootguard output channel', async () => {
    await vscode.commands.executeCommand('rootguard.showOutput');
    const log = await eventually('the Rootguard log to show the server start', () => {
      const text = rootguardLog();
      return text?.includes('language server started') ? text : undefined;
    }, () => rootguardLog() ?? 'no Rootguard output document');
    assert.match(log, /\[info\] Rootguard \d+\.\d+\.\d+ activating/);
    assert.match(log, /\[info\] Rootguard language server is running\./);
    assert.match(log, /indexed \d+ Dockerfiles and \d+ nginx configs/);
    // A failed start is logged as an error before the client shows its error notification.
    assert.doesNotMatch(log, /\[error\]/);
  });

  it('serves Dockerfiles, the other language it activates on', async () => {
    const editor = await show(UNHARDENED.dockerfile);
    assert.equal(editor.document.languageId, 'dockerfile');
    await waitForRules(UNHARDENED.dockerfile, ['RG101', 'RG104']);
  });
});
