// The podman side of signing: pushing with `--sign-by`, and the local images the Images view
// lists. podman signs with gpg itself (GPGME), so the key's passphrase goes to gpg-agent.
import { runProgram } from '../gpg/execute';
import { parseFingerprint } from '../gpg/gpg';
import {
  formatReference, isLoopbackRegistry, parseDockerReference, type DockerReference,
} from './dockerReference';

// LIMITATION: this small podman layer lives beside the signing code so that it stays
// independent of client/src/podman (built separately); the two may merge later.
export interface PodmanAccess {
  podmanPath?: string;
  /** Global podman options (e.g. --root for tests), placed before the subcommand. */
  globalArgs?: string[];
  env?: Record<string, string | undefined>;
  log?: (line: string) => void;
}

export interface LocalImage {
  id: string;
  /** Normalised references (registry/repository:tag) of its names. */
  names: string[];
  /** `repository@sha256:…` digests podman learnt from a registry (pull or push). */
  repoDigests: string[];
  /** The local manifest digest, which may differ from the registry's. */
  digest?: string;
}

/** The argument list of a signed push; the source may be a local name or an image id. */
export function signedPushArguments(source: string, destination: DockerReference,
  fingerprint: string): string[] {
  const fpr = parseFingerprint(fingerprint);
  if (!/^(?:[0-9a-f]{12,64}|[a-z0-9][\w./:@-]*)$/i.test(source)) {
    throw new Error(`"${source.slice(0, 80)}" is not an image name or id`);
  }
  // Pushing to a loopback registry never leaves the machine, so plain HTTP is allowed there.
  const tls = isLoopbackRegistry(destination) ? ['--tls-verify=false'] : [];
  return ['push', ...tls, '--sign-by', fpr, source, `docker://${formatReference(destination)}`];
}

export async function signAndPush(access: PodmanAccess, source: string,
  destination: DockerReference, fingerprint: string): Promise<string> {
  const args = signedPushArguments(source, destination, fingerprint);
  const result = await runPodman(access, args, 600_000);
  return result.stderr;
}

export async function listLocalImages(access: PodmanAccess): Promise<LocalImage[]> {
  const { stdout } = await runPodman(access, ['images', '--format', 'json'], 60_000);
  const parsed: unknown = JSON.parse(stdout.toString('utf8') || '[]');
  if (!Array.isArray(parsed)) return [];
  return parsed.map((raw) => {
    const image = raw as Record<string, unknown>;
    return {
      id: String(image.Id ?? ''),
      names: strings(image.Names).flatMap(normalised),
      repoDigests: strings(image.RepoDigests),
      ...(typeof image.Digest === 'string' ? { digest: image.Digest } : {}),
    };
  });
}

function runPodman(access: PodmanAccess, args: string[], timeoutMs: number) {
  return runProgram(access.podmanPath || 'podman', [...(access.globalArgs ?? []), ...args],
    { env: access.env, log: access.log, timeoutMs });
}

function normalised(name: string): string[] {
  try {
    return [formatReference(parseDockerReference(name))];
  } catch {
    return [];
  }
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
