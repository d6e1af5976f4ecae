import {
  DockerfileParser,
  type Arg,
  type Copy,
  type Env,
  type Flag,
  type From,
  type Instruction,
  type JSONInstruction,
} from 'dockerfile-ast';
import { findBinaryContent } from '../core/binary';
import { LineIndex } from '../core/lineIndex';
import type { Span } from '../core/span';
import type {
  CopyInstruction,
  DockerfileModel,
  Stage,
  Value,
  VariableDefinition,
} from './model';
import { jsonWords } from './jsonForm';
import { parseExposedPort } from './ports';
import { runCommands } from './runCommands';
import { expand } from './variables';

/** The mutable state of one stage while its instructions are read in order. */
interface StageReader {
  stage: Stage;
  scope: Map<string, string | undefined>;
  workdir: string;
  buildUser: string | undefined;
  /** The last ARG/ENV definition per name, in the order of last definition. */
  definitions: Map<string, VariableDefinition>;
}

/** Reads a Dockerfile into the model the rules use. Never throws on any text. */
export function parseDockerfile(source: string, file: string): DockerfileModel {
  const text = source.startsWith('\ufeff') ? source.slice(1) : source;
  const binaryAt = findBinaryContent(text);
  if (binaryAt >= 0) return binaryModel(text, file, binaryAt);
  const ast = DockerfileParser.parse(text);
  const index = new LineIndex(text);
  const escape = ast.getEscapeCharacter();
  const model: DockerfileModel = {
    file, stages: [], target: undefined, globals: [], escape, problems: [],
    comments: ast.getComments().map((c) => ({ text: c.getContent(), span: c.getRange() })),
    lineCount: index.lineCount,
  };
  const globalScope = new Map<string, string | undefined>();
  // The first stage of each name, as `FROM <name>` finds it: a scan per FROM grew with the
  // square of the stage count.
  const stagesByName = new Map<string, Stage>();
  let reader: StageReader | undefined;

  for (const instruction of ast.getInstructions()) {
    const keyword = instruction.getKeyword();
    if (keyword === 'FROM') {
      if (reader) finishStage(reader);
      reader = startStage(instruction as From, model, globalScope, stagesByName);
      model.stages.push(reader.stage);
      const { name } = reader.stage;
      if (name !== undefined && !stagesByName.has(name)) stagesByName.set(name, reader.stage);
    } else if (!reader) {
      if (keyword === 'ARG') readGlobalArg(instruction as Arg, model, globalScope);
      else model.problems.push(beforeFrom(instruction));
    } else {
      readInstruction(instruction, reader, { text, index, escape, globalScope });
      reader.stage.span = { start: reader.stage.span.start, end: instruction.getRange().end };
    }
  }
  if (reader) finishStage(reader);

  model.target = model.stages[model.stages.length - 1];
  if (!model.target) {
    model.problems.push({
      message: 'This Dockerfile has no FROM instruction, so it builds no image.',
      span: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    });
  }
  return model;
}

function finishStage(reader: StageReader): void {
  reader.stage.definitions = [...reader.definitions.values()];
}

interface ReadContext {
  text: string;
  index: LineIndex;
  escape: string;
  globalScope: Map<string, string | undefined>;
}

function readInstruction(instruction: Instruction, reader: StageReader, ctx: ReadContext): void {
  const { stage } = reader;
  const span = instruction.getRange();
  switch (instruction.getKeyword()) {
    case 'ARG':
      for (const p of (instruction as Arg).getProperties()) {
        const declared = p.getValue();
        const value = declared === null ? ctx.globalScope.get(p.getName()) : declared;
        const expanded = value === undefined ? undefined : expand(value, reader.scope).value;
        reader.scope.set(p.getName(), expanded);
        define(reader, { name: p.getName(), kind: 'ARG', value: expanded,
          valueSpan: p.getValueRange() ?? undefined });
      }
      break;
    case 'ENV':
      for (const p of (instruction as Env).getProperties()) {
        const value = expand(p.getValue() ?? '', reader.scope).value;
        reader.scope.set(p.getName(), value);
        stage.env.set(p.getName(), value);
        define(reader, { name: p.getName(), kind: 'ENV', value,
          valueSpan: p.getValueRange() ?? undefined });
      }
      break;
    case 'USER': {
      const value = argumentsValue(instruction, reader);
      if (!value) break;
      stage.users.push({ keywordSpan: instruction.getInstructionRange(), span, value });
      reader.buildUser = value.value;
      break;
    }
    case 'EXPOSE':
      readExpose(instruction, reader);
      break;
    case 'RUN': {
      const { commands, isExecForm } = runCommands(instruction as JSONInstruction, ctx.text,
        ctx.index, ctx.escape);
      stage.runs.push({ span, commands, isExecForm, buildUser: reader.buildUser });
      break;
    }
    case 'COPY':
    case 'ADD':
      stage.copies.push(readCopy(instruction as Copy, reader, ctx));
      break;
    case 'WORKDIR': {
      const dir = argumentsValue(instruction, reader)?.value;
      if (dir) reader.workdir = dir.startsWith('/') ? dir : joinPath(reader.workdir, dir);
      break;
    }
    case 'CMD':
    case 'ENTRYPOINT':
      stage.firstCommand ??= span;
      break;
    case 'HEALTHCHECK':
      stage.healthchecks.push({ span, words: instruction.getArguments().map((a) =>
        expand(a.getValue(), reader.scope).value) });
      break;
    default:
      // ONBUILD triggers run in images built FROM this one, never in this image itself.
      break;
  }
}

