import { TextDocument } from 'vscode-languageserver-textdocument';
import type { WorkspaceEdit } from 'vscode-languageserver-protocol';

/** Applies a WorkspaceEdit's changes to texts by URI, as the editor would. */
export function applyWorkspaceEdit(texts: Record<string, string>, edit: WorkspaceEdit):
  Record<string, string> {
  const result = { ...texts };
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
    const before = result[uri];
    if (before === undefined) throw new Error(`edit for a document not open: ${uri}`);
    result[uri] = TextDocument.applyEdits(TextDocument.create(uri, 'x', 1, before), edits);
  }
  return result;
}
