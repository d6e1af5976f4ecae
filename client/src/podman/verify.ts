import {
  describeIdMap,
  hostIdOfRoot,
  isRootUser,
  parseId,
  parseIdMap,
  parseTop,
  permissionErrors,
  portOf,
  probeUrl,
} from './containerFacts';
import {
  inspectContainer,
  inspectImage,
  type ContainerInfo,
  type ImageInfo,
} from './inspect';
import { runPodman, type PodmanOptions } from './podman';
import { check, type Check, type Report } from './report';

export interface VerifyOptions {
  /** The health endpoint to probe from the host; else the image's HEALTHCHECK URL. */
  url?: string;
  /** How long the health endpoint gets to answer, retries included. */
  healthTimeoutMs?: number;
}

const EXEC_TIMEOUT = 20_000;

/**
 * Checks that a container runs as intended: running, not root inside, in a rootless user
 * namespace, its processes owned by an unprivileged host user, its image configured with a
 * non-root User, its health endpoint answering through the published port, and no permission
 * errors in its output. Each check says what it saw and how to fix a failure.
 */
export async function verifyContainer(podman: PodmanOptions, name: string,
  options: VerifyOptions = {}): Promise<Report> {
  const container = await inspectContainer(podman, name);
  if (!container) {
    return { checks: [check('Container exists', false, `no container named ${name}`,
      'List containers with `podman ps --all`; start one with Rootguard: Run Hardened.')] };
  }
  const logs = await runPodman(podman, ['logs', name], { timeoutMs: EXEC_TIMEOUT });
  const output = `${logs.stdout}\n${logs.stderr}`;
  // `podman exec`: a command inside the container; undefined when it is not running.
  const runInside = (args: string[]) => container.running
    ? runPodman(podman, ['exec', name, ...args], { timeoutMs: EXEC_TIMEOUT }) : undefined;
  const top = container.running ? await runPodman(podman, ['top', name, 'huser', 'user'],
    { timeoutMs: EXEC_TIMEOUT }) : undefined;
  const processes = top?.code === 0 ? parseTop(top.stdout) : [];
  const image = await inspectImage(podman, container.imageId);

  return {
    checks: [
      runningCheck(container, output),
      await userInsideCheck(container, runInside, processes),
      await userNamespaceCheck(container, runInside),
      processOwnerCheck(container, processes),
      imageUserCheck(container, image),
      await healthCheck(container, image, options),
      logsCheck(output),
    ],
  };
}

type RunInside = (args: string[]) => ReturnType<typeof runPodman> | undefined;

function runningCheck(container: ContainerInfo, output: string): Check {
  const last = output.split('\n').filter((l) => /\[(emerg|alert|crit)\]|error/i.test(l)).pop();
  return check('Container is running', container.running,
    container.running ? `${container.status} (image ${container.imageName})`
      : `${container.status}, exit code ${container.exitCode}` +
        (last ? `; its last error: ${last.trim().slice(0, 300)}` : ''),
    `See \`podman logs ${container.name}\`; the permission check below names what failed.`);
}

async function userInsideCheck(container: ContainerInfo, runInside: RunInside,
  processes: { user: string }[]): Promise<Check> {
  const name = 'Not root inside the container';
  const hint = 'Add a non-root USER to the Dockerfile (Rootguard\'s RG101/RG102 quick-fix), ' +
    'or run with --user.';
  const result = await runInside(['id']);
  const id = result?.code === 0 ? parseId(result.stdout) : undefined;
  if (id) {
    return check(name, id.uid !== 0, id.uid === 0 ? `runs as root (${id.text})` : id.text, hint);
  }
  if (processes.length > 0) {
    const users = [...new Set(processes.map((p) => p.user))];
    return check(name, !users.some(isRootUser), `processes run as ${users.join(', ')} ` +
      '(the image has no `id` command)', hint);
  }
  const started = container.user || 'root (no --user, no image User)';
  return check(name, !isRootUser(container.user), `not running; it was started as ${started}`,
    hint);
}

async function userNamespaceCheck(container: ContainerInfo, runInside: RunInside):
  Promise<Check> {
  const name = 'Rootless: container root is not host root';
  const hint = 'Run podman as a regular user (rootless), not with sudo; or use --userns=auto.';
  const result = await runInside(['cat', '/proc/self/uid_map']);
  if (!result || result.code !== 0) {
    return check(name, false, container.running
      ? 'could not read /proc/self/uid_map inside the container (the image has no `cat`?)'
      : 'the container is not running, so its user namespace cannot be read', hint);
  }
  const ranges = parseIdMap(result.stdout);
  const root = hostIdOfRoot(ranges);
  const ok = root !== undefined && root !== 0;
  return check(name, ok, `${ok ? '' : 'container root IS host root: '}uid_map ${
    describeIdMap(ranges)}`, hint);
}

