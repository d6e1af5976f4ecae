// Reading what the Problems panel shows for a file, and waiting for it to match.

import * as vscode from 'vscode';
import { DEADLINE_MS, eventually } from './poll';

/** The rule id of a diagnostic; a code with a docs link arrives as `{ value, target }`. */
export function ruleOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return String(typeof code === 'object' ? code.value : code ?? '');
}

export function rootguardDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'rootguard');
}

export function rulesOf(uri: vscode.Uri): string[] {
  return rootguardDiagnostics(uri).map(ruleOf).sort();
}

export function findRule(uri: vscode.Uri, rule: string): vscode.Diagnostic {
  const found = rootguardDiagnostics(uri).find((d) => ruleOf(d) === rule);
  if (!found) throw new Error(`${label(uri)} has no ${rule}; it has [${rulesOf(uri).join(' ')}]`);
  return found;
}

function label(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri);
}

/** Waits until the file's Rootguard diagnostics are exactly these rule ids, in any order. */
export async function waitForRules(
  uri: vscode.Uri,
  expected: readonly string[],
): Promise<vscode.Diagnostic[]> {
  const want = [...expected].sort().join(' ');
  return eventually(`${label(uri)} to show [${want}]`, () => {
    const found = rootguardDiagnostics(uri);
    return found.map(ruleOf).sort().join(' ') === want ? found : undefined;
  }, () => `[${rulesOf(uri).join(' ')}]`);
}

/**
 * Resolves once the diagnostics of these files stayed unchanged for `quietMs`. An empty list
 * also means "not analysed yet", so a test asserting absence first waits for a positive sign
 * that the analysis ran, then lets the rest of that publishing round arrive.
 */
export function settled(uris: readonly vscode.Uri[], quietMs = 500): Promise<void> {
  const watched = new Set(uris.map((u) => u.toString()));
  return new Promise((resolve, reject) => {
    let quiet = setTimeout(done, quietMs);
    const giveUp = setTimeout(() => {
      finish();
      reject(new Error(`diagnostics kept changing for ${DEADLINE_MS} ms`));
    }, DEADLINE_MS);
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((u) => watched.has(u.toString()))) return;
      clearTimeout(quiet);
      quiet = setTimeout(done, quietMs);
    });
    function finish(): void {
      clearTimeout(quiet);
      clearTimeout(giveUp);
      listener.dispose();
    }
    function done(): void {
      finish();
      resolve();
    }
  });
}
