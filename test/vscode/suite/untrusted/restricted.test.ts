// Restricted mode, for real: the launcher's `--trust untrusted` run opens the workspace with
// VS Code's workspace trust on and the folder untrusted. Rootguard still lints and offers its
// quick-fixes, but runs no podman, gpg or skopeo; its commands and views say why instead.

import * as assert from 'node:assert/strict';
import { before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { TOOL_COMMANDS } from '../../../../client/src/commands/workspaceTrust';
import { codeActionsAt } from '../support/codeActions';
import { findRule, waitForRules } from '../support/diagnostics';
import { rootguard, rootguardLog } from '../support/extension';
import { eventually } from '../support/poll';
import { show, UNHARDENED } from '../support/workspace';

interface Snapshot {
  keys: unknown[];
  images: unknown[];
  keysState: string | undefined;
  imagesState: string | undefined;
}

describe('an untrusted workspace', () => {
  before(async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the launcher opened it untrusted');
    await rootguard().activate();
    await vscode.commands.executeCommand('rootguard.showOutput');
  });

  it('still lints and offers the quick-fixes', async () => {
    await show(UNHARDENED.dockerfile);
    await show(UNHARDENED.config);
    await waitForRules(UNHARDENED.dockerfile, ['RG101', 'RG104']);
    await waitForRules(UNHARDENED.config, ['RG201', 'RG202', 'RG203', 'RG205']);
    const listen = findRule(UNHARDENED.config, 'RG201');
    const fixes = await codeActionsAt(UNHARDENED.config, listen.range,
      vscode.CodeActionKind.QuickFix);
    assert.ok(fixes.some((f) => /8080/.test(f.title)), fixes.map((f) => f.title).join('\n'));
  });

  it('explains every command that would run a program, and runs none', async () => {
    for (const command of Object.keys(TOOL_COMMANDS)) {
      await vscode.commands.executeCommand(command);
    }
    for (const what of Object.values(TOOL_COMMANDS)) {
      await eventually(`the log to explain "${what}"`, () => rootguardLog()?.includes(
        `Rootguard does not ${what} in an untrusted workspace`) || undefined,
      () => rootguardLog() ?? '');
    }
    assert.doesNotMatch(rootguardLog() ?? '', /run: \[/, 'no program was started');
  });

  it('shows the views\' explanation instead of keys and images', async () => {
    const snapshot = await vscode.commands.executeCommand<Snapshot>(
      'rootguard.signing.viewSnapshot');
    assert.deepEqual(snapshot, { keys: [], images: [], keysState: 'untrusted',
      imagesState: 'untrusted' });
    assert.doesNotMatch(rootguardLog() ?? '', /run: \[/, 'no program was started');
  });
});
