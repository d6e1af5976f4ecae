import type { Span } from '../core/span';

/**
 * A small reading of POSIX shell, enough to know which program each simple command runs and
 * with which words. It is not a shell: it keeps quotes out of words, splits at `;`, `&&`, `||`,
 * `|`, `&`, newlines, parentheses and backquotes, and drops `#` comments. That is what lets
 * `sudo` in `echo "sudo"` or `apt-get install sudo` be told apart from `sudo` the command.
 */
export interface ShellWord {
  /** The word with quotes removed. */
  value: string;
  span: Span;
}

export interface SimpleCommand {
  words: ShellWord[];
}

/**
 * A piece of document text with the document position of each of its characters, so that
 * text joined across line continuations still maps back to exact ranges.
 */
export interface MappedText {
  text: string;
  positionAt(offset: number): { line: number; character: number };
}

const OPERATOR_CHARS = new Set([';', '&', '|', '(', ')', '`', '\n']);

export function splitCommands(source: MappedText): SimpleCommand[] {
  const commands: SimpleCommand[] = [];
  let current: ShellWord[] = [];
  const { text } = source;
  let i = 0;

  const endCommand = (): void => {
    if (current.length > 0) commands.push({ words: current });
    current = [];
  };

  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (OPERATOR_CHARS.has(c)) {
      endCommand();
      i++;
    } else if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else {
      const word = readWord(text, i);
      current.push({
        value: word.value,
        span: { start: source.positionAt(i), end: source.positionAt(word.end) },
      });
      i = word.end;
    }
  }
  endCommand();
  return commands;
}

function readWord(text: string, start: number): { value: string; end: number } {
  let value = '';
  let i = start;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r' || OPERATOR_CHARS.has(c)) break;
    if (c === '\\' && i + 1 < text.length) {
      value += text[i + 1];
      i += 2;
    } else if (c === "'") {
      const close = text.indexOf("'", i + 1);
      const end = close < 0 ? text.length : close;
      value += text.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      const quoted = readDoubleQuoted(text, i + 1);
      value += quoted.value;
      i = quoted.end + 1;
    } else {
      value += c;
      i++;
    }
  }
  return { value, end: Math.min(i, text.length) };
}

function readDoubleQuoted(text: string, start: number): { value: string; end: number } {
  let value = '';
  let i = start;
  while (i < text.length && text[i] !== '"') {
    if (text[i] === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1])) {
      value += text[i + 1];
      i += 2;
    } else {
      value += text[i];
      i++;
    }
  }
  return { value, end: i };
}

/** Wrappers whose first operand is itself the command run, as `sudo` or `xargs` would. */
const WRAPPERS = new Set(['exec', 'nohup', 'time', 'command', 'nice', 'xargs', 'env', 'then',
  'do', 'else', 'if', 'while', 'until', '!']);

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/**
 * The words of a command from the program it runs: leading `VAR=value` assignments and
 * wrappers such as `exec` or `env` are stepped over, because `FOO=1 sudo x` still runs sudo.
 */
export function programWords(command: SimpleCommand): ShellWord[] {
  let i = 0;
  while (i < command.words.length) {
    const word = command.words[i].value;
    if (ASSIGNMENT.test(word) || WRAPPERS.has(word)) {
      i++;
    } else if (word.startsWith('-') && i > 0 && WRAPPERS.has(command.words[i - 1].value)) {
      i++;
    } else {
      break;
    }
  }
  return command.words.slice(i);
}

/** The program name without its directory: `/usr/bin/sudo` runs sudo too. */
export function programName(words: ShellWord[]): string | undefined {
  const first = words[0]?.value;
  return first === undefined ? undefined : first.slice(first.lastIndexOf('/') + 1);
}
