import type { Span } from '../core/span';
import type { Directive, NginxConfig } from './ast';
import { Char } from './chars';
import { LineIndex, stripBom } from '../core/lineIndex';

/**
 * `ancestors` runs from the top-level directive down to the parent of `directive`. It is the
 * walker's own array, changed as the walk goes on: copy it to keep it beyond the call.
 */
export type DirectiveVisitor = (directive: Directive, ancestors: readonly Directive[]) => void;

/**
 * Visits every directive, parents before children, in file order. The walk keeps its own
 * stack, so a config nested a hundred thousand levels deep is walked without overflowing.
 */
export function walkDirectives(
  config: Pick<NginxConfig, 'directives'>,
  visit: DirectiveVisitor,
): void {
  const ancestors: Directive[] = [];
  const levels = [{ siblings: config.directives, next: 0 }];
  for (let level = levels[0]; level !== undefined; level = levels[levels.length - 1]) {
    const directive = level.siblings[level.next];
    if (directive === undefined) {
      levels.pop();
      ancestors.pop();
      continue;
    }
    level.next++;
    visit(directive, ancestors);
    const children = directive.block?.children;
    if (children !== undefined && children.length > 0) {
      ancestors.push(directive);
      levels.push({ siblings: children, next: 0 });
    }
  }
}

/** The directives named `name` among `directives` itself; their blocks are not searched. */
export function findDirectives(directives: readonly Directive[], name: string): Directive[] {
  return directives.filter((directive) => directive.name === name);
}

/**
 * The nginx context chain of a directive from its ancestors, outermost first, such as
 * `['http', 'server', 'location']`. A top-level directive is in the main context: `[]`.
 */
export function contextOf(ancestors: readonly Directive[]): string[] {
  return ancestors.map((ancestor) => ancestor.name);
}

/*
 * The helpers below take the text the config was parsed from. Like the parser, they ignore a
 * leading byte order mark, so their ranges fit the text an editor shows.
 */

/**
 * The range to delete to remove `directive`. When its lines hold nothing else, the whole
 * lines go, line break included, so no blank line is left behind. Otherwise only the
 * directive goes, with the blanks that separate it from what stays; anything else on the
 * line, a trailing comment included, is kept, since it may not be about this directive.
 */
export function lineRangeForRemoval(text: string, directive: Directive): Span {
  const lines = lineIndexFor(text);
  const source = lines.text;
  const start = lines.offsetAt(directive.span.start);
  const end = lines.offsetAt(directive.span.end);
  const { line: startLine } = directive.span.start;
  const { line: endLine } = directive.span.end;
  const lineStart = lines.lineStart(startLine);
  const lineEnd = lines.lineContentEnd(endLine);
  const aloneBefore = blanksEnd(source, lineStart, start) === start;
  const aloneAfter = blanksEnd(source, end, lineEnd) === lineEnd;
  if (aloneBefore && aloneAfter) {
    if (endLine + 1 < lines.lineCount) {
      return { start: { line: startLine, character: 0 }, end: { line: endLine + 1, character: 0 } };
    }
    // The last line has no break of its own to remove, so take the one before it.
    const from = startLine > 0 ? lines.lineContentEnd(startLine - 1) : 0;
    return lines.spanOf(from, lineEnd);
  }
  if (aloneAfter) {
    return lines.spanOf(blanksStart(source, lineStart, start), lineEnd);
  }
  return lines.spanOf(start, blanksEnd(source, end, lineEnd));
}

/** The offset of the first character in [from, limit) that is not a space or tab. */
function blanksEnd(text: string, from: number, limit: number): number {
  let at = from;
  while (at < limit && isSpaceOrTab(text.charCodeAt(at))) {
    at++;
  }
  return at;
}

/** The offset where the run of spaces and tabs ending at `to` begins, not before `limit`. */
function blanksStart(text: string, limit: number, to: number): number {
  let at = to;
  while (at > limit && isSpaceOrTab(text.charCodeAt(at - 1))) {
    at--;
  }
  return at;
}

function isSpaceOrTab(code: number): boolean {
  return code === Char.Space || code === Char.Tab;
}

/**
 * Rules ask about the same text many times in a row (one fix per finding), so the index of
 * the last text is kept rather than rebuilt in linear time for every call.
 */
let lastIndex: LineIndex | undefined;
let lastText: string | undefined;

function lineIndexFor(text: string): LineIndex {
  if (lastIndex === undefined || lastText !== text) {
    lastText = text;
    lastIndex = new LineIndex(stripBom(text));
  }
  return lastIndex;
}
