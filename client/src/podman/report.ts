/** One line of a report: what was checked, whether it passed, what was seen, what to do. */
export interface Check {
  name: string;
  ok: boolean;
  detail: string;
  /** How to fix it; empty when there is nothing to do. */
  hint: string;
}

/** The JSON form of the host and container reports: `{checks: [{name, ok, detail, hint}]}`. */
export interface Report {
  checks: Check[];
}

export function passed(report: Report): boolean {
  return report.checks.every((check) => check.ok);
}

export function check(name: string, ok: boolean, detail: string, hint = ''): Check {
  return { name, ok, detail, hint: ok ? '' : hint };
}

/** Plain text for a terminal: one line per check, the hint indented under a failure. */
export function reportText(title: string, report: Report): string {
  const lines = [title, ''];
  for (const c of report.checks) {
    lines.push(`${c.ok ? '✓' : '✗'} ${c.name}: ${c.detail}`);
    if (!c.ok && c.hint) lines.push(...c.hint.split('\n').map((l) => `    ${l}`));
  }
  lines.push('', summary(report));
  return `${lines.join('\n')}\n`;
}

/** Markdown for the editor's preview: the same lines, hints as quoted fixes. */
export function reportMarkdown(title: string, report: Report): string {
  const lines = [`# ${escapeMarkdown(title)}`, '', summary(report), ''];
  for (const c of report.checks) {
    const mark = c.ok ? '✓' : '✗';
    lines.push(`- ${mark} **${escapeMarkdown(c.name)}**: ${escapeMarkdown(c.detail)}`);
    if (!c.ok && c.hint) {
      lines.push(...c.hint.split('\n').map((l) => `  > Fix: ${escapeMarkdown(l)}`));
    }
  }
  return `${lines.join('\n')}\n`;
}

function summary(report: Report): string {
  const failed = report.checks.filter((c) => !c.ok).length;
  return failed === 0 ? `All ${report.checks.length} checks passed.`
    : `${failed} of ${report.checks.length} checks failed.`;
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>#|])/g, '\\$1');
}
