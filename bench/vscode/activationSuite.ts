// Runs inside the VS Code extension host (the launcher's extensionTestsPath): times the
// Rootguard extension's activation, then its first diagnostics on an opened Dockerfile, and
// logs both as one tagged line for bench/activation.ts to read from the launcher's output.

import { performance } from 'node:perf_hooks';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { formatResult } from '../../test/vscode/result';
import { ACTIVATION_TAG } from './tag';

const EXTENSION_ID = 'rootguard.rootguard';

function firstDiagnostics(uri: vscode.Uri, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error('no diagnostics from Rootguard'));
    }, timeoutMs);
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((u) => u.toString() === uri.toString())) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(performance.now());
    });
  });
}

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed`);
  // No editor is open yet, so nothing has activated it (its events are onLanguage).
  const wasActive = extension.isActive;
  const t0 = performance.now();
  await extension.activate();
  const activationMs = performance.now() - t0;

  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
  const uri = vscode.Uri.file(path.join(folder, 'Dockerfile'));
  const published = firstDiagnostics(uri, 30_000);
  const t1 = performance.now();
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  const openToDiagnosticsMs = (await published) - t1;

  console.log(`${ACTIVATION_TAG} ${JSON.stringify({ activationMs, openToDiagnosticsMs,
    wasActive, vscode: vscode.version, node: process.version })}`);
  console.log(formatResult({ passed: 1, failed: 0, pending: 0 }));
}
