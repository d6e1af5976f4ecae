import * as path from 'node:path';
import type { Finding } from '../core/finding';

/** The JSON form of a finding: 1-based positions, file relative to the current folder. */
export interface JsonFinding {
  rule: string;
  severity: string;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  port?: number;
  path?: string;
  isDefault?: true;
}

export function toJson(findings: Finding[], cwd: string): JsonFinding[] {
  return sorted(findings).map((f) => ({
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    file: relative(f.file, cwd),
    line: f.span.start.line + 1,
    column: f.span.start.character + 1,
    endLine: f.span.end.line + 1,
    endColumn: f.span.end.character + 1,
    ...(f.data.port !== undefined ? { port: f.data.port } : {}),
    ...(f.data.path !== undefined ? { path: f.data.path } : {}),
    ...(f.data.isDefault ? { isDefault: true as const } : {}),
  }));
}

export function toText(findings: Finding[], cwd: string): string {
  const lines = toJson(findings, cwd).map((f) =>
    `${f.file}:${f.line}:${f.column}: ${f.severity} ${f.rule} ${f.message}`);
  const counts = countBySeverity(findings);
  const summary = findings.length === 0 ? 'No rootless hazards found.'
    : `${findings.length} finding${findings.length === 1 ? '' : 's'} (` +
      Object.entries(counts).map(([s, n]) => `${n} ${s}`).join(', ') + ').';
  return [...lines, summary].join('\n') + '\n';
}

export function relative(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return (rel.startsWith('..') ? file : rel).split(path.sep).join('/');
}

export function sorted(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => a.file.localeCompare(b.file) ||
    a.span.start.line - b.span.start.line || a.span.start.character - b.span.start.character ||
    a.rule.localeCompare(b.rule));
}

function countBySeverity(findings: Finding[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of findings) counts[f.severity] = (counts[f.severity] ?? 0) + 1;
  return counts;
}
