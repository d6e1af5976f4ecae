import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execute } from '../system/execute';
import { isObject, runPodman, type PodmanOptions } from './podman';

/** Readers of the host facts rootless podman depends on; each returns undefined when unknown. */

export interface UserFacts {
  name: string;
  uid: number;
  groups: string[];
}

export async function currentUser(): Promise<UserFacts> {
  const info = os.userInfo();
  const id = await execute('id', ['-Gn'], { timeoutMs: 10_000 }).catch(() => undefined);
  const groups = id?.code === 0 ? id.stdout.toString('utf8').trim().split(/\s+/) : [];
  return { name: info.username, uid: info.uid, groups: groups.filter(Boolean) };
}

/**
 * The subordinate id ranges of a user in /etc/subuid or /etc/subgid, where a line names the
 * user by name or by uid: `rgtest:100000:65536`.
 */
export function subordinateRanges(file: string, user: UserFacts): { start: number;
  count: number }[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return text.split('\n').map((line) => line.trim().split(':'))
    .filter((f) => f.length === 3 && (f[0] === user.name || f[0] === String(user.uid)))
    .map((f) => ({ start: Number(f[1]), count: Number(f[2]) }))
    .filter((r) => Number.isFinite(r.start) && Number.isFinite(r.count));
}

/** A number from /proc/sys, e.g. `user/max_user_namespaces`; undefined when absent. */
export function sysctl(name: string): number | undefined {
  try {
    const value = Number(fs.readFileSync(path.join('/proc/sys', name), 'utf8').trim());
    return Number.isFinite(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Where podman looks for its helpers besides PATH (helper_binaries_dir's defaults). */
const HELPER_DIRS = ['/usr/local/libexec/podman', '/usr/local/lib/podman', '/usr/libexec/podman',
  '/usr/lib/podman'];

/** The first executable of that name on PATH or in podman's helper folders. */
export function findExecutable(name: string, extraDirs: string[] = HELPER_DIRS):
  string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/bin',
    '/sbin', '/bin', ...extraDirs].filter(Boolean);
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return undefined;
}

/**
 * How an id-mapping helper gets its privilege: setuid root, or file capabilities (as Fedora
 * ships them), which only `getcap` can read.
 */
export async function helperPrivilege(file: string): Promise<'setuid' | 'capabilities' |
  undefined> {
  const stat = fs.statSync(file);
  if ((stat.mode & 0o4000) !== 0 && stat.uid === 0) return 'setuid';
  const getcap = findExecutable('getcap', []);
  if (!getcap) return undefined;
  const result = await execute(getcap, [file], { timeoutMs: 10_000 }).catch(() => undefined);
  return result?.code === 0 && /cap_set[ug]id/i.test(result.stdout.toString('utf8'))
    ? 'capabilities' : undefined;
}

/** What `podman info --format json` says about storage, cgroups and networking. */
export interface PodmanInfo {
  graphDriver: string;
  nativeOverlay: boolean;
  mountProgram: string | undefined;
  cgroupVersion: string;
  rootless: boolean;
}

export async function podmanInfo(podman: PodmanOptions): Promise<PodmanInfo | undefined> {
  const result = await runPodman(podman, ['info', '--format', 'json'], { timeoutMs: 60_000 })
    .catch(() => undefined);
  if (!result || result.code !== 0) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(result.stdout);
  } catch {
    return undefined;
  }
  if (!isObject(parsed)) return undefined;
  const host = isObject(parsed.host) ? parsed.host : {};
  const store = isObject(parsed.store) ? parsed.store : {};
  const status = isObject(store.graphStatus) ? store.graphStatus : {};
  const options = isObject(store.graphOptions) ? store.graphOptions : {};
  const security = isObject(host.security) ? host.security : {};
  const mount = options['overlay.mount_program'];
  return {
    graphDriver: String(store.graphDriverName ?? ''),
    nativeOverlay: status['Native Overlay Diff'] === 'true',
    mountProgram: isObject(mount) && typeof mount.Executable === 'string' ? mount.Executable
      : undefined,
    cgroupVersion: String(host.cgroupVersion ?? ''),
    rootless: security.rootless === true,
  };
}

/** The cgroup hierarchy from the file system: `v2` (unified), `v1 (hybrid)` or `v1`. */
export function cgroupVersion(): string {
  if (fs.existsSync('/sys/fs/cgroup/cgroup.controllers')) return 'v2';
  return fs.existsSync('/sys/fs/cgroup/unified') ? 'v1 (hybrid)' : 'v1';
}

export function canReadWrite(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.R_OK | fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
