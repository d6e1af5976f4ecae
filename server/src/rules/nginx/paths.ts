import * as posix from 'node:path/posix';
import type { NginxJudgement } from '../../analysis/checks';
import type { Word } from '../../nginx/ast';

/** An absolute path for a config path: relative ones are taken from nginx's prefix. */
export function absolutePath(path: string, judgement: NginxJudgement): string {
  return path.startsWith('/') ? posix.normalize(path) : posix.join(judgement.layout.prefix, path);
}

/** A path with variables is opened per request; which file it is cannot be known here. */
export function hasVariables(word: Word): boolean {
  return word.variables.length > 0;
}

/**
 * What to say about a path the judged user cannot write. Sentences start with the directive
 * or "nginx" as written, lower case, the way nginx's own messages name them.
 */
export function unwritableMessage(what: string, path: string, judgement: NginxJudgement,
  isDefault: boolean): string {
  const claim = isDefault ? `nginx's compiled-in ${what} is ${path}, which ${judgement.whoLabel}`
    + ' cannot write.' : `${what} ${path} is not writable by ${judgement.whoLabel}.`;
  return `${claim} ${judgement.basis}`;
}
