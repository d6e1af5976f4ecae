import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Report } from '../../client/src/podman/report';
import { hardenedRunArgs, runContainer } from '../../client/src/podman/run';
import { verifyContainer } from '../../client/src/podman/verify';
import { freePort } from '../helpers/freePort';
import {
  build, cleanUpAfterAll, EXAMPLES, onFreeHostPorts, podman, profileOf, requirePodman, track,
  uniqueName, waitUntilExited,
} from './helpers';

cleanUpAfterAll();
const DOCKERFILE = path.join(EXAMPLES, 'unhardened-nginx', 'Dockerfile');
const IMAGE = `localhost/${uniqueName('unhardened')}:test`;

function checkOf(report: Report, name: string) {
  const found = report.checks.find((c) => c.name === name);
  assert.ok(found, `no check "${name}" in ${JSON.stringify(report)}`);
  return found;
}

describe('examples/unhardened-nginx: the verify report catches it', () => {
  before(async () => {
    await requirePodman();
    await build(DOCKERFILE, IMAGE);
  });

  test('run as built, it works but as root inside, with no User in the image', async () => {
    const name = uniqueName('unhardened');
    track({ container: name });
    const port = await freePort();
    await runContainer(podman, ['run', '-d', '--name', name, '-p', `${port}:80`, IMAGE]);

    const report = await verifyContainer(podman, name,
      { url: `http://127.0.0.1:${port}/health` });
    assert.equal(checkOf(report, 'Container is running').ok, true);
    const inside = checkOf(report, 'Not root inside the container');
    assert.equal(inside.ok, false);
    assert.match(inside.detail, /^runs as root \(uid=0/);
    assert.match(inside.hint, /USER/);
    assert.equal(checkOf(report, 'Image is configured with a non-root User').ok, false);
    // Rootless podman still keeps container root away from host root.
    assert.equal(checkOf(report, 'Rootless: container root is not host root').ok, true);
    assert.equal(checkOf(report, 'Health endpoint answers').ok, true);
  });

  test('forced to the nginx user it cannot bind port 80, and the report says so', async () => {
    const name = uniqueName('forced');
    track({ container: name });
    const profile = await onFreeHostPorts(profileOf(DOCKERFILE));
    await runContainer(podman, hardenedRunArgs(profile, { name, image: IMAGE,
      extraArgs: ['--user', 'nginx'] }));
    await waitUntilExited(name);

    const report = await verifyContainer(podman, name);
    const running = checkOf(report, 'Container is running');
    assert.equal(running.ok, false);
    assert.match(running.detail, /exit code 1/);
    const denied = checkOf(report, 'No permission errors in the container output');
    assert.equal(denied.ok, false);
    assert.match(denied.detail, /bind\(\) to 0\.0\.0\.0:80 failed \(13: Permission denied\)/);
    assert.match(denied.hint, /8080/);
  });

  test('with its generated profile, root nginx without capabilities cannot start', async () => {
    const name = uniqueName('nocaps');
    track({ container: name });
    const profile = profileOf(DOCKERFILE);
    assert.equal(profile.user.isRoot, true);
    assert.ok(profile.notes.some((note) => /root/.test(note)), profile.notes.join('\n'));
    await runContainer(podman, hardenedRunArgs(await onFreeHostPorts(profile),
      { name, image: IMAGE }));
    await waitUntilExited(name);

    const report = await verifyContainer(podman, name);
    assert.equal(checkOf(report, 'Container is running').ok, false);
    assert.match(checkOf(report, 'No permission errors in the container output').detail,
      /chown\(.*\) failed \(1: Operation not permitted\)/);
  });
});
