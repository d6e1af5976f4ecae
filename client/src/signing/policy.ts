// policy.json (containers-policy.json(5)): which keys podman trusts for which images. The
// user's ~/.config/containers/policy.json replaces /etc/containers/policy.json entirely.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DockerReference } from '../podman/reference';
import { DEFAULT_IDENTITY_RULE, type IdentityRule } from './identity';
import { scopeIdentity, scopeNamespaces } from './scopes';

export const SYSTEM_POLICY = '/etc/containers/policy.json';

export function userPolicyPath(home = os.homedir()): string {
  return path.join(home, '.config', 'containers', 'policy.json');
}

/** The policy file podman uses: the user's when it exists, else the system's. */
export function activePolicyPath(home = os.homedir()): string {
  const user = userPolicyPath(home);
  return fs.existsSync(user) ? user : SYSTEM_POLICY;
}

export interface SignedByRequirement {
  type: 'signedBy';
  keyType: string;
  /** Absolute paths (relative ones are resolved against the policy file's folder). */
  keyPaths: string[];
  /** Base64 of `keyData`, decoded. */
  keyData?: Uint8Array;
  signedIdentity: IdentityRule;
}

export type Requirement =
  | { type: 'insecureAcceptAnything' }
  | { type: 'reject' }
  | SignedByRequirement
  | { type: 'unsupported'; name: string };

export interface Policy {
  file: string;
  default: Requirement[];
  /** transport → scope → requirements; the empty scope is the transport's default. */
  transports: Map<string, Map<string, Requirement[]>>;
}

export class PolicyError extends Error {}

export function readPolicy(file: string): Policy {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new PolicyError(`cannot read ${file}: ${(error as Error).message}`);
  }
  return parsePolicy(text, file);
}

export function parsePolicy(text: string, file: string): Policy {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new PolicyError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (!isRecord(data)) throw new PolicyError(`${file}: the top level is not an object`);
  const base = path.dirname(file);
  const policy: Policy = { file, default: requirements(data.default, base, 'default'),
    transports: new Map() };
  const transports = data.transports ?? {};
  if (!isRecord(transports)) throw new PolicyError(`${file}: "transports" is not an object`);
  for (const [transport, scopes] of Object.entries(transports)) {
    if (!isRecord(scopes)) {
      throw new PolicyError(`${file}: transport "${transport}" is not an object`);
    }
    const map = new Map<string, Requirement[]>();
    for (const [scope, list] of Object.entries(scopes)) {
      map.set(scope, requirements(list, base, `${transport} "${scope}"`));
    }
    policy.transports.set(transport, map);
  }
  return policy;
}

function requirements(value: unknown, base: string, where: string): Requirement[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new PolicyError(`${where}: a non-empty list of requirements is needed`);
  }
  return value.map((item) => requirement(item, base, where));
}

function requirement(item: unknown, base: string, where: string): Requirement {
  if (!isRecord(item) || typeof item.type !== 'string') {
    throw new PolicyError(`${where}: a requirement without "type"`);
  }
  if (item.type === 'insecureAcceptAnything' || item.type === 'reject') return { type: item.type };
  if (item.type !== 'signedBy') return { type: 'unsupported', name: item.type };

  const keyPaths = [
    ...(typeof item.keyPath === 'string' ? [item.keyPath] : []),
    ...(Array.isArray(item.keyPaths) ? item.keyPaths.filter((p) => typeof p === 'string') : []),
  ].map((p) => path.resolve(base, p));
  const keyData = typeof item.keyData === 'string' ? Buffer.from(item.keyData, 'base64')
    : undefined;
  return {
    type: 'signedBy',
    keyType: typeof item.keyType === 'string' ? item.keyType : '',
    keyPaths,
    ...(keyData ? { keyData } : {}),
    signedIdentity: identityRule(item.signedIdentity, where),
  };
}

function identityRule(value: unknown, where: string): IdentityRule {
  if (value === undefined) return DEFAULT_IDENTITY_RULE;
  if (!isRecord(value) || typeof value.type !== 'string') {
    throw new PolicyError(`${where}: signedIdentity needs a "type"`);
  }
  const text = (key: string): string => {
    if (typeof value[key] !== 'string') {
      throw new PolicyError(`${where}: signedIdentity ${value.type} needs "${key}"`);
    }
    return value[key] as string;
  };
  switch (value.type) {
    case 'matchExact': case 'matchRepoDigestOrExact': case 'matchRepository':
      return { type: value.type };
    case 'exactReference':
      return { type: 'exactReference', dockerReference: text('dockerReference') };
    case 'exactRepository':
      return { type: 'exactRepository', dockerRepository: text('dockerRepository') };
    case 'remapIdentity':
      return { type: 'remapIdentity', prefix: text('prefix'), signedPrefix: text('signedPrefix') };
    default: throw new PolicyError(`${where}: unknown signedIdentity type "${value.type}"`);
  }
}

/** The requirements podman applies to a docker image, and the scope they came from. */
export function requirementsFor(policy: Policy, ref: DockerReference):
  { scope: string; requirements: Requirement[] } {
  const docker = policy.transports.get('docker');
  if (docker) {
    for (const scope of [scopeIdentity(ref), ...scopeNamespaces(ref), '']) {
      const found = docker.get(scope);
      if (found) return { scope: scope === '' ? 'docker default' : scope, requirements: found };
    }
  }
  return { scope: 'default', requirements: policy.default };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
