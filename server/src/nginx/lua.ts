import { Char, nextLineBreak } from './chars';

/**
 * Finds the `}` that closes a `*_by_lua_block` body, starting just after its `{`. The body is
 * Lua, so braces inside Lua strings and comments must not count: `ngx.say("}")` is common.
 * Returns the offset of the closing brace, or -1 when the text ends first.
 *
 * A short string that reaches the end of its line is treated as ended there (Lua rejects it
 * anyway), so one broken quote cannot hide the rest of the file inside the body.
 */
export function findLuaBodyEnd(text: string, bodyStart: number): number {
  let depth = 1;
  let at = bodyStart;
  while (at < text.length) {
    const code = text.charCodeAt(at);
    if (code === Char.OpenBrace) {
      depth++;
      at++;
    } else if (code === Char.CloseBrace) {
      depth--;
      if (depth === 0) {
        return at;
      }
      at++;
    } else if (code === Char.DoubleQuote || code === Char.SingleQuote) {
      at = skipShortString(text, at);
    } else if (code === Char.Minus && text.charCodeAt(at + 1) === Char.Minus) {
      at = skipComment(text, at + 2);
    } else if (code === Char.OpenBracket) {
      at = skipLongBracketOrChar(text, at);
    } else {
      at++;
    }
  }
  return -1;
}

function skipShortString(text: string, quoteAt: number): number {
  const quote = text.charCodeAt(quoteAt);
  let at = quoteAt + 1;
  while (at < text.length) {
    const code = text.charCodeAt(at);
    if (code === Char.Backslash) {
      at += 2;
    } else if (code === quote) {
      return at + 1;
    } else if (code === Char.LF || code === Char.CR) {
      return at;
    } else {
      at++;
    }
  }
  return text.length;
}

/** `from` is just after `--`; a long bracket there makes a block comment. */
function skipComment(text: string, from: number): number {
  const level = longBracketLevel(text, from);
  if (level >= 0) {
    return skipLongBracketBody(text, from + level + 2, level);
  }
  return nextLineBreak(text, from);
}

function skipLongBracketOrChar(text: string, bracketAt: number): number {
  const level = longBracketLevel(text, bracketAt);
  return level < 0 ? bracketAt + 1 : skipLongBracketBody(text, bracketAt + level + 2, level);
}

/** The number of `=` in an opening long bracket `[==[` at `at`, or -1 if there is none. */
function longBracketLevel(text: string, at: number): number {
  if (text.charCodeAt(at) !== Char.OpenBracket) {
    return -1;
  }
  let level = 0;
  while (text.charCodeAt(at + 1 + level) === Char.Equals) {
    level++;
  }
  return text.charCodeAt(at + 1 + level) === Char.OpenBracket ? level : -1;
}

/** Returns the offset after the closing `]==]` of the given level, or the end of the text. */
function skipLongBracketBody(text: string, from: number, level: number): number {
  let at = text.indexOf(']', from);
  while (at >= 0) {
    let equals = 0;
    while (text.charCodeAt(at + 1 + equals) === Char.Equals) {
      equals++;
    }
    const after = at + 1 + equals;
    if (equals === level && text.charCodeAt(after) === Char.CloseBracket) {
      return after + 1;
    }
    at = text.indexOf(']', after);
  }
  return text.length;
}
