// registries.d: where signatures of an image live (its "lookaside store"). Read as
// containers/image reads it: one folder of `*.yaml` files — the user's
// ~/.config/containers/registries.d when that folder exists, else /etc/containers/registries.d
// — merged, with the most specific `docker:` scope that sets a location winning.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import type { DockerReference } from '../podman/reference';
import { scopeIdentity, scopeNamespaces } from './scopes';

export const SYSTEM_REGISTRIES_D = '/etc/containers/registries.d';

export function userRegistriesD(home = os.homedir()): string {
  return path.join(home, '.config', 'containers', 'registries.d');
}

/** One `docker:` entry or `default-docker:`. */
export interface LookasideEntry {
  lookaside?: string;
  lookasideStaging?: string;
  /** `sigstore`/`sigstore-staging`, the names before containers/image 5.22 (still read). */
  deprecatedKeys: string[];
  file: string;
}

export interface RegistriesConfig {
  directory: string;
  files: string[];
  defaultDocker?: LookasideEntry;
  docker: Map<string, LookasideEntry>;
  /** Problems that make podman refuse the configuration (a scope defined twice, bad YAML). */
  errors: string[];
}

/** The folder podman reads: the user's when it exists — and then the system's is ignored. */
export function registriesDirectory(home = os.homedir()): { directory: string; isUser: boolean } {
  const user = userRegistriesD(home);
  return fs.existsSync(user) ? { directory: user, isUser: true }
    : { directory: SYSTEM_REGISTRIES_D, isUser: false };
}

/** Reads and merges every `*.yaml` file of a registries.d folder (`.yml` is not read). */
export function loadRegistriesD(directory: string): RegistriesConfig {
  const config: RegistriesConfig = { directory, files: [], docker: new Map(), errors: [] };
  let names: string[] = [];
  try {
    names = fs.readdirSync(directory).filter((name) => name.endsWith('.yaml')).sort();
  } catch {
    return config;
  }
  for (const name of names) {
    const file = path.join(directory, name);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    config.files.push(file);
    mergeRegistriesFile(config, text, file);
  }
  return config;
}

/** Adds one file's entries; a scope already defined elsewhere is an error, as for podman. */
export function mergeRegistriesFile(config: RegistriesConfig, text: string, file: string): void {
  const document = parseDocument(text, { uniqueKeys: true });
  if (document.errors.length > 0) {
    config.errors.push(`${file}: ${document.errors[0].message.split('\n')[0]}`);
    return;
  }
  const data: unknown = document.toJS();
  if (data === null || data === undefined) return;
  if (!isRecord(data)) {
    config.errors.push(`${file}: the top level is not a mapping`);
    return;
  }
  if (data['default-docker'] !== undefined && data['default-docker'] !== null) {
    if (config.defaultDocker) {
      config.errors.push(`${file}: default-docker is also defined in ${config.defaultDocker.file}`);
    } else {
      config.defaultDocker = readEntry(data['default-docker'], file);
    }
  }
  const docker = data.docker;
  if (!isRecord(docker)) return;
  for (const [scope, value] of Object.entries(docker)) {
    const earlier = config.docker.get(scope);
    if (earlier) {
      config.errors.push(`${file}: docker scope "${scope}" is also defined in ${earlier.file}`);
      continue;
    }
    config.docker.set(scope, readEntry(value, file));
  }
}

function readEntry(value: unknown, file: string): LookasideEntry {
  const entry: LookasideEntry = { deprecatedKeys: [], file };
  if (!isRecord(value)) return entry;
  const text = (key: string): string | undefined =>
    typeof value[key] === 'string' && value[key] !== '' ? value[key] as string : undefined;
  entry.lookaside = text('lookaside') ?? text('sigstore');
  entry.lookasideStaging = text('lookaside-staging') ?? text('sigstore-staging');
  entry.deprecatedKeys = ['sigstore', 'sigstore-staging'].filter((key) => key in value);
  return entry;
}

export interface LookasideLocation {
  /** A `file://` or `http(s)://` base URL. */
  url: string;
  /** The scope that gave it, `default-docker`, or `built-in default`. */
  scope: string;
  file?: string;
}

/**
 * Where signatures of an image are read (`write: false`) or written by `podman push --sign-by`
 * (`write: true`, which prefers `lookaside-staging`).
 */
export function lookasideFor(config: RegistriesConfig, ref: DockerReference, write: boolean,
  euid = currentEuid(), home = os.homedir()): LookasideLocation {
  for (const scope of [scopeIdentity(ref), ...scopeNamespaces(ref)]) {
    const entry = config.docker.get(scope);
    const url = entry && entryLocation(entry, write);
    if (entry && url) return { url, scope, file: entry.file };
  }
  const fallback = config.defaultDocker && entryLocation(config.defaultDocker, write);
  if (config.defaultDocker && fallback) {
    return { url: fallback, scope: 'default-docker', file: config.defaultDocker.file };
  }
  return { url: builtInLookaside(euid, home), scope: 'built-in default' };
}

function entryLocation(entry: LookasideEntry, write: boolean): string | undefined {
  return (write ? entry.lookasideStaging : undefined) ?? entry.lookaside;
}

/** containers/image's default when nothing is configured: per user when rootless. */
export function builtInLookaside(euid = currentEuid(), home = os.homedir()): string {
  const dir = euid === 0 ? '/var/lib/containers/sigstore'
    : path.join(home, '.local', 'share', 'containers', 'sigstore');
  return `file://${dir}`;
}

function currentEuid(): number {
  return typeof process.geteuid === 'function' ? process.geteuid() : 1000;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
