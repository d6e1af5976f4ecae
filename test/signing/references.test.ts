// Docker references, scopes, identity rules and the podman argument list: the grammar decides
// what reaches podman and skopeo, and what a policy scope or signedIdentity means.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatReference, parseDockerReference } from '../../client/src/podman/reference';
import { identityMismatch, type IdentityRule } from '../../client/src/signing/identity';
import { signedPushArguments } from '../../client/src/podman/push';
import { scopeIdentity, scopeNamespaces } from '../../client/src/signing/scopes';

const DIGEST = `sha256:${'ab'.repeat(32)}`;
const FPR = 'A'.repeat(40);

describe('docker references', () => {
  test('are normalised as podman does', () => {
    const cases: [string, string][] = [
      ['nginx', 'docker.io/library/nginx:latest'],
      ['team/app:1', 'docker.io/team/app:1'],
      ['localhost/app', 'localhost/app:latest'],
      ['127.0.0.1:5000/rg/busybox:1', '127.0.0.1:5000/rg/busybox:1'],
      ['index.docker.io/library/nginx:1', 'docker.io/library/nginx:1'],
      [`quay.io/a/b@${DIGEST}`, `quay.io/a/b@${DIGEST}`],
    ];
    for (const [input, expected] of cases) {
      assert.equal(formatReference(parseDockerReference(input)), expected, input);
    }
  });

  test('hostile names are rejected before any program sees them', () => {
    for (const name of ['-rf', '--sign-by=x', 'a b', 'a;touch /tmp/x', '$(id)', '`id`',
      'a\nb', '"quoted"', "'q'", 'UPPER/Case', 'a/../b', '', 'x'.repeat(2000), 'a|b',
      `a@sha256:${'z'.repeat(64)}`]) {
      assert.throws(() => parseDockerReference(name),
        /not a valid image reference|lower case|sha256/, JSON.stringify(name));
    }
  });

  test('scopes go from the most specific to the registry, then wildcard domains', () => {
    const ref = parseDockerReference('registry.example.com/team/sub/app:2');
    assert.equal(scopeIdentity(ref), 'registry.example.com/team/sub/app:2');
    assert.deepEqual(scopeNamespaces(ref), ['registry.example.com/team/sub/app',
      'registry.example.com/team/sub', 'registry.example.com/team', 'registry.example.com',
      '*.example.com', '*.com']);
    assert.deepEqual(scopeNamespaces(parseDockerReference('127.0.0.1:5000/a:1')),
      ['127.0.0.1:5000/a', '127.0.0.1:5000']);
  });

  test('the signed push passes references and the fingerprint as single arguments', () => {
    const destination = parseDockerReference('127.0.0.1:5000/rg/app:1');
    assert.deepEqual(signedPushArguments('localhost/rg/app:1', destination, FPR), ['push',
      '--tls-verify=false', '--sign-by', FPR, 'localhost/rg/app:1',
      'docker://127.0.0.1:5000/rg/app:1']);
    assert.ok(!signedPushArguments('app', parseDockerReference('quay.io/a/b:1'), FPR)
      .includes('--tls-verify=false'), 'TLS is verified off loopback');
    assert.throws(() => signedPushArguments('--authfile=/etc/shadow', destination, FPR));
    assert.throws(() => signedPushArguments('app', destination, `${FPR} --root /`));
  });
});

describe('signedIdentity rules', () => {
  const image = parseDockerReference('reg.example/team/app:1');
  const pinned = parseDockerReference(`reg.example/team/app@${DIGEST}`);
  const check = (rule: IdentityRule, ref = image, signed = 'reg.example/team/app:1') =>
    identityMismatch(rule, ref, signed) === undefined;

  test('matchRepoDigestOrExact: the exact tag, or any tag of the repository for a digest', () => {
    const rule: IdentityRule = { type: 'matchRepoDigestOrExact' };
    assert.ok(check(rule));
    assert.ok(!check(rule, image, 'reg.example/team/app:2'));
    assert.ok(check(rule, pinned, 'reg.example/team/app:2'));
    assert.ok(!check(rule, pinned, 'reg.example/team/other:1'));
  });

  test('matchExact, matchRepository, exactReference, exactRepository, remapIdentity', () => {
    assert.ok(!check({ type: 'matchExact' }, image, 'reg.example/team/app:latest'));
    assert.ok(check({ type: 'matchRepository' }, image, 'reg.example/team/app:9'));
    assert.ok(check({ type: 'exactReference', dockerReference: 'mirror.example/app:1' }, image,
      'mirror.example/app:1'));
    assert.ok(check({ type: 'exactRepository', dockerRepository: 'mirror.example/app' }, image,
      'mirror.example/app:7'));
    const remap: IdentityRule = { type: 'remapIdentity', prefix: 'reg.example/team',
      signedPrefix: 'upstream.example/team' };
    assert.ok(check(remap, image, 'upstream.example/team/app:1'));
    assert.ok(!check(remap, image, 'reg.example/team/app:1'));
  });

  test('the reason names what was signed and what the rule wanted', () => {
    assert.equal(identityMismatch({ type: 'matchRepoDigestOrExact' }, image, 'reg.example/x:1'),
      'the signature is for "reg.example/x:1", but the policy (matchRepoDigestOrExact) wants ' +
      'exactly "reg.example/team/app:1"');
  });
});
