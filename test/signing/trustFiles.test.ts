// registries.d and policy.json as podman reads them, the strict signature payload, and the
// safe edits Rootguard makes to them.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { parseDockerReference } from '../../client/src/podman/reference';
import { parseLookasideBase, signatureLocation } from '../../client/src/signing/lookaside';
import { parseSignaturePayload } from '../../client/src/signing/payload';
import { parsePolicy, requirementsFor } from '../../client/src/signing/policy';
import { addTrustedKey } from '../../client/src/signing/policyEdit';
import {
  builtInLookaside, loadRegistriesD, lookasideFor, registriesDirectory,
} from '../../client/src/signing/registriesD';
import { stagingEntryProposal } from '../../client/src/signing/registriesDEdit';
import { writeFileSafely } from '../../client/src/system/safeWrite';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-trust-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

function folder(name: string, files: Record<string, string>): string {
  const dir = path.join(root, name);
  fs.mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), text);
  return dir;
}

describe('registries.d', () => {
  const dir = folder('registries.d', {
    'a.yaml': 'default-docker:\n  lookaside: https://sigs.example/default\n' +
      'docker:\n  reg.example:\n    lookaside: https://sigs.example/reg\n' +
      '    lookaside-staging: file:///var/staging/reg\n',
    'b.yaml': 'docker:\n  reg.example/team:\n    sigstore: https://sigs.example/team\n',
    'ignored.yml': 'docker:\n  reg.example/team/app:\n    lookaside: https://never\n',
  });
  const config = loadRegistriesD(dir);
  const where = (ref: string, write = false) => {
    const found = lookasideFor(config, parseDockerReference(ref), write, 1000, '/home/u');
    return `${found.scope} ${found.url}`;
  };

  test('the most specific scope with a location wins; .yml files are not read', () => {
    assert.equal(where('reg.example/team/app:1'), 'reg.example/team https://sigs.example/team');
    assert.equal(where('reg.example/other:1'), 'reg.example https://sigs.example/reg');
    assert.equal(where('elsewhere.example/x:1'), 'default-docker https://sigs.example/default');
    assert.deepEqual(config.files.map((f) => path.basename(f)), ['a.yaml', 'b.yaml']);
  });

  test('writes prefer lookaside-staging, and fall back to lookaside', () => {
    assert.equal(where('reg.example/other:1', true), 'reg.example file:///var/staging/reg');
    assert.equal(where('reg.example/team/app:1', true),
      'reg.example/team https://sigs.example/team');
  });

  test('deprecated sigstore keys still work and are remembered as deprecated', () => {
    assert.deepEqual(config.docker.get('reg.example/team')?.deprecatedKeys, ['sigstore']);
  });

  test('built-in defaults differ for root and rootless users', () => {
    const empty = loadRegistriesD(path.join(root, 'missing'));
    const ref = parseDockerReference('reg.example/a:1');
    assert.equal(lookasideFor(empty, ref, false, 0, '/root').url,
      'file:///var/lib/containers/sigstore');
    assert.equal(lookasideFor(empty, ref, true, 1000, '/home/u').url,
      'file:///home/u/.local/share/containers/sigstore');
    assert.equal(builtInLookaside(1000, '/home/u'),
      'file:///home/u/.local/share/containers/sigstore');
  });

  test('a scope defined in two files is an error, as podman reports it', () => {
    const twice = loadRegistriesD(folder('twice.d', { 'a.yaml': 'docker:\n  r.example:\n' +
      '    lookaside: https://a\n',
    'b.yaml': 'docker:\n  r.example:\n    lookaside: https://b\n' }));
    assert.match(twice.errors[0], /"r\.example" is also defined in .*a\.yaml/);
  });

  test('the user folder, when it exists, replaces the system one', () => {
    const home = path.join(root, 'home');
    assert.equal(registriesDirectory(home).isUser, false);
    fs.mkdirSync(path.join(home, '.config', 'containers', 'registries.d'), { recursive: true });
    assert.equal(registriesDirectory(home).isUser, true);
  });

  test('signatures are at <base>/<repository path>@sha256=<hex>/signature-<n>', () => {
    const ref = parseDockerReference('127.0.0.1:5000/team/app:1');
    const digest = `sha256:${'c'.repeat(64)}`;
    assert.equal(signatureLocation(parseLookasideBase('file:///srv/sigs'), ref, digest, 2),
      `/srv/sigs/team/app@sha256=${'c'.repeat(64)}/signature-2`);
    assert.equal(signatureLocation(parseLookasideBase('https://s.example/base/'), ref, digest, 1),
      `https://s.example/base/team/app@sha256=${'c'.repeat(64)}/signature-1`);
  });
});

