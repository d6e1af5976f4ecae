import type { Position } from '../core/span';
import type { Block, Comment, Directive, NginxConfig, NginxSyntaxError, Word } from './ast';
import { findBinaryContent } from '../core/binary';
import { ErrorList } from './errors';
import { NginxLexer } from './lexer';
import { LineIndex, stripBom } from '../core/lineIndex';

/**
 * Parses nginx configuration text. It never throws: problems become `errors`, and parsing
 * resumes after each one so the rest of the file is still available to the rules.
 *
 * Ranges are relative to the text without a leading byte order mark, which is the text an
 * editor shows (VS Code removes the mark from documents).
 */
export function parseNginx(text: string, file: string): NginxConfig {
  const source = stripBom(text);
  const lines = new LineIndex(source);
  const errors = new ErrorList(lines);
  const comments: Comment[] = [];
  const lexer = new NginxLexer(source, lines, {
    comments,
    report: (message, start, end) => errors.add(message, start, end),
  });
  const directives = new TreeBuilder(source, lines, lexer, errors).build();
  const binaryAt = findBinaryContent(source);
  return {
    file,
    directives,
    comments,
    errors: binaryAt < 0 ? errors.sorted() : [binaryError(lines, binaryAt)],
    isMain: directives.some((d) => d.name === 'events' && d.block !== undefined),
  };
}

/**
 * Syntax errors found in binary data say nothing useful, so a binary text gets this single
 * error instead, at the first character that gave it away. What parsed is still returned.
 */
function binaryError(lines: LineIndex, at: number): NginxSyntaxError {
  return {
    message: 'this does not look like an nginx configuration (binary content)',
    span: lines.spanOf(at, at + 1),
  };
}

/** A `{` whose `}` has not been seen yet. */
interface OpenBlock {
  /** Both missing for a `{` with no directive name before it. */
  directive: Directive | undefined;
  block: Block | undefined;
  /** Where the directives inside go; a nameless block passes them to its parent. */
  children: Directive[];
  openAt: number;
}

const LUA_BLOCK_SUFFIX = '_by_lua_block';

/**
 * Turns tokens into the directive tree. Nesting is kept on an explicit stack rather than in
 * recursion, so a file of a hundred thousand nested blocks cannot overflow the call stack.
 */
class TreeBuilder {
  private readonly topLevel: Directive[] = [];
  private readonly open: OpenBlock[] = [];
  /** The words read since the last directive ended: its name and its arguments so far. */
  private pendingName: Word | undefined;
  /** Reused between directives; each directive gets an exact-size copy, not a grown array. */
  private readonly pendingArgs: Word[] = [];

  constructor(
    private readonly source: string,
    private readonly lines: LineIndex,
    private readonly lexer: NginxLexer,
    private readonly errors: ErrorList,
  ) {}

  build(): Directive[] {
    for (;;) {
      const token = this.lexer.next();
      switch (token.kind) {
        case 'word':
          this.addWord(token.word);
          if (token.endsDirective) {
            this.endCutDirective(token.word.span.end);
          }
          break;
        case 'semicolon':
          this.endDirective(token.start);
          break;
        case 'open':
          this.openBlock(token.start);
          break;
        case 'close':
          this.closeBlock(token.start);
          break;
        case 'end-of-file':
          this.endOfFile();
          return this.topLevel;
      }
    }
  }

  private addWord(word: Word): void {
    if (this.pendingName === undefined) {
      this.pendingName = word;
    } else {
      this.pendingArgs.push(word);
    }
  }

  private get children(): Directive[] {
    return this.open[this.open.length - 1]?.children ?? this.topLevel;
  }

  private endDirective(semicolonAt: number): void {
    const directive = this.takePending(this.lines.positionAt(semicolonAt + 1));
    if (directive === undefined) {
      const message = 'unexpected ";": there is no directive before it';
      this.errors.add(message, semicolonAt, semicolonAt + 1);
      return;
    }
    this.children.push(directive);
  }

  /** The error that cut the directive short is already reported; no second one is needed. */
  private endCutDirective(end: Position): void {
    const directive = this.takePending(end);
    if (directive !== undefined) {
      this.children.push(directive);
    }
  }

