import * as path from 'node:path';
import type { Workspace } from '../../server/src/analysis/analyze';
import { isDockerfile } from '../../server/src/analysis/fileKinds';
import { analyzeProject } from '../../server/src/analysis/project';
import { DEFAULT_SETTINGS, type AnalysisSettings } from '../../server/src/analysis/settings';
import type { Finding, TextEdit } from '../../server/src/core/finding';
import { LineIndex } from '../../server/src/core/lineIndex';

/** Where in-memory projects live; nothing is written there. */
export const ROOT = '/project';

export type Files = Record<string, string>;

export function abs(name: string): string {
  return path.posix.join(ROOT, name);
}

/** Lints files given by name relative to ROOT (e.g. `Dockerfile`, `conf.d/app.conf`). */
export function lint(files: Files, settings: Partial<AnalysisSettings> = {}): Finding[] {
  const paths = Object.keys(files).map(abs);
  const workspace: Workspace = {
    read: (file) => files[path.posix.relative(ROOT, file)],
    candidates: () => paths.filter((p) => !isDockerfile(p)),
  };
  // Every file that is not a Dockerfile is an nginx config here, whatever its name.
  const dockerfiles = paths.filter(isDockerfile);
  const configs = paths.filter((p) => !isDockerfile(p));
  return analyzeProject(dockerfiles, configs, workspace, { ...DEFAULT_SETTINGS, ...settings });
}

/** Rule ids of the findings, sorted, for compact assertions. */
export function ruleIds(findings: Finding[]): string[] {
  return findings.map((f) => f.rule).sort();
}

/** Findings of one rule. */
export function only(findings: Finding[], rule: string): Finding[] {
  return findings.filter((f) => f.rule === rule);
}

/** Applies edits (which may touch several files) as an editor would, last offset first. */
export function applyEdits(files: Files, edits: TextEdit[]): Files {
  const result: Files = { ...files };
  const byFile = new Map<string, TextEdit[]>();
  for (const edit of edits) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
  for (const [file, list] of byFile) {
    const name = path.posix.relative(ROOT, file);
    const text = result[name];
    if (text === undefined) throw new Error(`edit for unknown file ${file}`);
    const index = new LineIndex(text);
    const ordered = list
      .map((e) => ({ e, start: index.offsetAt(e.span.start), end: index.offsetAt(e.span.end) }))
      .sort((a, b) => b.start - a.start || b.end - a.end);
    let updated = text;
    for (const { e, start, end } of ordered) {
      updated = updated.slice(0, start) + e.newText + updated.slice(end);
    }
    result[name] = updated;
  }
  return result;
}
