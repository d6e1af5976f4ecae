// The tamper property (issue 7): over every byte position of a real signature file, a changed
// byte is either rejected or — only where OpenPGP signs nothing (packet framing, unhashed
// subpackets, literal-data file name and date) — still yields exactly the original payload.
// A different payload is never accepted. Counts per class are reported.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test, type TestContext } from 'node:test';
import openpgp = require('openpgp');
import { readPublicKeys } from '../../client/src/gpg/keyDetails';
import { parseDockerReference } from '../../client/src/podman/reference';
import { registryManifestDigest } from '../../client/src/signing/manifestDigest';
import { DEFAULT_IDENTITY_RULE } from '../../client/src/signing/identity';
import {
  verifySignature, type VerificationContext,
} from '../../client/src/signing/verifySignature';
import { payload } from './forge';
import { startLab, type SigningLab } from './lab';

/** Each position is changed these ways: lowest bit, highest bit, every bit. */
const MASKS = [0x01, 0x80, 0xff];

let lab: SigningLab;
let context: VerificationContext;
let podmanSignature: Buffer;
let uncompressed: Buffer;

before(async () => {
  lab = await startLab('tamper');
  const signer = await lab.newKey('Tamper Signer');
  const reference = `${lab.registry}/rootguard/busybox:1`;
  await lab.podman(['push', '--tls-verify=false', '--sign-by', signer, await lab.buildImage(),
    reference]);
  const ref = parseDockerReference(reference);
  const digest = await registryManifestDigest(ref);
  const file = path.join(lab.staging, 'rootguard', `busybox@sha256=${digest.slice(7)}`,
    'signature-1');
  podmanSignature = fs.readFileSync(file);
  // gpg's own, uncompressed: every packet field is exposed to the changes, not only deflate.
  uncompressed = (await lab.gpg(['--local-user', `${signer}!`, '--compress-algo', 'none',
    '--output', '-', '--sign'], { input: payload({ digest, reference }) })).stdout;
  const exported = await lab.gpg(['--export', signer]);
  context = { reference: ref, manifestDigest: digest, trust: [{
    keys: await readPublicKeys(exported.stdout), identity: DEFAULT_IDENTITY_RULE,
    source: 'test key' }] };
});

after(async () => {
  await lab?.close();
});

/** The literal data of a message, read without any verification. */
async function literalData(data: Uint8Array): Promise<Buffer | undefined> {
  try {
    const message = await openpgp.readMessage({ binaryMessage: data });
    const literal = message.getLiteralData();
    return literal instanceof Uint8Array ? Buffer.from(literal) : undefined;
  } catch {
    return undefined;
  }
}

async function tamperProperty(t: TestContext, original: Buffer): Promise<void> {
  const expected = await literalData(original);
  assert.ok(expected, 'the original has a payload');
  const baseline = await verifySignature(original, 1, context);
  assert.equal(baseline.verdict, 'verified', baseline.reason);

  const classes = new Map<string, number>();
  const samePayloadPositions = new Set<number>();
  const others = new Set<string>();
  for (let position = 0; position < original.length; position++) {
    for (const mask of MASKS) {
      const changed = Buffer.from(original);
      changed[position] ^= mask;
      const result = await verifySignature(changed, 1, context);
      let kind: string;
      if (result.verdict === 'verified') {
        const payloadNow = await literalData(changed);
        assert.ok(payloadNow?.equals(expected), `byte ${position} ^ ${mask} was accepted ` +
          'with a different payload');
        kind = 'accepted, same payload';
        samePayloadPositions.add(position);
      } else {
        kind = `rejected: ${reasonClass(result.reason)}`;
        if (kind === 'rejected: other') others.add(result.reason);
      }
      classes.set(kind, (classes.get(kind) ?? 0) + 1);
    }
  }
  const summary = [...classes].sort().map(([kind, count]) => `${kind}: ${count}`);
  t.diagnostic(`${original.length} bytes x ${MASKS.length} changes: ${summary.join('; ')}`);
  t.diagnostic(`positions where a change kept the payload: ${[...samePayloadPositions]
    .join(', ') || 'none'}`);
  t.diagnostic(`other rejections: ${[...others].join(' | ')}`);
  assert.equal([...classes.values()].reduce((a, b) => a + b, 0), original.length * MASKS.length);
}

function reasonClass(reason: string): string {
  if (reason.startsWith('not an OpenPGP')) return 'not an OpenPGP message';
  if (/does not match the signed data/.test(reason)) return 'signature mismatch';
  if (/which no trusted key has/.test(reason)) return 'signer key id changed';
  if (/payload is rejected/.test(reason)) return 'payload rejected';
  if (/packets disagree about the signing key/.test(reason)) return 'signer key id mismatch';
  if (/does not support/.test(reason)) return 'unsupported algorithm';
  if (/holds \d+ signatures|no OpenPGP signature/.test(reason)) return 'signature count';
  return 'other';
}

describe('tampering with a real signature file', () => {
  test('podman\'s compressed signature: every changed byte is rejected or keeps the payload',
    async (t) => {
      await tamperProperty(t, podmanSignature);
    });

  test('an uncompressed signature: every changed byte is rejected or keeps the payload',
    async (t) => {
      await tamperProperty(t, uncompressed);
    });
});
