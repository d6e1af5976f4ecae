// Editor checks for a registries.d YAML file: deprecated key names, locations podman cannot
// use, scopes defined twice or shadowed by a more specific one, files podman never reads.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isScalar, parseDocument, type Pair } from 'yaml';
import type { TrustFileFinding } from './policyChecks';

export interface RegistriesDContext {
  /** Scopes defined by the other files of the same folder, and where. */
  otherScopes: Map<string, string>;
  /** Why podman does not read this file at all, if it does not. */
  ignoredBecause?: string;
  isWritable?: (directory: string) => boolean;
}

const ENTRY_KEYS = ['lookaside', 'lookaside-staging', 'sigstore', 'sigstore-staging',
  'use-sigstore-attachments'];
const RENAMED: Record<string, string> = {
  sigstore: 'lookaside', 'sigstore-staging': 'lookaside-staging',
};

export function checkRegistriesDText(text: string, file: string,
  context: RegistriesDContext): TrustFileFinding[] {
  const findings: TrustFileFinding[] = [];
  const at = (range: readonly number[] | null | undefined, severity: TrustFileFinding['severity'],
    message: string): void => {
    findings.push({ start: range?.[0] ?? 0, end: range?.[1] ?? 1, severity, message });
  };
  if (!file.endsWith('.yaml')) {
    at([0, 1], 'warning', 'podman reads only *.yaml files in registries.d; rename this file ' +
      'or it is ignored');
  }
  if (context.ignoredBecause) at([0, 1], 'warning', context.ignoredBecause);

  const document = parseDocument(text, { uniqueKeys: true });
  for (const error of document.errors) at(error.pos, 'error', error.message.split('\n')[0]);
  if (document.errors.length > 0 || !isMap(document.contents)) return findings;

  const allScopes = new Map(context.otherScopes);
  for (const scope of ownScopes(document.contents.items as Pair[])) allScopes.set(scope, file);
  for (const pair of document.contents.items as Pair[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const keyRange = isScalar(pair.key) ? pair.key.range : undefined;
    if (key === 'default-docker') checkEntry(pair, '', context, at);
    else if (key === 'docker' && isMap(pair.value)) {
      for (const scopePair of pair.value.items as Pair[]) {
        const scope = isScalar(scopePair.key) ? String(scopePair.key.value) : '';
        const range = isScalar(scopePair.key) ? scopePair.key.range : undefined;
        checkScope(scope, range, context, allScopes, at);
        checkEntry(scopePair, scope, context, at);
      }
    } else if (key !== 'docker') {
      at(keyRange, 'warning', `"${key}" is not a registries.d key; podman ignores it`);
    }
  }
  return findings;
}

type At = (range: readonly number[] | null | undefined, severity: TrustFileFinding['severity'],
  message: string) => void;

function ownScopes(items: Pair[]): string[] {
  const docker = items.find((pair) => isScalar(pair.key) && pair.key.value === 'docker');
  if (!docker || !isMap(docker.value)) return [];
  return (docker.value.items as Pair[]).map((pair) => isScalar(pair.key) ? String(pair.key.value)
    : '');
}

function checkScope(scope: string, range: readonly number[] | null | undefined,
  context: RegistriesDContext, allScopes: Map<string, string>, at: At): void {
  const elsewhere = context.otherScopes.get(scope);
  if (elsewhere) {
    at(range, 'error', `"${scope}" is also defined in ${elsewhere}; podman refuses duplicate ` +
      'scopes and then reads no signature location at all');
  }
  // A registry or namespace entry does not apply to repositories that have their own entry.
  const narrower = [...allScopes.keys()].filter((other) => other.startsWith(`${scope}/`));
  if (narrower.length > 0) {
    at(range, 'information', `images under ${narrower.join(', ')} use their more specific ` +
      `entry (${path.basename(allScopes.get(narrower[0]) ?? '')}), not this one`);
  }
}

function checkEntry(pair: Pair, scope: string, context: RegistriesDContext, at: At): void {
  if (!isMap(pair.value)) return;
  for (const item of pair.value.items as Pair[]) {
    const key = isScalar(item.key) ? String(item.key.value) : '';
    const range = isScalar(item.key) ? item.key.range : undefined;
    const valueRange = isScalar(item.value) ? item.value.range : range;
    if (!ENTRY_KEYS.includes(key)) {
      at(range, 'warning', `"${key}" is not a registries.d entry key; podman ignores it`);
      continue;
    }
    if (key in RENAMED) {
      at(range, 'warning', `"${key}" is deprecated; use "${RENAMED[key]}" (same meaning)`);
    }
    if (key === 'use-sigstore-attachments') continue;
    const value = isScalar(item.value) ? String(item.value.value) : '';
    const problem = locationProblem(value, key.endsWith('staging'), context);
    const where = scope || 'default-docker';
    if (problem) at(valueRange, problem.severity, `${where}: ${problem.message}`);
  }
}

function locationProblem(value: string, staging: boolean, context: RegistriesDContext):
  { severity: TrustFileFinding['severity']; message: string } | undefined {
  if (/^https?:\/\//.test(value)) {
    return staging ? { severity: 'error', message: 'podman writes signatures only to file:// ' +
      'locations; a staging location must be a folder' } : undefined;
  }
  if (!value.startsWith('file:///')) {
    return { severity: 'error', message: `"${value}" is not a file:///… or http(s):// URL` };
  }
  if (!staging) return undefined;
  const folder = fileURLToPath(value);
  const writable = context.isWritable ?? isWritableFolder;
  return writable(folder) ? undefined : { severity: 'warning',
    message: `${folder} is not writable by you: podman push --sign-by will fail to store ` +
      'the signature' };
}

/** A folder is writable if it, or its nearest existing parent (podman creates the rest), is. */
export function isWritableFolder(folder: string): boolean {
  let current = path.resolve(folder);
  while (!fs.existsSync(current)) {
    const parent = path.dirname(current);
    if (parent === current) return false;
    current = parent;
  }
  try {
    fs.accessSync(current, fs.constants.W_OK);
    return fs.statSync(current).isDirectory();
  } catch {
    return false;
  }
}
