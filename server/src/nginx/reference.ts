import { Format, getDirectives, getVariables } from '@nginx/reference-lib';
import type { Directive as DirectiveRef, Variable as VariableRef } from '@nginx/reference-lib';

/**
 * Hover text for nginx directives and variables, from NGINX's own reference data.
 * The data is large, so the name indexes are built on first use and kept.
 */

type Family = 'http' | 'stream' | 'mail';

const DOCS = 'https://nginx.org/en/docs/';
const FAMILIES: readonly Family[] = ['http', 'stream', 'mail'];

let directiveIndex: Map<string, DirectiveRef[]> | undefined;
let variableIndex: Map<string, VariableRef[]> | undefined;

function byName<T extends { name: string }>(items: readonly T[]): Map<string, T[]> {
  const index = new Map<string, T[]>();
  for (const item of items) {
    const bucket = index.get(item.name);
    if (bucket) bucket.push(item);
    else index.set(item.name, [item]);
  }
  return index;
}

function directives(): Map<string, DirectiveRef[]> {
  directiveIndex ??= byName(getDirectives(Format.Markdown));
  return directiveIndex;
}

function variables(): Map<string, VariableRef[]> {
  variableIndex ??= byName(getVariables(Format.Markdown));
  return variableIndex;
}

function familyOfModule(module: string): Family | undefined {
  return FAMILIES.find((family) => module.startsWith(`ngx_${family}_`));
}

/** The outermost protocol block decides which of same-named modules applies. */
function familyOfContext(context: readonly string[]): Family | undefined {
  return FAMILIES.find((family) => context.includes(family));
}

/** Names the reference uses for the innermost block, e.g. `if` inside a location. */
function contextNames(context: readonly string[]): string[] {
  const inner = context.at(-1) ?? 'main';
  if (inner === 'if' && context.at(-2) === 'location') return ['if in location', 'if'];
  return [inner];
}

/** Best match for the context; ties go to the http module, as most configs are http. */
function pick<T extends { module: string }>(
  candidates: readonly T[],
  context: readonly string[],
  fits: (candidate: T) => boolean,
): T | undefined {
  const family = familyOfContext(context);
  const score = (candidate: T): number => {
    const own = familyOfModule(candidate.module);
    const sameFamily = family !== undefined && own === family;
    return (sameFamily ? 4 : 0) + (fits(candidate) ? 2 : 0) + (own === 'http' ? 1 : 0);
  };
  let best: T | undefined;
  for (const candidate of candidates) {
    if (!best || score(candidate) > score(best)) best = candidate;
  }
  return best;
}

function moduleLink(module: string, anchor: string): string {
  const family = familyOfModule(module);
  const page = module === 'Core functionality' ? 'ngx_core_module' : module;
  return `[${module}](${DOCS}${family ? `${family}/` : ''}${page}.html#${anchor})`;
}

/** The reference marks up syntax as Markdown; a code block wants it plain. */
function plainSyntax(markdown: string): string {
  return markdown
    .split('`')
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/\*/g, '')))
    .join('')
    .trim();
}

function statement(name: string, args: string): string {
  const text = args ? `${name} ${args}` : name;
  return text.endsWith('}') ? text : `${text};`;
}

export function directiveDoc(name: string, context: string[] = []): string | undefined {
  const candidates = directives().get(name);
  if (!candidates) return undefined;
  const inner = contextNames(context);
  const chosen = pick(candidates, context, (d) => d.contexts.some((c) => inner.includes(c)));
  if (!chosen) return undefined;
  const syntax = chosen.syntax.map((line) => statement(name, plainSyntax(line)));
  const facts = [
    chosen.default ? `**Default:** \`${statement(name, chosen.default)}\`` : undefined,
    `**Context:** ${chosen.contexts.map((c) => `\`${c || 'any'}\``).join(', ')}`,
    `**Module:** ${moduleLink(chosen.module, name)}`,
  ].filter((fact): fact is string => fact !== undefined);
  const others = candidates.filter((d) => d !== chosen).map((d) => `\`${d.module}\``);
  return [
    `**Syntax:**\n\`\`\`nginx\n${syntax.join('\n')}\n\`\`\``,
    facts.join('  \n'),
    chosen.description,
    others.length > 0 ? `Also defined by ${others.join(', ')}.` : undefined,
  ]
    .filter((part): part is string => Boolean(part))
    .join('\n\n');
}

/**
 * Accepts `$name`, `${name}` or `name`. Families like `$http_user_agent` fall back to the
 * reference's `$http_NAME` entry.
 */
export function variableDoc(name: string, context: string[] = []): string | undefined {
  const bare = name.replace(/^\$\{?/, '').replace(/\}$/, '');
  const index = variables();
  let candidates = index.get(`$${bare}`);
  if (!candidates) {
    const prefix = [...index.keys()]
      .filter((key) => key.endsWith('_NAME'))
      .filter((key) => bare.length > key.length - 5 && bare.startsWith(key.slice(1, -4)))
      .sort((a, b) => b.length - a.length)[0];
    candidates = prefix ? index.get(prefix) : undefined;
  }
  const chosen = candidates && pick(candidates, context, () => true);
  if (!chosen) return undefined;
  const anchor = `var_${chosen.name.slice(1).replace(/NAME$/, '')}`;
  return [
    `**${chosen.name}** · ${moduleLink(chosen.module, anchor)}`,
    chosen.description,
  ].join('\n\n');
}
