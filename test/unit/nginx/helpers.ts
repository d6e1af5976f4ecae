import type { Position, Span } from '../../../server/src/core/span';
import type { Directive, NginxConfig } from '../../../server/src/nginx/ast';
import { parseNginx } from '../../../server/src/nginx/parser';

/** A span as `line:character-line:character`, which keeps expectations on one line. */
export function at(span: Span): string {
  return `${span.start.line}:${span.start.character}-${span.end.line}:${span.end.character}`;
}

export function parse(text: string): NginxConfig {
  return parseNginx(text, '/etc/nginx/nginx.conf');
}

/** Parses a text expected to be free of errors and returns its only top-level directive. */
export function only(text: string): Directive {
  const config = parse(text);
  if (config.errors.length > 0 || config.directives.length !== 1) {
    throw new Error(`expected one clean directive, got ${JSON.stringify(config.errors)}`);
  }
  const [directive] = config.directives;
  if (directive === undefined) {
    throw new Error('no directive');
  }
  return directive;
}

export function values(directive: Directive): string[] {
  return directive.args.map((word) => word.value);
}

export function messages(config: NginxConfig): string[] {
  return config.errors.map((error) => error.message);
}

export function names(directives: readonly Directive[]): string[] {
  return directives.map((directive) => directive.name);
}

export function child(directive: Directive, index: number): Directive {
  const found = directive.block?.children[index];
  if (found === undefined) {
    throw new Error(`${directive.name} has no child ${index}`);
  }
  return found;
}

/** Offsets of line starts, breaking lines at LF, CRLF and a lone CR as the editor does. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) {
      starts.push(i + 1);
    }
  }
  return starts;
}

export function offsetOf(text: string, position: Position): number {
  const start = lineStarts(text)[position.line];
  if (start === undefined) {
    throw new Error(`no line ${position.line}`);
  }
  return start + position.character;
}

/** The text a span covers, computed independently of the parser's own position code. */
export function textAt(text: string, span: Span): string {
  return text.slice(offsetOf(text, span.start), offsetOf(text, span.end));
}

export function applyEdit(text: string, edit: { span: Span; newText: string }): string {
  const start = offsetOf(text, edit.span.start);
  return text.slice(0, start) + edit.newText + text.slice(offsetOf(text, edit.span.end));
}
