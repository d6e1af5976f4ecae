// The scopes of a docker reference in policy.json and registries.d, as containers/image reads
// them: the most specific one with an entry decides which keys are required and where the
// signatures are.
import { repositoryName, type DockerReference } from '../podman/reference';

/**
 * The most specific scope: the repository with its digest, else with its tag
 * (containers/image's PolicyConfigurationIdentity).
 */
export function scopeIdentity(ref: DockerReference): string {
  if (ref.digest) return `${repositoryName(ref)}@${ref.digest}`;
  return `${repositoryName(ref)}:${ref.tag ?? 'latest'}`;
}

/**
 * The broader scopes, most specific first: the repository, each parent namespace, the
 * registry, then wildcard domains (`*.example.com`) for host names.
 */
export function scopeNamespaces(ref: DockerReference): string[] {
  const scopes: string[] = [];
  const parts = ref.path.split('/');
  for (let i = parts.length; i > 0; i--) {
    scopes.push(`${ref.domain}/${parts.slice(0, i).join('/')}`);
  }
  scopes.push(ref.domain);
  if (!ref.domain.includes(':') && /[a-z]/i.test(ref.domain)) {
    const labels = ref.domain.split('.');
    for (let i = 1; i < labels.length; i++) scopes.push(`*.${labels.slice(i).join('.')}`);
  }
  return scopes;
}
