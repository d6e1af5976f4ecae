import { execFile } from 'node:child_process';

/** How Rootguard starts one of the external programs it relies on (gpg, podman, skopeo). */
export interface ProgramOptions {
  /** Extra environment, e.g. GNUPGHOME; merged over this process's environment. */
  env?: Record<string, string | undefined>;
  /** Written to the program's standard input, then closed. */
  input?: string | Uint8Array;
  /** Receives each command as its argument list. Callers never pass secrets as arguments. */
  log?: (line: string) => void;
  timeoutMs?: number;
}

export interface ProgramResult {
  stdout: Buffer;
  stderr: string;
}

/** The program exited with a non-zero status; `stderr` carries its own explanation. */
export class ProgramFailedError extends Error {
  constructor(readonly program: string, readonly exitCode: number | null, readonly stderr: string) {
    super(`${program} failed${exitCode === null ? '' : ` (exit ${exitCode})`}: ` +
      `${lastLines(stderr) || 'no message'}`);
  }
}

/** The program is not installed (or not where the setting says). */
export class ProgramMissingError extends Error {
  constructor(readonly program: string, installHint: string) {
    super(`${program} was not found. ${installHint}`);
  }
}

const INSTALL_HINTS: Record<string, string> = {
  gpg: 'Install GnuPG (Debian/Ubuntu: apt-get install gnupg; Fedora: dnf install gnupg2) ' +
    'or set rootguard.signing.gpgPath.',
  podman: 'Install podman (apt-get install podman, dnf install podman) or set its path.',
  skopeo: 'Install skopeo (apt-get install skopeo, dnf install skopeo) or set ' +
    'rootguard.signing.skopeoPath.',
};

/**
 * Runs a program with an argument array — never through a shell, so a docker reference or a
 * path can never become a second command.
 */
export function runProgram(executable: string, args: readonly string[],
  options: ProgramOptions = {}): Promise<ProgramResult> {
  options.log?.(`run: ${JSON.stringify([executable, ...args])}`);
  return new Promise((resolve, reject) => {
    const child = execFile(executable, [...args], {
      encoding: 'buffer',
      env: { ...process.env, ...options.env },
      maxBuffer: 64 * 1024 * 1024,
      timeout: options.timeoutMs ?? 120_000,
      windowsHide: true,
    }, (error, stdout, stderr) => {
      const errorText = stderr.toString('utf8');
      if (!error) {
        resolve({ stdout, stderr: errorText });
        return;
      }
      const name = programName(executable);
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(new ProgramMissingError(name, INSTALL_HINTS[name] ?? ''));
        return;
      }
      const exitCode = typeof error.code === 'number' ? error.code : null;
      reject(new ProgramFailedError(name, exitCode, errorText || error.message));
    });
    // A program that exits before reading its input closes the pipe; the exit status is
    // what matters then, not the write error.
    child.stdin?.on('error', () => undefined);
    if (options.input !== undefined) child.stdin?.end(options.input);
    else child.stdin?.end();
  });
}

function programName(executable: string): string {
  const base = executable.split(/[\\/]/).pop() ?? executable;
  return base.replace(/\.exe$/i, '').replace(/2$/, '');
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-3).join(' ').slice(0, 500);
}
