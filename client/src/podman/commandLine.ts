/**
 * A command line for people to read and copy into a POSIX shell: each argument as is when it is
 * plainly safe, else in single quotes. Only for display and logs; podman itself is always run
 * with the argument array.
 */
export function commandLine(argv: string[]): string {
  return argv.map(quoteArgument).join(' ');
}

export function quoteArgument(arg: string): string {
  if (/^[\w@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}
