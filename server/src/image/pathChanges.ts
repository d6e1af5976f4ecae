import type { Span } from '../core/span';
import type { CopyInstruction, RunInstruction } from '../dockerfile/model';
import { programName, programWords, type ShellWord } from '../dockerfile/shell';
import { parseUserSpec } from './users';

/**
 * One change a build step makes to who may write a path. Applied in build order, they tell
 * whether the runtime user can write the pid file, temp folders and logs nginx needs.
 */
export interface PathChange {
  path: string;
  /** Applies to everything below `path` too (`chmod -R`, `chown -R`, a copied folder). */
  recursive: boolean;
  owner?: string;
  group?: string;
  mode?: ModeChange;
  /** A link to /dev/stdout or /dev/stderr: writable by anyone, whoever owns it. */
  device?: boolean;
  span: Span;
}

/** Write permission per class; undefined leaves that class as it was. */
export interface ModeChange {
  owner?: boolean;
  group?: boolean;
  other?: boolean;
}

export function runChanges(run: RunInstruction, buildUser: string): PathChange[] {
  const changes: PathChange[] = [];
  for (const command of run.commands) {
    const words = programWords(command);
    const program = programName(words);
    const args = words.slice(1);
    const read = program ? READERS[program] : undefined;
    if (read) changes.push(...read(args, run.span, buildUser));
  }
  return changes;
}

type Reader = (args: ShellWord[], span: Span, buildUser: string) => PathChange[];

const READERS: Record<string, Reader> = {
  chmod: (args, span) => {
    const { flags, operands } = splitOptions(args);
    const [mode, ...paths] = operands;
    const change = mode === undefined ? undefined : parseMode(mode);
    if (!change) return [];
    return paths.map((path) => ({ path, recursive: isRecursive(flags), mode: change, span }));
  },
  chown: (args, span) => {
    const { flags, operands } = splitOptions(args);
    const [spec, ...paths] = operands;
    if (spec === undefined) return [];
    const { user, group } = parseUserSpec(spec.startsWith(':') ? `:${spec.slice(1)}` : spec);
    const owner = user === '' ? undefined : user;
    const ownerGroup = group ?? (spec.endsWith(':') ? owner : undefined);
    return paths.map((path) => ({ path, recursive: isRecursive(flags), owner,
      group: ownerGroup, span }));
  },
  chgrp: (args, span) => {
    const { flags, operands } = splitOptions(args);
    const [group, ...paths] = operands;
    return paths.map((path) => ({ path, recursive: isRecursive(flags), group, span }));
  },
  mkdir: (args, span, buildUser) => created(args, span, buildUser, ['-m', '--mode']),
  touch: (args, span, buildUser) => created(args, span, buildUser, []),
  install: (args, span, buildUser) => {
    const { operands, values } = splitOptions(args, ['-o', '-g', '-m', '--owner', '--group',
      '--mode']);
    if (!args.some((a) => a.value === '-d' || a.value === '--directory')) return [];
    const mode = values.get('-m') ?? values.get('--mode');
    return operands.map((path) => ({
      path, recursive: false, span,
      owner: values.get('-o') ?? values.get('--owner') ?? buildUser,
      group: values.get('-g') ?? values.get('--group'),
      mode: mode === undefined ? undefined : parseMode(mode),
    }));
  },
  ln: (args, span) => {
    const { operands } = splitOptions(args);
    const [target, link] = operands;
    if (target === undefined || link === undefined || !isOutputDevice(target)) return [];
    return [{ path: link, recursive: false, device: true, span }];
  },
};

/** Files and folders made by a RUN belong to the user that RUN runs as. */
function created(args: ShellWord[], span: Span, buildUser: string, modeOptions: string[]):
  PathChange[] {
  const { operands, values } = splitOptions(args, modeOptions);
  const modeText = modeOptions.map((o) => values.get(o)).find((v) => v !== undefined);
  const mode = modeText === undefined ? undefined : parseMode(modeText);
  return operands.map((path) => ({ path, recursive: false, owner: buildUser, mode, span }));
}

export function isOutputDevice(path: string): boolean {
  return /^\/dev\/(stdout|stderr|null)$|^\/proc\/self\/fd\/[12]$/.test(path);
}

export function copyChanges(copy: CopyInstruction, imagePaths: string[]): PathChange[] {
  if (copy.chown === undefined && copy.chmod === undefined) return [];
  const { user, group } = parseUserSpec(copy.chown ?? '');
  const mode = copy.chmod === undefined ? undefined : parseMode(copy.chmod);
  return imagePaths.map((path) => ({
    path, recursive: true, span: copy.span, mode,
    owner: copy.chown === undefined ? undefined : user,
    group: copy.chown === undefined ? undefined : group ?? user,
  }));
}

function isRecursive(flags: string[]): boolean {
  return flags.some((f) => f === '--recursive' || (/^-[A-Za-z]+$/.test(f) && f.includes('R')));
}

/** Separates options from operands; options in `withValue` take the next word as value. */
function splitOptions(args: ShellWord[], withValue: string[] = []):
  { flags: string[]; operands: string[]; values: Map<string, string> } {
  const flags: string[] = [];
  const operands: string[] = [];
  const values = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const word = args[i].value;
    const eq = word.indexOf('=');
    if (word.startsWith('--') && eq > 0 && withValue.includes(word.slice(0, eq))) {
      values.set(word.slice(0, eq), word.slice(eq + 1));
    } else if (withValue.includes(word) && i + 1 < args.length) {
      values.set(word, args[++i].value);
    } else if (word.startsWith('-') && word.length > 1 && operands.length === 0) {
      flags.push(word);
    } else {
      operands.push(word);
    }
  }
  return { flags, operands, values };
}

/**
 * Reads a chmod mode for write permission only: octal (`777`, `0775`) or symbolic
 * (`a+w`, `o+w`, `g+rwX`, `u=rwx,go=rx`). Execute and read bits do not matter to writing.
 */
export function parseMode(mode: string): ModeChange | undefined {
  if (/^[0-7]{3,4}$/.test(mode)) {
    const digits = mode.slice(-3).split('').map(Number);
    return { owner: (digits[0] & 2) !== 0, group: (digits[1] & 2) !== 0,
      other: (digits[2] & 2) !== 0 };
  }
  const change: ModeChange = {};
  for (const clause of mode.split(',')) {
    const match = /^([ugoa]*)([+=-])([rwxXst]*)$/.exec(clause);
    if (!match) return undefined;
    const [, who, op, perms] = match;
    const grants = op === '-' ? false : perms.includes('w');
    if (op === '+' && !perms.includes('w')) continue;
    // A bare `+w` follows the umask, which normally keeps group and others read-only.
    const classes = who === '' ? 'u' : who.replace('a', 'ugo');
    if (classes.includes('u')) change.owner = grants;
    if (classes.includes('g')) change.group = grants;
    if (classes.includes('o')) change.other = grants;
  }
  return change;
}
