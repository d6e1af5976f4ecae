import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Report } from '../../client/src/podman/report';
import { hardenedRunArgs, runContainer } from '../../client/src/podman/run';
import {
  build, cleanUpAfterAll, EXAMPLES, healthUrl, onFreeHostPorts, podman, profileOf,
  requirePodman, rootguard, track, uniqueName,
} from './helpers';

cleanUpAfterAll();
const HARDENED = path.join(EXAMPLES, 'hardened-nginx', 'Dockerfile');

describe('rootguard profile', () => {
  test('JSON is the podman run argument array, and the exit status is 0', () => {
    const run = rootguard(['profile', 'examples/hardened-nginx/Dockerfile', '--format', 'json',
      '--name', 'web', '--image', 'localhost/web:1', '--cap-add', 'NET_BIND_SERVICE',
      '--userns', 'auto', '--run-arg=--memory=256m']);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), ['run', '-d', '--name', 'web', '--cap-drop=ALL',
      '--cap-add=NET_BIND_SERVICE', '--read-only', '--security-opt', 'no-new-privileges',
      '--tmpfs', '/run:rw,U', '--tmpfs', '/var/cache/nginx:rw,U', '-p', '8080:8080',
      '--userns=auto', '--memory=256m', 'localhost/web:1']);
  });

  test('text shows the profile and the command line; port 80 is published on 8080', () => {
    const run = rootguard(['profile', 'examples/unhardened-nginx/Dockerfile']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^ {2}user: {5}root \(root!\)/m);
    assert.match(run.stdout, /^ {2}ports: {4}80\/tcp → host 8080$/m);
    assert.match(run.stdout, /^podman run -d --name rootguard-unhardened-nginx .* -p 8080:80 /m);
  });

  test('bad usage exits 2: no Dockerfile, a missing file, a bad format, a hostile name', () => {
    for (const args of [['profile'], ['profile', 'no/such/Dockerfile'],
      ['profile', HARDENED, '--format', 'sarif'], ['profile', HARDENED, '--name', '$(id)'],
      ['profile', HARDENED, '--image', 'web;rm -rf ~'], ['profile', HARDENED, '--bogus']]) {
      const run = rootguard(args);
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stdout}${run.stderr}`);
      assert.match(run.stderr, /^rootguard profile: /);
    }
  });
});

describe('rootguard check-host and verify-container', () => {
  let name: string;
  let url: string;

  before(async () => {
    await requirePodman();
    const image = `localhost/${uniqueName('cli')}:test`;
    await build(HARDENED, image);
    name = uniqueName('cli');
    track({ container: name });
    const profile = await onFreeHostPorts(profileOf(HARDENED));
    url = healthUrl(profile);
    await runContainer(podman, hardenedRunArgs(profile, { name, image }));
  });

  test('check-host exits 0 for the prepared test user; its JSON has name, ok, detail, hint',
    () => {
      const run = rootguard(['check-host', '--format', 'json']);
      assert.equal(run.code, 0, run.stdout);
      const report = JSON.parse(run.stdout) as Report;
      for (const check of report.checks) {
        assert.deepEqual(Object.keys(check), ['name', 'ok', 'detail', 'hint']);
      }
    });

  test('verify-container exits 0 when every check passes, in text and JSON', () => {
    const text = rootguard(['verify-container', name, '--url', url]);
    assert.equal(text.code, 0, text.stdout);
    assert.match(text.stdout, /^✓ Health endpoint answers: GET .* → 200 OK$/m);
    assert.match(text.stdout, /All 7 checks passed\.$/m);
    const json = rootguard(['verify-container', name, '--url', url, '--format', 'json']);
    assert.equal(json.code, 0);
    assert.equal((JSON.parse(json.stdout) as Report).checks.length, 7);
  });

  test('verify-container exits 1 when a check fails (a health URL nothing answers)', async () => {
    const run = rootguard(['verify-container', name, '--url',
      'http://127.0.0.1:9/health']);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^✗ Health endpoint answers: GET http:\/\/127\.0\.0\.1:9\/health/m);
  });

  test('verify-container exits 1 for a container that does not exist', () => {
    const run = rootguard(['verify-container', uniqueName('absent')]);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /✗ Container exists: no container named/);
  });

  test('bad usage exits 2, and a missing podman exits 1 with the install hint', () => {
    for (const args of [['verify-container'], ['verify-container', 'a', 'b'],
      ['verify-container', name, '--format', 'xml'], ['check-host', 'extra'],
      ['check-host', '--url', 'http://x'], ['verify-container', '--', '-rm']]) {
      assert.equal(rootguard(args).code, 2, args.join(' '));
    }
    const missing = rootguard(['verify-container', name, '--podman', '/nonexistent/podman']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /podman was not found/);
    assert.match(missing.stderr, /install/);
  });

  test('--podman-arg reaches every podman command', () => {
    // A global option that changes nothing here but is visibly parsed: a bogus one fails.
    const bogus = rootguard(['verify-container', name, '--podman-arg=--no-such-option']);
    assert.equal(bogus.code, 1);
    assert.match(bogus.stderr, /no-such-option/);
    const fine = rootguard(['verify-container', name, '--url', url,
      '--podman-arg=--log-level=error']);
    assert.equal(fine.code, 0, fine.stdout);
  });
});
