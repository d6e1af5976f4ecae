import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { waitForRules } from './support/diagnostics';
import { manifest, rootguard, rootguardLog } from './support/extension';
import { eventually } from './support/poll';
import { show, UNHARDENED } from './support/workspace';

describe('commands', () => {
  it('registers every command the manifest contributes', async () => {
    await rootguard().activate();
    const contributed = manifest().commands;
    assert.ok(contributed.length > 0, 'the manifest contributes commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((c) => !registered.has(c)), [],
      'contributed but not registered');
  });

  it('restarts the language server, which publishes again', async () => {
    await show(UNHARDENED.dockerfile);
    await waitForRules(UNHARDENED.dockerfile, ['RG101', 'RG104']);
    // The server logs this line once per start.
    const starts = () => rootguardLog()?.match(/language server started/g)?.length ?? 0;
    await vscode.commands.executeCommand('rootguard.showOutput');
    const before = starts();

    await vscode.commands.executeCommand('rootguard.restartServer');
    await eventually('a new server start in the Rootguard log', () =>
      starts() > before || undefined, () => rootguardLog() ?? '');
    await waitForRules(UNHARDENED.dockerfile, ['RG101', 'RG104']);
  });
});
