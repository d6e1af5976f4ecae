import {
  podmanRunArgs,
  type RunOptions,
  type RunProfile,
} from '../../../server/src/image/runProfile';
import { podmanOutput, type PodmanOptions } from './podman';
import {
  checkCapability,
  checkContainerName,
  checkImageReference,
  checkUserns,
} from './reference';

/**
 * The `podman run` arguments for a profile, after checking every name that goes into them, so
 * a hostile container name or image reference fails here, before anything runs.
 */
export function hardenedRunArgs(profile: RunProfile, options: RunOptions): string[] {
  checkContainerName(options.name);
  checkImageReference(options.image);
  options.capAdd?.forEach(checkCapability);
  if (options.userns) checkUserns(options.userns);
  return podmanRunArgs(profile, options);
}

/** Starts a container with arguments from hardenedRunArgs; returns its id. */
export async function runContainer(podman: PodmanOptions, args: string[]): Promise<string> {
  const stdout = await podmanOutput(podman, args, { timeoutMs: 120_000 });
  return stdout.trim().split('\n').pop() ?? '';
}

/** Stops and removes a container (running or not) by name. */
export async function removeContainer(podman: PodmanOptions, name: string): Promise<void> {
  checkContainerName(name);
  await podmanOutput(podman, ['rm', '--force', '--time', '5', name], { timeoutMs: 60_000 });
}

/** Removes an image by reference, for clean-ups. */
export async function removeImage(podman: PodmanOptions, reference: string): Promise<void> {
  checkImageReference(reference);
  await podmanOutput(podman, ['rmi', '--force', reference], { timeoutMs: 60_000 });
}
