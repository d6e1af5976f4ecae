// A real signed push — registry, podman push --sign-by, gpg — verified by Rootguard's code and
// by its CLI, from a file lookaside and from one served over http:// on loopback.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { listLocalImages } from '../../client/src/podman/inspect';
import { signAndPush } from '../../client/src/podman/push';
import { parseDockerReference } from '../../client/src/podman/reference';
import { registryManifestDigest } from '../../client/src/signing/manifestDigest';
import { loadRegistriesD, lookasideFor } from '../../client/src/signing/registriesD';
import { verifyImage } from '../../client/src/signing/verifyImage';
import { serveFolder, type FileServer } from './fileServer';
import { publicKeyFile } from './forge';
import { startLab, type SigningLab } from './lab';

const BIN = path.resolve(__dirname, '..', '..', '..', 'bin', 'rootguard.js');

let lab: SigningLab;
let web: FileServer;
let fingerprint: string;
let keyFile: string;
let signed: string;
let unsigned: string;
let manifestDigest: string;
let localDigest: string;

before(async () => {
  lab = await startLab('push');
  fingerprint = await lab.newKey('Rootguard Signer');
  keyFile = await publicKeyFile(lab, fingerprint, 'signer');
  const local = await lab.buildImage();
  signed = `${lab.registry}/rootguard/busybox:1`;
  unsigned = `${lab.registry}/rootguard/unsigned:1`;
  // The product's signed push (podman push --sign-by), into the lab's podman and registry.
  await signAndPush(lab.podmanAccess, local, parseDockerReference(signed), fingerprint);
  await lab.podman(['push', '--tls-verify=false', local, unsigned]);
  manifestDigest = await registryManifestDigest(parseDockerReference(signed));
  localDigest = (await lab.podman(['image', 'inspect', '--format', '{{.Digest}}', local]))
    .stdout.toString().trim();
  web = await serveFolder(lab.staging);
});

after(async () => {
  await web?.close();
  await lab?.close();
});

/** Runs the CLI without blocking this process, which serves the http:// lookaside. */
function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, 'verify-image', ...args], (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe('a podman-signed push', () => {
  test('lands in the staging location as <repository path>@sha256=<hex>/signature-1', () => {
    const hex = manifestDigest.split(':')[1];
    const file = path.join(lab.staging, 'rootguard', `busybox@sha256=${hex}`, 'signature-1');
    assert.ok(fs.existsSync(file), `${file} exists`);
    const location = lookasideFor(loadRegistriesD(lab.registriesDir),
      parseDockerReference(signed), true);
    assert.deepEqual([location.url, location.scope], [`file://${lab.staging}`, lab.registry]);
  });

  test('podman lists the local image with its local digest', async () => {
    const images = await listLocalImages(lab.podmanAccess);
    const image = images.find((i) => i.names.includes('localhost/rootguard-test/busybox:1'));
    assert.ok(image, JSON.stringify(images));
    assert.equal(image.digest, localDigest);
  });

  test('verifies with the trusted key, naming signer, identity and registry digest', async () => {
    const report = await verifyImage({ reference: signed, keyFiles: [keyFile],
      registriesDir: lab.registriesDir, staging: true, policyFile: null });
    assert.equal(report.verdict, 'verified', report.reason);
    assert.equal(report.digest, manifestDigest);
    assert.equal(report.signatures.length, 1);
    const [signature] = report.signatures;
    assert.equal(signature.fingerprint, fingerprint);
    assert.equal(signature.identity, signed);
    assert.equal(signature.digest, manifestDigest);
    assert.ok(typeof signature.timestamp === 'number' && signature.timestamp > 1.7e9);
  });

  test('verifies from an http:// lookaside served on loopback, stopping at the first 404',
    async () => {
      const report = await verifyImage({ reference: signed, keyFiles: [keyFile],
        lookaside: `${web.url}/`, policyFile: null });
      assert.equal(report.verdict, 'verified', report.reason);
      const hex = manifestDigest.split(':')[1];
      assert.deepEqual(web.requests.slice(-2), [`/rootguard/busybox@sha256=${hex}/signature-1`,
        `/rootguard/busybox@sha256=${hex}/signature-2`]);
    });

  test('reads the http:// lookaside a registries.d entry names for readers', async () => {
    const readers = path.join(lab.root, 'readers.d');
    fs.mkdirSync(readers, { recursive: true });
    fs.writeFileSync(path.join(readers, 'web.yaml'),
      `docker:\n  ${lab.registry}/rootguard:\n    lookaside: ${web.url}\n`);
    const report = await verifyImage({ reference: signed, keyFiles: [keyFile],
      registriesDir: readers, policyFile: null });
    assert.equal(report.verdict, 'verified', report.reason);
    assert.equal(report.lookaside, `${web.url}/`);
  });

  test('signs the registry manifest digest, and the report says the local one differs',
    async () => {
      assert.notEqual(localDigest, manifestDigest, 'the push re-encoded the image');
      const report = await verifyImage({ reference: signed, keyFiles: [keyFile],
        registriesDir: lab.registriesDir, staging: true, policyFile: null, localDigest });
      assert.equal(report.verdict, 'verified');
      assert.ok(report.notes.some((note) => note.includes(localDigest) &&
        note.includes('differs')), report.notes.join('\n'));
    });

  test('is verified through a policy.json signedBy entry for the registry scope', async () => {
    const policy = path.join(lab.root, 'policy.json');
    fs.writeFileSync(policy, JSON.stringify({ default: [{ type: 'reject' }], transports: {
      docker: { [lab.registry]: [{ type: 'signedBy', keyType: 'GPGKeys', keyPath: keyFile }] },
    } }));
    const report = await verifyImage({ reference: signed, policyFile: policy,
      lookaside: lab.staging });
    assert.equal(report.verdict, 'verified', report.reason);
    assert.match(report.signatures[0].reason, new RegExp(`policy scope ${lab.registry}`));
  });

  test('is invalid when the policy names another repository as the signed identity',
    async () => {
      const policy = path.join(lab.root, 'policy-other.json');
      fs.writeFileSync(policy, JSON.stringify({ default: [{ type: 'reject' }], transports: {
        docker: { [lab.registry]: [{ type: 'signedBy', keyType: 'GPGKeys', keyPath: keyFile,
          signedIdentity: { type: 'exactRepository',
            dockerRepository: `${lab.registry}/other/repo` } }] } } }));
      const report = await verifyImage({ reference: signed, policyFile: policy,
        lookaside: lab.staging });
      assert.equal(report.verdict, 'invalid');
      assert.match(report.reason, /exactRepository\) wants repository ".*other\/repo"/);
    });
});

