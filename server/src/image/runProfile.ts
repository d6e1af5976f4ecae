import type { ImageAnalysis } from '../analysis/analyze';
import { listenPorts } from '../nginx/listen';
import { healthEndpoint, type HealthEndpoint } from './healthEndpoint';
import { nginxWrites, writableDirs, type WritableDir } from './nginxWrites';

/**
 * How to run an image hardened and rootless, worked out from its Dockerfile and the nginx
 * configs it copies: who it runs as, which ports to publish, which folders must stay writable
 * on a read-only root file system, and where it answers health probes. Plain data, so the
 * language server can send it and the CLI can print it.
 */
export interface RunProfile {
  dockerfile: string;
  /** False when the Dockerfile has no FROM or is not a Dockerfile: nothing to run. */
  buildable: boolean;
  user: { spec: string | undefined; isRoot: boolean; source: 'USER' | 'base' | 'none' };
  ports: PublishedPort[];
  writableDirs: WritableDir[];
  health: (HealthEndpoint & { hostPort: number | undefined }) | undefined;
  /** What the profile could not settle, in the user's terms. */
  notes: string[];
}

export interface PublishedPort {
  container: number;
  host: number;
  protocol: 'tcp' | 'udp' | 'sctp';
}

export interface RunOptions {
  /** The container name; the caller validates it. */
  name: string;
  /** The image reference; the caller validates it. */
  image: string;
  capAdd?: string[];
  userns?: string;
  /** The user's own `podman run` arguments, placed before the image. */
  extraArgs?: string[];
}

/** Rootless podman cannot bind host ports below 1024 (net.ipv4.ip_unprivileged_port_start). */
const FIRST_UNPRIVILEGED_PORT = 1024;
const PRIVILEGED_PORT_OFFSET = 8000;
/** A range longer than this is left to the user: publishing it port by port helps no one. */
const MAX_RANGE = 100;

/** The run profile of an analysed Dockerfile; undefined when it was too large to analyse. */
export function runProfile(analysis: ImageAnalysis): RunProfile | undefined {
  const image = analysis.image;
  if (!image) return undefined;
  const notes: string[] = [];

  const ports: PublishedPort[] = [];
  for (const { port } of image.exposed) {
    if (port.last - port.first >= MAX_RANGE) {
      notes.push(`EXPOSE ${port.value.value} spans more than ${MAX_RANGE} ports; publish ` +
        'the ones you need with your own -p arguments.');
      continue;
    }
    for (let p = port.first; p <= port.last; p++) ports.push(published(p, port.protocol));
  }
  if (ports.length === 0) {
    const listened = analysis.placed.flatMap((c) => listenPorts(c.config).map((l) => l.port));
    for (const p of [...new Set(listened)].sort((a, b) => a - b)) ports.push(published(p, 'tcp'));
    if (ports.length > 0) notes.push('The Dockerfile exposes no port; the ports published are ' +
      'those the copied nginx configs listen on.');
  }

  // Only an image that runs nginx needs nginx's folders: a config copied in, or a base image
  // that ships nginx and its own nginx.conf.
  const runsNginx = analysis.placed.length > 0 || image.base.shipsNginxConf === true;
  const dirs = runsNginx ? writableDirs(nginxWrites(analysis.placed, image.nginx)) : [];
  if (!runsNginx) {
    notes.push('No nginx config is copied and the base image is not a known nginx image, so ' +
      'no writable folders are known; add --tmpfs arguments for what the program writes.');
  }

  const health = healthEndpoint(image.chain, analysis.placed);
  if (!health) notes.push('No health endpoint found (no HEALTHCHECK URL and no /health-like ' +
    'location); verification asks for a URL.');
  const runtime = image.runtimeUser;
  if (runtime.identity.isRoot) {
    notes.push('The image runs as root. Without capabilities a root nginx cannot hand its ' +
      'files and workers to its `user` (chown and setuid fail): add a non-root USER first ' +
      '(RG101, RG102).');
  }
  return {
    dockerfile: image.model.file,
    buildable: image.model.target !== undefined,
    user: { spec: runtime.spec, isRoot: runtime.identity.isRoot, source: runtime.source },
    ports,
    writableDirs: dirs,
    health: health && { ...health, hostPort: ports.find((p) => p.container === health.port &&
      p.protocol === 'tcp')?.host },
    notes,
  };
}

function published(container: number, protocol: PublishedPort['protocol']): PublishedPort {
  const host = container < FIRST_UNPRIVILEGED_PORT ? container + PRIVILEGED_PORT_OFFSET
    : container;
  return { container, host, protocol };
}

/**
 * The `podman run` arguments for a profile (without the program name): no capabilities but
 * those the user adds, a read-only root, no privilege gain, a tmpfs for each folder nginx
 * writes, the ports published on unprivileged host ports, then the user's own arguments.
 *
 * Each tmpfs is mounted with `U`, which makes podman hand it to the container's user. A `mode=`
 * would not do: runc gives a tmpfs mounted on a folder the image has that folder's mode (root's
 * 0755 for /run), whatever the option says. `U` works whether the folder exists or not.
 */
export function podmanRunArgs(profile: RunProfile, options: RunOptions): string[] {
  const args = ['run', '-d', '--name', options.name, '--cap-drop=ALL'];
  for (const cap of options.capAdd ?? []) args.push(`--cap-add=${cap}`);
  args.push('--read-only', '--security-opt', 'no-new-privileges');
  for (const dir of profile.writableDirs) args.push('--tmpfs', `${dir.path}:rw,U`);
  for (const port of profile.ports) {
    const suffix = port.protocol === 'tcp' ? '' : `/${port.protocol}`;
    args.push('-p', `${port.host}:${port.container}${suffix}`);
  }
  if (options.userns) args.push(`--userns=${options.userns}`);
  args.push(...(options.extraArgs ?? []), options.image);
  return args;
}
