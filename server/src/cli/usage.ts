// Bad usage, answered the same way by every subcommand: the reason, then the command's help, on
// stderr, and exit status 2. A name outside podman's grammar is bad usage too: it is refused
// before any program runs.
import { InvalidNameError } from '../../../client/src/podman/reference';
import type { Io } from './main';

export class UsageError extends Error {}

/** Whether an error means the command line was wrong. */
export function isUsageError(error: unknown): error is Error {
  return error instanceof UsageError || error instanceof InvalidNameError ||
    isParseArgsError(error);
}

/** Prints the reason and the help; returns the exit status for bad usage. */
export function badUsage(io: Io, command: string, error: Error, help: string): number {
  io.err(`${command}: ${error.message}\n\n${help}`);
  return 2;
}

/** `--format` of the report commands. */
export function textOrJson(format: string): 'text' | 'json' {
  if (format !== 'text' && format !== 'json') {
    throw new UsageError(`--format must be text or json, not "${format}"`);
  }
  return format;
}

/** node:util's parseArgs throws TypeErrors with ERR_PARSE_ARGS_* codes for unknown options. */
function isParseArgsError(error: unknown): boolean {
  return error instanceof TypeError && 'code' in error &&
    String((error as { code: unknown }).code).startsWith('ERR_PARSE_ARGS');
}
