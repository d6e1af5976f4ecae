/**
 * Dockerfile variable expansion as BuildKit performs it for the instructions Rootguard reads:
 * `$NAME`, `${NAME}`, `${NAME:-default}`, `${NAME:+alternative}`. A name the file cannot give
 * a value to is recorded as unresolved, so rules can say "depends on a build argument".
 */
export type Scope = ReadonlyMap<string, string | undefined>;

export interface Expansion {
  value: string;
  /** Names used without a value the file can know (an ARG without default, or undeclared). */
  unresolved: string[];
  /** Names used at all, resolved or not. */
  used: string[];
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

export function expand(text: string, scope: Scope, escape = '\\'): Expansion {
  const unresolved: string[] = [];
  const used: string[] = [];
  let out = '';
  let i = 0;

  const lookup = (name: string): string | undefined => {
    used.push(name);
    const value = scope.get(name);
    if (value === undefined) unresolved.push(name);
    return value;
  };

  while (i < text.length) {
    const c = text[i];
    if (c === escape && text[i + 1] === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    if (text[i + 1] === '{') {
      const close = text.indexOf('}', i + 2);
      if (close < 0) {
        out += text.slice(i);
        break;
      }
      out += expandBraced(text.slice(i + 2, close), scope, lookup);
      i = close + 1;
      continue;
    }
    let j = i + 1;
    if (j < text.length && NAME_START.test(text[j])) {
      while (j < text.length && NAME_CHAR.test(text[j])) j++;
      out += lookup(text.slice(i + 1, j)) ?? '';
      i = j;
      continue;
    }
    out += c;
    i++;
  }
  return { value: out, unresolved: unique(unresolved), used: unique(used) };
}

function expandBraced(
  inner: string,
  scope: Scope,
  lookup: (name: string) => string | undefined,
): string {
  const modifier = inner.match(/^([A-Za-z_][A-Za-z0-9_]*)(:?[-+])(.*)$/s);
  if (!modifier) return lookup(inner) ?? '';

  const [, name, op, word] = modifier;
  const set = scope.get(name);
  const isSet = op.startsWith(':') ? set !== undefined && set !== '' : scope.has(name);
  if (op.endsWith('-')) return isSet && set !== undefined ? set : expand(word, scope).value;
  return isSet ? expand(word, scope).value : '';
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}
