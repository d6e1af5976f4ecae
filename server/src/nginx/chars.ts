/** UTF-16 code units the nginx and Lua scanners branch on. */
export const Char = {
  Tab: 9,
  LF: 10,
  CR: 13,
  Space: 32,
  DoubleQuote: 34,
  Hash: 35,
  Dollar: 36,
  SingleQuote: 39,
  CloseParen: 41,
  Minus: 45,
  Semicolon: 59,
  Equals: 61,
  OpenBracket: 91,
  Backslash: 92,
  CloseBracket: 93,
  OpenBrace: 123,
  CloseBrace: 125,
} as const;

/** nginx separates words with these four only; a form feed or NBSP is part of a word. */
export function isBlank(code: number): boolean {
  return code === Char.Space || code === Char.Tab || code === Char.LF || code === Char.CR;
}

/** The offset of the next line break (LF or CR) at or after `from`, or the text's end. */
export function nextLineBreak(text: string, from: number): number {
  let at = from;
  while (at < text.length) {
    const code = text.charCodeAt(at);
    if (code === Char.LF || code === Char.CR) return at;
    at++;
  }
  return at;
}

/** Bytes the text takes in UTF-8, which is what nginx's limits count. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code < 0x80) {
      bytes += 1;
    } else if (code < 0x800) {
      bytes += 2;
    } else if (isHighSurrogate(code) && isLowSurrogate(text.charCodeAt(at + 1))) {
      bytes += 4;
      at++;
    } else {
      bytes += 3;
    }
  }
  return bytes;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
