import {
  createConnection,
  DidChangeConfigurationNotification,
  FileChangeType,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { readSettings } from './analysis/settings';
import { codeActions, FIX_ALL_KIND } from './lsp/codeActions';
import { pathOf } from './lsp/convert';
import { hover } from './lsp/hover';
import { registerRunProfileRequest } from './lsp/runProfileRequest';
import { Session } from './lsp/session';

declare const ROOTGUARD_VERSION: string | undefined;

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const session = new Session(connection, documents);
let folders: string[] = [];
let pullsConfiguration = false;
let indexedIn = 0;

connection.onInitialize((params) => {
  folders = (params.workspaceFolders ?? []).map((f) => pathOf(f.uri)).filter(
    (p): p is string => p !== undefined);
  if (folders.length === 0 && params.rootUri) folders = [pathOf(params.rootUri) ?? ''];
  pullsConfiguration = params.capabilities.workspace?.configuration === true;
  session.settings = readSettings(params.initializationOptions?.settings);

  // Indexed before any document is opened, so the first analysis already knows which
  // configs each Dockerfile copies.
  // LIMITATION: the scan is synchronous; a workspace of hundreds of thousands of files delays
  // the first diagnostics by the time a walk of it takes.
  const started = Date.now();
  session.index.scan(folders.filter(Boolean), session.settings.maxFileBytes);
  indexedIn = Date.now() - started;
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      codeActionProvider: { codeActionKinds: ['quickfix', FIX_ALL_KIND] },
      hoverProvider: true,
    },
    serverInfo: { name: 'rootguard', version: typeof ROOTGUARD_VERSION === 'string'
      ? ROOTGUARD_VERSION : undefined },
  };
});

connection.onInitialized(async () => {
  if (pullsConfiguration) {
    void connection.client.register(DidChangeConfigurationNotification.type, undefined);
    await refreshSettings();
  }
  connection.console.info(`Rootguard language server started; indexed ${
    session.index.allDockerfiles().length} Dockerfiles and ${
    session.index.allConfigs().length} nginx configs in ${indexedIn} ms.`);
  session.validateAll();
});

async function refreshSettings(): Promise<void> {
  if (!pullsConfiguration) return;
  session.settings = readSettings(await connection.workspace.getConfiguration('rootguard'));
}

connection.onDidChangeConfiguration(async (change) => {
  if (pullsConfiguration) await refreshSettings();
  else session.settings = readSettings(change.settings?.rootguard);
  session.validateAll();
});

connection.onDidChangeWatchedFiles(({ changes }) => {
  for (const change of changes) {
    const file = pathOf(change.uri);
    if (!file) continue;
    session.forget(file);
    if (change.type === FileChangeType.Deleted) session.index.removed(file);
    else session.index.added(file, session.settings.maxFileBytes);
  }
  session.validateAll();
});

// onDidChangeContent also fires when a document opens, so one handler covers both.
documents.onDidChangeContent(({ document }) => session.validate(document));
documents.onDidClose(({ document }) => session.closed(document));

connection.onCodeAction((params) => {
  const file = pathOf(params.textDocument.uri);
  return file ? codeActions(params, session.findingsFor(file), session.uriFor) : [];
});

connection.onHover((params) => {
  const document = documents.get(params.textDocument.uri);
  const file = pathOf(params.textDocument.uri);
  if (!document || !file) return undefined;
  return hover(params.position, session.findingsFor(file), session.nginxConfigOf(document));
});

registerRunProfileRequest(connection, session);
documents.listen(connection);
connection.listen();
