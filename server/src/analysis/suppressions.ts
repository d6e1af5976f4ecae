import type { Finding } from '../core/finding';
import type { AnalysisSettings } from './settings';

const IGNORE = /#\s*rootguard-ignore(-file)?\b([^\n]*)/;

interface Suppressions {
  file: Set<string> | 'all' | undefined;
  /** Zero-based line → rule ids (or all) suppressed on the line after it. */
  lines: Map<number, Set<string> | 'all'>;
}

/**
 * Reads `# rootguard-ignore RG104` (for the next line) and `# rootguard-ignore-file RG205`
 * (for the whole file). Without ids, every rule is ignored. Both Dockerfile and nginx use `#`.
 */
export function readSuppressions(text: string): Suppressions {
  const result: Suppressions = { file: undefined, lines: new Map() };
  if (!text.includes('rootguard-ignore')) return result;
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((line, index) => {
    const match = IGNORE.exec(line);
    if (!match) return;
    const ids = match[2].toUpperCase().match(/RG\d{3}/g);
    const set: Set<string> | 'all' = ids ? new Set(ids) : 'all';
    if (match[1]) result.file = mergeIds(result.file, set);
    else result.lines.set(index, set);
  });
  return result;
}

function mergeIds(a: Set<string> | 'all' | undefined, b: Set<string> | 'all'):
  Set<string> | 'all' {
  if (a === 'all' || b === 'all') return 'all';
  return new Set([...(a ?? []), ...b]);
}

function covers(ids: Set<string> | 'all' | undefined, rule: string): boolean {
  return ids === 'all' || (ids !== undefined && ids.has(rule));
}

/** Drops suppressed findings and applies the severity settings. */
export function applySettings(findings: Finding[], text: string, settings: AnalysisSettings):
  Finding[] {
  const suppressions = readSuppressions(text);
  const kept: Finding[] = [];
  for (const f of findings) {
    const override = settings.severity[f.rule];
    if (override === 'off') continue;
    if (covers(suppressions.file, f.rule)) continue;
    if (covers(suppressions.lines.get(f.span.start.line - 1), f.rule)) continue;
    kept.push(override ? { ...f, severity: override } : f);
  }
  return kept;
}
