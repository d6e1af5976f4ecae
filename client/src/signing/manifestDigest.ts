// The manifest digest *as in the registry*: what `podman push --sign-by` signs. The local
// image's digest is not it — a push can re-encode (compress) the layers, giving a new manifest.
import { createHash } from 'node:crypto';
import { runProgram, ProgramMissingError } from '../system/execute';
import {
  formatReference, isLoopbackRegistry, type DockerReference,
} from '../podman/reference';

export interface RegistryAccess {
  skopeoPath?: string;
  log?: (line: string) => void;
}

const MANIFEST_TYPES = [
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
].join(', ');

/**
 * Asks the registry for the manifest and hashes its exact bytes: with skopeo (which knows the
 * user's registry logins), else with an anonymous request to the registry API.
 */
export async function registryManifestDigest(ref: DockerReference,
  access: RegistryAccess = {}): Promise<string> {
  if (ref.digest) return ref.digest;
  try {
    return await digestWithSkopeo(ref, access);
  } catch (error) {
    if (!(error instanceof ProgramMissingError)) throw error;
    access.log?.('skopeo is not installed; asking the registry API directly (no login).');
    return digestFromRegistryApi(ref);
  }
}

async function digestWithSkopeo(ref: DockerReference, access: RegistryAccess): Promise<string> {
  // On loopback nothing travels over a network, so plain HTTP is fine; elsewhere TLS is checked.
  const tls = isLoopbackRegistry(ref) ? ['--tls-verify=false'] : [];
  const { stdout } = await runProgram(access.skopeoPath || 'skopeo',
    ['inspect', '--raw', ...tls, `docker://${formatReference(ref)}`],
    { log: access.log, timeoutMs: 60_000 });
  return sha256(stdout);
}

// LIMITATION: the direct registry request is anonymous: a registry that needs a login (or a
// bearer token dance, as Docker Hub does) answers 401, and the message says to install skopeo.
async function digestFromRegistryApi(ref: DockerReference): Promise<string> {
  const scheme = isLoopbackRegistry(ref) ? 'http' : 'https';
  const host = ref.domain === 'docker.io' ? 'registry-1.docker.io' : ref.domain;
  const url = `${scheme}://${host}/v2/${ref.path}/manifests/${ref.tag ?? 'latest'}`;
  const response = await fetch(url, { headers: { Accept: MANIFEST_TYPES },
    signal: AbortSignal.timeout(30_000) });
  if (response.status === 401) {
    throw new Error(`${ref.domain} needs a login to read manifests; install skopeo, which uses ` +
      'podman\'s registry credentials');
  }
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return sha256(new Uint8Array(await response.arrayBuffer()));
}

function sha256(data: Uint8Array): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}
