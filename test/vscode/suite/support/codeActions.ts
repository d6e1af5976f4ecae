// Code actions as the editor's lightbulb and "Fix all" ask for them.

import * as vscode from 'vscode';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('rootguard');

/** The code actions of every provider at `range`, limited to `kind` if given. */
export async function codeActionsAt(
  uri: vscode.Uri,
  range: vscode.Range,
  kind?: vscode.CodeActionKind,
): Promise<vscode.CodeAction[]> {
  const found = await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>(
    'vscode.executeCodeActionProvider', uri, range, kind?.value);
  return (found ?? []).filter((a): a is vscode.CodeAction => a instanceof vscode.CodeAction);
}

export function editedFiles(action: vscode.CodeAction): string[] {
  return (action.edit?.entries() ?? []).map(([uri]) => vscode.workspace.asRelativePath(uri));
}

export async function applyAction(action: vscode.CodeAction): Promise<void> {
  if (!action.edit) throw new Error(`"${action.title}" carries no edit`);
  if (!(await vscode.workspace.applyEdit(action.edit))) {
    throw new Error(`the editor refused the edit of "${action.title}"`);
  }
}
