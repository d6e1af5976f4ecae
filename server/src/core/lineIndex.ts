import type { Position, Span } from './span';

const LF = 10;
const CR = 13;


const BOM = '\uFEFF';

/**
 * The editor never hands us a byte order mark (VS Code strips it from the document), but the
 * CLI reads files raw. Dropping it here makes every range relative to the text without the
 * mark, which is also what a user sees in any editor.
 */
export function stripBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(BOM.length) : text;
}

/**
 * Maps string offsets to LSP positions. Line breaks are LF, CRLF and a lone CR, the same set
 * the language server protocol counts, so a stray CR (which nginx treats as a blank) still
 * moves ranges to the line the editor shows.
 */
export class LineIndex {
  private readonly starts: number[] = [0];
  /** Lookups come mostly in text order, so the last hit is checked before searching. */
  private hint = 0;

  constructor(readonly text: string) {
    // Native searches keep this fast even before the JIT warms up; most files have no CR.
    if (text.indexOf('\r') < 0) {
      for (let lf = text.indexOf('\n'); lf >= 0; lf = text.indexOf('\n', lf + 1)) {
        this.starts.push(lf + 1);
      }
      return;
    }
    const { length } = text;
    for (let i = 0; i < length; i++) {
      const code = text.charCodeAt(i);
      if (code === LF) {
        this.starts.push(i + 1);
      } else if (code === CR && text.charCodeAt(i + 1) !== LF) {
        this.starts.push(i + 1);
      }
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))] ?? 0;
  }

  /** The offset where the line's content stops, before its line break. */
  lineContentEnd(line: number): number {
    if (line + 1 >= this.starts.length) {
      return this.text.length;
    }
    const next = this.lineStart(line + 1);
    const crlf = next >= 2 && this.text.charCodeAt(next - 2) === CR;
    return crlf && this.text.charCodeAt(next - 1) === LF ? next - 2 : next - 1;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(clamped);
    return { line, character: clamped - this.lineStart(line) };
  }

  offsetAt(position: Position): number {
    const start = this.lineStart(position.line);
    const end = this.lineContentEnd(position.line);
    return Math.min(start + Math.max(0, position.character), end);
  }

  /** The text of a line without its line break. */
  lineText(line: number): string {
    if (line < 0 || line >= this.starts.length) return '';
    return this.text.slice(this.lineStart(line), this.lineContentEnd(line));
  }

  spanOf(start: number, end: number): Span {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  private lineOf(offset: number): number {
    const { starts } = this;
    const hinted = this.hint;
    if (this.covers(hinted, offset)) {
      return hinted;
    }
    if (this.covers(hinted + 1, offset)) {
      this.hint = hinted + 1;
      return this.hint;
    }
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.lineStart(middle) <= offset) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    this.hint = low;
    return low;
  }

  private covers(line: number, offset: number): boolean {
    if (line >= this.starts.length || this.lineStart(line) > offset) {
      return false;
    }
    return line + 1 >= this.starts.length || this.lineStart(line + 1) > offset;
  }
}
