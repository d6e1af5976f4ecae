import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import type { Report } from '../../../client/src/podman/report';
import { BIN, REPO } from '../helpers';

/**
 * Run as root by the suite runner (scripts/test.mjs): the same `rootguard check-host` for root
 * and, through runuser, for the test user, and what differs between the two.
 */
const TEST_USER = process.env.ROOTGUARD_TEST_USER ?? 'rgtest';

function checkHostAs(user: string | undefined): { code: number | null; report: Report } {
  const command = user === undefined ? process.execPath : 'runuser';
  const args = [BIN, 'check-host', '--format', 'json'];
  const run = spawnSync(command, user === undefined ? args
    : ['-u', user, '--', process.execPath, ...args], { cwd: REPO, encoding: 'utf8',
    timeout: 120_000 });
  assert.equal(run.stderr, '', run.stderr);
  return { code: run.status, report: JSON.parse(run.stdout) as Report };
}

describe('rootguard check-host for root and for the test user', () => {
  test('root fails the user and subordinate id checks the test user passes', (t) => {
    assert.equal(process.getuid?.(), 0, 'this file runs as root');
    const root = checkHostAs(undefined);
    const user = checkHostAs(TEST_USER);
    assert.equal(root.code, 1);
    assert.equal(user.code, 0, JSON.stringify(user.report, null, 2));

    const differences = root.report.checks.flatMap((check, index) => {
      const other = user.report.checks[index];
      assert.equal(other.name, check.name);
      return check.ok === other.ok ? [] : [`${check.name}: root ${check.ok ? '✓' : '✗'} ` +
        `(${check.detail}) / ${TEST_USER} ${other.ok ? '✓' : '✗'} (${other.detail})`];
    });
    for (const line of differences) t.diagnostic(line);
    const differing = root.report.checks.filter((c, i) => c.ok !== user.report.checks[i].ok)
      .map((c) => c.name);
    assert.deepEqual(differing.slice(0, 3),
      ['Regular user', '/etc/subuid range', '/etc/subgid range']);
    const rootUser = root.report.checks[0];
    assert.match(rootUser.hint, /regular user|as the user/);
  });
});
