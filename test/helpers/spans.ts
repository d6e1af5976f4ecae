import type { Span } from '../../server/src/core/span';

/** A span as `line:character-line:character` (zero-based), one string per expectation. */
export function at(span: Span): string {
  return `${span.start.line}:${span.start.character}-${span.end.line}:${span.end.character}`;
}

/**
 * The text a span covers, computed without the product's own line index: lines break at LF,
 * CRLF and a lone CR.
 */
export function textAt(text: string, span: Span): string {
  return text.slice(offsetOf(text, span.start), offsetOf(text, span.end));
}

function offsetOf(text: string, position: Span['start']): number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) starts.push(i + 1);
  }
  const start = starts[position.line];
  if (start === undefined) throw new Error(`no line ${position.line} in ${JSON.stringify(text)}`);
  return start + position.character;
}
