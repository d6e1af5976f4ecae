import { Char } from './chars';

/** What follows a backslash, and what the pair stands for; other pairs are kept as they are. */
const ESCAPES: ReadonlyMap<string, string> = new Map([
  ['"', '"'],
  ["'", "'"],
  ['\\', '\\'],
  ['n', '\n'],
  ['t', '\t'],
  ['r', '\r'],
]);

/**
 * Resolves backslash escapes the way nginx does when it stores a word: `\"`, `\'` and `\\`
 * drop the backslash, `\n`, `\t` and `\r` become the control characters, and every other
 * pair stays as written. Keeping `\.` or `\d` intact matters: regular expressions in
 * `location ~ \.php$` or `rewrite` reach PCRE with their backslashes.
 */
export function resolveEscapes(content: string): string {
  let slash = content.indexOf('\\');
  if (slash < 0) {
    return content;
  }
  const pieces: string[] = [];
  let copiedUpTo = 0;
  while (slash >= 0 && slash + 1 < content.length) {
    const replacement = ESCAPES.get(content.charAt(slash + 1));
    if (replacement === undefined) {
      slash = content.indexOf('\\', slash + 1);
      continue;
    }
    pieces.push(content.slice(copiedUpTo, slash), replacement);
    copiedUpTo = slash + 2;
    slash = content.indexOf('\\', copiedUpTo);
  }
  pieces.push(content.slice(copiedUpTo));
  return pieces.join('');
}

/**
 * Names of the variables a value refers to, in order of first use, without duplicates.
 * `$1`..`$9` are regex captures rather than variables and are left out, as is a `$` with no
 * name after it (the end-of-line anchor in `^/api/(.*)$`).
 */
export function variablesIn(value: string): string[] {
  let dollar = value.indexOf('$');
  if (dollar < 0) {
    return [];
  }
  const names = new Set<string>();
  while (dollar >= 0) {
    const next = value.charCodeAt(dollar + 1);
    let resumeAt = dollar + 1;
    if (isCaptureDigit(next)) {
      resumeAt = dollar + 2;
    } else if (next === Char.OpenBrace) {
      const close = nameEnd(value, dollar + 2);
      if (close > dollar + 2 && value.charCodeAt(close) === Char.CloseBrace) {
        names.add(value.slice(dollar + 2, close));
        resumeAt = close + 1;
      }
    } else {
      const end = nameEnd(value, dollar + 1);
      if (end > dollar + 1) {
        names.add(value.slice(dollar + 1, end));
        resumeAt = end;
      }
    }
    dollar = value.indexOf('$', resumeAt);
  }
  return [...names];
}

function nameEnd(value: string, from: number): number {
  let at = from;
  while (at < value.length && isNameChar(value.charCodeAt(at))) {
    at++;
  }
  return at;
}

function isNameChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === 95
  );
}

function isCaptureDigit(code: number): boolean {
  return code >= 49 && code <= 57;
}
