import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
} from 'vscode-languageserver/node';
import type { Finding, Fix, TextEdit } from '../core/finding';
import { comparePositions } from '../core/span';
import { toDiagnostic, toWorkspaceEdit } from './convert';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.rootguard`;

/**
 * Quick-fixes for the diagnostics in the request's context, and a fix-all action applying
 * every safe fix of the file whose edits do not overlap one another.
 */
export function codeActions(
  params: CodeActionParams,
  findings: Finding[],
  uriFor: (file: string) => string,
): CodeAction[] {
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((o) => kind.startsWith(o));
  const actions: CodeAction[] = [];

  if (wants(CodeActionKind.QuickFix)) {
    for (const diagnostic of params.context.diagnostics) {
      const finding = findings.find((f) => matches(f, diagnostic));
      if (!finding) continue;
      for (const fix of finding.fixes) {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: fix.preferred === true,
          edit: toWorkspaceEdit(fix.edits, uriFor),
        });
      }
    }
  }

  if (wants(FIX_ALL_KIND) || wants(CodeActionKind.Source)) {
    const edits = fixAllEdits(findings);
    if (edits.length > 0) {
      actions.push({
        title: 'Fix all Rootguard findings that have a safe fix',
        kind: FIX_ALL_KIND,
        diagnostics: findings.map(toDiagnostic),
        edit: toWorkspaceEdit(edits, uriFor),
      });
    }
  }
  return actions;
}

function matches(finding: Finding, diagnostic: Diagnostic): boolean {
  return diagnostic.code === finding.rule &&
    comparePositions(diagnostic.range.start, finding.span.start) === 0 &&
    comparePositions(diagnostic.range.end, finding.span.end) === 0;
}

/** The preferred safe fix of each finding, skipping fixes that would collide. */
export function fixAllEdits(findings: Finding[]): TextEdit[] {
  const chosen: TextEdit[] = [];
  const applied = new Set<Fix>();
  for (const finding of findings) {
    const fix = finding.fixes.find((f) => f.safe && f.preferred) ??
      finding.fixes.find((f) => f.safe);
    // Findings may share one fix (every `listen 80` of a file moves together): apply it once.
    if (!fix || applied.has(fix) || collides(fix, chosen)) continue;
    applied.add(fix);
    chosen.push(...fix.edits.filter((e) => !chosen.some((c) => sameEdit(c, e))));
  }
  return chosen;
}

function collides(fix: Fix, chosen: TextEdit[]): boolean {
  return fix.edits.some((edit) => chosen.some((c) => !sameEdit(c, edit) && overlaps(c, edit)));
}

function sameEdit(a: TextEdit, b: TextEdit): boolean {
  return a.file === b.file && a.newText === b.newText &&
    comparePositions(a.span.start, b.span.start) === 0 &&
    comparePositions(a.span.end, b.span.end) === 0;
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (a.file !== b.file) return false;
  const aEmpty = comparePositions(a.span.start, a.span.end) === 0;
  const bEmpty = comparePositions(b.span.start, b.span.end) === 0;
  if (aEmpty && bEmpty) return false;
  return comparePositions(a.span.start, b.span.end) < 0 &&
    comparePositions(b.span.start, a.span.end) < 0 ||
    (aEmpty && comparePositions(a.span.start, b.span.start) === 0) ||
    (bEmpty && comparePositions(b.span.start, a.span.start) === 0);
}
