/**
 * Positions are zero-based lines and UTF-16 character offsets, the same convention the
 * language server protocol uses, so adapters never convert; the CLI adds one when printing.
 */
export interface Position {
  line: number;
  character: number;
}

export interface Span {
  start: Position;
  end: Position;
}

export function span(startLine: number, startChar: number, endLine: number, endChar: number): Span {
  return {
    start: { line: startLine, character: startChar },
    end: { line: endLine, character: endChar },
  };
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function containsPosition(outer: Span, p: Position): boolean {
  return comparePositions(outer.start, p) <= 0 && comparePositions(p, outer.end) <= 0;
}
