import { isObject, podmanOutput, runPodman, PodmanError, type PodmanOptions } from './podman';
import {
  checkContainerName, checkImage, formatReference, parseDockerReference,
} from './reference';

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
  const data = await inspect(podman, 'container', checkContainerName(name),
    /no such container/i);
  if (!data) return undefined;
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
  const data = await inspect(podman, 'image', checkImage(reference),
    /image not known|no such image/i);
  if (!data) return undefined;
  const config = objectAt(data, 'Config');
  // podman puts the HEALTHCHECK beside Config; docker's layout has it inside.
  const test = objectAt(data, 'Healthcheck').Test ?? objectAt(config, 'Healthcheck').Test;
  return {
    id: text(data.Id),
    user: text(config.User),
    healthcheck: Array.isArray(test) ? test.map(String) : undefined,
  };
}

/** `podman container|image inspect` of a checked name: its object, or undefined when absent. */
async function inspect(podman: PodmanOptions, kind: 'container' | 'image', name: string,
  absent: RegExp): Promise<Record<string, unknown> | undefined> {
  const result = await runPodman(podman, [kind, 'inspect', '--format', 'json', name],
    { timeoutMs: 30_000 });
  if (result.code === 0) return firstObject(result.stdout);
  if (absent.test(result.stderr)) return undefined;
  throw new PodmanError(`podman ${kind} inspect failed: ${result.stderr.trim()}`);
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

/** A local image as the Images view lists it. */
export interface LocalImage {
  id: string;
  /** Normalised references (registry/repository:tag) of its names. */
  names: string[];
  /** `repository@sha256:…` digests podman learnt from a registry (pull or push). */
  repoDigests: string[];
  /** The local manifest digest, which may differ from the registry's. */
  digest?: string;
}

export async function listLocalImages(podman: PodmanOptions): Promise<LocalImage[]> {
  const stdout = await podmanOutput(podman, ['images', '--format', 'json'],
    { timeoutMs: 60_000 });
  const list: unknown = JSON.parse(stdout || '[]');
  if (!Array.isArray(list)) return [];
  return list.filter(isObject).map((image) => ({
    id: text(image.Id),
    names: strings(image.Names).flatMap(normalised),
    repoDigests: strings(image.RepoDigests),
    ...(typeof image.Digest === 'string' ? { digest: image.Digest } : {}),
  }));
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
