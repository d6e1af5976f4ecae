import * as vscode from 'vscode';
import { looksLikeNginx } from '../../server/src/analysis/fileKinds';

/**
 * VS Code picks a language by file name; a `.conf` file elsewhere than conf.d or sites-*
 * may still be nginx. Such files are switched to nginx when their content reads like it.
 */
export function detectNginxLanguage(): vscode.Disposable {
  const check = (document: vscode.TextDocument): void => {
    if (document.uri.scheme !== 'file' || !document.fileName.endsWith('.conf')) return;
    if (document.languageId === 'nginx') return;
    if (!['plaintext', 'properties', 'ini', 'conf'].includes(document.languageId)) return;
    if (looksLikeNginx(document.getText())) {
      void vscode.languages.setTextDocumentLanguage(document, 'nginx');
    }
  };
  vscode.workspace.textDocuments.forEach(check);
  return vscode.workspace.onDidOpenTextDocument(check);
}
