// Wires the image-signing features into VS Code: the Rootguard view container's Keys and
// Images views, the signing commands, and diagnostics for policy.json and registries.d.
import * as vscode from 'vscode';
import { ImagesTreeProvider } from '../views/imagesTree';
import { KeysTreeProvider } from '../views/keysTree';
import { SIGNING_SCHEME, SigningDocuments } from '../views/signingDocuments';
import { registerTrustFileDiagnostics } from '../views/trustFileDiagnostics';
import { signingServices } from './signingContext';
import { registerImageCommands, verifyLocalImage } from './signingImages';
import { registerKeyCommands } from './signingKeys';
import { registerReportCommand } from './signingReportCommand';
import { registerTrustCommand } from './signingTrust';

export function registerSigning(context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel): void {
  let keys: KeysTreeProvider | undefined;
  let images: ImagesTreeProvider | undefined;
  const services = signingServices(log, {
    keys: () => keys?.refresh(),
    images: () => images?.refresh(),
  });
  keys = new KeysTreeProvider(services);
  images = new ImagesTreeProvider(services, verifyLocalImage(services));
  const documents = new SigningDocuments();

  context.subscriptions.push(
    vscode.window.createTreeView('rootguard.keys', { treeDataProvider: keys,
      showCollapseAll: false }),
    vscode.window.createTreeView('rootguard.images', { treeDataProvider: images,
      showCollapseAll: true }),
    vscode.workspace.registerTextDocumentContentProvider(SIGNING_SCHEME, documents),
    vscode.commands.registerCommand('rootguard.signing.refreshKeys', () => keys?.refresh()),
    vscode.commands.registerCommand('rootguard.signing.refreshImages', () => images?.refresh()),
    ...registerKeyCommands(services),
    ...registerImageCommands(services, documents, images),
    registerTrustCommand(services, documents),
    registerReportCommand(services, documents),
    registerTrustFileDiagnostics(),
    // What the views show, as plain data: no VS Code API reads a tree view, so the
    // integration tests (and bug reports) use this. Not contributed to the palette.
    vscode.commands.registerCommand('rootguard.signing.viewSnapshot', async () => ({
      keys: (await keys?.getChildren() ?? []).map(snapshot),
      images: (await images?.getChildren() ?? []).map(snapshot),
      keysState: keys?.state,
      imagesState: images?.state,
    })),
    // Trust granted later: the views can now run gpg and podman.
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      keys?.refresh();
      images?.refresh();
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('rootguard.signing')) {
        keys?.refresh();
        images?.refresh();
      }
    }),
  );
}

function snapshot(item: vscode.TreeItem): { label: string; description: string;
  contextValue: string } {
  const label = typeof item.label === 'string' ? item.label : item.label?.label ?? '';
  return { label, description: String(item.description ?? ''),
    contextValue: item.contextValue ?? '' };
}
