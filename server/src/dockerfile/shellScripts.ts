import type { LineIndex } from '../core/lineIndex';
import {
  programName, programWords, splitCommands, type MappedText, type ShellWord, type SimpleCommand,
} from './shell';

export const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);

/** The document a RUN comes from, and whether its words are JSON strings (the exec form). */
export interface ScriptSource {
  text: string;
  index: LineIndex;
  escape: string;
  json: boolean;
}

/**
 * `sh -c 'script'` runs its script: its commands are read too, in the shell form as in the
 * exec form. The script is unquoted from the document text itself, so that each character keeps
 * its exact position across escapes such as `\"` and line continuations, and a fix that edits a
 * word inside the script edits that word.
 */
export function withShellScripts(commands: SimpleCommand[], source: ScriptSource):
  SimpleCommand[] {
  const scripts = commands.flatMap((command) => {
    const words = programWords(command);
    const dashC = words.findIndex((w) => w.value === '-c');
    const script = words[dashC + 1];
    if (dashC <= 0 || !SHELLS.has(programName(words) ?? '') || !script) return [];
    return splitCommands(unquoted(script, source));
  });
  return [...commands, ...scripts];
}

function unquoted(word: ShellWord, { text, index, escape, json }: ScriptSource): MappedText {
  const start = index.offsetAt(word.span.start);
  const end = index.offsetAt(word.span.end);
  let value = '';
  const offsets: number[] = [];
  let quote: string | undefined;
  for (let i = start; i < end; i++) {
    const c = text[i];
    const next = continuation(text, i, end, escape);
    if (next !== undefined) {
      i = next - 1;
    } else if (quote === undefined && (c === '"' || (c === "'" && !json))) {
      quote = c;
    } else if (c === quote) {
      quote = undefined;
    } else {
      const escaped = c === '\\' && quote !== "'" ? unescape(text, i, json, quote) : undefined;
      value += escaped?.char ?? c;
      offsets.push(i);
      i += (escaped?.length ?? 1) - 1;
    }
  }
  const after = offsets.length > 0 ? offsets[offsets.length - 1] + 1 : start;
  return { text: value, positionAt: (offset) => index.positionAt(offsets[offset] ?? after) };
}

/** Where the next line starts when `i` is the escape character ending a line, as in BuildKit. */
function continuation(text: string, i: number, end: number, escape: string): number | undefined {
  if (text[i] !== escape) return undefined;
  let j = i + 1;
  while (j < end && (text[j] === ' ' || text[j] === '\t')) j++;
  if (text[j] === '\r' && text[j + 1] === '\n') return j + 2;
  return text[j] === '\n' || text[j] === '\r' ? j + 1 : undefined;
}

const JSON_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b',
  f: '\f', n: '\n', r: '\r', t: '\t' };

/** The character a backslash sequence at `i` stands for, and the sequence's length. */
function unescape(text: string, i: number, json: boolean, quote: string | undefined):
  { char: string; length: number } | undefined {
  const next = text[i + 1];
  if (next === undefined) return undefined;
  if (json && next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
    return { char: String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16)), length: 6 };
  }
  if (json) return JSON_ESCAPES[next] === undefined ? undefined
    : { char: JSON_ESCAPES[next], length: 2 };
  // Inside double quotes the shell keeps a backslash except before " \ $ and `.
  if (quote === '"' && !'"\\$`'.includes(next)) return undefined;
  return { char: next, length: 2 };
}
