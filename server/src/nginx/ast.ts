import type { Span } from '../core/span';

/**
 * One word of a directive: its raw text as written and its value as nginx reads it
 * (quotes removed, escapes resolved). Variables (`$host`, `${host}`) stay in the value.
 */
export interface Word {
  raw: string;
  value: string;
  span: Span;
  quoted: boolean;
  /** Names of the variables the word uses, without `$` or braces. */
  variables: string[];
}

export interface Directive {
  name: string;
  nameSpan: Span;
  args: Word[];
  /** From the first character of the name to the `;`, or to the closing `}` of the block. */
  span: Span;
  /** Present when the directive opens a block, even an empty or unterminated one. */
  block?: Block;
}

export interface Block {
  /** From `{` to `}` inclusive (to the end of the text when the block is never closed). */
  span: Span;
  /** Where the inside begins, just after `{`: inserting here adds a first child. */
  bodyStart: { line: number; character: number };
  children: Directive[];
  /**
   * Bodies nginx does not parse as directives (`*_by_lua_block`, and the like) keep
   * their text here and have no children.
   */
  rawBody?: string;
}

export interface Comment {
  text: string;
  span: Span;
}

export interface NginxSyntaxError {
  message: string;
  span: Span;
}

export interface NginxConfig {
  file: string;
  directives: Directive[];
  comments: Comment[];
  errors: NginxSyntaxError[];
  /** A main config has a top-level `events` block; anything else is a fragment. */
  isMain: boolean;
}
