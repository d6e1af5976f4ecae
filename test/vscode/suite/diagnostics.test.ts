import * as assert from 'node:assert/strict';
import { afterEach, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { lintWithCli, type CliFinding } from './support/cli';
import { rootguardDiagnostics, ruleOf, rulesOf, settled, waitForRules } from
  './support/diagnostics';
import { rootguard } from './support/extension';
import { example, HARDENED, restoreExamples, show, UNHARDENED, workspaceRoot } from
  './support/workspace';

const EXAMPLE_FILES = [
  'unhardened-nginx/Dockerfile',
  'unhardened-nginx/nginx.conf',
  'hardened-nginx/Dockerfile',
  'hardened-nginx/nginx.conf',
  'hardened-nginx/conf.d/app.conf',
];

const SEVERITY: Record<string, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

function describeRange(range: vscode.Range): string {
  const { start, end } = range;
  return `${start.line}:${start.character}-${end.line}:${end.character}`;
}

/** One comparable line per finding, in position order. */
function lines(findings: Array<{ rule: string; range: vscode.Range; message: string;
  severity: vscode.DiagnosticSeverity | undefined }>): string[] {
  return findings
    .map((f) => `${describeRange(f.range)} ${f.rule} ${String(f.severity)} ${f.message}`)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

describe('diagnostics of the examples', () => {
  afterEach(restoreExamples);

  it('shows RG101 and RG104 in the unhardened Dockerfile, RG201-RG203 and RG205 in its config',
    async () => {
      // The Dockerfile first: its analysis tells the server which config it copies.
      await show(UNHARDENED.dockerfile);
      await show(UNHARDENED.config);
      await waitForRules(UNHARDENED.dockerfile, ['RG101', 'RG104']);
      await waitForRules(UNHARDENED.config, ['RG201', 'RG202', 'RG203', 'RG205']);
    });

  it('shows only RG205 for the hardened image', async () => {
    const files = [HARDENED.dockerfile, HARDENED.fragment, HARDENED.config];
    for (const file of files) await show(file);
    await waitForRules(HARDENED.config, ['RG205']);
    await settled(files);
    assert.deepEqual(rulesOf(HARDENED.dockerfile), []);
    assert.deepEqual(rulesOf(HARDENED.fragment), []);
    assert.deepEqual(rulesOf(HARDENED.config), ['RG205']);
  });

  describe('compared with `rootguard lint examples --format json`', () => {
    let cli: CliFinding[] = [];

    before(async () => {
      cli = await lintWithCli(rootguard().extensionPath, workspaceRoot().fsPath, 'examples');
    });

    it('places every finding where the CLI does, with its message and severity', async () => {
      const uris = EXAMPLE_FILES.map((file) => example(...file.split('/')));
      // Dockerfiles first, so that each config is judged in its image from the start.
      for (const uri of uris.filter((u) => u.path.endsWith('Dockerfile'))) await show(uri);
      for (const uri of uris.filter((u) => !u.path.endsWith('Dockerfile'))) await show(uri);

      for (const [index, file] of EXAMPLE_FILES.entries()) {
        const expected = cli.filter((f) => f.file === `examples/${file}`);
        await waitForRules(uris[index], expected.map((f) => f.rule));
      }
      await settled(uris);
      for (const [index, file] of EXAMPLE_FILES.entries()) {
        const expected = cli.filter((f) => f.file === `examples/${file}`)
          .map((f) => ({ ...f, severity: SEVERITY[f.severity] }));
        const shown = rootguardDiagnostics(uris[index]).map((d) => ({ rule: ruleOf(d),
          range: d.range, message: d.message, severity: d.severity }));
        assert.deepEqual(lines(shown), lines(expected), file);
      }
    });
  });
});
