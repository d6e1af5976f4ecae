// Diagnostics for the trust files while they are edited: policy.json and registries.d YAML.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { checkPolicyText, type TrustFileFinding } from '../signing/policyChecks';
import { checkRegistriesDText } from '../signing/registriesDChecks';
import {
  loadRegistriesD, mergeRegistriesFile, SYSTEM_REGISTRIES_D, userRegistriesD,
  type RegistriesConfig,
} from '../signing/registriesD';

const SEVERITY: Record<TrustFileFinding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

export function registerTrustFileDiagnostics(): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('rootguard-signing');
  const check = (document: vscode.TextDocument): void => {
    const findings = findingsFor(document);
    if (findings === undefined) return;
    collection.set(document.uri, findings.map((finding) => {
      const range = new vscode.Range(document.positionAt(finding.start),
        document.positionAt(Math.max(finding.end, finding.start + 1)));
      const diagnostic = new vscode.Diagnostic(range, finding.message, SEVERITY[finding.severity]);
      diagnostic.source = 'rootguard';
      return diagnostic;
    }));
  };
  vscode.workspace.textDocuments.forEach(check);
  return vscode.Disposable.from(collection,
    vscode.workspace.onDidOpenTextDocument(check),
    vscode.workspace.onDidChangeTextDocument((event) => check(event.document)),
    vscode.workspace.onDidCloseTextDocument((document) => collection.delete(document.uri)));
}

function findingsFor(document: vscode.TextDocument): TrustFileFinding[] | undefined {
  if (document.uri.scheme !== 'file') return undefined;
  const file = document.uri.fsPath;
  const text = document.getText();
  if (isPolicyFile(file, text)) return checkPolicyText(text, file);
  if (path.basename(path.dirname(file)) === 'registries.d' && /\.ya?ml$/.test(file)) {
    return checkRegistriesDText(text, file, registriesContext(file));
  }
  return undefined;
}

/** policy.json in a `containers` folder, or any policy.json shaped like one. */
function isPolicyFile(file: string, text: string): boolean {
  return path.basename(file) === 'policy.json' &&
    (path.basename(path.dirname(file)) === 'containers' || /"default"\s*:\s*\[/.test(text));
}

function registriesContext(file: string) {
  const folder = path.dirname(file);
  const otherScopes = new Map<string, string>();
  for (const other of loadRegistriesD(folder).files) {
    if (path.resolve(other) === path.resolve(file)) continue;
    // Each file on its own, so that a scope this file duplicates is still seen.
    const single: RegistriesConfig = { directory: folder, files: [], docker: new Map(),
      errors: [] };
    mergeRegistriesFile(single, fs.readFileSync(other, 'utf8'), other);
    for (const scope of single.docker.keys()) otherScopes.set(scope, other);
  }
  const user = userRegistriesD(os.homedir());
  const ignoredBecause = path.resolve(folder) === SYSTEM_REGISTRIES_D && fs.existsSync(user)
    ? `podman ignores this folder because ${user} exists; entries belong there` : undefined;
  return { otherScopes, ...(ignoredBecause ? { ignoredBecause } : {}) };
}