function processOwnerCheck(container: ContainerInfo, processes: { huser: string;
  user: string }[]): Check {
  const name = 'Processes owned by an unprivileged host user';
  if (processes.length === 0) {
    return check(name, false, container.running ? '`podman top` listed no processes'
      : 'the container is not running', 'Start the container, then verify again.');
  }
  const pairs = [...new Set(processes.map((p) => `${p.user} → host ${p.huser}`))];
  const rootOwned = processes.some((p) => p.huser === '0' || p.huser === 'root');
  return check(name, !rootOwned, `${pairs.join(', ')} (${processes.length} processes)`,
    'Processes run as host root: run podman rootless, as a regular user.');
}

function imageUserCheck(container: ContainerInfo, image: ImageInfo | undefined): Check {
  const user = image?.user ?? '';
  return check('Image is configured with a non-root User', !isRootUser(user),
    user ? `User ${user} (image ${container.imageName})`
      : `no User in ${container.imageName}: it runs as root unless started with --user`,
    'Add `USER <non-root user>` to the Dockerfile; Rootguard\'s RG101 quick-fix does it.');
}

async function healthCheck(container: ContainerInfo, image: ImageInfo | undefined,
  options: VerifyOptions): Promise<Check> {
  const name = 'Health endpoint answers';
  const url = options.url ?? probeThroughHost(container, image);
  if (typeof url !== 'string') return check(name, false, url.problem, url.hint);
  if (!/^https?:\/\/[^\s]+$/.test(url)) {
    return check(name, false, `${JSON.stringify(url)} is not an http(s) URL`,
      'Give a URL such as http://127.0.0.1:8080/health.');
  }
  if (!container.running) {
    return check(name, false, `${url}: the container is not running`,
      'Start the container, then verify again.');
  }
  const answer = await fetchWithRetries(url, options.healthTimeoutMs ?? 5_000);
  return check(name, answer.ok, `GET ${url} → ${answer.detail}`,
    'Check that nginx listens on the published container port and serves this path; ' +
    '`podman logs` shows its errors.');
}

/** The image's HEALTHCHECK URL, rewritten to reach the published port from the host. */
function probeThroughHost(container: ContainerInfo, image: ImageInfo | undefined): string |
  { problem: string; hint: string } {
  const hint = 'Give the URL (--url on the command line; the editor asks), or add a ' +
    'HEALTHCHECK that probes an http:// URL.';
  const probe = probeUrl(image?.healthcheck);
  if (!probe) return { problem: 'no health endpoint known (no HEALTHCHECK URL)', hint };
  const port = portOf(probe);
  const published = container.ports.find((p) => p.container === port && p.protocol === 'tcp');
  if (!published) {
    return { problem: `the HEALTHCHECK probes container port ${port}, which is not published`,
      hint: `Publish it: -p ${port < 1024 ? port + 8000 : port}:${port}.` };
  }
  const host = published.hostIp && published.hostIp !== '0.0.0.0' ? published.hostIp
    : '127.0.0.1';
  return `${probe.protocol}//${host}:${published.hostPort}${probe.pathname}${probe.search}`;
}

async function fetchWithRetries(url: string, timeoutMs: number): Promise<{ ok: boolean;
  detail: string }> {
  const deadline = Date.now() + timeoutMs;
  let detail = 'no answer';
  // nginx may still be starting when a container was just run: retry until the deadline.
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(
        Math.max(500, deadline - Date.now())), redirect: 'manual' });
      await response.body?.cancel();
      return { ok: response.status >= 200 && response.status < 400,
        detail: `${response.status} ${response.statusText}`.trim() };
    } catch (error) {
      detail = describeFetchError(error);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
  return { ok: false, detail };
}

function describeFetchError(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error ? cause.message : String(cause);
}

function logsCheck(output: string): Check {
  const errors = permissionErrors(output);
  const binds = errors.some((line) => /bind\(\)/.test(line));
  return check('No permission errors in the container output', errors.length === 0,
    errors.length === 0 ? 'none found in `podman logs`'
      : `${errors.length} line(s), first: ${errors[0]}`,
    binds ? 'A non-root nginx cannot bind ports below 1024: listen on 8080 (Rootguard RG201).'
      : 'nginx cannot write where its config says: run `rootguard lint` (RG202–RG204) and ' +
        'Run Hardened, which mounts a tmpfs for each folder nginx writes.');
}
