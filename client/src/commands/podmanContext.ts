// What the podman commands share: settings, the log, the run profile request,
// remembered answers, and how reports and errors are shown.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { PodmanOptions } from '../podman/podman';
import { reportMarkdown, type Report } from '../podman/report';
import { ProgramCancelled, ProgramError } from '../system/execute';
import type { RunProfile } from '../../../server/src/image/runProfile';
import { podmanFromSettings, setting, strings } from './toolAccess';

export interface RunSettings {
  capAdd: string[];
  userns: string | undefined;
  extraArgs: string[];
}

export interface PodmanServices {
  log: vscode.LogOutputChannel;
  state: vscode.Memento;
  podman(): PodmanOptions;
  runSettings(): RunSettings;
  /** The Dockerfile a command is for: the clicked file, the active editor, or one picked. */
  dockerfile(uri: vscode.Uri | undefined): Promise<vscode.Uri | undefined>;
  runProfile(dockerfile: vscode.Uri): Promise<RunProfile>;
  showReport(title: string, report: Report): Promise<void>;
  showError(error: unknown): void;
}

const DOCKERFILES = '**/{Dockerfile,Containerfile,Dockerfile.*,Containerfile.*,*.Dockerfile}';

export function podmanServices(context: vscode.ExtensionContext, log: vscode.LogOutputChannel,
  client: LanguageClient): PodmanServices {
  return {
    log,
    state: context.workspaceState,
    podman: () => podmanFromSettings(log),
    runSettings: () => ({
      capAdd: strings(setting<unknown>('rootguard.run', 'capAdd', [])),
      userns: setting('rootguard.run', 'userns', '') || undefined,
      extraArgs: strings(setting<unknown>('rootguard.run', 'extraArgs', [])),
    }),
    dockerfile: (uri) => chooseDockerfile(uri),
    runProfile: (dockerfile) => client.sendRequest<RunProfile>('rootguard/runProfile',
      { uri: dockerfile.toString() }),
    showReport: (title, report) => showMarkdown(reportMarkdown(title, report)),
    showError: (error) => showError(error, log),
  };
}

async function chooseDockerfile(uri: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  if (uri?.scheme === 'file') return uri;
  const active = vscode.window.activeTextEditor?.document;
  if (active?.uri.scheme === 'file' && (active.languageId === 'dockerfile' ||
    /^(Dockerfile|Containerfile)/.test(path.basename(active.fileName)))) {
    return active.uri;
  }
  const found = await vscode.workspace.findFiles(DOCKERFILES, '**/node_modules/**', 200);
  if (found.length === 1) return found[0];
  if (found.length === 0) {
    void vscode.window.showInformationMessage('Rootguard found no Dockerfile or Containerfile ' +
      'in this workspace; open one and run the command again.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    found.map((file) => ({ label: vscode.workspace.asRelativePath(file), file })),
    { placeHolder: 'Which Dockerfile?' });
  return picked?.file;
}

/** Opens Markdown in the preview; an untitled Markdown document when no preview is available. */
async function showMarkdown(content: string): Promise<void> {
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  try {
    await vscode.commands.executeCommand('markdown.showPreview', document.uri);
  } catch {
    await vscode.window.showTextDocument(document);
  }
}

function showError(error: unknown, log: vscode.LogOutputChannel): void {
  if (error instanceof ProgramCancelled) {
    void vscode.window.showInformationMessage(error.message);
    return;
  }
  const hint = error instanceof ProgramError && error.hint ? ` Fix: ${error.hint}` : '';
  const message = error instanceof Error ? error.message : String(error);
  log.error(message + hint);
  void vscode.window.showErrorMessage(`${message}${hint}`, 'Show Log').then((choice) => {
    if (choice) log.show();
  });
}
