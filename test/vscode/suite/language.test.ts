import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { waitForRules } from './support/diagnostics';
import { HARDENED, show, UNHARDENED } from './support/workspace';

async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
    'vscode.executeHoverProvider', uri, position);
  return (hovers ?? []).flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
}

describe('the nginx language, its grammar and hovers', () => {
  it('applies the nginx language to nginx.conf and to conf.d/*.conf', async () => {
    for (const uri of [UNHARDENED.config, HARDENED.config, HARDENED.fragment]) {
      const document = await vscode.workspace.openTextDocument(uri);
      assert.equal(document.languageId, 'nginx', vscode.workspace.asRelativePath(uri));
    }
  });

  // code-server's workbench lacks `_workbench.captureSyntaxTokens` (the token scopes; the
  // grammar's scopes are checked in test/unit/grammar). `_workbench.colorizeTextMateTokens`
  // runs the tokenizer the host resolved for the document's language over every line, and
  // throws when that language has none (as it does for plaintext).
  it('tokenizes an nginx config with the contributed TextMate grammar', async () => {
    await show(UNHARDENED.config);
    const result = await vscode.commands.executeCommand<{ tokenizeTime: number }>(
      '_workbench.colorizeTextMateTokens', UNHARDENED.config);
    assert.equal(typeof result?.tokenizeTime, 'number');
  });

  it('shows nginx\'s reference for a directive on hover', async () => {
    await show(UNHARDENED.dockerfile);
    await show(UNHARDENED.config);
    await waitForRules(UNHARDENED.config, ['RG201', 'RG202', 'RG203', 'RG205']);
    // `worker_processes auto;` on line 2 carries no finding.
    const text = await hoverText(UNHARDENED.config, new vscode.Position(1, 4));
    assert.match(text, /worker_processes/);
    assert.match(text, /\*\*Syntax:\*\*/);
    assert.match(text, /\*\*Default:\*\*/);
    assert.match(text, /nginx\.org\/en\/docs\//);
  });

  it('shows the rule\'s docs on hover over a finding', async () => {
    await show(UNHARDENED.config);
    await waitForRules(UNHARDENED.config, ['RG201', 'RG202', 'RG203', 'RG205']);
    // The port of `listen 80;`.
    const text = await hoverText(UNHARDENED.config, new vscode.Position(12, 16));
    assert.match(text, /\*\*RG201: nginx listens on a privileged port\*\*/);
  });
});
