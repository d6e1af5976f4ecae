import { spawn } from 'node:child_process';
import { hostFamily, installHint } from './distro';
import { commandLine } from './commandLine';

/** How to reach podman: the executable, and arguments the user puts before every command. */
export interface PodmanOptions {
  /** An executable name looked up on PATH, or an absolute path. */
  path: string;
  /** Global options such as `--root DIR` or `--runtime runc`, from the user's settings. */
  globalArgs: string[];
  /** Called with every command line before it runs; never given a secret. */
  log?: (message: string) => void;
}

export interface PodmanResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunControl {
  /** Aborting kills podman (SIGTERM) and rejects with a PodmanCancelled error. */
  signal?: AbortSignal;
  /** Output as it arrives, for builds and other long commands. */
  onOutput?: (text: string, stream: 'stdout' | 'stderr') => void;
  /** Kills podman after this long; a hung `exec` must not hang the report. */
  timeoutMs?: number;
}

/** A podman problem in the user's terms, with what to do about it. */
export class PodmanError extends Error {
  constructor(message: string, readonly hint = '') {
    super(message);
    this.name = 'PodmanError';
  }
}

export class PodmanCancelled extends Error {
  constructor() {
    super('Cancelled; podman was stopped.');
    this.name = 'PodmanCancelled';
  }
}

/** podman 4 is the first with `podman top … huser`, tmpfs `U` and JSON everywhere we read. */
export const MIN_PODMAN_VERSION = '4.0.0';

/**
 * Runs podman with an argument array (never through a shell) and collects its output. A
 * non-zero exit is a result, not an error: callers read podman's message from stderr.
 */
export function runPodman(options: PodmanOptions, args: string[], control: RunControl = {}):
  Promise<PodmanResult> {
  const argv = [...options.globalArgs, ...args];
  options.log?.(commandLine([options.path, ...argv]));
  return new Promise((resolve, reject) => {
    if (control.signal?.aborted) {
      reject(new PodmanCancelled());
      return;
    }
    const child = spawn(options.path, argv, { stdio: ['ignore', 'pipe', 'pipe'],
      signal: control.signal, killSignal: 'SIGTERM' });
    // Our own timer, not spawn's `timeout`: that one outlives a podman that never started.
    let timedOut = false;
    const timer = control.timeoutMs === undefined ? undefined : setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
    }, control.timeoutMs);
    const out: string[] = [];
    const err: string[] = [];
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      out.push(text);
      control.onOutput?.(text, 'stdout');
    });
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      err.push(text);
      control.onOutput?.(text, 'stderr');
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (error.name === 'AbortError') reject(new PodmanCancelled());
      else if (error.code === 'ENOENT') reject(missingPodman(options.path));
      else reject(new PodmanError(`Could not run ${options.path}: ${error.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (control.signal?.aborted) return;
      const stderr = err.join('');
      resolve({ code: timedOut ? 124 : code ?? 1, stdout: out.join(''), stderr: timedOut
        ? `${stderr}podman was stopped after ${control.timeoutMs} ms.\n` : stderr });
    });
  });
}

/** Runs podman and returns its stdout, or throws with podman's own message. */
export async function podmanOutput(options: PodmanOptions, args: string[],
  control: RunControl = {}): Promise<string> {
  const result = await runPodman(options, args, control);
  if (result.code !== 0) throw new PodmanError(podmanMessage(result, args));
  return result.stdout;
}

/** podman's last `Error:` line, or its last line of stderr. */
export function podmanMessage(result: PodmanResult, args: string[]): string {
  const lines = result.stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  const error = [...lines].reverse().find((l) => l.startsWith('Error:')) ?? lines.pop();
  return `podman ${args[0] ?? ''} failed (exit ${result.code})${error ? `: ${error}` : ''}`;
}

/** The client version of podman; throws a PodmanError with an install hint when too old. */
export async function podmanVersion(options: PodmanOptions): Promise<string> {
  const stdout = await podmanOutput(options, ['version', '--format', 'json'],
    { timeoutMs: 30_000 });
  let version: unknown;
  try {
    const parsed: unknown = JSON.parse(stdout);
    version = isObject(parsed) && isObject(parsed.Client) ? parsed.Client.Version : undefined;
  } catch {
    version = undefined;
  }
  if (typeof version !== 'string') {
    throw new PodmanError(`${options.path} did not report its version; is it podman?`);
  }
  if (compareVersions(version, MIN_PODMAN_VERSION) < 0) {
    throw new PodmanError(`podman ${version} is too old; Rootguard needs ${MIN_PODMAN_VERSION} ` +
      'or newer.', installHint(hostFamily(), ['podman']));
  }
  return version;
}

export function missingPodman(path: string): PodmanError {
  return new PodmanError(`podman was not found (looked for "${path}"). Install it, or set ` +
    'rootguard.podman.path (--podman on the command line) to where it is.',
  installHint(hostFamily(), ['podman', 'uidmap', 'slirp4netns', 'fuse-overlayfs']));
}

/** Compares dotted versions numerically: `4.10.0` is newer than `4.9.3`. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.split(/[.+-]/).slice(0, 3).map((p) => Number.parseInt(p, 10) || 0);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) {
    if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  }
  return 0;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
