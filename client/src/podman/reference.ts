import { parseFamiliarName } from '@swimlane/docker-reference';

/**
 * Names that reach podman's command line are checked here first, against the grammar podman
 * itself accepts, so that a name can never be read as an option (a leading dash) or carry
 * anything but a name. The arguments are passed as an array, never through a shell; this is
 * for clear messages before anything runs, and against option injection.
 */
export class InvalidNameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidNameError';
  }
}

/** An image reference in the docker reference grammar: `name[:tag][@digest]`, lower case. */
export function checkImageReference(reference: string): string {
  try {
    parseFamiliarName(reference);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidNameError(`${JSON.stringify(reference)} is not an image reference ` +
      `(${reason}); use e.g. localhost/my-app:1.0 with lower-case letters, digits, ., _, -.`);
  }
  return reference;
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
