import { isObject, podmanOutput, runPodman, PodmanError, type PodmanOptions } from './podman';
import { checkContainerName, checkImageReference } from './reference';

/** What Rootguard reads of `podman container inspect`. */
export interface ContainerInfo {
  id: string;
  name: string;
  imageId: string;
  imageName: string;
  running: boolean;
  status: string;
  exitCode: number;
  /** The user the container was started as (`--user`, else the image's). */
  user: string;
  /** Published ports: container port/protocol → host port. */
  ports: { container: number; protocol: string; hostIp: string; hostPort: number }[];
}

/** What Rootguard reads of `podman image inspect`. */
export interface ImageInfo {
  id: string;
  /** The image's configured User; empty means root. */
  user: string;
  /** The HEALTHCHECK test command, e.g. `["CMD-SHELL", "wget … || exit 1"]`. */
  healthcheck: string[] | undefined;
}

/** A container's state, or undefined when no container has that name. */
export async function inspectContainer(podman: PodmanOptions, name: string):
  Promise<ContainerInfo | undefined> {
  checkContainerName(name);
  const result = await runPodman(podman, ['container', 'inspect', '--format', 'json', name],
    { timeoutMs: 30_000 });
  if (result.code !== 0) {
    if (/no such container/i.test(result.stderr)) return undefined;
    throw new PodmanError(`podman container inspect failed: ${result.stderr.trim()}`);
  }
  const data = firstObject(result.stdout);
  const state = objectAt(data, 'State');
  const config = objectAt(data, 'Config');
  return {
    id: text(data.Id),
    name: text(data.Name),
    imageId: text(data.Image),
    imageName: text(data.ImageName),
    running: state.Running === true,
    status: text(state.Status),
    exitCode: typeof state.ExitCode === 'number' ? state.ExitCode : 0,
    user: text(config.User),
    ports: publishedPorts(objectAt(objectAt(data, 'NetworkSettings'), 'Ports')),
  };
}

/** An image's configuration, or undefined when there is no such image. */
export async function inspectImage(podman: PodmanOptions, reference: string):
  Promise<ImageInfo | undefined> {
  if (!/^[0-9a-f]{12,64}$/.test(reference)) checkImageReference(reference);
  const result = await runPodman(podman, ['image', 'inspect', '--format', 'json', reference],
    { timeoutMs: 30_000 });
  if (result.code !== 0) {
    if (/image not known|no such image/i.test(result.stderr)) return undefined;
    throw new PodmanError(`podman image inspect failed: ${result.stderr.trim()}`);
  }
  const data = firstObject(result.stdout);
  const config = objectAt(data, 'Config');
  // podman puts the HEALTHCHECK beside Config; docker's layout has it inside.
  const test = objectAt(data, 'Healthcheck').Test ?? objectAt(config, 'Healthcheck').Test;
  return {
    id: text(data.Id),
    user: text(config.User),
    healthcheck: Array.isArray(test) ? test.map(String) : undefined,
  };
}

/** Whether a container of that name exists, running or not. */
export async function containerExists(podman: PodmanOptions, name: string): Promise<boolean> {
  checkContainerName(name);
  const result = await runPodman(podman, ['container', 'exists', name], { timeoutMs: 30_000 });
  if (result.code === 0) return true;
  if (result.code === 1) return false;
  throw new PodmanError(`podman container exists failed: ${result.stderr.trim()}`);
}

/** The names of all containers, running first, for pickers. */
export async function containerNames(podman: PodmanOptions): Promise<
  { name: string; image: string; running: boolean }[]> {
  const stdout = await podmanOutput(podman, ['ps', '--all', '--format', 'json'],
    { timeoutMs: 30_000 });
  const list: unknown = JSON.parse(stdout || '[]');
  if (!Array.isArray(list)) return [];
  return list.filter(isObject).map((c) => ({
    name: Array.isArray(c.Names) ? String(c.Names[0] ?? '') : '',
    image: text(c.Image),
    running: c.State === 'running' || c.Exited === false,
  })).filter((c) => c.name !== '').sort((a, b) => Number(b.running) - Number(a.running));
}

function publishedPorts(ports: Record<string, unknown>): ContainerInfo['ports'] {
  const published: ContainerInfo['ports'] = [];
  for (const [key, bindings] of Object.entries(ports)) {
    const [port, protocol = 'tcp'] = key.split('/');
    if (!Array.isArray(bindings)) continue;
    for (const binding of bindings.filter(isObject)) {
      published.push({ container: Number(port), protocol, hostIp: text(binding.HostIp),
        hostPort: Number(binding.HostPort) });
    }
  }
  return published;
}

function firstObject(json: string): Record<string, unknown> {
  const parsed: unknown = JSON.parse(json);
  const first: unknown = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!isObject(first)) throw new PodmanError('podman inspect printed no object.');
  return first;
}

function objectAt(value: Record<string, unknown>, key: string): Record<string, unknown> {
  const found = value[key];
  return isObject(found) ? found : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
