import type { LineIndex } from '../core/lineIndex';
import type { Span } from '../core/span';
import type { MappedText } from './shell';

/**
 * The text of an instruction's arguments as the builder sees it: line continuations (the
 * escape character at the end of a line) joined, and comment lines inside a continued
 * instruction dropped, as BuildKit drops them. Each character keeps its document position.
 */
export function joinContinuations(
  text: string,
  index: LineIndex,
  range: Span,
  escape: string,
): MappedText {
  const start = index.offsetAt(range.start);
  const end = index.offsetAt(range.end);
  let joined = '';
  const offsets: number[] = [];
  let i = start;
  let atLineStart = false;

  while (i < end) {
    if (atLineStart) {
      const skipped = skipCommentLine(text, i, end);
      atLineStart = false;
      if (skipped !== i) {
        i = skipped;
        atLineStart = true;
        continue;
      }
    }
    const continuation = continuationEnd(text, i, end, escape);
    if (continuation !== undefined) {
      i = continuation;
      atLineStart = true;
      continue;
    }
    joined += text[i];
    offsets.push(i);
    i++;
  }

  return {
    text: joined,
    positionAt: (offset) =>
      index.positionAt(offset < offsets.length ? offsets[offset] : offsets.length ? end : start),
  };
}

/** Where the next line starts when `i` is an escape followed only by blanks to the line end. */
function continuationEnd(text: string, i: number, end: number, escape: string): number | undefined {
  if (text[i] !== escape) return undefined;
  let j = i + 1;
  while (j < end && (text[j] === ' ' || text[j] === '\t')) j++;
  if (text[j] === '\r' && text[j + 1] === '\n') return j + 2;
  if (text[j] === '\n' || text[j] === '\r') return j + 1;
  return undefined;
}

function skipCommentLine(text: string, i: number, end: number): number {
  let j = i;
  while (j < end && (text[j] === ' ' || text[j] === '\t')) j++;
  if (text[j] !== '#') return i;
  while (j < end && text[j] !== '\n') j++;
  return j < end ? j + 1 : j;
}
