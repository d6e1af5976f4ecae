import { execute, ProgramError, type ProgramOptions } from '../system/execute';
import { hostFamily, installHint } from './distro';

/** How to reach podman: the executable, and arguments the user puts before every command. */
export interface PodmanOptions {
  /** An executable name looked up on PATH, or an absolute path. */
  path: string;
  /** Global options such as `--root DIR` or `--runtime runc`, from the user's settings. */
  globalArgs: string[];
  /** Extra environment, e.g. GNUPGHOME for `push --sign-by`, which signs through GPGME. */
  env?: Record<string, string | undefined>;
  /** Called with every command, as its argument list, before it runs; never given a secret. */
  log?: (message: string) => void;
}

export interface PodmanResult {
  code: number;
  stdout: string;
  stderr: string;
}

export type RunControl = Pick<ProgramOptions, 'signal' | 'onOutput' | 'timeoutMs'>;

/** A podman problem in the user's terms, with what to do about it. */
export class PodmanError extends ProgramError {
  constructor(message: string, hint = '') {
    super(message, hint);
    this.name = 'PodmanError';
  }
}

/** podman 4 is the first with `podman top … huser`, tmpfs `U` and JSON everywhere we read. */
export const MIN_PODMAN_VERSION = '4.0.0';

/**
 * Runs podman with an argument array (never through a shell) and collects its output. A
 * non-zero exit is a result, not an error: callers read podman's message from stderr. A hung
 * `exec` is stopped by `timeoutMs` (exit 124); cancelling rejects with ProgramCancelled.
 */
export async function runPodman(options: PodmanOptions, args: string[],
  control: RunControl = {}): Promise<PodmanResult> {
  const exit = await execute(options.path, [...options.globalArgs, ...args], {
    ...control, env: options.env, log: options.log,
    whenMissing: () => ({ advice: 'Install it, or set rootguard.podman.path (--podman on the ' +
      'command line) to where it is.', hint: installHint(hostFamily(),
      ['podman', 'uidmap', 'slirp4netns', 'fuse-overlayfs']) }),
  });
  return { code: exit.code, stdout: exit.stdout.toString('utf8'), stderr: exit.stderr };
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
