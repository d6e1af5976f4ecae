import * as posix from 'node:path/posix';
import type { NginxJudgement } from '../../analysis/checks';
import type { Word } from '../../nginx/ast';

/** An absolute path for a config path: relative ones are taken from nginx's prefix. */
export function absolutePath(path: string, judgement: NginxJudgement): string {
  return path.startsWith('/') ? posix.normalize(path) : posix.join(judgement.layout.prefix, path);
}

/** Paths nginx writes that no user ever lacks permission for. */
export function isOutputStream(path: string): boolean {
  return path === 'stderr' || path.startsWith('syslog:') || path.startsWith('memory:') ||
    /^\/dev\/(stdout|stderr|null)$/.test(path) || /^\/proc\/self\/fd\/[12]$/.test(path);
}

/** A path with variables is opened per request; which file it is cannot be known here. */
export function hasVariables(word: Word): boolean {
  return word.variables.length > 0;
}

/** What to say about a path the judged user cannot write. */
export function unwritableMessage(what: string, path: string, judgement: NginxJudgement,
  isDefault: boolean): string {
  const where = isDefault ? `nginx's compiled-in ${what} is ${path}` : `${what} ${path}`;
  return `${capitalise(where)}, which ${judgement.whoLabel} cannot write. ${judgement.basis}`;
}

/** nginx keeps its lower-case name at the start of a sentence, as its own docs write it. */
function capitalise(text: string): string {
  return text.startsWith('nginx') ? text : text.charAt(0).toUpperCase() + text.slice(1);
}