  private openBlock(openAt: number): void {
    const openSpan = this.lines.spanOf(openAt, openAt + 1);
    const directive = this.takePending(openSpan.end);
    if (directive === undefined) {
      const message = 'unexpected "{": a block needs a directive name before it';
      this.errors.add(message, openAt, openAt + 1);
      this.open.push({ directive, block: undefined, children: this.children, openAt });
      return;
    }
    const block: Block = { span: openSpan, bodyStart: openSpan.end, children: [] };
    directive.block = block;
    this.children.push(directive);
    if (directive.name.endsWith(LUA_BLOCK_SUFFIX)) {
      this.readLuaBody(directive, block, openAt);
      return;
    }
    this.open.push({ directive, block, children: block.children, openAt });
  }

  private readLuaBody(directive: Directive, block: Block, openAt: number): void {
    const close = this.lexer.skipLuaBody(openAt);
    const bodyEnd = close < 0 ? this.source.length : close;
    block.rawBody = this.source.slice(openAt + 1, bodyEnd);
    finish(directive, block, this.lines.positionAt(close < 0 ? bodyEnd : close + 1));
    if (close < 0) {
      this.reportUnclosed(directive, openAt);
    }
  }

  private closeBlock(closeAt: number): void {
    this.flushUnterminated((name) => `directive "${name}" has no ";" before "}"`);
    const closed = this.open.pop();
    if (closed === undefined) {
      this.errors.add('unexpected "}": no block is open here', closeAt, closeAt + 1);
      return;
    }
    if (closed.directive !== undefined && closed.block !== undefined) {
      finish(closed.directive, closed.block, this.lines.positionAt(closeAt + 1));
    }
  }

  /** After a truncated read the end seen is not the file's end, so it is not an error. */
  private endOfFile(): void {
    const { truncated } = this.lexer;
    if (truncated) {
      this.endCutDirective(this.pendingEnd());
    } else {
      this.flushUnterminated((name) => `unexpected end of file: directive "${name}" has no ";"`);
    }
    const end = this.lines.positionAt(this.source.length);
    for (let unclosed = this.open.pop(); unclosed !== undefined; unclosed = this.open.pop()) {
      if (unclosed.directive !== undefined && unclosed.block !== undefined) {
        finish(unclosed.directive, unclosed.block, end);
      }
      if (!truncated) {
        this.reportUnclosed(unclosed.directive, unclosed.openAt);
      }
    }
  }

  private reportUnclosed(directive: Directive | undefined, openAt: number): void {
    const what = directive === undefined ? 'this "{"' : `the block of "${directive.name}"`;
    const message = `unexpected end of file: ${what} is never closed (missing "}")`;
    this.errors.add(message, openAt, openAt + 1);
  }

  /** Words that never got their `;` still make a directive, so the rules can check it. */
  private flushUnterminated(describe: (name: string) => string): void {
    const directive = this.takePending(this.pendingEnd());
    if (directive !== undefined) {
      this.errors.addAt(describe(directive.name), directive.span);
      this.children.push(directive);
    }
  }

  /** Where the words read so far end; the start of the text when there are none. */
  private pendingEnd(): Position {
    const last = this.pendingArgs[this.pendingArgs.length - 1] ?? this.pendingName;
    return last === undefined ? { line: 0, character: 0 } : last.span.end;
  }

  private takePending(end: Position): Directive | undefined {
    const name = this.pendingName;
    if (name === undefined) {
      return undefined;
    }
    const args = this.pendingArgs.slice();
    this.pendingName = undefined;
    this.pendingArgs.length = 0;
    return { name: name.value, nameSpan: name.span, args, span: { start: name.span.start, end } };
  }
}

/** Both spans were opened by this parser alone, so they are completed in place. */
function finish(directive: Directive, block: Block, end: Position): void {
  block.span.end = end;
  directive.span.end = end;
  // Trimmed so a long-lived tree does not keep the spare room its arrays grew while parsing.
  if (block.children.length > 0) {
    block.children = block.children.slice();
  }
}