function startStage(from: From, model: DockerfileModel, globals: Map<string, string | undefined>,
  stagesByName: Map<string, Stage>): StageReader {
  const args = from.getArguments().filter((a) => !a.getValue().startsWith('--'));
  const imageArg = args[0];
  const span = from.getRange();
  const base: Value = imageArg
    ? valueOf(imageArg.getValue(), imageArg.getRange(), globals)
    : { raw: '', value: '', span, unresolved: [], used: [] };
  const name = args.length >= 3 && args[1].getValue().toUpperCase() === 'AS'
    ? args[2].getValue().toLowerCase() : undefined;
  const parent = stagesByName.get(base.value.toLowerCase());

  const stage: Stage = {
    index: model.stages.length, name, fromSpan: span, base, span,
    parentStage: parent?.index,
    users: [], exposes: [], runs: [], copies: [], healthchecks: [], definitions: [],
    firstCommand: undefined,
    env: new Map(parent?.env ?? []),
  };
  return { stage, scope: new Map(stage.env), workdir: '/', buildUser: undefined,
    definitions: new Map() };
}

function readGlobalArg(arg: Arg, model: DockerfileModel, scope: Map<string, string | undefined>):
  void {
  for (const p of arg.getProperties()) {
    const raw = p.getValue();
    const value = raw === null ? undefined : expand(raw, scope).value;
    scope.set(p.getName(), value);
    model.globals.push({ name: p.getName(), kind: 'ARG', value,
      valueSpan: p.getValueRange() ?? undefined });
  }
}

function readExpose(instruction: Instruction, reader: StageReader): void {
  const entry = { span: instruction.getRange(), ports: [], malformed: [] } as
    Stage['exposes'][number];
  for (const arg of instruction.getArguments()) {
    const value = valueOf(arg.getValue(), arg.getRange(), reader.scope);
    for (const part of splitExpanded(value)) {
      const port = parseExposedPort(part);
      if (port) entry.ports.push(port);
      else if (part.unresolved.length === 0) entry.malformed.push(part);
    }
  }
  reader.stage.exposes.push(entry);
}

/** `EXPOSE $PORTS` with `PORTS="80 443"` exposes two ports from one argument. */
function splitExpanded(value: Value): Value[] {
  const parts = value.value.trim().split(/\s+/).filter(Boolean);
  if (parts.length <= 1) return [value];
  return parts.map((part) => ({ ...value, value: part }));
}

function readCopy(copy: Copy, reader: StageReader, ctx: ReadContext): CopyInstruction {
  const flags = copy.getFlags();
  const flag = (name: string): string | undefined =>
    flags.find((f: Flag) => f.getName().toLowerCase() === name)?.getValue() ?? undefined;
  const words = jsonWords(copy, ctx.text, ctx.index) ??
    copy.getArguments().map((a) => ({ value: a.getValue(), span: a.getRange() }));
  const values = words.map((w) => valueOf(w.value, w.span, reader.scope));
  const chown = flag('chown');
  return {
    keyword: copy.getKeyword() === 'ADD' ? 'ADD' : 'COPY',
    span: copy.getRange(),
    sources: values.slice(0, -1),
    destination: values.length > 1 ? values[values.length - 1] : undefined,
    from: flag('from'),
    chown: chown === undefined ? undefined : expand(chown, reader.scope).value,
    chmod: flag('chmod'),
    workdir: reader.workdir,
  };
}

function argumentsValue(instruction: Instruction, reader: StageReader): Value | undefined {
  const range = instruction.getArgumentsRange();
  const raw = instruction.getArgumentsContent();
  if (!range || raw === null) return undefined;
  return valueOf(raw.trim(), range, reader.scope);
}

function valueOf(raw: string, span: Span, scope: Map<string, string | undefined>): Value {
  const { value, unresolved, used } = expand(raw, scope);
  return { raw, value, span, unresolved, used };
}

/**
 * A redefinition replaces the earlier one and moves to the end. A Map: filtering the array on
 * each definition grew with the square of a stage's ARG/ENV count.
 */
function define(reader: StageReader, definition: VariableDefinition): void {
  reader.definitions.delete(definition.name);
  reader.definitions.set(definition.name, definition);
}

/** A binary file is one problem, not one per garbage line: it is not a Dockerfile at all. */
function binaryModel(text: string, file: string, at: number): DockerfileModel {
  const index = new LineIndex(text);
  const start = index.positionAt(at);
  return {
    file, stages: [], target: undefined, globals: [], escape: '\\', comments: [],
    lineCount: index.lineCount,
    problems: [{ message: 'This does not look like a Dockerfile (binary content).',
      span: { start, end: { line: start.line, character: start.character + 1 } } }],
  };
}

/** Instruction text in a message, with control characters shown, never sent to a terminal. */
function printable(text: string): string {
  const shown = text.replace(/[\u0000-\u001f\u007f-\u009f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return shown.length > 40 ? `${shown.slice(0, 40)}…` : shown;
}

function beforeFrom(instruction: Instruction): { message: string; span: Span } {
  return {
    message: `${printable(instruction.getKeyword())} comes before the first FROM; only ARG may.`,
    span: instruction.getInstructionRange(),
  };
}

function joinPath(dir: string, rel: string): string {
  return `${dir.replace(/\/+$/, '')}/${rel}`;
}
