import * as posix from 'node:path/posix';
import type { PlacedConfig } from '../analysis/checks';
import type { Directive } from '../nginx/ast';
import { isOutputStream } from '../nginx/logTargets';
import { walkDirectives } from '../nginx/walk';
import { TEMP_DIRECTIVES, type NginxLayout } from './baseImages';

/** A path nginx writes at run time, and the directive (or compiled-in default) behind it. */
export interface NginxWrite {
  path: string;
  directive: string;
  kind: 'pid' | 'log' | 'temp' | 'cache';
  isDefault: boolean;
}

/** A folder that must be writable at run time, with the writes that need it. */
export interface WritableDir {
  path: string;
  reasons: string[];
}

const CACHE_DIRECTIVES = ['proxy_cache_path', 'fastcgi_cache_path', 'uwsgi_cache_path',
  'scgi_cache_path'];

/**
 * Folders that are links in every Linux base image Rootguard knows (Debian, Alpine, the
 * official nginx image): a tmpfs belongs on the folder the link points to.
 * LIMITATION: a tmpfs on /run replaces the one podman mounts there itself, and with it
 * /run/.containerenv, which some programs read to learn that they run in a container.
 */
const FOLDER_LINKS: [string, string][] = [['/var/run', '/run'], ['/var/lock', '/run/lock']];

/**
 * Scratch folders podman mounts as tmpfs itself when the root file system is read-only
 * (`--read-only-tmpfs`, on by default), and /dev, which is never part of the image.
 */
const PROVIDED = ['/tmp', '/var/tmp', '/dev'];

/**
 * Every path the image's nginx writes: what the copied configs set, and nginx's compiled-in
 * defaults from the base layout where they set nothing. A config without `events` is taken to
 * be included in `http` (the conf.d convention), so its top-level directives count there.
 * LIMITATION: paths with variables are opened per request and cannot be known here; and with
 * no main config copied in, the base image's own nginx.conf is taken to keep the defaults.
 */
export function nginxWrites(placed: PlacedConfig[], layout: NginxLayout): NginxWrite[] {
  const main = placed.find((p) => p.config.isMain);
  const mainLevel = main?.config.directives ?? [];
  const http = main?.config.directives.find((d) => d.name === 'http');
  // A main config without `http` (a stream proxy) never uses the http defaults.
  const serves = main === undefined || http !== undefined;
  const httpLevel = [
    ...(http?.block?.children ?? []),
    ...placed.filter((p) => !p.config.isMain).flatMap((p) => p.config.directives),
  ];
  const everywhere = placed.flatMap((p) => allDirectives(p.config.directives));
  const setIn = (level: Directive[], name: string) => level.some((d) => d.name === name);
  const absolute = (path: string) => posix.isAbsolute(path) ? posix.normalize(path)
    : posix.join(layout.prefix, path);
  const writes: NginxWrite[] = [];
  const explicit = (name: string, kind: NginxWrite['kind']) => {
    for (const directive of everywhere.filter((d) => d.name === name)) {
      const word = directive.args[0];
      if (!word || word.variables.length > 0 || word.value === 'off' ||
        isOutputStream(word.value)) continue;
      writes.push({ path: absolute(word.value), directive: name, kind, isDefault: false });
    }
  };
  const fallback = (name: string, kind: NginxWrite['kind'], level: Directive[], path: string) => {
    if (!setIn(level, name)) writes.push({ path, directive: name, kind, isDefault: true });
  };

  const pid = mainLevel.find((d) => d.name === 'pid')?.args[0];
  if (pid && !isOutputStream(pid.value) && pid.variables.length === 0) {
    writes.push({ path: absolute(pid.value), directive: 'pid', kind: 'pid', isDefault: false });
  } else if (!pid) {
    writes.push({ path: layout.pid, directive: 'pid', kind: 'pid', isDefault: true });
  }
  explicit('error_log', 'log');
  fallback('error_log', 'log', mainLevel, layout.errorLog);
  explicit('access_log', 'log');
  if (serves) fallback('access_log', 'log', httpLevel, layout.accessLog);
  for (const name of TEMP_DIRECTIVES) {
    explicit(name, 'temp');
    if (serves) fallback(name, 'temp', httpLevel, layout.temp[name]);
  }
  for (const name of CACHE_DIRECTIVES) explicit(name, 'cache');
  return writes.filter((w) => !isStreamLink(w.path, layout));
}

/**
 * The folders to mount writable for those writes: the folder of a pid or log file, the folder
 * nginx creates a temp or cache path in (it makes that last component at start-up), or the
 * path itself when its parent is a system folder such as /var/cache. Folders podman already
 * provides, and folders inside another one listed, are left out.
 */
export function writableDirs(writes: NginxWrite[]): WritableDir[] {
  const byPath = new Map<string, string[]>();
  for (const write of writes) {
    const dir = resolveLinks(folderFor(write));
    if (PROVIDED.some((p) => dir === p || dir.startsWith(`${p}/`))) continue;
    const reason = `${write.directive} ${write.path}${write.isDefault ? ' (compiled-in)' : ''}`;
    byPath.set(dir, [...(byPath.get(dir) ?? []), reason]);
  }
  const dirs = [...byPath.keys()].sort();
  return dirs
    .filter((dir) => !dirs.some((other) => other !== dir && isInside(dir, other)))
    .map((dir) => ({
      path: dir,
      reasons: dirs.filter((other) => other === dir || isInside(other, dir))
        .flatMap((other) => byPath.get(other) ?? []),
    }));
}

function folderFor(write: NginxWrite): string {
  if (write.kind === 'pid' || write.kind === 'log') return posix.dirname(write.path);
  const parent = posix.dirname(write.path);
  return parent.split('/').filter(Boolean).length >= 3 ? parent : write.path;
}

function resolveLinks(dir: string): string {
  for (const [link, target] of FOLDER_LINKS) {
    if (dir === link || dir.startsWith(`${link}/`)) return target + dir.slice(link.length);
  }
  return dir;
}

function isInside(dir: string, folder: string): boolean {
  return folder === '/' || dir.startsWith(`${folder}/`);
}

/**
 * The base layout's log files that are links to the container's output (the official image's
 * error.log and access.log): writing them needs no writable folder.
 */
function isStreamLink(path: string, layout: NginxLayout): boolean {
  return layout.streamLinks.includes(path);
}

function allDirectives(directives: Directive[]): Directive[] {
  const all: Directive[] = [];
  walkDirectives({ directives }, (directive) => { all.push(directive); });
  return all;
}
