/**
 * Parsers for what a running container tells about itself through commands that have no JSON
 * form: `id`, `/proc/self/uid_map`, `podman top`, and the URL a HEALTHCHECK probes.
 */

export interface IdOutput {
  uid: number;
  user: string | undefined;
  text: string;
}

/** `uid=101(nginx) gid=101(nginx) groups=101(nginx)` → uid 101, user nginx. */
export function parseId(output: string): IdOutput | undefined {
  const match = /uid=(\d+)(?:\(([^)]*)\))?/.exec(output);
  return match ? { uid: Number(match[1]), user: match[2], text: output.trim() } : undefined;
}

/** One line of /proc/self/uid_map: `count` ids from `inside` map to host ids from `outside`. */
export interface IdRange {
  inside: number;
  outside: number;
  count: number;
}

export function parseIdMap(text: string): IdRange[] {
  return text.split('\n').map((line) => line.trim().split(/\s+/).map(Number))
    .filter((fields) => fields.length === 3 && fields.every(Number.isFinite))
    .map(([inside, outside, count]) => ({ inside, outside, count }));
}

/** The host id container root maps to; undefined when root is not mapped at all. */
export function hostIdOfRoot(ranges: IdRange[]): number | undefined {
  const range = ranges.find((r) => r.inside <= 0 && r.inside + r.count > 0);
  return range ? range.outside - range.inside : undefined;
}

/** `0 1001 1` and `1 100000 65536` → "0 → host 1001; 1–65536 → host 100000–165535". */
export function describeIdMap(ranges: IdRange[]): string {
  return ranges.map((r) => r.count === 1 ? `${r.inside} → host ${r.outside}`
    : `${r.inside}–${r.inside + r.count - 1} → host ${r.outside}–${r.outside + r.count - 1}`)
    .join('; ');
}

/** Rows of `podman top NAME huser user`: the host user and the container user per process. */
export function parseTop(output: string): { huser: string; user: string }[] {
  const [header, ...rows] = output.split('\n').filter((line) => line.trim() !== '');
  if (!header || !/HUSER/.test(header)) return [];
  return rows.map((row) => row.trim().split(/\s+/))
    .filter((fields) => fields.length >= 2)
    .map(([huser, user]) => ({ huser, user }));
}

/** A probe URL in a HEALTHCHECK test, with the container port it targets. */
export function probeUrl(test: string[] | undefined): URL | undefined {
  if (!test || test[0] === 'NONE') return undefined;
  const match = /\bhttps?:\/\/[^\s'"|;&<>`]+/.exec(test.slice(1).join(' '));
  if (!match) return undefined;
  try {
    return new URL(match[0]);
  } catch {
    return undefined;
  }
}

export function portOf(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
}

/** Lines of container output that show nginx (or anything) denied a file or a port. */
export function permissionErrors(logs: string): string[] {
  return logs.split('\n')
    .filter((line) => /Permission denied|Operation not permitted|Read-only file system/i
      .test(line))
    .map((line) => line.trim().slice(0, 300));
}

export function isRootUser(user: string): boolean {
  const name = user.split(':')[0].trim();
  return name === '' || name === 'root' || name === '0';
}
