import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after } from 'node:test';
import { analyzeImage } from '../../server/src/analysis/analyze';
import { DEFAULT_SETTINGS } from '../../server/src/analysis/settings';
import { diskWorkspace, findFiles, readText } from '../../server/src/cli/fsWorkspace';
import { runProfile, type RunProfile } from '../../server/src/image/runProfile';
import { buildImage } from '../../client/src/podman/build';
import { podmanVersion, runPodman, type PodmanOptions } from '../../client/src/podman/podman';
import { freePort } from '../helpers/freePort';

/**
 * Shared by the podman suite. These tests run real podman, as the test user setup-ci.sh
 * prepares (rootless); its containers.conf holds this machine's quirks, so the product's own
 * defaults are what is tested. A missing podman fails the tests: nothing is skipped.
 */
export const REPO = path.resolve(__dirname, '..', '..', '..');
export const EXAMPLES = path.join(REPO, 'examples');
export const BIN = path.join(REPO, 'bin', 'rootguard.js');

export const podman: PodmanOptions = { path: process.env.ROOTGUARD_PODMAN ?? 'podman',
  globalArgs: [] };

/** Fails (never skips) when podman cannot be run. */
export async function requirePodman(): Promise<string> {
  return podmanVersion(podman);
}

let counter = 0;
/** A container or image name of this test run, removed by `cleanUp`. */
export function uniqueName(kind: string): string {
  counter += 1;
  return `rgtest-${kind}-${process.pid}-${counter}`;
}

const containers = new Set<string>();
const images = new Set<string>();

export function track(what: { container?: string; image?: string }): void {
  if (what.container) containers.add(what.container);
  if (what.image) images.add(what.image);
}

/** Removes what the tests of this file created; call once per test file. */
export function cleanUpAfterAll(): void {
  after(async () => {
    for (const name of containers) await runPodman(podman, ['rm', '--force', '--time', '0', name]);
    for (const image of images) await runPodman(podman, ['rmi', '--force', image]);
  });
}

/** Builds a Dockerfile, tracked for clean-up; throws with the failing step. */
export async function build(dockerfile: string, tag: string): Promise<void> {
  track({ image: tag });
  const result = await buildImage(podman, { dockerfile, tag });
  if (!result.ok) {
    throw new Error(`build of ${dockerfile} failed: ${JSON.stringify(result.failure)}`);
  }
}

/** The run profile as the CLI computes it (the editor asks the language server for the same). */
export function profileOf(dockerfile: string): RunProfile {
  const text = readText(dockerfile);
  if (text === undefined) throw new Error(`cannot read ${dockerfile}`);
  const configs = findFiles(path.dirname(dockerfile), DEFAULT_SETTINGS.maxFileBytes).configs;
  const profile = runProfile(analyzeImage(dockerfile, text, diskWorkspace(configs),
    DEFAULT_SETTINGS));
  if (!profile) throw new Error('no profile');
  return profile;
}

/**
 * The same profile with host ports the OS says are free: the machine is shared, and port 8080
 * may be taken. Everything else is as generated.
 */
export async function onFreeHostPorts(profile: RunProfile): Promise<RunProfile> {
  const ports = [];
  for (const port of profile.ports) ports.push({ ...port, host: await freePort() });
  const health = profile.health && { ...profile.health,
    hostPort: ports.find((p) => p.container === profile.health?.port)?.host };
  return { ...profile, ports, health };
}


export function healthUrl(profile: RunProfile): string {
  const health = profile.health;
  if (!health?.hostPort) throw new Error('the profile has no published health endpoint');
  return `${health.scheme}://127.0.0.1:${health.hostPort}${health.path}`;
}

/** The CLI as a user runs it. */
export function rootguard(args: string[], cwd = REPO) {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8',
    timeout: 180_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A temporary folder with a copy of an example, so tests can change it. */
export function copyOf(folder: string): string {
  const target = fs.mkdtempSync(path.join(os.tmpdir(), 'rootguard-podman-'));
  fs.cpSync(folder, target, { recursive: true });
  after(() => fs.rmSync(target, { recursive: true, force: true }));
  return target;
}

/** Waits until a container has stopped (a failed nginx exits within a second or two). */
export async function waitUntilExited(name: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const state = await runPodman(podman, ['container', 'inspect', '--format',
      '{{.State.Running}}', name]);
    if (state.stdout.trim() === 'false') return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${name} still runs after ${timeoutMs} ms`);
}
