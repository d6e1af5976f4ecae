import * as path from 'node:path';
import { URI } from 'vscode-uri';
import {
  DiagnosticSeverity,
  type Diagnostic,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { Finding, Severity, TextEdit } from '../core/finding';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Where the rule pages ship: docs/rules beside dist/ in the extension and the npm package. */
const DOCS_DIR = path.resolve(__dirname, '..', 'docs', 'rules');

export function toDiagnostic(finding: Finding): Diagnostic {
  return {
    range: finding.span,
    severity: SEVERITY[finding.severity],
    source: 'rootguard',
    code: finding.rule,
    codeDescription: { href: URI.file(path.join(DOCS_DIR, `${finding.rule}.md`)).toString() },
    message: finding.message,
    data: { rule: finding.rule },
  };
}

export function pathOf(uri: string): string | undefined {
  const parsed = URI.parse(uri);
  return parsed.scheme === 'file' ? parsed.fsPath : undefined;
}

export function uriOf(file: string): string {
  return URI.file(file).toString();
}

/** Groups edits by document; `uriFor` keeps open documents' own URI spelling. */
export function toWorkspaceEdit(edits: TextEdit[], uriFor: (file: string) => string):
  WorkspaceEdit {
  const changes: Record<string, LspTextEdit[]> = {};
  for (const edit of edits) {
    const uri = uriFor(edit.file);
    (changes[uri] ??= []).push({ range: edit.span, newText: edit.newText });
  }
  return { changes };
}
