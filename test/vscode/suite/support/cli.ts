// The CLI's opinion of the same files: the editor and CI share one analysis core, so the
// diagnostics in the host must match `rootguard lint --format json` finding for finding.

import { execFile } from 'node:child_process';
import { join } from 'node:path';
import * as vscode from 'vscode';

export interface CliFinding {
  rule: string;
  severity: string;
  message: string;
  /** Relative to the folder the CLI ran in, with forward slashes. */
  file: string;
  /** The editor's 0-based range; the CLI prints 1-based positions (end exclusive in both). */
  range: vscode.Range;
}

function toFinding(value: unknown): CliFinding {
  const f = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const [line, column, endLine, endColumn] =
    [f.line, f.column, f.endLine, f.endColumn].map(Number);
  const { rule, severity, message, file } = f;
  if (typeof rule !== 'string' || typeof severity !== 'string' || typeof message !== 'string' ||
    typeof file !== 'string' || ![line, column, endLine, endColumn].every(Number.isInteger)) {
    throw new Error(`unexpected CLI finding: ${JSON.stringify(value)}`);
  }
  return { rule, severity, message, file,
    range: new vscode.Range(line - 1, column - 1, endLine - 1, endColumn - 1) };
}

/**
 * Runs the extension's own bundled CLI (the one a .vsix ships) with the extension host's Node.
 * Exit status 1 only means "found something"; anything else is a failure.
 */
export function lintWithCli(
  extensionPath: string,
  cwd: string,
  target: string,
): Promise<CliFinding[]> {
  const cli = join(extensionPath, 'dist', 'cli.js');
  // Under Electron the host's executable is VS Code itself; this makes it act as Node.
  const env = { ...process.env, ELECTRON_RUN_AS_NODE: '1' };
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [cli, 'lint', target, '--format', 'json'], { cwd, env },
      (error, stdout, stderr) => {
        if (error && error.code !== 1) {
          reject(new Error(`rootguard lint failed: ${error.message}\n${stderr}`));
          return;
        }
        try {
          const parsed: unknown = JSON.parse(stdout);
          const findings: unknown[] = Array.isArray(parsed) ? parsed : [];
          resolve(findings.map(toFinding));
        } catch (err) {
          reject(err instanceof Error ? err : new Error(String(err)));
        }
      });
  });
}
