import type { RunInstruction } from '../dockerfile/model';
import { programName, programWords, type ShellWord } from '../dockerfile/shell';
import type { UserTable } from './users';

export interface CreatedHome {
  user: string;
  path: string;
}

/**
 * Records the users and groups a RUN creates (shadow's useradd/groupadd, BusyBox's and
 * Debian's adduser/addgroup), and the home folders they make, which their users can write.
 */
export function readUserCommands(run: RunInstruction, table: UserTable): CreatedHome[] {
  const homes: CreatedHome[] = [];
  for (const command of run.commands) {
    const words = programWords(command);
    const program = programName(words);
    const args = words.slice(1);
    if (program === 'useradd' || program === 'adduser') {
      const home = readUserAdd(program, args, table);
      if (home) homes.push(home);
    } else if (program === 'groupadd' || program === 'addgroup') {
      readGroupAdd(args, table);
    }
  }
  return homes;
}

const VALUE_OPTIONS = new Set(['-u', '--uid', '-g', '--gid', '-G', '--groups', '--ingroup',
  '-d', '--home', '--home-dir', '-h', '-s', '--shell', '-c', '--comment', '--gecos', '-k', '-K',
  '-e', '-f', '-p', '--password']);

function options(args: ShellWord[]): { values: Map<string, string>; flags: Set<string>;
  operands: string[] } {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i].value;
    const eq = word.indexOf('=');
    if (word.startsWith('--') && eq > 0) values.set(word.slice(0, eq), word.slice(eq + 1));
    else if (VALUE_OPTIONS.has(word) && i + 1 < args.length) values.set(word, args[++i].value);
    else if (word.startsWith('-')) flags.add(word);
    else operands.push(word);
  }
  return { values, flags, operands };
}

function readUserAdd(program: string, args: ShellWord[], table: UserTable):
  CreatedHome | undefined {
  const { values, flags, operands } = options(args);
  const name = operands[0];
  if (!name) return undefined;

  const uidText = values.get('-u') ?? values.get('--uid');
  const group = program === 'useradd'
    ? values.get('-g') ?? values.get('--gid')
    : values.get('-G') ?? values.get('--ingroup') ?? (flags.has('--group') ? name : undefined);
  table.addUser({
    name,
    uid: uidText !== undefined && /^\d+$/.test(uidText) ? Number(uidText) : undefined,
    group: group !== undefined && !/^\d+$/.test(group) ? group : undefined,
    gid: group !== undefined && /^\d+$/.test(group) ? Number(group) : undefined,
  });

  const home = values.get('-d') ?? values.get('--home-dir') ?? values.get('--home') ??
    values.get('-h') ?? `/home/${name}`;
  // useradd makes a home only with -m; BusyBox adduser makes one unless -H; Debian's adduser
  // makes one except for --system users without --home.
  const makesHome = program === 'useradd'
    ? flags.has('-m') || flags.has('--create-home')
    : !flags.has('-H') && !flags.has('--no-create-home') &&
      !(flags.has('--system') && !values.has('--home'));
  return makesHome ? { user: name, path: home } : undefined;
}

function readGroupAdd(args: ShellWord[], table: UserTable): void {
  const { values, operands } = options(args);
  // `addgroup USER GROUP` adds an existing user to a group; it creates nothing.
  if (operands.length !== 1) return;
  const gid = values.get('-g') ?? values.get('--gid');
  table.addGroup(operands[0], gid !== undefined && /^\d+$/.test(gid) ? Number(gid) : undefined);
}
