// Verifying one simple-signing signature in-process with openpgp: a trusted key made it, the
// key was valid when it signed, the payload is strict, it names the registry's manifest digest
// and an identity the policy accepts.
// A require, not an import: esbuild would bundle openpgp's ES module build for an import, and
// that build reads import.meta.url, which a CommonJS bundle does not have.
import openpgp = require('openpgp');
import { formatReference, type DockerReference } from '../podman/reference';
import { identityMismatch } from './identity';
import { parseSignaturePayload, PayloadError, type SignaturePayload } from './payload';
import type { TrustEntry } from './trust';

export type SignatureVerdict = 'verified' | 'untrusted' | 'invalid' | 'unknown';

export interface SignatureResult {
  /** 1-based, as in `signature-N`. */
  index: number;
  verdict: SignatureVerdict;
  reason: string;
  /** Primary key fingerprint of the signer, when known. */
  fingerprint: string | null;
  /** The docker reference the signature names. */
  identity: string | null;
  /** The manifest digest the signature names. */
  digest: string | null;
  /** optional.timestamp of the payload (seconds since the epoch). */
  timestamp: number | null;
}

export interface VerificationContext {
  reference: DockerReference;
  /** The registry's manifest digest; undefined when it could not be learnt. */
  manifestDigest?: string;
  /** The local image's digest, only to explain a mismatch. */
  localDigest?: string;
  trust: TrustEntry[];
  /** Keys that are known (e.g. the user's keyring) but not trusted: they name the signer. */
  knownKeys?: openpgp.PublicKey[];
  now?: Date;
}

/** Bounds what a hostile compressed signature can expand to. */
const READ_CONFIG = { maxDecompressedMessageSize: 1024 * 1024 };

export async function verifySignature(data: Uint8Array, index: number,
  context: VerificationContext): Promise<SignatureResult> {
  const result = (verdict: SignatureVerdict, reason: string,
    more: Partial<SignatureResult> = {}): SignatureResult => ({
    index, verdict, reason, fingerprint: null, identity: null, digest: null, timestamp: null,
    ...more,
  });

  const message = await readSignedMessage(data);
  if (typeof message === 'string') return result('invalid', message);
  const keyIds = message.getSigningKeyIDs();
  if (keyIds.length !== 1) {
    return result('invalid', keyIds.length === 0 ? 'the file holds no OpenPGP signature'
      : `the file holds ${keyIds.length} signatures; a simple signature has exactly one`);
  }
  const keyId = keyIds[0];

  const candidates = context.trust.flatMap((entry) => entry.keys
    .filter((key) => key.getKeys(keyId).length > 0).map((key) => ({ key, entry })));
  if (candidates.length === 0) return untrusted(data, keyId, context, result);

  let failure: SignatureResult | undefined;
  for (const { key, entry } of candidates) {
    const checked = await checkWithKey(data, key, context.now);
    const fingerprint = key.getFingerprint().toUpperCase();
    if (typeof checked === 'string') {
      failure ??= result('invalid', checked, { fingerprint });
      continue;
    }
    const facts = { fingerprint, identity: checked.payload.dockerReference,
      digest: checked.payload.manifestDigest, timestamp: checked.payload.timestamp ?? null };
    const problem = digestProblem(checked.payload, context) ??
      identityMismatch(entry.identity, context.reference, checked.payload.dockerReference);
    if (problem === undefined) {
      return result('verified', `signed by ${signer(key)} on ${day(checked.created)}, ` +
        `trusted through ${entry.source}`, facts);
    }
    const verdict = context.manifestDigest === undefined ? 'unknown' : 'invalid';
    failure ??= result(verdict, problem, facts);
  }
  return failure ?? result('invalid', 'no trusted key verified it');
}

type Checked = { payload: SignaturePayload; created: Date };

/** The cryptographic check and the payload; a string is the reason it failed. */
async function checkWithKey(data: Uint8Array, key: openpgp.PublicKey,
  now = new Date()): Promise<Checked | string> {
  const message = await readSignedMessage(data);
  if (typeof message === 'string') return message;
  let literal: Uint8Array;
  let created: Date | null = null;
  try {
    const verification = await openpgp.verify({ message, verificationKeys: [key],
      format: 'binary', date: now, config: READ_CONFIG });
    const [signature] = verification.signatures;
    created = (await signature.signature).packets[0]?.created ?? null;
    await signature.verified;
    literal = verification.data;
  } catch (error) {
    return await explainFailure(error, key, created);
  }
  try {
    return { payload: parseSignaturePayload(literal), created: created ?? now };
  } catch (error) {
    if (error instanceof PayloadError) return `the signed payload is rejected: ${error.message}`;
    throw error;
  }
}