describe('rootguard verify-image', () => {
  test('exits 0 and prints the verdict for a verified image', async () => {
    const run = await cli([signed, '--key', keyFile, '--lookaside', lab.staging]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`^${signed}: verified — signature-1: signed by ` +
      fingerprint, 'm'));
  });

  test('prints the documented JSON shape', async () => {
    const run = await cli([signed, '--key', keyFile, '--lookaside', `${web.url}/`, '--format',
      'json']);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(report).slice(0, 3), ['reference', 'digest', 'verdict']);
    assert.equal(report.digest, manifestDigest);
    const signatures = report.signatures as Record<string, unknown>[];
    assert.deepEqual(Object.keys(signatures[0]), ['index', 'verdict', 'reason', 'fingerprint',
      'identity', 'digest', 'timestamp']);
  });

  test('exits 1 for an unsigned image and for a key that did not sign', async () => {
    const none = await cli([unsigned, '--key', keyFile, '--lookaside', lab.staging]);
    assert.equal(none.code, 1);
    assert.match(none.stdout, /: unsigned — no signature-1 found/);
    const untrusted = await cli([signed, '--lookaside', lab.staging, '--policy',
      path.join(lab.root, 'policy-other.json'), '--format', 'json']);
    assert.equal(untrusted.code, 1);
    assert.equal((JSON.parse(untrusted.stdout) as { verdict: string }).verdict, 'invalid');
  });

  test('--digest replaces the registry lookup', async () => {
    const other = `sha256:${'0'.repeat(64)}`;
    const run = await cli([signed, '--key', keyFile, '--lookaside', lab.staging, '--digest',
      other]);
    assert.equal(run.code, 1);
    assert.match(run.stdout, new RegExp(`manifest digest: ${other}`));
  });

  test('exits 2 on bad usage, and a hostile reference runs nothing', async () => {
    const marker = path.join(lab.root, 'pwned');
    for (const args of [[], [signed, '--format', 'xml'], [signed, '--digest', 'sha256:xyz'],
      [`$(touch ${marker})`], ['-rf'], [`a;touch ${marker}`], ['a b'], ["'quoted'"],
      ['line\nbreak'], [signed, '--key', path.join(lab.root, 'missing.asc')],
      [signed, '--lookaside', 'ftp://example.invalid/']]) {
      const run = await cli(args);
      assert.equal(run.code, 2, `${JSON.stringify(args)}: ${run.stdout}${run.stderr}`);
      assert.match(run.stderr, /rootguard verify-image: /);
    }
    assert.equal(fs.existsSync(marker), false);
  });
});
