import type { TextEdit } from '../../core/finding';
import { LineIndex } from '../../core/lineIndex';
import type { Position, Span } from '../../core/span';

/** The file's own line break, so an inserted line never mixes CRLF into an LF file. */
export function lineBreak(text: string): string {
  return /\r\n/.test(text) ? '\r\n' : '\n';
}

export function replace(file: string, span: Span, newText: string): TextEdit {
  return { file, span, newText };
}

export function insertAt(file: string, at: Position, newText: string): TextEdit {
  return { file, span: { start: at, end: at }, newText };
}

/** Inserts whole lines before `line`, indented like it. */
export function insertLinesBefore(file: string, text: string, line: number, lines: string[]):
  TextEdit {
  const index = new LineIndex(text);
  const indent = /^[ \t]*/.exec(index.lineText(line))?.[0] ?? '';
  const eol = lineBreak(text);
  const content = lines.map((l) => `${indent}${l}${eol}`).join('');
  return insertAt(file, { line, character: 0 }, content);
}

/** Appends whole lines after `line` (the end of the file when it has no final newline). */
export function insertLinesAfter(file: string, text: string, line: number, lines: string[]):
  TextEdit {
  const index = new LineIndex(text);
  const eol = lineBreak(text);
  const end = { line, character: index.lineText(line).length };
  return insertAt(file, end, lines.map((l) => `${eol}${l}`).join(''));
}

/** Removes the lines `first`..`last` entirely, line breaks included. */
export function removeLines(file: string, text: string, first: number, last: number): TextEdit {
  const index = new LineIndex(text);
  const end = last + 1 < index.lineCount
    ? { line: last + 1, character: 0 }
    : { line: last, character: index.lineText(last).length };
  const start = last + 1 < index.lineCount || first === 0
    ? { line: first, character: 0 }
    : { line: first - 1, character: index.lineText(first - 1).length };
  return { file, span: { start, end }, newText: '' };
}
