// policy.json's `signedIdentity`: which docker reference a signature must name for the image
// being checked. Without it a signature for `team/app:1` could vouch for `team/other:1`.
import {
  formatReference, InvalidNameError, parseDockerReference, repositoryName, type DockerReference,
} from '../podman/reference';

export type IdentityRule =
  | { type: 'matchExact' }
  | { type: 'matchRepoDigestOrExact' }
  | { type: 'matchRepository' }
  | { type: 'exactReference'; dockerReference: string }
  | { type: 'exactRepository'; dockerRepository: string }
  | { type: 'remapIdentity'; prefix: string; signedPrefix: string };

export const DEFAULT_IDENTITY_RULE: IdentityRule = { type: 'matchRepoDigestOrExact' };

/** Returns undefined when the signed identity is acceptable, else the reason it is not. */
export function identityMismatch(rule: IdentityRule, image: DockerReference,
  signedText: string): string | undefined {
  let signed: DockerReference;
  try {
    signed = parseDockerReference(signedText, false);
  } catch (error) {
    if (error instanceof InvalidNameError) return `the signed identity is not a reference`;
    throw error;
  }
  const wanted = describeRule(rule, image);
  return matches(rule, image, signed) ? undefined
    : `the signature is for "${signedText}", but ${wanted}`;
}

function matches(rule: IdentityRule, image: DockerReference, signed: DockerReference): boolean {
  switch (rule.type) {
    case 'matchExact':
      return image.tag !== undefined || image.digest !== undefined
        ? formatReference(image) === formatReference(signed) : false;
    case 'matchRepoDigestOrExact':
      return repoDigestOrExact(image, signed);
    case 'matchRepository':
      return repositoryName(image) === repositoryName(signed);
    case 'exactReference':
      return formatReference(signed) === formatReference(parseDockerReference(
        rule.dockerReference, false));
    case 'exactRepository':
      return repositoryName(signed) === repositoryName(parseDockerReference(
        rule.dockerRepository, false));
    case 'remapIdentity':
      return repoDigestOrExact(remap(image, rule.prefix, rule.signedPrefix), signed);
  }
}

/** A digest pins the content, so any signed tag of the repository will do; a tag must match. */
function repoDigestOrExact(image: DockerReference, signed: DockerReference): boolean {
  if (image.digest) return repositoryName(image) === repositoryName(signed);
  if (image.tag) return formatReference(image) === formatReference(signed);
  return false;
}

/** `remapIdentity`: the image under `prefix` is expected to be signed as under `signedPrefix`. */
function remap(image: DockerReference, prefix: string, signedPrefix: string): DockerReference {
  const name = formatReference(image);
  const boundary = name.length === prefix.length || /[/:@]/.test(name[prefix.length] ?? '');
  if (!name.startsWith(prefix) || !boundary) return image;
  return parseDockerReference(signedPrefix + name.slice(prefix.length), false);
}

function describeRule(rule: IdentityRule, image: DockerReference): string {
  switch (rule.type) {
    case 'matchRepoDigestOrExact':
      return image.digest
        ? `the policy (matchRepoDigestOrExact) wants repository "${repositoryName(image)}"`
        : `the policy (matchRepoDigestOrExact) wants exactly "${formatReference(image)}"`;
    case 'matchExact':
      return `the policy (matchExact) wants exactly "${formatReference(image)}"`;
    case 'matchRepository':
      return `the policy (matchRepository) wants repository "${repositoryName(image)}"`;
    case 'exactReference':
      return `the policy (exactReference) wants "${rule.dockerReference}"`;
    case 'exactRepository':
      return `the policy (exactRepository) wants repository "${rule.dockerRepository}"`;
    case 'remapIdentity':
      return `the policy (remapIdentity ${rule.prefix} → ${rule.signedPrefix}) does not allow it`;
  }
}
