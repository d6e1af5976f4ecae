// The bad-signature set: each forged or broken signature is rejected with its own reason, made
// with real gpg against an image really pushed to a registry.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { keyringPublicKeys } from '../../client/src/gpg/keyring';
import { parseDockerReference } from '../../client/src/podman/reference';
import { registryManifestDigest } from '../../client/src/signing/manifestDigest';
import { verifyImage, type ImageReport } from '../../client/src/signing/verifyImage';
import { lookasideWith, payload, publicKeyFile, sign } from './forge';
import { startLab, type SigningLab } from './lab';

let lab: SigningLab;
let signer: string;
let keyFile: string;
let reference: string;
let digest: string;
let good: Buffer;
const reasons = new Map<string, string>();

before(async () => {
  lab = await startLab('bad');
  signer = await lab.newKey('Trusted Signer');
  keyFile = await publicKeyFile(lab, signer, 'trusted');
  reference = `${lab.registry}/rootguard/busybox:1`;
  await lab.podman(['push', '--tls-verify=false', await lab.buildImage(), reference]);
  digest = await registryManifestDigest(parseDockerReference(reference));
  good = await sign(lab, payload({ digest, reference }), { fingerprint: signer });
});

after(async () => {
  await lab?.close();
});

/** Verifies `reference` against signature-1..n placed in a fresh lookaside folder. */
async function check(name: string, signatures: Uint8Array[],
  keyFiles = [keyFile], extra: { knownKeys?: boolean } = {}): Promise<ImageReport> {
  const folder = lookasideWith(lab, name, parseDockerReference(reference), digest, signatures);
  const report = await verifyImage({ reference, keyFiles, lookaside: folder, policyFile: null,
    ...(extra.knownKeys ? { knownKeys: await keyringPublicKeys(lab.gpgContext) } : {}) });
  reasons.set(name, report.reason);
  return report;
}

/** A key generated "in the past" with gpg --faked-system-time, in its own GnuPG home. */
async function keyAt(name: string, time: string, type = 'EdDSA\nKey-Curve: ed25519',
  home = path.join(lab.root, `gnupg-${name}`)): Promise<{ fingerprint: string; home: string }> {
  fs.mkdirSync(home, { recursive: true, mode: 0o700 });
  const parameters = `%no-protection\nKey-Type: ${type}\nKey-Usage: sign\nName-Real: ${name}\n` +
    `Name-Email: ${name.toLowerCase()}@rootguard.invalid\nExpire-Date: 0\n%commit\n`;
  const result = await lab.gpg(['--faked-system-time', `${time}!`, '--status-fd', '1',
    '--gen-key'], { input: parameters, home });
  const created = /KEY_CREATED \w (\w+)/.exec(result.stdout.toString());
  assert.ok(created, 'gpg created the key');
  return { fingerprint: created[1], home };
}

