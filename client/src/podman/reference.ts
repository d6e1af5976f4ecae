import { parseFamiliarName } from '@swimlane/docker-reference';

/**
 * Names that reach podman's or skopeo's command line are checked here first, against the
 * grammar podman itself accepts, so that a name can never be read as an option (a leading
 * dash) or carry anything but a name. The arguments are passed as an array, never through a
 * shell; this is for clear messages before anything runs, and against option injection.
 */
export class InvalidNameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidNameError';
  }
}

/** A docker reference, normalised as podman and containers/image read it. */
export interface DockerReference {
  /** Registry host with optional port, e.g. `docker.io`, `127.0.0.1:5000`. */
  domain: string;
  /** Repository path inside the registry, e.g. `library/nginx`, `team/app`. */
  path: string;
  tag?: string;
  /** `sha256:<64 lower-case hex>`. */
  digest?: string;
}

/** Longer is no reference (a name has at most 255 characters) and not worth a regex. */
const MAX_REFERENCE_LENGTH = 1024;

// LIMITATION: the grammar of @swimlane/docker-reference predates IPv6 registry hosts, so
// `[::1]:5000/app` is refused; use `localhost:5000/app` for a registry on loopback.

/**
 * Parses a reference by the distribution project's grammar and normalises it: `nginx` becomes
 * `docker.io/library/nginx:latest` (without the tag when `defaultTag` is false). Anything else
 * — spaces, quotes, `;`, `$()`, a leading `-`, upper case — is an InvalidNameError.
 */
export function parseDockerReference(text: string, defaultTag = true): DockerReference {
  let parsed: ReturnType<typeof parseFamiliarName>;
  try {
    if (text.length > MAX_REFERENCE_LENGTH) throw new Error('far too long');
    parsed = parseFamiliarName(text);
  } catch (error) {
    throw invalidReference(text, error instanceof Error ? error.message : String(error));
  }
  const { domain = '', repository: path = '', tag, digest } = parsed;
  // Podman writes and signs sha256 manifest digests only; verification knows no other.
  if (digest !== undefined && !/^sha256:[0-9a-f]{64}$/.test(digest)) {
    throw invalidReference(text, 'only sha256 digests of 64 lower-case hex digits are supported');
  }
  const withTag = tag ?? (digest === undefined && defaultTag ? 'latest' : undefined);
  return { domain, path, ...(withTag ? { tag: withTag } : {}), ...(digest ? { digest } : {}) };
}

function invalidReference(text: string, reason: string): InvalidNameError {
  const shown = text.length > 120 ? `${text.slice(0, 120)}…` : text;
  return new InvalidNameError(`${JSON.stringify(shown)} is not a valid image reference ` +
    `(${reason}); use [registry[:port]/]repository[:tag][@sha256:digest] in lower case, e.g. ` +
    'localhost/my-app:1.0.');
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

/** Whether a registry is on the loopback interface, where TLS protects nothing. */
export function isLoopbackRegistry(ref: DockerReference): boolean {
  const host = ref.domain.replace(/:\d+$/, '');
  return host === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** An image reference in the docker reference grammar: `name[:tag][@digest]`, lower case. */
export function checkImageReference(reference: string): string {
  parseDockerReference(reference);
  return reference;
}

/** A local image by reference, or by its id (12 to 64 hex digits) as podman prints it. */
export function checkImage(nameOrId: string): string {
  return /^[0-9a-f]{12,64}$/.test(nameOrId) ? nameOrId : checkImageReference(nameOrId);
}

/** podman's rule for container names: a letter or digit, then letters, digits, `_`, `.`, `-`. */
export function checkContainerName(name: string): string {
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,252}$/.test(name)) {
    throw new InvalidNameError(`${JSON.stringify(name)} is not a container name; use letters, ` +
      'digits, _, . and -, starting with a letter or digit.');
  }
  return name;
}

/** A capability as `--cap-add` takes it: `NET_BIND_SERVICE` or `CAP_NET_BIND_SERVICE`. */
export function checkCapability(capability: string): string {
  if (!/^[A-Za-z][A-Za-z_]*$/.test(capability)) {
    throw new InvalidNameError(`${JSON.stringify(capability)} is not a capability name ` +
      '(e.g. NET_BIND_SERVICE).');
  }
  return capability;
}

/** A `--userns` mode: `auto`, `keep-id`, `keep-id:uid=1000,gid=1000`, `nomap`, `ns:PATH`. */
export function checkUserns(mode: string): string {
  if (!/^[a-z][\w:=,./-]*$/.test(mode)) {
    throw new InvalidNameError(`${JSON.stringify(mode)} is not a --userns mode ` +
      '(e.g. auto, keep-id, nomap).');
  }
  return mode;
}

/** A default container or image name from a folder name: lower case, unsafe runs as `-`. */
export function nameFromFolder(folder: string): string {
  const cleaned = folder.toLowerCase().replace(/[^a-z0-9_.-]+/g, '-').replace(/^[^a-z0-9]+/, '')
    .replace(/[-_.]+$/, '');
  return cleaned.slice(0, 60) || 'app';
}
