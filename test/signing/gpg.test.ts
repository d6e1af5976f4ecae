// The gpg layer against real gpg in temporary GnuPG homes: generate, list with details,
// import, export (public only), revocation certificates, expiry and revocation markers.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { generateKey, keyParameters, type KeyRequest } from '../../client/src/gpg/generate';
import { runGpg, type GpgContext } from '../../client/src/gpg/gpg';
import { exportPublicKey, importKeyFile, listKeys } from '../../client/src/gpg/keyring';
import { runProgram } from '../../client/src/system/execute';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-gpg-'));
const logged: string[] = [];
const keyring: GpgContext = { gnupgHome: home('main'), log: (line) => logged.push(line) };
let ed25519: string;

function home(name: string): string {
  const folder = path.join(root, name);
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  return folder;
}

function request(more: Partial<KeyRequest>): KeyRequest {
  return { name: 'Rootguard Tester', email: 'tester@rootguard.invalid', algorithm: 'ed25519',
    expiry: '2y', protection: 'none', ...more };
}

before(async () => {
  ed25519 = await generateKey(keyring, request({}));
});

after(async () => {
  for (const name of fs.readdirSync(root)) {
    await runProgram('gpgconf', ['--kill', 'all'], { env: { GNUPGHOME: path.join(root, name) } })
      .catch(() => undefined);
  }
  fs.rmSync(root, { recursive: true, force: true });
});

describe('gpg keys', () => {
  test('a generated Ed25519 key lists with its details, secret marker and revocation cert',
    async () => {
      const [key] = await listKeys(keyring);
      assert.equal(key.fingerprint, ed25519);
      assert.equal(key.shortFingerprint, ed25519.slice(-16));
      assert.equal(key.userId, 'Rootguard Tester <tester@rootguard.invalid>');
      assert.equal(key.algorithm, 'Ed25519');
      assert.deepEqual([key.hasSecret, key.canSign, key.revoked, key.expired,
        key.hasRevocationCertificate], [true, true, false, false, true]);
      const days = ((key.expires?.getTime() ?? 0) - Date.now()) / 86_400_000;
      assert.ok(days > 725 && days < 735, `expires in about two years (${days} d)`);
    });

  test('RSA 4096 is offered and generated with the requested expiry', async () => {
    const context = { gnupgHome: home('rsa') };
    const fingerprint = await generateKey(context, request({ algorithm: 'rsa4096', expiry: '0' }));
    const [key] = await listKeys(context);
    assert.equal(key.fingerprint, fingerprint);
    assert.equal(key.algorithm, 'RSA 4096');
    assert.equal(key.expires, undefined);
  });

  test('the public key exports armored and never with secret material', async () => {
    const armored = await exportPublicKey(keyring, ed25519);
    assert.match(armored, /^-----BEGIN PGP PUBLIC KEY BLOCK-----/);
    assert.doesNotMatch(armored, /PRIVATE KEY/);
    await assert.rejects(exportPublicKey(keyring, '--export-secret-keys'), /not a full key/);
  });

  test('import from a file adds the key to another keyring, without its secret', async () => {
    const file = path.join(root, 'tester.asc');
    fs.writeFileSync(file, await exportPublicKey(keyring, ed25519));
    const other = { gnupgHome: home('other') };
    const result = await importKeyFile(other, file);
    assert.deepEqual(result.fingerprints, [ed25519]);
    assert.match(result.summary, /1 imported/);
    const [key] = await listKeys(other);
    assert.deepEqual([key.fingerprint, key.hasSecret, key.hasRevocationCertificate],
      [ed25519, false, false]);
  });

  test('a revoked key and an expired key are marked', async () => {
    const context = { gnupgHome: home('marks') };
    const revoked = await generateKey(context, request({ name: 'To Revoke' }));
    const certificate = fs.readFileSync(path.join(context.gnupgHome, 'openpgp-revocs.d',
      `${revoked}.rev`), 'utf8').replace(/^:-----BEGIN/m, '-----BEGIN');
    await runProgram('gpg', ['--batch', '--import'], { env: { GNUPGHOME: context.gnupgHome },
      input: certificate });
    const parameters = keyParameters(request({ name: 'Expired Long Ago', expiry: '1d' }));
    await runProgram('gpg', ['--batch', '--faked-system-time', '20200101T000000!',
      '--gen-key'], { env: { GNUPGHOME: context.gnupgHome }, input: parameters });
    const keys = await listKeys(context);
    const byName = (name: string) => keys.find((k) => k.userId.startsWith(name));
    assert.equal(byName('To Revoke')?.revoked, true);
    assert.equal(byName('Expired Long Ago')?.expired, true);
  });

  test('key parameters refuse a name that would add parameter lines', () => {
    assert.throws(() => keyParameters(request({ name: 'Eve\n%no-protection' })), /single line/);
    assert.throws(() => keyParameters(request({ email: 'not-an-email' })), /email/);
    assert.throws(() => keyParameters(request({ expiry: '2y; rm' })), /Expiry/);
    assert.doesNotMatch(keyParameters(request({ protection: 'pinentry' })), /no-protection/);
  });

  test('no passphrase or private key reaches the log, even where gpg handles both', async () => {
    const lines: string[] = [];
    const context: GpgContext = { gnupgHome: home('secret'), log: (line) => lines.push(line) };
    const passphrase = 'correct horse battery staple 42';
    // Rootguard leaves passphrases to gpg-agent; this drives the same layer with one on stdin.
    const withPassphrase = ['--pinentry-mode', 'loopback', '--passphrase-fd', '0'];
    await runGpg(context, [...withPassphrase, '--quick-gen-key',
      'Secret Tester <secret@rootguard.invalid>', 'ed25519', 'sign', '0'], passphrase);
    const [key] = await listKeys(context);
    const secret = await runGpg(context, [...withPassphrase, '--armor', '--export-secret-keys',
      key.fingerprint], passphrase);
    assert.match(secret.stdout.toString('utf8'), /BEGIN PGP PRIVATE KEY BLOCK/);
    const refused = await runGpg(context, [...withPassphrase, '--armor',
      '--export-secret-keys', key.fingerprint], 'wrong passphrase').then(() => undefined,
      (error: unknown) => error);
    assert.ok(refused instanceof Error, 'a wrong passphrase fails');
    assert.match(await exportPublicKey(context, key.fingerprint), /PUBLIC KEY BLOCK/);

    assert.ok(lines.length >= 5, lines.join('\n'));
    assert.ok(lines.every((line) => line.startsWith('run: ["gpg"')));
    const log = [...lines, refused.message].join('\n');
    assert.doesNotMatch(log, /PRIVATE KEY/);
    assert.ok(!log.includes(passphrase) && !log.includes('wrong passphrase'));
  });

  test('the log names every gpg command and carries no secret', () => {
    assert.ok(logged.some((line) => line.includes('"--gen-key"')));
    assert.ok(logged.every((line) => line.startsWith('run: ["gpg"')));
    assert.ok(!logged.some((line) => /PRIVATE KEY|Passphrase|%no-protection/.test(line)));
  });
});
