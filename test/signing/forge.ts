// Signatures made by hand with real gpg, to test what verification must reject: other digests,
// other identities, unknown critical members, expired, revoked and weak keys, broken bytes.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DockerReference } from '../../client/src/podman/reference';
import { parseLookasideBase, signatureLocation } from '../../client/src/signing/lookaside';
import type { SigningLab } from './lab';

export interface PayloadFields {
  digest: string;
  reference: string;
  /** Extra members of `critical`, e.g. an unknown constraint. */
  extraCritical?: Record<string, unknown>;
}

export function payload(fields: PayloadFields): string {
  return JSON.stringify({
    critical: {
      identity: { 'docker-reference': fields.reference },
      image: { 'docker-manifest-digest': fields.digest },
      type: 'atomic container signature',
      ...fields.extraCritical,
    },
    optional: { creator: 'rootguard test', timestamp: Math.floor(Date.now() / 1000) },
  });
}

export interface SignOptions {
  fingerprint: string;
  /** Another GnuPG home (e.g. one holding a stale copy of the key). */
  home?: string;
  /** gpg --faked-system-time, e.g. `20200111T000000`. */
  fakedTime?: string;
  digestAlgorithm?: string;
}

/** An OpenPGP signed message (not detached), as podman writes it. */
export async function sign(lab: SigningLab, text: string, options: SignOptions): Promise<Buffer> {
  const args = ['--local-user', `${options.fingerprint}!`,
    ...(options.fakedTime ? ['--faked-system-time', `${options.fakedTime}!`] : []),
    ...(options.digestAlgorithm ? ['--digest-algo', options.digestAlgorithm] : []),
    '--output', '-', '--sign'];
  return (await lab.gpg(args, { input: text, home: options.home })).stdout;
}

/** Writes signature-1..n for an image into a fresh lookaside folder; returns the folder. */
export function lookasideWith(lab: SigningLab, name: string, ref: DockerReference,
  digest: string, signatures: Uint8Array[]): string {
  const folder = path.join(lab.root, 'lookaside', name);
  const base = parseLookasideBase(folder);
  signatures.forEach((data, i) => {
    const file = signatureLocation(base, ref, digest, i + 1);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, data);
  });
  fs.mkdirSync(folder, { recursive: true });
  return folder;
}

/** The armored public key(s) of a keyring, written to a file in the lab. */
export async function publicKeyFile(lab: SigningLab, fingerprint: string, name: string,
  home?: string): Promise<string> {
  const exported = await lab.gpg(['--armor', '--export', fingerprint], { home });
  const file = path.join(lab.root, `${name}.asc`);
  fs.writeFileSync(file, exported.stdout);
  return file;
}
