import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RunProfile } from '../../server/src/image/runProfile';
import { runPodman } from '../../client/src/podman/podman';
import { passed } from '../../client/src/podman/report';
import { hardenedRunArgs, runContainer } from '../../client/src/podman/run';
import { verifyContainer } from '../../client/src/podman/verify';
import { LspClient } from '../helpers/lspClient';
import {
  build, cleanUpAfterAll, EXAMPLES, healthUrl, onFreeHostPorts, podman, requirePodman, track,
  uniqueName, waitUntilExited,
} from './helpers';

cleanUpAfterAll();
const DOCKERFILE = path.join(EXAMPLES, 'hardened-nginx', 'Dockerfile');
const IMAGE = `localhost/${uniqueName('hardened')}:test`;

describe('examples/hardened-nginx with its generated profile', () => {
  let profile: RunProfile;

  before(async () => {
    await requirePodman();
    await build(DOCKERFILE, IMAGE);
    // The profile the editor gets: the rootguard/runProfile request of the language server.
    const client = new LspClient();
    try {
      await client.initialize(path.dirname(DOCKERFILE));
      profile = await client.connection.sendRequest<RunProfile>('rootguard/runProfile',
        { uri: pathToFileURL(DOCKERFILE).toString() });
    } finally {
      await client.stop();
    }
  });

  test('the profile runs as nginx, publishes 8080 and mounts /run and /var/cache/nginx', () => {
    assert.deepEqual(profile.user, { spec: 'nginx', isRoot: false, source: 'USER' });
    assert.deepEqual(profile.ports, [{ container: 8080, host: 8080, protocol: 'tcp' }]);
    assert.deepEqual(profile.writableDirs.map((d) => d.path), ['/run', '/var/cache/nginx']);
    assert.deepEqual(profile.health && { port: profile.health.port, path: profile.health.path,
      source: profile.health.source }, { port: 8080, path: '/health', source: 'HEALTHCHECK' });
  });

  test('runs rootless and hardened, and the verify report passes every check', async () => {
    const name = uniqueName('hardened');
    track({ container: name });
    const run = await onFreeHostPorts(profile);
    const args = hardenedRunArgs(run, { name, image: IMAGE });
    assert.deepEqual(args.slice(0, 8), ['run', '-d', '--name', name, '--cap-drop=ALL',
      '--read-only', '--security-opt', 'no-new-privileges']);
    await runContainer(podman, args);

    const report = await verifyContainer(podman, name, { url: healthUrl(run) });
    const byName = new Map(report.checks.map((c) => [c.name, c]));
    assert.match(byName.get('Not root inside the container')?.detail ?? '', /^uid=101\(nginx\)/);
    assert.match(byName.get('Rootless: container root is not host root')?.detail ?? '',
      /0 → host [1-9]\d*; 1–65536 → host \d+–\d+/);
    assert.match(byName.get('Health endpoint answers')?.detail ?? '', /→ 200 OK$/);
    assert.ok(passed(report), JSON.stringify(report, null, 2));
  });

  test('without a health URL the report probes the HEALTHCHECK URL on the published port',
    async () => {
      const name = uniqueName('hardened');
      track({ container: name });
      await runContainer(podman, hardenedRunArgs(await onFreeHostPorts(profile),
        { name, image: IMAGE }));
      const report = await verifyContainer(podman, name);
      const health = report.checks.find((c) => c.name === 'Health endpoint answers');
      assert.equal(health?.ok, true, health?.detail);
      assert.match(health?.detail ?? '', /^GET http:\/\/127\.0\.0\.1:\d+\/health → 200/);
    });

  test('with mode=1777 instead of U the tmpfs stays root-owned and nginx cannot write',
    async () => {
      // Why the profile mounts with `U`: runc gives a tmpfs on a folder the image has that
      // folder's mode (0755) whatever mode= says, and it belongs to container root.
      const name = uniqueName('mode');
      track({ container: name });
      const args = hardenedRunArgs(await onFreeHostPorts(profile), { name, image: IMAGE })
        .map((arg) => arg.replace(/:rw,U$/, ':rw,mode=1777'));
      await runContainer(podman, args);
      await waitUntilExited(name);
      const logs = await runPodman(podman, ['logs', name]);
      assert.match(logs.stderr + logs.stdout, /Permission denied/);
      const report = await verifyContainer(podman, name);
      assert.equal(report.checks.find((c) => c.name === 'Container is running')?.ok, false);
    });
});