describe('policy.json', () => {
  const policy = parsePolicy(JSON.stringify({
    default: [{ type: 'reject' }],
    transports: { docker: {
      'reg.example/team': [{ type: 'signedBy', keyType: 'GPGKeys', keyPath: 'keys/team.asc' }],
      'reg.example': [{ type: 'insecureAcceptAnything' }],
    } },
  }), '/etc/containers/policy.json');

  test('the most specific docker scope applies, else the default', () => {
    const scope = (ref: string) => requirementsFor(policy, parseDockerReference(ref)).scope;
    assert.equal(scope('reg.example/team/app:1'), 'reg.example/team');
    assert.equal(scope('reg.example/x:1'), 'reg.example');
    assert.equal(scope('quay.io/x:1'), 'default');
  });

  test('relative key paths are relative to the policy file; the identity rule defaults', () => {
    const [requirement] = requirementsFor(policy, parseDockerReference('reg.example/team/a:1'))
      .requirements;
    assert.deepEqual(requirement, { type: 'signedBy', keyType: 'GPGKeys',
      keyPaths: ['/etc/containers/keys/team.asc'],
      signedIdentity: { type: 'matchRepoDigestOrExact' } });
  });
});

describe('the signature payload', () => {
  const good = { critical: { type: 'atomic container signature',
    image: { 'docker-manifest-digest': `sha256:${'d'.repeat(64)}` },
    identity: { 'docker-reference': 'reg.example/a:1' } },
  optional: { creator: 'podman', timestamp: 1700000000, anything: [1] } };
  const bytes = (text: string) => new TextEncoder().encode(text);

  test('reads digest, identity, creator and timestamp; optional extras are ignored', () => {
    assert.deepEqual(parseSignaturePayload(bytes(JSON.stringify(good))), {
      manifestDigest: `sha256:${'d'.repeat(64)}`, dockerReference: 'reg.example/a:1',
      creator: 'podman', timestamp: 1700000000 });
  });

  test('rejects unknown or duplicate critical members, other types, and non-JSON', () => {
    const text = JSON.stringify(good);
    for (const [bad, reason] of [
      [text.replace('"type"', '"x":1,"type"'), /unknown member "x" in "critical"/],
      [text.replace('"critical":{', '"critical":{"type":"y",'), /duplicate member "type"/],
      [text.replace('atomic container signature', 'cosign'), /critical.type is "cosign"/],
      [text.replace('"docker-reference"', '"docker-reference":"a","extra"'), /unknown member/],
      [text.replace('1700000000', '"soon"'), /timestamp is not an integer/],
      [`${text} // comment`, /not valid JSON/],
      ['{"optional":{}}', /has no "critical"/],
    ] as const) {
      assert.throws(() => parseSignaturePayload(bytes(bad)), reason, bad);
    }
    assert.throws(() => parseSignaturePayload(new Uint8Array([0xff, 0xfe])), /not UTF-8/);
  });
});

