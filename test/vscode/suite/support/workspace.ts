// The examples as the suite sees them: a copy in the workspace (made by the launcher), opened
// and edited through the editor like a user would, and put back after each test.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import * as vscode from 'vscode';
import { REPO_ROOT } from '../../options';

/** Where the launcher copied the workspace's examples from: the truth to restore to. */
const SOURCE = join(REPO_ROOT, 'examples');

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the suite needs the workspace fixture open as a folder');
  return folder.uri;
}

export function example(...segments: string[]): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), 'examples', ...segments);
}

export const UNHARDENED = {
  folder: example('unhardened-nginx'),
  dockerfile: example('unhardened-nginx', 'Dockerfile'),
  config: example('unhardened-nginx', 'nginx.conf'),
};

export const HARDENED = {
  dockerfile: example('hardened-nginx', 'Dockerfile'),
  config: example('hardened-nginx', 'nginx.conf'),
  fragment: example('hardened-nginx', 'conf.d', 'app.conf'),
};

/** Opens a file in its own editor tab and makes it the active editor. */
export async function show(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document, { preview: false });
}

function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
}

async function apply(edit: vscode.WorkspaceEdit): Promise<void> {
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error('the editor refused an edit');
}

/** Replaces the first `search` in the document, unsaved, as typing it would. */
export async function replaceIn(
  document: vscode.TextDocument,
  search: string,
  replacement: string,
): Promise<void> {
  const offset = document.getText().indexOf(search);
  if (offset < 0) throw new Error(`"${search}" is not in ${document.uri.fsPath}`);
  const range = new vscode.Range(document.positionAt(offset),
    document.positionAt(offset + search.length));
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, range, replacement);
  await apply(edit);
}

/** Inserts `line` (and a line break) before the first line that starts with `before`. */
export async function insertLineBefore(
  document: vscode.TextDocument,
  before: string,
  line: string,
): Promise<void> {
  await replaceIn(document, `\n${before}`, `\n${line}\n${before}`);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * Puts every example back as the repository has it, in open editors and on disk, saved; and
 * the settings tests change back to their defaults. Open editors stay open: a later test may
 * rely on a document being open, never on one being closed.
 */
export async function restoreExamples(): Promise<void> {
  for (const file of filesUnder(SOURCE)) {
    const original = readFileSync(file, 'utf8');
    const uri = example(...relative(SOURCE, file).split(sep));
    const document = openDocument(uri);
    if (!document) {
      if (readFileSync(uri.fsPath, 'utf8') !== original) writeFileSync(uri.fsPath, original);
      continue;
    }
    if (document.getText() !== original) {
      const edit = new vscode.WorkspaceEdit();
      const end = document.positionAt(document.getText().length);
      edit.replace(uri, new vscode.Range(new vscode.Position(0, 0), end), original);
      await apply(edit);
    }
    if (document.isDirty && !(await document.save())) throw new Error(`could not save ${file}`);
  }
  await vscode.workspace.getConfiguration('rootguard')
    .update('severity', undefined, vscode.ConfigurationTarget.Workspace);
}
