// The one place where Rootguard starts a process (podman, gpg, skopeo, id, getcap): always with
// an argument array, never through a shell, so a docker reference or a path can never become a
// second command or an option of another one.
import { spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';

export interface ProgramOptions {
  /** Extra environment, e.g. GNUPGHOME; merged over this process's environment. */
  env?: Record<string, string | undefined>;
  /** Written to the program's standard input, then closed; never logged. */
  input?: string | Uint8Array;
  /**
   * Receives each command as its argument list before it runs. Input and output are never
   * passed on: that is where a passphrase or key material could be.
   */
  log?: (line: string) => void;
  /** Kills the program (SIGTERM) after this long; its exit status is then 124. */
  timeoutMs?: number;
  /** Aborting kills the program (SIGTERM) and rejects with ProgramCancelled. */
  signal?: AbortSignal;
  /** Output as it arrives, for builds and other long commands. */
  onOutput?: (text: string, stream: 'stdout' | 'stderr') => void;
  /** What to tell the user when the program is not installed (or not where a setting says). */
  whenMissing?: () => { advice: string; hint?: string };
}

/** How a program ended: a non-zero status is a result, its stderr says why. */
export interface ProgramExit {
  code: number;
  /** Bytes, since some output is binary (`gpg --export`). */
  stdout: Buffer;
  stderr: string;
}

export interface ProgramResult {
  stdout: Buffer;
  stderr: string;
}

/** A problem with an external program, in the user's terms, with what to do about it. */
export class ProgramError extends Error {
  constructor(message: string, readonly hint = '') {
    super(message);
    this.name = 'ProgramError';
  }
}

/** The program is not installed, or not where the setting says. */
export class ProgramMissingError extends ProgramError {
  constructor(readonly program: string, message: string, hint = '') {
    super(message, hint);
    this.name = 'ProgramMissingError';
  }
}

/** The program exited with a non-zero status; `stderr` carries its own explanation. */
export class ProgramFailedError extends ProgramError {
  constructor(readonly program: string, readonly exitCode: number | null, readonly stderr: string) {
    super(`${program} failed${exitCode === null ? '' : ` (exit ${exitCode})`}: ` +
      `${lastLines(stderr) || 'no message'}`);
    this.name = 'ProgramFailedError';
  }
}

export class ProgramCancelled extends Error {
  constructor(program: string) {
    super(`Cancelled; ${program} was stopped.`);
    this.name = 'ProgramCancelled';
  }
}

/** More is no answer Rootguard reads, and would only fill memory. */
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 120_000;

/**
 * Runs a program to its end and returns its exit status and output. Rejects only when it
 * cannot start (ProgramMissingError, ProgramError), is cancelled, or floods its output.
 */
export function execute(executable: string, args: readonly string[],
  options: ProgramOptions = {}): Promise<ProgramExit> {
  const name = programName(executable);
  options.log?.(`run: ${JSON.stringify([executable, ...args])}`);
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new ProgramCancelled(name));
      return;
    }
    const child = spawn(executable, [...args], { env: { ...process.env, ...options.env },
      signal: options.signal, killSignal: 'SIGTERM', windowsHide: true });
    // Our own timer, not spawn's `timeout`: that one outlives a program that never started.
    let timedOut = false;
    let flooded = false;
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
    }, options.timeoutMs);
    const flood = (): void => {
      flooded = true;
      child.kill('SIGTERM');
    };
    const stdout = collect(child.stdout, 'stdout', options, flood);
    const stderr = collect(child.stderr, 'stderr', options, flood);

    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (error.name === 'AbortError') reject(new ProgramCancelled(name));
      else if (error.code === 'ENOENT') reject(missing(name, executable, options));
      else reject(new ProgramError(`Could not run ${executable}: ${error.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (options.signal?.aborted) return;
      if (flooded) {
        reject(new ProgramError(`${name} printed more than ${MAX_OUTPUT_BYTES} bytes; stopped.`));
        return;
      }
      const errorText = stderr.text();
      resolve({ code: timedOut ? 124 : code ?? 1, stdout: stdout.bytes(), stderr: timedOut
        ? `${errorText}${name} was stopped after ${options.timeoutMs} ms.\n` : errorText });
    });
    // A program that exits before reading its input closes the pipe; the exit status is what
    // matters then, not the write error.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input);
  });
}

/** Runs a program and returns its output; a non-zero exit is a ProgramFailedError. */
export async function runProgram(executable: string, args: readonly string[],
  options: ProgramOptions = {}): Promise<ProgramResult> {
  const exit = await execute(executable, args, { timeoutMs: DEFAULT_TIMEOUT_MS, ...options });
  if (exit.code !== 0) {
    throw new ProgramFailedError(programName(executable), exit.code, exit.stderr);
  }
  return { stdout: exit.stdout, stderr: exit.stderr };
}

interface Collected {
  bytes(): Buffer;
  text(): string;
}

function collect(stream: NodeJS.ReadableStream, which: 'stdout' | 'stderr',
  options: ProgramOptions, flood: () => void): Collected {
  const chunks: Buffer[] = [];
  let size = 0;
  // A character split between two chunks must reach onOutput whole.
  const decoder = options.onOutput ? new StringDecoder('utf8') : undefined;
  stream.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_OUTPUT_BYTES) {
      flood();
      return;
    }
    chunks.push(chunk);
    const text = decoder?.write(chunk);
    if (text) options.onOutput?.(text, which);
  });
  return {
    bytes: () => Buffer.concat(chunks),
    text: () => Buffer.concat(chunks).toString('utf8'),
  };
}

function missing(name: string, executable: string, options: ProgramOptions): ProgramMissingError {
  const { advice, hint } = options.whenMissing?.() ?? { advice: '' };
  return new ProgramMissingError(name, `${name} was not found (looked for "${executable}").` +
    (advice ? ` ${advice}` : ''), hint);
}

/** `/usr/bin/gpg2` → `gpg`: the name messages use. */
function programName(executable: string): string {
  const base = executable.split(/[\\/]/).pop() ?? executable;
  return base.replace(/\.exe$/i, '').replace(/2$/, '');
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-3).join(' ').slice(0, 500);
}
