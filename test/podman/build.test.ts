import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildImage, describeFailure } from '../../client/src/podman/build';
import { runPodman } from '../../client/src/podman/podman';
import { ProgramCancelled } from '../../client/src/system/execute';
import {
  cleanUpAfterAll, copyOf, EXAMPLES, podman, requirePodman, track, uniqueName,
} from './helpers';

cleanUpAfterAll();

describe('podman build through the podman module', () => {
  before(requirePodman);

  test('streams the output and returns the new image id', async () => {
    const tag = `localhost/${uniqueName('build')}:test`;
    track({ image: tag });
    let streamed = '';
    const result = await buildImage(podman, { tag, onOutput: (text) => { streamed += text; },
      dockerfile: path.join(EXAMPLES, 'hardened-nginx', 'Dockerfile') });
    assert.equal(result.ok, true, JSON.stringify(result.failure));
    assert.match(result.imageId ?? '', /^[0-9a-f]{64}$/);
    assert.match(streamed, /^STEP 1\/\d+: FROM docker\.io\/library\/nginx:mainline-alpine$/m);
    assert.ok(result.args.includes('--format') && result.args.includes('docker'));
    // docker format keeps the HEALTHCHECK, which podman's default OCI format drops.
    const inspected = await runPodman(podman, ['image', 'inspect', '--format',
      '{{json .HealthCheck}}', tag]);
    assert.match(inspected.stdout, /127\.0\.0\.1:8080\/health/);
  });

  test('names the failing step, its instruction and the output that explains it', async () => {
    const folder = copyOf(path.join(EXAMPLES, 'hardened-nginx'));
    const dockerfile = path.join(folder, 'Dockerfile');
    fs.writeFileSync(dockerfile, fs.readFileSync(dockerfile, 'utf8').replace(
      'RUN rm -f /etc/nginx/conf.d/default.conf',
      'RUN ls /no/such/folder && echo never'));
    const tag = `localhost/${uniqueName('broken')}:test`;
    track({ image: tag });
    const result = await buildImage(podman, { dockerfile, tag });
    assert.equal(result.ok, false);
    const failure = result.failure;
    assert.ok(failure);
    assert.match(failure.step ?? '', /^2\/\d+$/);
    assert.equal(failure.instruction, 'RUN ls /no/such/folder && echo never');
    assert.match(failure.reason, /exit status 1/);
    assert.ok(failure.output.some((line) => /No such file or directory/.test(line)),
      failure.output.join('\n'));
    assert.match(describeFailure(failure), /^Step 2\/\d+ \(RUN ls \/no\/such\/folder/);
  });

  test('cancelling stops podman and rejects with ProgramCancelled', async () => {
    const folder = copyOf(path.join(EXAMPLES, 'hardened-nginx'));
    const dockerfile = path.join(folder, 'Dockerfile');
    fs.writeFileSync(dockerfile, 'FROM docker.io/library/busybox:latest\nRUN sleep 60\n');
    const tag = `localhost/${uniqueName('cancel')}:test`;
    track({ image: tag });
    const abort = new AbortController();
    const started = Date.now();
    const build = buildImage(podman, { dockerfile, tag, signal: abort.signal,
      onOutput: (text) => {
        if (/STEP 2\/2/.test(text)) abort.abort();
      } });
    await assert.rejects(build, ProgramCancelled);
    assert.ok(Date.now() - started < 30_000, 'the build was stopped, not waited for');
    const exists = await runPodman(podman, ['image', 'exists', tag]);
    assert.equal(exists.code, 1, 'no image was committed');
  });
});
