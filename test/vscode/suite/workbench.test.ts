// Runs last (files run in name order), so the workbench stays as this test leaves it. Its
// screenshot, artifacts/vscode/diagnostics.png, is the one the README shows.

import * as assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { findRule, waitForRules } from './support/diagnostics';
import { screenshot } from './support/screenshot';
import { show, UNHARDENED } from './support/workspace';

const MENU_RENDER_MS = 700;

describe('what a user sees', () => {
  it('leaves the unhardened config open with its problems and a quick-fix menu', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await show(UNHARDENED.dockerfile);
    await show(UNHARDENED.config);
    await waitForRules(UNHARDENED.dockerfile, ['RG101', 'RG104']);
    await waitForRules(UNHARDENED.config, ['RG201', 'RG202', 'RG203', 'RG205']);

    await vscode.commands.executeCommand('revealInExplorer', UNHARDENED.config);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    // Back to the editor, on the port of `listen 80;`, with its quick-fixes open.
    const editor = await show(UNHARDENED.config);
    const listen = findRule(UNHARDENED.config, 'RG201');
    editor.selection = new vscode.Selection(listen.range.start, listen.range.start);
    editor.revealRange(listen.range);
    await vscode.commands.executeCommand('editor.action.quickFix');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(),
      UNHARDENED.config.toString());
    // The menu renders after the command returns, and no API can observe it.
    await delay(MENU_RENDER_MS);
    await screenshot('diagnostics');
  });
});
