import * as path from 'node:path';
import { runPodman, type PodmanOptions } from './podman';
import { checkImageReference } from './reference';

export interface BuildRequest {
  dockerfile: string;
  /** The build context folder; the Dockerfile's own folder when absent. */
  context?: string;
  tag: string;
  signal?: AbortSignal;
  onOutput?: (text: string) => void;
}

export interface BuildResult {
  ok: boolean;
  /** The new image's id, from the last line podman prints. */
  imageId: string | undefined;
  failure: BuildFailure | undefined;
  /** The command line that ran, for logs and messages. */
  args: string[];
}

/** Where a build stopped, read from podman's output. */
export interface BuildFailure {
  /** `3/7` when podman had announced the step. */
  step: string | undefined;
  /** The instruction as podman printed it, e.g. `RUN chown -R nginx /var/cache/nginx`. */
  instruction: string | undefined;
  /** podman's reason, e.g. `while running runtime: exit status 1`. */
  reason: string;
  /** The last lines the step printed before failing, where the real cause usually is. */
  output: string[];
}

/**
 * `podman build` of a Dockerfile, with the output streamed as it comes. The image is written in
 * docker format: in podman's default OCI format HEALTHCHECK is dropped (podman warns), and the
 * verify report reads the health probe from it.
 */
export async function buildImage(podman: PodmanOptions, request: BuildRequest):
  Promise<BuildResult> {
  checkImageReference(request.tag);
  const dockerfile = path.resolve(request.dockerfile);
  const context = path.resolve(request.context ?? path.dirname(dockerfile));
  const args = ['build', '--format', 'docker', '--file', dockerfile, '--tag', request.tag,
    context];
  // Both streams in the order they came: a step's errors (stderr) follow its STEP line (stdout).
  let combined = '';
  const result = await runPodman(podman, args, { signal: request.signal,
    onOutput: (text) => {
      combined += text;
      request.onOutput?.(text);
    } });

  if (result.code !== 0) {
    return { ok: false, imageId: undefined, args, failure: failingStep(combined, result.code) };
  }
  const last = result.stdout.trim().split('\n').pop() ?? '';
  return { ok: true, imageId: /^[0-9a-f]{64}$/.test(last) ? last : undefined, failure: undefined,
    args };
}

/**
 * Reads the failing step from build output: the last `STEP n/m: …` announced, and podman's
 * `Error: building at STEP "…": reason` line (or its last `Error:` line, e.g. when the base
 * image cannot be pulled).
 */
export function failingStep(output: string, code: number): BuildFailure {
  const lines = output.split('\n').map((l) => l.trimEnd()).filter((l) => l.trim() !== '');
  let step: string | undefined;
  let instruction: string | undefined;
  let stepLine = -1;
  lines.forEach((line, index) => {
    const match = /^STEP (\d+\/\d+): (.*)$/.exec(line);
    if (match) [step, instruction, stepLine] = [match[1], match[2], index];
  });

  let errorIndex = -1;
  lines.forEach((line, index) => {
    if (line.startsWith('Error: ')) errorIndex = index;
  });
  const error = errorIndex >= 0 ? lines[errorIndex] : undefined;
  const atStep = error && /^Error: building at STEP "(.*)": (.*)$/.exec(error);
  if (atStep) instruction = atStep[1].trim() || instruction;
  const reason = atStep ? atStep[2] : error?.replace(/^Error: /, '') ?? `podman exited ${code}`;

  const printed = lines.slice(stepLine + 1, errorIndex >= 0 ? errorIndex : undefined)
    .filter((l) => !/^(time=|-->|STEP )/.test(l));
  return { step, instruction, reason, output: printed.slice(-5) };
}

/** One sentence for a notification: which step failed and why. */
export function describeFailure(failure: BuildFailure): string {
  const where = failure.step ? `Step ${failure.step}` : 'The build';
  const what = failure.instruction ? ` (${failure.instruction})` : '';
  const cause = failure.output.length > 0 ? ` Last output: ${failure.output.join(' | ')}` : '';
  return `${where}${what} failed: ${failure.reason}.${cause}`;
}
