import type { Heredoc, Instruction, JSONInstruction } from 'dockerfile-ast';
import type { LineIndex } from '../core/lineIndex';
import type { Span } from '../core/span';
import { joinContinuations } from './continuations';
import { jsonWords } from './jsonForm';
import { splitCommands, programName, type MappedText, type SimpleCommand } from './shell';
import { SHELLS, withShellScripts } from './shellScripts';

const HEREDOC_MARKER = /<<-?\s*(["']?)[A-Za-z_][A-Za-z0-9_]*\1/g;

/**
 * The commands a RUN executes. The shell form and `sh -c` strings are read as shell; a heredoc
 * body is a script only when the heredoc is the command itself (`RUN <<EOF`) or feeds a shell
 * (`RUN bash <<EOF`); otherwise it is data, such as a file written with `cat <<EOF > f`.
 */
export function runCommands(
  run: JSONInstruction,
  text: string,
  index: LineIndex,
  escape: string,
): { commands: SimpleCommand[]; isExecForm: boolean } {
  const json = jsonWords(run, text, index);
  if (json) {
    return { commands: withShellScripts([{ words: json }], { text, index, escape, json: true }),
      isExecForm: true };
  }

  // dockerfile-ast scans the instruction's text again on every call that needs its
  // arguments (getArgumentsRange, getHeredocs...): one call here, and the range from it.
  const args = run.getArguments();
  if (args.length === 0) return { commands: [], isExecForm: false };
  const argsRange = { start: args[0].getRange().start, end: args[args.length - 1].getRange().end };

  const heredocs = mayHaveHeredoc(run, text, index) ? headedHeredocs(run) : [];
  const lineEnd = heredocs.length > 0 ? heredocs[0].getStartRange().end : argsRange.end;
  const line = blankOut(joinContinuations(text, index, { start: afterFlags(run, argsRange),
    end: maxPosition(lineEnd, heredocs) }, escape), HEREDOC_MARKER);
  const commands = withShellScripts(splitCommands(line), { text, index, escape, json: false });

  const first = commands[0];
  const bodyIsScript = heredocs.length > 0 &&
    (first === undefined || SHELLS.has(programName(first.words) ?? ''));
  if (bodyIsScript) {
    for (const heredoc of heredocs) commands.push(...heredocBody(heredoc, text, index));
  }
  return { commands, isExecForm: false };
}

/** No heredoc without `<<`: a RUN without one is spared getHeredocs' scan of its text. */
function mayHaveHeredoc(run: Instruction, text: string, index: LineIndex): boolean {
  const { start, end } = run.getRange();
  const from = index.offsetAt(start);
  const at = text.indexOf('<<', from);
  return at >= 0 && at < index.offsetAt(end);
}

function headedHeredocs(run: JSONInstruction): Heredoc[] {
  const withHeredocs = run as unknown as { getHeredocs?: () => Heredoc[] };
  return withHeredocs.getHeredocs ? withHeredocs.getHeredocs() : [];
}

function heredocBody(heredoc: Heredoc, text: string, index: LineIndex): SimpleCommand[] {
  const content = heredoc.getContentRange();
  if (!content) return [];
  const start = index.offsetAt(content.start);
  const end = index.offsetAt(content.end);
  return splitCommands({
    text: text.slice(start, end),
    positionAt: (offset) => index.positionAt(start + offset),
  });
}

function afterFlags(run: Instruction, argsRange: Span): Span['start'] {
  const flagged = run as unknown as { getFlags?: () => { getRange(): Span }[] };
  const flags = flagged.getFlags ? flagged.getFlags() : [];
  return flags.length > 0 ? flags[flags.length - 1].getRange().end : argsRange.start;
}

function maxPosition(lineEnd: Span['end'], heredocs: Heredoc[]): Span['end'] {
  if (heredocs.length === 0) return lineEnd;
  return { line: lineEnd.line, character: Number.MAX_SAFE_INTEGER };
}

/** Replaces matches with spaces, keeping every other character's position. */
function blankOut(source: MappedText, pattern: RegExp): MappedText {
  return { ...source, text: source.text.replace(pattern, (m) => ' '.repeat(m.length)) };
}
