// Docker references (`registry.example:5000/team/app:1.2@sha256:…`), parsed by the grammar of
// the distribution project and normalised the way podman and containers/image do, so that a
// scope in policy.json or registries.d means here what it means to podman.

export interface DockerReference {
  /** Registry host with optional port, e.g. `docker.io`, `127.0.0.1:5000`. */
  domain: string;
  /** Repository path inside the registry, e.g. `library/nginx`, `team/app`. */
  path: string;
  tag?: string;
  /** `sha256:<64 hex>` (other algorithms parse but verification knows only sha256). */
  digest?: string;
}

export class ReferenceError extends Error {}

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(?:(${DOMAIN})/)?(${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)` +
  `(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const NAME_MAX = 255;

/**
 * Parses and normalises a reference: `nginx` becomes `docker.io/library/nginx:latest`.
 * Anything else — spaces, quotes, `;`, `$()`, a leading `-` — is rejected, so a reference is
 * safe to pass to podman or skopeo as one argument.
 */
export function parseDockerReference(text: string, defaultTag = true): DockerReference {
  const input = text.trim();
  const match = input.length <= 1024 ? REFERENCE.exec(input) : null;
  if (!match) {
    throw new ReferenceError(`"${printable(text)}" is not a valid image reference ` +
      '(expected [registry[:port]/]repository[:tag][@sha256:digest], lower-case repository).');
  }
  const [, first, rest, tag, digest] = match;
  // The first component is a registry only if it looks like a host; "team/app" is on Docker Hub.
  const hasRegistry = first !== undefined && isRegistryHost(first);
  let path = hasRegistry || first === undefined ? rest : `${first}/${rest}`;
  let domain = hasRegistry ? first : 'docker.io';
  if (domain === 'index.docker.io') domain = 'docker.io';
  if (domain === 'docker.io' && !path.includes('/')) path = `library/${path}`;
  if (/[A-Z]/.test(path)) throw new ReferenceError(`repository names are lower case: "${path}"`);
  if (domain.length + 1 + path.length > NAME_MAX) {
    throw new ReferenceError('the repository name is longer than 255 characters');
  }
  if (digest !== undefined && !/^sha256:[0-9a-f]{64}$/.test(digest)) {
    throw new ReferenceError(`only sha256 digests of 64 lower-case hex digits are supported: ` +
      `"${printable(digest)}"`);
  }
  const withTag = tag ?? (digest === undefined && defaultTag ? 'latest' : undefined);
  return { domain, path, ...(withTag ? { tag: withTag } : {}), ...(digest ? { digest } : {}) };
}

function isRegistryHost(component: string): boolean {
  return component.includes('.') || component.includes(':') || component === 'localhost' ||
    component.startsWith('[') || /[A-Z]/.test(component);
}

/** `domain/path`, the repository as podman names it. */
export function repositoryName(ref: DockerReference): string {
  return `${ref.domain}/${ref.path}`;
}

/** The full normalised reference. */
export function formatReference(ref: DockerReference): string {
  return repositoryName(ref) + (ref.tag ? `:${ref.tag}` : '') +
    (ref.digest ? `@${ref.digest}` : '');
}

/**
 * The most specific scope of a reference in policy.json and registries.d: the repository with
 * its digest, else with its tag (containers/image's PolicyConfigurationIdentity).
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
  if (!ref.domain.includes(':') && !ref.domain.startsWith('[') && /[a-z]/i.test(ref.domain)) {
    const labels = ref.domain.split('.');
    for (let i = 1; i < labels.length; i++) scopes.push(`*.${labels.slice(i).join('.')}`);
  }
  return scopes;
}

/** Whether a host is on the loopback interface, where TLS protects nothing. */
export function isLoopbackRegistry(ref: DockerReference): boolean {
  const host = ref.domain.replace(/:\d+$/, '');
  return host === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '[::1]';
}

function printable(text: string): string {
  return JSON.stringify(text.slice(0, 120)).slice(1, -1);
}
