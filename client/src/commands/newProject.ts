// Rootguard: New Hardened nginx Project — scaffolds a Dockerfile, nginx.conf, conf.d/app.conf
// and .dockerignore that lint clean, into a chosen folder, asking before replacing any file.
import * as vscode from 'vscode';
import {
  existingFiles,
  HARDENED_NGINX_PROJECT,
  writeProjectFile,
} from './hardenedProject';
import type { PodmanServices } from './podmanContext';

export async function newProjectCommand(services: PodmanServices, uri?: vscode.Uri):
  Promise<void> {
  const folder = uri?.scheme === 'file' ? uri : (await vscode.window.showOpenDialog({
    canSelectFolders: true, canSelectFiles: false, canSelectMany: false,
    openLabel: 'Create Project Here', defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
  }))?.[0];
  if (!folder) return;
  try {
    const existing = new Set(existingFiles(folder.fsPath).map((f) => f.path));
    let replace = false;
    if (existing.size > 0) {
      const choice = await vscode.window.showWarningMessage(
        `${[...existing].join(', ')} already exist in ${vscode.workspace.asRelativePath(folder)}.`,
        { modal: true, detail: 'Replace them with the hardened versions (a backup of each ' +
          'is kept beside it), or keep them and write only the missing files?' }, 'Replace',
        'Keep Existing');
      if (choice === undefined) return;
      replace = choice === 'Replace';
    }
    const written = HARDENED_NGINX_PROJECT.filter((file) =>
      writeProjectFile(folder.fsPath, file, replace && existing.has(file.path)));
    services.log.info(`New hardened nginx project in ${folder.fsPath}: wrote ${
      written.map((f) => f.path).join(', ') || 'nothing'}.`);
    const dockerfile = vscode.Uri.joinPath(folder, 'Dockerfile');
    await vscode.window.showTextDocument(dockerfile);
    void vscode.window.showInformationMessage(`Wrote ${written.length} file(s). Next: ` +
      'Rootguard: Build Image, then Run Hardened.', 'Build Image').then((choice) => choice &&
      vscode.commands.executeCommand('rootguard.buildImage', dockerfile));
  } catch (error) {
    services.showError(error);
  }
}
