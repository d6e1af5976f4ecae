// `podman push --sign-by`: the signed push of Sign and Push Image. podman signs with gpg itself
// (GPGME), so the key's passphrase goes to gpg-agent, never through Rootguard; GNUPGHOME comes
// in through the podman options' environment.
import { parseFingerprint } from '../gpg/gpg';
import { podmanOutput, type PodmanOptions } from './podman';
import { checkImage, formatReference, isLoopbackRegistry, type DockerReference } from './reference';

/** The argument list of a signed push; the source may be a local name or an image id. */
export function signedPushArguments(source: string, destination: DockerReference,
  fingerprint: string): string[] {
  const fpr = parseFingerprint(fingerprint);
  checkImage(source);
  // Pushing to a loopback registry never leaves the machine, so plain HTTP is allowed there.
  const tls = isLoopbackRegistry(destination) ? ['--tls-verify=false'] : [];
  return ['push', ...tls, '--sign-by', fpr, source, `docker://${formatReference(destination)}`];
}

export async function signAndPush(podman: PodmanOptions, source: string,
  destination: DockerReference, fingerprint: string): Promise<void> {
  const args = signedPushArguments(source, destination, fingerprint);
  await podmanOutput(podman, args, { timeoutMs: 600_000 });
}