describe('safe edits', () => {
  test('a new signedBy scope is added without touching the rest of the text', () => {
    const before = '{\n    "default": [{"type": "insecureAcceptAnything"}],\n' +
      '    "transports": {}\n}\n';
    const change = addTrustedKey(before, 'policy.json', '127.0.0.1:5000', '/k/a.asc');
    assert.ok(change.changed);
    assert.ok(change.text.startsWith('{\n    "default": [{"type": "insecureAcceptAnything"}],'));
    const scope = JSON.parse(change.text).transports.docker['127.0.0.1:5000'];
    assert.deepEqual(scope, [{ type: 'signedBy', keyType: 'GPGKeys', keyPath: '/k/a.asc' }]);
  });

  test('a second key joins keyPaths (requirements are ANDed), and a repeat changes nothing', () => {
    const one = addTrustedKey('{"default":[{"type":"reject"}]}', 'p', 'reg.example', '/k/a').text;
    const two = addTrustedKey(one, 'p', 'reg.example', '/k/b');
    assert.deepEqual(JSON.parse(two.text).transports.docker['reg.example'], [{ type: 'signedBy',
      keyType: 'GPGKeys', keyPaths: ['/k/a', '/k/b'] }]);
    assert.equal(addTrustedKey(two.text, 'p', 'reg.example', '/k/b').changed, false);
  });

  test('broken JSON and bad scopes are refused, never rewritten', () => {
    assert.throws(() => addTrustedKey('{"default": [', 'p.json', 'reg.example', '/k'),
      /not valid JSON.*fix it first/);
    assert.throws(() => addTrustedKey('{"default":[{"type":"reject"}]}', 'p', 'a b', '/k'),
      /not a registry/);
  });

  test('writes are atomic, ask before replacing, and keep a backup', async () => {
    const file = path.join(root, 'safe', 'policy.json');
    assert.deepEqual(await writeFileSafely(file, 'one', { confirmOverwrite: async () => true }),
      { written: true });
    const declined = await writeFileSafely(file, 'two', { confirmOverwrite: async () => false });
    assert.deepEqual([declined.written, fs.readFileSync(file, 'utf8')], [false, 'one']);
    let asked = '';
    const replaced = await writeFileSafely(file, 'two', { confirmOverwrite: async (_, old) => {
      asked = old;
      return true;
    } });
    assert.equal(asked, 'one');
    assert.equal(fs.readFileSync(file, 'utf8'), 'two');
    assert.equal(replaced.backup && fs.readFileSync(replaced.backup, 'utf8'), 'one');
    assert.deepEqual(fs.readdirSync(path.dirname(file)).filter((f) => f.endsWith('.tmp')), []);
  });

  test('the offered registries.d entry sends pushes to the staging folder', () => {
    const proposal = stagingEntryProposal('/home/u/.config/containers/registries.d',
      '127.0.0.1:5000', '/home/u/sigs', false, ['/etc/containers/registries.d/default.yaml']);
    assert.equal(proposal.file,
      '/home/u/.config/containers/registries.d/rootguard-127.0.0.1_5000.yaml');
    assert.match(proposal.explanation, /stop reading \/etc\/containers\/registries\.d \(default/);
    const dir = folder('offered.d', { 'entry.yaml': proposal.text });
    const found = lookasideFor(loadRegistriesD(dir), parseDockerReference('127.0.0.1:5000/a:1'),
      true, 1000, '/home/u');
    assert.deepEqual([found.scope, found.url], ['127.0.0.1:5000', 'file:///home/u/sigs']);
  });

  test('a file changed on disk during the review is not overwritten', async () => {
    const file = path.join(root, 'safe', 'raced.json');
    fs.writeFileSync(file, 'original');
    await assert.rejects(writeFileSafely(file, 'mine', { confirmOverwrite: async () => {
      fs.writeFileSync(file, 'someone else');
      return true;
    } }), /changed on disk/);
    assert.equal(fs.readFileSync(file, 'utf8'), 'someone else');
  });
});