describe('signatures verification rejects', () => {
  test('the good signature itself is verified (the baseline)', async () => {
    const report = await check('good', [good]);
    assert.equal(report.verdict, 'verified', report.reason);
  });

  test('a flipped byte in the signed payload', async () => {
    const plain = await lab.gpg(['--local-user', `${signer}!`, '--compress-algo', 'none',
      '--output', '-', '--sign'], { input: payload({ digest, reference }) });
    const broken = Buffer.from(plain.stdout);
    const at = broken.indexOf('sha256:') + 10;
    broken[at] = broken[at] === 0x61 ? 0x62 : 0x61;
    const report = await check('flipped', [broken]);
    assert.equal(report.verdict, 'invalid');
    assert.match(report.reason, /does not match the signed data/);
  });

  test('a payload naming another manifest digest', async () => {
    const other = `sha256:${'1'.repeat(64)}`;
    const report = await check('digest', [await sign(lab, payload({ digest: other, reference }),
      { fingerprint: signer })]);
    assert.equal(report.verdict, 'invalid');
    assert.match(report.reason, new RegExp(`is for manifest ${other}, but .* has ${digest}`));
  });

  test('another repository as identity', async () => {
    const report = await check('identity', [await sign(lab, payload({ digest,
      reference: `${lab.registry}/rootguard/other:1` }), { fingerprint: signer })]);
    assert.equal(report.verdict, 'invalid');
    assert.match(report.reason, /is for ".*rootguard\/other:1", but the policy \(matchRepoDigest/);
  });

  test('an unknown critical member, validly signed', async () => {
    const report = await check('critical', [await sign(lab, payload({ digest, reference,
      extraCritical: { 'x-rootguard-constraint': 'must be understood' } }),
    { fingerprint: signer })]);
    assert.equal(report.verdict, 'invalid');
    assert.match(report.reason, /unknown member "x-rootguard-constraint" in "critical"/);
  });

  test('a key that had expired before it signed (gpg --faked-system-time)', async () => {
    // The key is made on 2020-01-01; a copy of it signs on 2020-01-11, after the owner had
    // set it to expire one day later (2020-01-02) — the copy did not know.
    const key = await keyAt('Expired', '20200101T000000');
    const copy = path.join(lab.root, 'gnupg-expired-copy');
    fs.mkdirSync(copy, { mode: 0o700 });
    const secret = await lab.gpg(['--export-secret-keys', key.fingerprint], { home: key.home });
    await lab.gpg(['--import'], { input: secret.stdout, home: copy });
    await lab.gpg(['--faked-system-time', '20200101T010000!', '--quick-set-expire',
      key.fingerprint, '1d'], { home: key.home });
    const trusted = await publicKeyFile(lab, key.fingerprint, 'expired', key.home);
    const signature = await sign(lab, payload({ digest, reference }), { fingerprint:
      key.fingerprint, home: copy, fakedTime: '20200111T000000' });
    const report = await check('expired', [signature], [trusted]);
    assert.equal(report.verdict, 'invalid');
    assert.match(report.reason,
      /was not valid when it signed on 2020-01-11.*expired on 2020-01-02/);
  });

  test('a revoked key', async () => {
    const revoked = await lab.newKey('Revoked Signer');
    const signature = await sign(lab, payload({ digest, reference }), { fingerprint: revoked });
    const certificate = fs.readFileSync(path.join(lab.gnupgHome, 'openpgp-revocs.d',
      `${revoked}.rev`), 'utf8').replace(/^:-----BEGIN/m, '-----BEGIN');
    await lab.gpg(['--import'], { input: certificate });
    const report = await check('revoked', [signature],
      [await publicKeyFile(lab, revoked, 'revoked')]);
    assert.equal(report.verdict, 'invalid');
    assert.match(report.reason, /is revoked/);
  });

  test('a key not in the policy: untrusted, and named when the keyring knows it', async () => {
    const stranger = await lab.newKey('Stranger');
    const signature = await sign(lab, payload({ digest, reference }), { fingerprint: stranger });
    const unknown = await check('stranger', [signature]);
    assert.equal(unknown.verdict, 'untrusted');
    assert.match(unknown.reason, /signed by key ID [0-9A-F]{16}, which no trusted key has/);
    const known = await check('stranger-known', [signature], [keyFile], { knownKeys: true });
    assert.equal(known.verdict, 'untrusted');
    assert.match(known.reason, new RegExp(`a good signature by ${stranger} \\(Stranger`));
  });

  test('a weak key (RSA 1024) that openpgp refuses', async () => {
    const weak = await keyAt('Weak', '20250101T000000', 'RSA\nKey-Length: 1024', lab.gnupgHome);
    const report = await check('weak-key', [await sign(lab, payload({ digest, reference }),
      { fingerprint: weak.fingerprint })], [await publicKeyFile(lab, weak.fingerprint, 'weak')]);
    assert.equal(report.verdict, 'invalid');
    assert.match(report.reason, /too weak: .*RSA keys shorter than 2047 bits/);
  });

  test('a weak hash (SHA-1) that openpgp refuses', async () => {
    const rsa = await keyAt('Sha1', '20250101T000000', 'RSA\nKey-Length: 2048', lab.gnupgHome);
    const report = await check('weak-hash', [await sign(lab, payload({ digest, reference }),
      { fingerprint: rsa.fingerprint, digestAlgorithm: 'SHA1' })],
    [await publicKeyFile(lab, rsa.fingerprint, 'sha1')]);
    assert.equal(report.verdict, 'invalid');
    assert.match(report.reason, /too weak: .*SHA1/);
  });

  test('bytes that are no OpenPGP message', async () => {
    const report = await check('garbage', [Buffer.from('{"critical": "not signed"}')]);
    assert.equal(report.verdict, 'invalid');
    assert.match(report.reason, /not an OpenPGP signed message/);
  });

  test('no signature at all: unsigned', async () => {
    const report = await check('none', []);
    assert.equal(report.verdict, 'unsigned');
  });

  test('two signatures of which one is good: verified', async () => {
    const bad = Buffer.from(good);
    bad[bad.length - 5] ^= 0xff;
    const report = await check('two', [bad, good]);
    assert.equal(report.verdict, 'verified', report.reason);
    assert.deepEqual(report.signatures.map((s) => s.verdict), ['invalid', 'verified']);
  });

  test('each rejection has its own reason', (t) => {
    for (const [name, reason] of reasons) t.diagnostic(`${name}: ${reason}`);
    const rejected = [...reasons].filter(([name]) => !['good', 'none', 'two',
      'stranger-known'].includes(name));
    const distinct = new Set(rejected.map(([, reason]) => reason.replace(/[0-9A-F]{16,}/g, 'K')
      .replace(/sha256:[0-9a-f]+/g, 'D').replace(/\d{4}-\d{2}-\d{2}[^,)]*/g, 'T')));
    assert.equal(distinct.size, rejected.length, rejected.map(([n, r]) => `${n}: ${r}`)
      .join('\n'));
  });
});
