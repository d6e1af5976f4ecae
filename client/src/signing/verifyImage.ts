// Verifies an image's signatures end to end: its registry manifest digest, its lookaside store
// (registries.d or given), the trusted keys (policy.json and given key files), every signature.
import * as fs from 'node:fs';
import * as os from 'node:os';
import type { PublicKey } from 'openpgp';
import {
  formatReference, parseDockerReference, type DockerReference,
} from '../podman/reference';
import {
  formatLookasideBase, parseLookasideBase, readSignatures, type LookasideBase,
} from './lookaside';
import { registryManifestDigest, type RegistryAccess } from './manifestDigest';
import { activePolicyPath, readPolicy, requirementsFor, type Requirement } from './policy';
import { loadRegistriesD, lookasideFor, registriesDirectory } from './registriesD';
import { trustFromKeyFiles, trustFromRequirements, type TrustEntry } from './trust';
import { verifySignature, type SignatureResult } from './verifySignature';

export type ImageVerdict = 'verified' | 'untrusted' | 'invalid' | 'unsigned' | 'unknown';

export interface VerifyImageRequest extends RegistryAccess {
  reference: string;
  /** Key files trusted in addition to the policy's (default identity rule). */
  keyFiles?: string[];
  /** A lookaside base (folder, file:// or http(s)://) instead of registries.d's. */
  lookaside?: string;
  /** The manifest digest, instead of asking the registry. */
  digest?: string;
  /** A policy file; `null` for none; undefined for podman's (user, else system). */
  policyFile?: string | null;
  registriesDir?: string;
  /** Read the `lookaside-staging` location, where a push has just written. */
  staging?: boolean;
  localDigest?: string;
  knownKeys?: PublicKey[];
  home?: string;
  now?: Date;
  /** How to learn the manifest digest; defaults to skopeo or the registry API. */
  lookupDigest?: (ref: DockerReference) => Promise<string>;
}

export interface ImageReport {
  reference: string;
  digest: string | null;
  verdict: ImageVerdict;
  /** One sentence: why this verdict. */
  reason: string;
  signatures: SignatureResult[];
  /** Where the signatures were looked for. */
  lookaside: string | null;
  /** Facts around the verdict: policy scope, unreadable keys, local digest differences. */
  notes: string[];
}

/** Thrown for a request that cannot be acted on (bad reference, unreadable explicit policy). */
export class RequestError extends Error {}

export async function verifyImage(request: VerifyImageRequest): Promise<ImageReport> {
  const ref = parseReference(request.reference);
  const name = formatReference(ref);
  const notes: string[] = [];
  const trust = await loadTrust(request, ref, notes);

  let digest: string;
  try {
    digest = request.digest ? checkDigest(request.digest)
      : await (request.lookupDigest ?? ((r) => registryManifestDigest(r, request)))(ref);
  } catch (error) {
    if (error instanceof RequestError) throw error;
    return { reference: name, digest: null, verdict: 'unknown', signatures: [], lookaside: null,
      reason: `the registry's manifest digest is not known: ${(error as Error).message}`, notes };
  }
  if (request.localDigest && request.localDigest !== digest) {
    notes.push(`The local image digest ${request.localDigest} differs from the registry's ` +
      `manifest digest ${digest} (a push re-encodes layers); signatures name the registry's.`);
  }

  const base = lookasideBase(request, ref);
  const where = formatLookasideBase(base);
  let files: Uint8Array[];
  try {
    files = await readSignatures(base, ref, digest);
  } catch (error) {
    return { reference: name, digest, verdict: 'unknown', signatures: [], lookaside: where,
      reason: `the signatures could not be read: ${(error as Error).message}`, notes };
  }
  const signatures: SignatureResult[] = [];
  for (const [i, data] of files.entries()) {
    signatures.push(await verifySignature(data, i + 1, { reference: ref, manifestDigest: digest,
      localDigest: request.localDigest, trust, knownKeys: request.knownKeys, now: request.now }));
  }
  if (trust.length === 0) notes.push('No key is trusted for this image: add a signedBy entry ' +
    'to policy.json (Trust Key for Registry) or pass --key.');
  const { verdict, reason } = overall(signatures, where);
  return { reference: name, digest, verdict, reason, signatures, lookaside: where, notes };
}

function parseReference(text: string): DockerReference {
  try {
    return parseDockerReference(text);
  } catch (error) {
    throw new RequestError((error as Error).message);
  }
}

function checkDigest(text: string): string {
  if (!/^sha256:[0-9a-f]{64}$/.test(text)) {
    throw new RequestError(`--digest must be sha256: and 64 lower-case hex digits, not "${text}"`);
  }
  return text;
}

function lookasideBase(request: VerifyImageRequest, ref: DockerReference): LookasideBase {
  if (request.lookaside) {
    try {
      return parseLookasideBase(request.lookaside);
    } catch (error) {
      throw new RequestError(`--lookaside: ${(error as Error).message}`);
    }
  }
  const home = request.home ?? os.homedir();
  const directory = request.registriesDir ?? registriesDirectory(home).directory;
  const config = loadRegistriesD(directory);
  return parseLookasideBase(lookasideFor(config, ref, request.staging ?? false,
    undefined, home).url);
}

async function loadTrust(request: VerifyImageRequest, ref: DockerReference,
  notes: string[]): Promise<TrustEntry[]> {
  const entries: TrustEntry[] = [];
  const policyFile = request.policyFile === undefined
    ? activePolicyPath(request.home ?? os.homedir()) : request.policyFile;
  if (policyFile !== null && (request.policyFile !== undefined || fs.existsSync(policyFile))) {
    try {
      const { scope, requirements } = requirementsFor(readPolicy(policyFile), ref);
      notes.push(`Policy ${policyFile}, scope ${scope}: ${describe(requirements)}.`);
      const loaded = await trustFromRequirements(requirements, scope);
      entries.push(...loaded.entries);
      notes.push(...loaded.problems);
    } catch (error) {
      if (request.policyFile !== undefined) throw new RequestError((error as Error).message);
      notes.push(`The policy could not be used: ${(error as Error).message}`);
    }
  }
  const extra = await trustFromKeyFiles(request.keyFiles ?? []);
  if (extra.problems.length > 0 && request.keyFiles?.length) {
    throw new RequestError(extra.problems.join('; '));
  }
  entries.push(...extra.entries);
  return entries.filter((entry) => entry.keys.length > 0);
}

function describe(requirements: Requirement[]): string {
  return requirements.map((r) => {
    if (r.type === 'insecureAcceptAnything') return 'insecureAcceptAnything (podman accepts ' +
      'the image without any signature)';
    if (r.type === 'reject') return 'reject (podman refuses every image here)';
    if (r.type === 'signedBy') return `signedBy ${r.keyType} (${r.signedIdentity.type})`;
    return `${r.name} (not checked by Rootguard)`;
  }).join(', ');
}

function overall(signatures: SignatureResult[], where: string):
  { verdict: ImageVerdict; reason: string } {
  if (signatures.length === 0) {
    return { verdict: 'unsigned', reason: `no signature-1 found under ${where}` };
  }
  for (const verdict of ['verified', 'unknown', 'untrusted', 'invalid'] as const) {
    const first = signatures.find((s) => s.verdict === verdict);
    if (first) return { verdict, reason: `signature-${first.index}: ${first.reason}` };
  }
  return { verdict: 'invalid', reason: 'no signature verified' };
}