async function untrusted(data: Uint8Array, keyId: openpgp.KeyID, context: VerificationContext,
  result: (v: SignatureVerdict, r: string, m?: Partial<SignatureResult>) => SignatureResult,
): Promise<SignatureResult> {
  const known = (context.knownKeys ?? []).find((key) => key.getKeys(keyId).length > 0);
  if (!known) {
    return result('untrusted', `signed by key ID ${keyId.toHex().toUpperCase()}, which no ` +
      'trusted key has (add its public key to the policy or pass it with --key)');
  }
  const fingerprint = known.getFingerprint().toUpperCase();
  const checked = await checkWithKey(data, known, context.now);
  if (typeof checked === 'string') return result('invalid', checked, { fingerprint });
  return result('untrusted', `a good signature by ${signer(known)}, but no policy entry or ` +
    'trusted key file trusts this key', { fingerprint, identity: checked.payload.dockerReference,
    digest: checked.payload.manifestDigest, timestamp: checked.payload.timestamp ?? null });
}

function digestProblem(payload: SignaturePayload,
  context: VerificationContext): string | undefined {
  if (context.manifestDigest === undefined) {
    return 'the registry\'s manifest digest is not known, so it cannot be compared';
  }
  if (payload.manifestDigest === context.manifestDigest) return undefined;
  const local = payload.manifestDigest === context.localDigest
    ? ' It names the local image digest instead: podman re-encodes layers when pushing, so ' +
      'only the registry\'s manifest digest is signed.' : '';
  return `the signature is for manifest ${payload.manifestDigest}, but ` +
    `${formatReference(context.reference)} in the registry has ${context.manifestDigest}.${local}`;
}

async function readSignedMessage(data: Uint8Array): Promise<openpgp.Message<Uint8Array> | string> {
  try {
    if (Buffer.from(data.subarray(0, 64)).toString('latin1').trimStart().startsWith('-----')) {
      const armored = await openpgp.readMessage({ armoredMessage: Buffer.from(data).toString(),
        config: READ_CONFIG });
      return await openpgp.readMessage({ binaryMessage: armored.write(), config: READ_CONFIG });
    }
    return await openpgp.readMessage({ binaryMessage: data, config: READ_CONFIG });
  } catch (error) {
    return `not an OpenPGP signed message (${firstLine(error)})`;
  }
}

/** Turns openpgp's error into a reason a user can act on. */
async function explainFailure(error: unknown, key: openpgp.PublicKey,
  created: Date | null): Promise<string> {
  const text = firstLine(error);
  const when = created ? ` on ${day(created)}` : '';
  if (/revoked/i.test(text)) return `the key ${signer(key)} is revoked (${text})`;
  if (/expired/i.test(text) && !/Signature is expired/.test(text)) {
    const expiry = await key.getExpirationTime().catch(() => null);
    const ended = expiry instanceof Date ? `; it expired on ${day(expiry)}` : '';
    return `the key ${signer(key)} was not valid when it signed${when}${ended} (${text})`;
  }
  if (/too weak|insecure/i.test(text)) return `openpgp refuses the signature as too weak: ${text}`;
  if (/not supported|unsupported|unknown critical/i.test(text)) {
    return `the signature uses something openpgp does not support: ${text}`;
  }
  if (/Could not find signing key with key ID/.test(text)) {
    // The one-pass header and the signature packet name different keys: a changed file.
    return `the signature's packets disagree about the signing key (${text})`;
  }
  if (/digest did not match|verification failed|Missing signature/i.test(text)) {
    return 'the signature does not match the signed data (corrupted or tampered)';
  }
  if (/newer than the signature/i.test(text)) return `the signature predates its key (${text})`;
  return `the signature does not verify: ${text}`;
}

function signer(key: openpgp.PublicKey): string {
  const fingerprint = key.getFingerprint().toUpperCase();
  const userId = key.getUserIDs()[0];
  return userId ? `${fingerprint} (${userId})` : fingerprint;
}

function day(date: Date): string {
  return date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 300);
}
