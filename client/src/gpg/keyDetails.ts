// A require, not an import: esbuild would bundle openpgp's ES module build for an import, and
// that build reads import.meta.url, which a CommonJS bundle does not have.
import openpgp = require('openpgp');

/** What the Keys view and the report say about one public key, read with openpgp. */
export interface KeyDetails {
  fingerprint: string;
  userIds: string[];
  /** e.g. `Ed25519`, `RSA 4096`, `ECDSA nistp256`. */
  algorithm: string;
  created: Date;
  /** null: never expires. */
  expires: Date | null;
  revoked: boolean;
  /** Fingerprints of the primary key and subkeys, any of which may have made a signature. */
  keyFingerprints: string[];
}

/** Reads every key of a binary or armored export (a keyring file may hold several). */
export async function readPublicKeys(data: Uint8Array | string): Promise<openpgp.PublicKey[]> {
  const text = typeof data === 'string' ? data : undefined;
  const armored = text ?? (isArmored(data as Uint8Array) ? Buffer.from(data).toString('utf8') : '');
  const keys = armored
    ? await openpgp.readKeys({ armoredKeys: armored })
    : await openpgp.readKeys({ binaryKeys: data as Uint8Array });
  // A trust file must never carry secret material into verification; keep the public part.
  return keys.map((key) => key.toPublic());
}

export async function keyDetails(key: openpgp.PublicKey, now = new Date()): Promise<KeyDetails> {
  const expiration = await safely(() => key.getExpirationTime(), null);
  return {
    fingerprint: key.getFingerprint().toUpperCase(),
    userIds: key.getUserIDs(),
    algorithm: algorithmName(key.getAlgorithmInfo()),
    created: key.getCreationTime(),
    expires: expiration instanceof Date ? expiration : null,
    revoked: await safely(() => key.isRevoked(undefined, undefined, now), false),
    keyFingerprints: key.getKeys().map((k) => k.getFingerprint().toUpperCase()),
  };
}

/** Human name of a key algorithm as gpg users know it. */
export function algorithmName(info: openpgp.AlgorithmInfo): string {
  const algorithm = String(info.algorithm);
  if (algorithm.startsWith('rsa')) return `RSA ${info.bits ?? '?'}`;
  if (algorithm === 'eddsaLegacy' || algorithm === 'ed25519') return 'Ed25519';
  if (algorithm === 'ed448') return 'Ed448';
  if (algorithm === 'dsa') return `DSA ${info.bits ?? '?'}`;
  if (algorithm === 'ecdsa') return `ECDSA ${info.curve ?? ''}`.trim();
  return info.curve ? `${algorithm} ${info.curve}` : algorithm;
}

export function isArmored(data: Uint8Array): boolean {
  return Buffer.from(data.subarray(0, 64)).toString('latin1').trimStart().startsWith('-----BEGIN');
}

async function safely<T>(read: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await read();
  } catch {
    // A key whose self-signatures openpgp cannot check (e.g. a weak algorithm) still lists.
    return fallback;
  }
}
