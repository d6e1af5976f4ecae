import type { Span } from '../core/span';
import type { NginxSyntaxError } from './ast';
import type { LineIndex } from '../core/lineIndex';

/** Past this many errors the rest are noise (a wrong file type, a huge broken file). */
const MAX_ERRORS = 100;

/** Collects syntax errors, up to a limit, and hands them out in text order. */
export class ErrorList {
  private readonly errors: NginxSyntaxError[] = [];
  private overflowed = false;

  constructor(private readonly lines: LineIndex) {}

  add(message: string, start: number, end: number): void {
    if (!this.overflowed) {
      this.addAt(message, this.lines.spanOf(start, end));
    }
  }

  addAt(message: string, span: Span): void {
    if (this.errors.length < MAX_ERRORS) {
      this.errors.push({ message, span });
    } else if (!this.overflowed) {
      this.overflowed = true;
      const note = `more than ${MAX_ERRORS} syntax errors; the rest are not reported`;
      this.errors.push({ message: note, span });
    }
  }

  sorted(): NginxSyntaxError[] {
    return [...this.errors].sort(
      (a, b) =>
        a.span.start.line - b.span.start.line || a.span.start.character - b.span.start.character,
    );
  }
}
