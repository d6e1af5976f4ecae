// What the podman commands share: settings, the log, workspace trust, the run profile request,
// remembered answers, and how reports and errors are shown.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { PodmanCancelled, PodmanError, type PodmanOptions } from '../podman/podman';
import { reportMarkdown, type Report } from '../podman/report';
import type { RunProfile } from '../../../server/src/image/runProfile';

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
  /** False, after telling the user why, in an untrusted workspace. */
  mayRunPodman(what: string): boolean;
  /** The Dockerfile a command is for: the clicked file, the active editor, or one picked. */
  dockerfile(uri: vscode.Uri | undefined): Promise<vscode.Uri | undefined>;
  runProfile(dockerfile: vscode.Uri): Promise<RunProfile>;
  showReport(title: string, report: Report): Promise<void>;
  showError(error: unknown): void;
}

const DOCKERFILES = '**/{Dockerfile,Containerfile,Dockerfile.*,Containerfile.*,*.Dockerfile}';

export function podmanServices(context: vscode.ExtensionContext, log: vscode.LogOutputChannel,
  client: LanguageClient): PodmanServices {
  // These settings are machine-scoped in package.json: a workspace cannot name the program
  // that runs, nor add arguments or capabilities to it.
  const setting = <T>(section: string, name: string, fallback: T): T =>
    vscode.workspace.getConfiguration(section).get<T>(name) ?? fallback;
  const strings = (value: unknown): string[] =>
    Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

  return {
    log,
    state: context.workspaceState,
    podman: () => ({
      path: setting('rootguard.podman', 'path', 'podman') || 'podman',
      globalArgs: strings(setting<unknown>('rootguard.podman', 'globalArgs', [])),
      log: (line) => log.info(`run: ${line}`),
    }),
    runSettings: () => ({
      capAdd: strings(setting<unknown>('rootguard.run', 'capAdd', [])),
      userns: setting('rootguard.run', 'userns', '') || undefined,
      extraArgs: strings(setting<unknown>('rootguard.run', 'extraArgs', [])),
    }),
    mayRunPodman: (what) => {
      if (vscode.workspace.isTrusted) return true;
      void vscode.window.showWarningMessage(`Rootguard does not ${what} in an untrusted ` +
        'workspace: files from a cloned repository could make it run programs on your ' +
        'machine. Trust this workspace to use podman from Rootguard.', 'Manage Workspace Trust')
        .then((choice) => choice && vscode.commands.executeCommand('workbench.trust.manage'));
      return false;
    },
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
  if (error instanceof PodmanCancelled) {
    void vscode.window.showInformationMessage(error.message);
    return;
  }
  const hint = error instanceof PodmanError && error.hint ? ` Fix: ${error.hint}` : '';
  const message = error instanceof Error ? error.message : String(error);
  log.error(message + hint);
  void vscode.window.showErrorMessage(`${message}${hint}`, 'Show Log').then((choice) => {
    if (choice) log.show();
  });
}
