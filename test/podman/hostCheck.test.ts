import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as os from 'node:os';
import { checkHost } from '../../client/src/podman/hostCheck';
import { passed } from '../../client/src/podman/report';
import { podman, requirePodman } from './helpers';

const CHECKS = [
  'Regular user', '/etc/subuid range', '/etc/subgid range', 'User namespaces enabled',
  'newuidmap present and privileged', 'newgidmap present and privileged', 'podman version',
  'Rootless network helper (pasta or slirp4netns)', '/dev/net/tun usable (port publishing)',
  'Overlay storage (native or fuse-overlayfs)', 'cgroup version', 'Unprivileged port floor',
];

describe('the host check, as the test user setup-ci.sh prepared', () => {
  test('names every check, and all pass for a user set up for rootless podman', async () => {
    await requirePodman();
    const report = await checkHost(podman);
    assert.deepEqual(report.checks.map((c) => c.name), CHECKS);
    assert.ok(passed(report), JSON.stringify(report.checks.filter((c) => !c.ok), null, 2));
    const user = report.checks[0];
    const { username, uid } = os.userInfo();
    assert.match(user.detail, new RegExp(`^${username} \\(uid ${uid}`));
    assert.match(report.checks[1].detail, /^\d+ uids \(\d+–\d+\)$/);
    assert.match(report.checks[6].detail, /^podman \d+\.\d+\.\d+$/);
  });

  test('a podman that is not there is a failed check with an install hint', async () => {
    const report = await checkHost({ path: '/nonexistent/podman', globalArgs: [] });
    const version = report.checks.find((c) => c.name === 'podman version');
    assert.equal(version?.ok, false);
    assert.match(version?.detail ?? '', /podman was not found/);
    assert.match(version?.hint ?? '', /install/);
  });
});
