import type { RuleExample, RuleMeta } from './rule';

/**
 * The one rendering of a rule's docs: the published page `docs/rules/<id>.md`, the hover on a
 * diagnostic and SARIF's help text all come from here.
 */
export function renderRuleDoc(meta: RuleMeta): string {
  const { docs } = meta;
  const parts = [
    `# ${meta.id}: ${meta.title}`,
    `Severity: ${meta.severity}${meta.fixable ? ' · quick-fix available' : ''}`,
    `## What it finds\n\n${docs.what}`,
    `## Why it matters for rootless containers\n\n${docs.why}`,
  ];
  if (Object.keys(docs.bad).length > 0) parts.push(`## Example\n\n${renderExample(docs.bad)}`);
  parts.push(`## How to fix it\n\n${docs.fix}`);
  if (Object.keys(docs.good).length > 0) parts.push(renderExample(docs.good));
  return `${parts.join('\n\n')}\n`;
}

/** The short form for hovers: everything but the examples. */
export function renderRuleHover(meta: RuleMeta): string {
  const { docs } = meta;
  return [`**${meta.id}: ${meta.title}**`, docs.what, `*Why:* ${docs.why}`, `*Fix:* ${docs.fix}`]
    .join('\n\n');
}

function renderExample(example: RuleExample): string {
  return Object.entries(example).map(([name, content]) => {
    const language = /Dockerfile|Containerfile/.test(name) ? 'dockerfile' : 'nginx';
    return `\`${name}\`:\n\n\`\`\`${language}\n${content.replace(/\n$/, '')}\n\`\`\``;
  }).join('\n\n');
}
