import type { Comment, Word } from './ast';
import { Char, isBlank, nextLineBreak, utf8Length } from './chars';
import { findLuaBodyEnd } from './lua';
import type { LineIndex } from '../core/lineIndex';
import { resolveEscapes, variablesIn } from './words';

/**
 * Offsets are into the text the parser was given (BOM already removed); `end` is exclusive.
 * `;`, `{` and `}` tokens are one character long.
 */
export type Token =
  | WordToken
  | { kind: 'semicolon' | 'open' | 'close' | 'end-of-file'; start: number; end: number };

export interface WordToken {
  kind: 'word';
  word: Word;
  start: number;
  end: number;
  /**
   * Set on a string that never closes: it was cut at its line end, and the directive it is
   * in should end there too, so the next line starts a fresh directive.
   */
  endsDirective: boolean;
}

export interface LexerSink {
  comments: Comment[];
  report(message: string, start: number, end: number): void;
}

/**
 * nginx keeps each word in a 4 KB buffer and fails with "too long parameter" when a word does
 * not fit; for a quoted word the closing quote counts too.
 */
const WORD_BYTES_LIMIT = 4096;

const MAX_NODES = 1_000_000;

/**
 * Splits nginx configuration text into words, `;`, `{` and `}`, with the lexical rules of
 * nginx's own reader:
 * - words are separated by space, tab, CR and LF only;
 * - an unquoted word ends at a blank, `;` or `{`, but not at `}`, which is part of the word
 *   unless it starts one (this is what lets `${name}` work);
 * - `{` right after `$` belongs to the word, so `${host}` opens no block;
 * - `#` starts a comment only where a word would start, so `a#b` is one word;
 * - a quote opens a string only at the start of a word (`a"b"` is one plain word);
 * - a backslash makes the next character ordinary for splitting, quoted or not;
 * - after a closing quote comes a blank, `;`, `{`, `}` or `)` (`if ($a = "b")`), anything
 *   else is reported and then lexed as the start of a new word.
 */
