import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { registerPodmanCommands } from './commands/index';
import { registerSigning } from './commands/signing';
import { detectNginxLanguage } from './nginxDetection';
import { ServerRestarts } from './serverRestarts';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel('Rootguard', { log: true });
  context.subscriptions.push(log);

  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };

  const restarts = new ServerRestarts();
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'dockerfile' },
      { scheme: 'file', language: 'nginx' },
    ],
    synchronize: {
      configurationSection: 'rootguard',
      fileEvents: vscode.workspace.createFileSystemWatcher(
        '**/{Dockerfile,Dockerfile.*,*.Dockerfile,*.dockerfile,Containerfile,*.conf,*.nginx}'),
    },
    outputChannel: log,
    errorHandler: {
      error: () => ({ action: ErrorAction.Continue }),
      closed: () => {
        const { restart, tell } = restarts.onCrash();
        log.error(`The language server exited unexpectedly; ${restart ? 'restarting it'
          : 'it crashed too often and stays stopped'}.`);
        if (tell && restart) void vscode.window.showWarningMessage(tell);
        else if (tell) void vscode.window.showErrorMessage(tell);
        return { action: restart ? CloseAction.Restart : CloseAction.DoNotRestart };
      },
    },
  };

  client = new LanguageClient('rootguard', 'Rootguard', serverOptions, clientOptions);
  context.subscriptions.push(
    detectNginxLanguage(),
    vscode.commands.registerCommand('rootguard.restartServer', async () => {
      await client?.restart();
      log.info('Language server restarted on request.');
    }),
    vscode.commands.registerCommand('rootguard.fixAll', fixAll),
    vscode.commands.registerCommand('rootguard.showOutput', () => log.show()),
  );
  registerSigning(context, log);
  registerPodmanCommands(context, log, client);

  log.info(`Rootguard ${context.extension.packageJSON.version} activating; starting the ` +
    'language server.');
  await client.start();
  log.info('Rootguard language server is running.');
}

/** Applies the server's fix-all action to the active editor's file. */
async function fixAll(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return;
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider', editor.document.uri,
    new vscode.Range(0, 0, editor.document.lineCount, 0),
    vscode.CodeActionKind.SourceFixAll.append('rootguard').value);
  const fix = actions?.find((a) => a.kind?.value === 'source.fixAll.rootguard');
  if (fix?.edit) await vscode.workspace.applyEdit(fix.edit);
  else void vscode.window.showInformationMessage('Rootguard has no safe fixes for this file.');
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
