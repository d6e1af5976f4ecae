/**
 * Decides whether a text is binary rather than a configuration, and where that shows first.
 * A NUL never appears in a real config (nginx stops reading a word at it), so one is enough.
 * Without a NUL, random bytes still give themselves away by the share of control characters
 * and U+FFFD (what invalid UTF-8 decodes to); a real config has almost none.
 * Returns the offset of the first suspicious character, or -1 for a plain text.
 */
export function findBinaryContent(text: string): number {
  const firstNul = text.indexOf('\0');
  if (firstNul >= 0) {
    return firstNul;
  }
  // A single character class cannot backtrack; it finds the common case (none) natively.
  const first = text.search(SUSPICIOUS);
  if (first < 0) {
    return -1;
  }
  let suspicious = 0;
  for (let at = first; at < text.length; at++) {
    if (isSuspicious(text.charCodeAt(at))) {
      suspicious++;
    }
  }
  return suspicious * SUSPICIOUS_SHARE_DIVISOR > text.length ? first : -1;
}

/** More than one character in ten being suspicious is far beyond any hand-written config. */
const SUSPICIOUS_SHARE_DIVISOR = 10;

/** C0 controls other than tab, LF, FF and CR; DEL; and the replacement character. */
const SUSPICIOUS = /[\x01-\x08\x0b\x0e-\x1f\x7f\ufffd]/;

function isSuspicious(code: number): boolean {
  const control = code < 32 && code !== 9 && code !== 10 && code !== 12 && code !== 13;
  return control || code === 127 || code === 0xfffd;
}