export class NginxLexer {
  private pos = 0;
  private nodes = 0;
  /** Set when the text was too big to read to the end; what follows was never looked at. */
  truncated = false;

  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
    private readonly sink: LexerSink,
  ) {}

  next(): Token {
    const { text } = this;
    while (this.pos < text.length) {
      const start = this.pos;
      const code = text.charCodeAt(start);
      if (isBlank(code)) {
        this.pos++;
        continue;
      }
      if (code !== Char.Semicolon && code !== Char.CloseBrace && this.overBudget(start)) {
        break;
      }
      switch (code) {
        case Char.Semicolon:
          return this.punctuation('semicolon', start);
        case Char.OpenBrace:
          return this.punctuation('open', start);
        case Char.CloseBrace:
          return this.punctuation('close', start);
        case Char.Hash:
          this.readComment(start);
          continue;
        case Char.DoubleQuote:
        case Char.SingleQuote:
          return this.readQuoted(start);
        default:
          return this.readBareWord(start);
      }
    }
    return { kind: 'end-of-file', start: text.length, end: text.length };
  }

  /**
   * Words, comments and blocks are what the tree is made of; a text that would need more of
   * them than any real config has (a generated or hostile file) is only read up to this
   * point, so that memory stays bounded. A large real config has a few hundred thousand.
   */
  private overBudget(start: number): boolean {
    this.nodes++;
    if (this.nodes <= MAX_NODES) {
      return false;
    }
    this.sink.report(
      `file too large to check: reading stopped here, after ${MAX_NODES} words, comments` +
        ' and blocks',
      start,
      start + 1,
    );
    this.truncated = true;
    this.pos = this.text.length;
    return true;
  }

  /**
   * Consumes a Lua body after the `{` at `openAt`, up to and including its closing brace.
   * Returns the offset of that brace, or -1 when the text ends first.
   */
  skipLuaBody(openAt: number): number {
    const close = findLuaBodyEnd(this.text, openAt + 1);
    this.pos = close < 0 ? this.text.length : close + 1;
    return close;
  }

  private punctuation(kind: 'semicolon' | 'open' | 'close', start: number): Token {
    this.pos = start + 1;
    return { kind, start, end: start + 1 };
  }

  /**
   * Only LF ends a comment for nginx; a lone CR does not, so whatever follows one on the same
   * LF-terminated line is commented out too, even though an editor shows it on its own line.
   */
  private readComment(start: number): void {
    const { text } = this;
    const lf = text.indexOf('\n', start);
    const lineEnd = lf < 0 ? text.length : lf;
    const crlf = lineEnd > start && text.charCodeAt(lineEnd - 1) === Char.CR;
    const end = crlf ? lineEnd - 1 : lineEnd;
    this.sink.comments.push({
      text: text.slice(start, end),
      span: this.lines.spanOf(start, end),
    });
    this.pos = end;
  }

  private readBareWord(start: number): Token {
    const { text } = this;
    const { length } = text;
    let at = start;
    let afterDollar = false;
    while (at < length) {
      const code = text.charCodeAt(at);
      if (code === Char.OpenBrace) {
        if (!afterDollar) {
          break;
        }
        // nginx keeps its "after $" state here, so `${{` stays one word as well.
        at++;
        continue;
      }
      if (code === Char.Semicolon || isBlank(code)) {
        break;
      }
      afterDollar = code === Char.Dollar;
      at += code === Char.Backslash ? 2 : 1;
    }
    at = Math.min(at, length);
    this.pos = at;
    const raw = text.slice(start, at);
    this.checkLength(raw, 0, start, at);
    return this.wordToken(raw, resolveEscapes(raw), false, start, at);
  }

  private readQuoted(start: number): Token {
    const { text } = this;
    const quote = text.charCodeAt(start);
    const close = this.findClosingQuote(start, quote);
    if (close < 0) {
      const end = nextLineBreak(this.text, start);
      const name = quote === Char.DoubleQuote ? '"' : "'";
      this.sink.report(`unterminated quoted string: missing closing ${name}`, start, end);
      this.pos = end;
      const raw = text.slice(start, end);
      const token = this.wordToken(raw, resolveEscapes(raw.slice(1)), true, start, end);
      token.endsDirective = true;
      return token;
    }
    const end = close + 1;
    this.pos = end;
    this.checkLength(text.slice(start + 1, close), 1, start, end);
    this.checkAfterQuote(end);
    const raw = text.slice(start, end);
    return this.wordToken(raw, resolveEscapes(raw.slice(1, -1)), true, start, end);
  }

  /**
   * A string that never closes is cut at the end of its line so the lines after it are still
   * checked. The failed scan to the end of the text happens at most once per kind of quote:
   * a later quote of that kind either closed this string or had a backslash just before it,
   * and a quote right after a backslash never starts a word, so it never opens a string.
   */
  private findClosingQuote(start: number, quote: number): number {
    const { text } = this;
    let at = start + 1;
    while (at < text.length) {
      const code = text.charCodeAt(at);
      if (code === quote) {
        return at;
      }
      at += code === Char.Backslash ? 2 : 1;
    }
    return -1;
  }

  private checkAfterQuote(at: number): void {
    if (at >= this.text.length) {
      return;
    }
    const code = this.text.charCodeAt(at);
    const allowed =
      isBlank(code) ||
      code === Char.Semicolon ||
      code === Char.OpenBrace ||
      code === Char.CloseBrace ||
      code === Char.CloseParen;
    if (!allowed) {
      const found = String.fromCodePoint(this.text.codePointAt(at) ?? code);
      this.sink.report(
        `unexpected "${found}" after a quoted string: nginx needs a space or ";" here`,
        at,
        at + found.length,
      );
    }
  }

  private checkLength(content: string, closingQuote: number, start: number, end: number): void {
    // Only a word of at least a third of the limit in UTF-16 units can reach it in bytes.
    if ((content.length + closingQuote) * 3 < WORD_BYTES_LIMIT) {
      return;
    }
    const bytes = utf8Length(content) + closingQuote;
    if (bytes >= WORD_BYTES_LIMIT) {
      this.sink.report(
        `word too long for nginx (${bytes} bytes): it rejects words of 4 KB or more` +
          ' with "too long parameter"',
        start,
        end,
      );
    }
  }

  private wordToken(
    raw: string,
    value: string,
    quoted: boolean,
    start: number,
    end: number,
  ): WordToken {
    const word: Word = {
      raw,
      value,
      span: this.lines.spanOf(start, end),
      quoted,
      variables: variablesIn(value),
    };
    return { kind: 'word', word, start, end, endsDirective: false };
  }
}
