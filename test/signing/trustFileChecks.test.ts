// The editor checks of policy.json and registries.d files: each finding with its position.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkPolicyText, type TrustFileFinding } from '../../client/src/signing/policyChecks';
import { checkRegistriesDText } from '../../client/src/signing/registriesDChecks';

/** `severity text-under-the-range: message` for compact assertions. */
function summary(text: string, findings: TrustFileFinding[]): string[] {
  return findings.map((f) => `${f.severity} ${text.slice(f.start, f.end)}: ${f.message}`);
}

describe('policy.json checks', () => {
  const check = (value: unknown, exists: string[] = []) => {
    const text = JSON.stringify(value, null, 2);
    return summary(text, checkPolicyText(text, '/etc/containers/policy.json',
      (p) => exists.includes(p)));
  };

  test('a default of insecureAcceptAnything is a warning', () => {
    const [finding] = check({ default: [{ type: 'insecureAcceptAnything' }] });
    assert.match(finding, /^warning "insecureAcceptAnything": the default accepts any image/);
  });

  test('signedBy needs exactly one key source and a known keyType', () => {
    const findings = check({ default: [{ type: 'reject' }], transports: { docker: {
      'a.example': [{ type: 'signedBy', keyType: 'GPGKeys' }],
      'b.example': [{ type: 'signedBy', keyType: 'GPGKeys', keyPath: '/k', keyData: 'AA==' }],
      'c.example': [{ type: 'signedBy', keyType: 'PGP', keyData: 'AA==' }],
      'd.example': [{ type: 'signedBy', keyType: 'X509Certificates', keyData: 'AA==' }],
    } } }, ['/k']);
    assert.deepEqual(findings.map((f) => f.replace(/^(\w+) .*?: /, '$1 ')), [
      'error signedBy needs one of keyPath, keyPaths or keyData',
      'error signedBy takes only one of keyPath, keyPaths, keyData (found keyPath, keyData)',
      'error unknown keyType "PGP" (use "GPGKeys")',
      'error keyType "X509Certificates" is not implemented by podman',
    ]);
  });

  test('a keyPath that does not exist, unknown members and types are reported in place', () => {
    const findings = check({ default: [{ type: 'reject', why: 1 }], transports: { docker: {
      'a.example': [{ type: 'signedBy', keyType: 'GPGKeys', keyPath: 'keys/gone.asc',
        signedIdentity: { type: 'matchEverything' } }],
      'b.example': [{ type: 'acceptIfFriendly' }],
    } } });
    assert.deepEqual(findings, [
      'error "why": unknown member "why": podman rejects the whole policy',
      'warning "keys/gone.asc": /etc/containers/keys/gone.asc does not exist: podman will ' +
        'reject every image this requirement applies to',
      'error "matchEverything": unknown signedIdentity type "matchEverything"',
      'error "acceptIfFriendly": unknown requirement type "acceptIfFriendly" (podman rejects ' +
        'the policy)',
    ]);
  });

  test('broken JSON is an error at its position', () => {
    const text = '{"default": [}';
    const [finding] = checkPolicyText(text, 'policy.json');
    assert.equal(finding.severity, 'error');
    assert.equal(text.slice(finding.start, finding.end), '}');
  });
});

describe('registries.d checks', () => {
  const check = (text: string, file = '/etc/containers/registries.d/a.yaml',
    otherScopes = new Map<string, string>(), writable = true) =>
    summary(text, checkRegistriesDText(text, file, { otherScopes,
      isWritable: () => writable }));

  test('deprecated keys say what to use instead', () => {
    assert.deepEqual(check('docker:\n  r.example:\n    sigstore: https://s\n'), [
      'warning sigstore: "sigstore" is deprecated; use "lookaside" (same meaning)']);
  });

  test('a scope shadowed by a more specific one, and one defined twice', () => {
    const text = 'docker:\n  r.example:\n    lookaside: https://s\n' +
      '  r.example/team:\n    lookaside: https://t\n';
    assert.deepEqual(check(text, '/d/a.yaml', new Map([['r.example/team', '/d/b.yaml']])), [
      'information r.example: images under r.example/team use their more specific entry ' +
        '(a.yaml), not this one',
      'error r.example/team: "r.example/team" is also defined in /d/b.yaml; podman refuses ' +
        'duplicate scopes and then reads no signature location at all',
    ]);
  });

  test('a staging location must be a writable folder', () => {
    assert.deepEqual(check('default-docker:\n  lookaside-staging: file:///srv/sigs\n',
      '/d/a.yaml', new Map(), false), ['warning file:///srv/sigs: default-docker: /srv/sigs ' +
      'is not writable by you: podman push --sign-by will fail to store the signature']);
    assert.match(check('default-docker:\n  lookaside-staging: https://s\n')[0],
      /^error https:\/\/s: .*only to file:\/\//);
  });

  test('.yml files and unknown keys are ignored by podman, and YAML errors are shown', () => {
    assert.match(check('docker: {}\n', '/d/a.yml')[0], /reads only \*\.yaml/);
    assert.match(check('dokker:\n  a: 1\n')[0], /^warning dokker: "dokker" is not a registries/);
    assert.match(check('docker:\n  a: [\n')[0], /^error/);
  });
});
