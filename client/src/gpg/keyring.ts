import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseColonListing, type ListedKey } from './colons';
import { gnupgHome, parseFingerprint, runGpg, statusLines, type GpgContext } from './gpg';
import type { PublicKey } from 'openpgp';
import { keyDetails, readPublicKeys, type KeyDetails } from './keyDetails';

/** One key of the user's keyring as the Keys view shows it. */
export interface KeyringKey {
  fingerprint: string;
  /** The last 16 hex digits, as gpg prints key ids. */
  shortFingerprint: string;
  userId: string;
  userIds: string[];
  algorithm: string;
  created?: Date;
  expires?: Date;
  revoked: boolean;
  expired: boolean;
  /** The secret key is in this keyring, so it can sign. */
  hasSecret: boolean;
  canSign: boolean;
  /** gpg keeps one in openpgp-revocs.d when it generated the key here. */
  hasRevocationCertificate: boolean;
  /** Fingerprints of the primary key and its subkeys. */
  keyFingerprints: string[];
}

/** Lists the keyring's public keys, marking those whose secret key is present. */
export async function listKeys(context: GpgContext, now = new Date()): Promise<KeyringKey[]> {
  const publicListing = await runGpg(context, ['--with-colons', '--fixed-list-mode',
    '--with-fingerprint', '--list-keys']);
  const secretListing = await runGpg(context, ['--with-colons', '--fixed-list-mode',
    '--with-fingerprint', '--list-secret-keys']);
  const secret = new Set(parseColonListing(secretListing.stdout.toString('utf8'))
    .filter((key) => key.hasSecret).map((key) => key.fingerprint));
  const listed = parseColonListing(publicListing.stdout.toString('utf8'));
  const details = await detailsByFingerprint(context, listed.length > 0);
  const revocations = revocationCertificates(context);

  return listed.map((key) => {
    const more = details.get(key.fingerprint);
    const expires = more ? more.expires ?? undefined : key.expires;
    return {
      fingerprint: key.fingerprint,
      shortFingerprint: key.fingerprint.slice(-16),
      userId: key.userIds[0] ?? '(no user id)',
      userIds: more?.userIds ?? key.userIds,
      algorithm: more?.algorithm ?? 'unknown',
      created: more?.created ?? key.created,
      expires,
      revoked: (more?.revoked ?? false) || key.validity === 'r',
      expired: key.validity === 'e' || (expires !== undefined && expires <= now),
      hasSecret: secret.has(key.fingerprint),
      canSign: signingCapable(key),
      hasRevocationCertificate: revocations.has(key.fingerprint),
      keyFingerprints: more?.keyFingerprints ?? [key.fingerprint],
    };
  });
}

/** The primary key or a usable subkey can sign (`S` in the key's summary capabilities). */
function signingCapable(key: ListedKey): boolean {
  return key.capabilities.includes('S');
}

/** Details gpg's listing lacks (algorithm and size, revocation) come from its export. */
async function detailsByFingerprint(context: GpgContext,
  anyKey: boolean): Promise<Map<string, KeyDetails>> {
  const result = new Map<string, KeyDetails>();
  if (!anyKey) return result;
  const exported = await runGpg(context, ['--export']);
  if (exported.stdout.length === 0) return result;
  for (const key of await readPublicKeys(exported.stdout)) {
    const details = await keyDetails(key);
    result.set(details.fingerprint, details);
  }
  return result;
}

/** Fingerprints with a revocation certificate in `openpgp-revocs.d` (gpg ≥ 2.1 writes one). */
export function revocationCertificates(context: GpgContext): Set<string> {
  const folder = path.join(gnupgHome(context), 'openpgp-revocs.d');
  try {
    return new Set(fs.readdirSync(folder)
      .filter((name) => /^[0-9A-F]{40,64}\.rev$/i.test(name))
      .map((name) => name.slice(0, -4).toUpperCase()));
  } catch {
    return new Set();
  }
}

/**
 * The armored public key. Only `--export` is ever used: secret keys never leave the keyring
 * through Rootguard, and the result is checked to be sure.
 */
export async function exportPublicKey(context: GpgContext, fingerprint: string): Promise<string> {
  const fpr = parseFingerprint(fingerprint);
  // Not export-minimal: older self-signatures tell when the key was valid for old signatures.
  const result = await runGpg(context, ['--armor', '--export', fpr]);
  const armored = result.stdout.toString('utf8');
  if (!armored.includes('BEGIN PGP PUBLIC KEY BLOCK')) {
    throw new Error(`gpg exported nothing for ${fpr}; is it in the keyring?`);
  }
  if (armored.includes('PRIVATE KEY')) throw new Error('refusing to export secret key material');
  return armored;
}

export interface ImportResult {
  /** Fingerprints gpg reported as imported or updated. */
  fingerprints: string[];
  summary: string;
}

/** Imports keys from a file (armored or binary), as `gpg --import` does. */
export async function importKeyFile(context: GpgContext, file: string): Promise<ImportResult> {
  const absolute = path.resolve(file);
  const result = await runGpg(context, ['--status-fd', '1', '--import', '--', absolute]);
  const status = statusLines(result.stdout);
  const fingerprints = [...new Set(status.filter((s) => s.keyword === 'IMPORT_OK')
    .map((s) => (s.args[1] ?? '').toUpperCase()).filter((f) => f.length > 0))];
  const counts = status.find((s) => s.keyword === 'IMPORT_RES')?.args.map(Number) ?? [];
  const summary = `${counts[0] ?? fingerprints.length} key(s) processed, ` +
    `${(counts[2] ?? 0) + (counts[3] ?? 0)} imported, ${counts[4] ?? 0} unchanged`;
  return { fingerprints, summary };
}

/** Every public key of the keyring, parsed: used to name a signer the policy does not trust. */
export async function keyringPublicKeys(context: GpgContext): Promise<PublicKey[]> {
  const exported = await runGpg(context, ['--export']);
  return exported.stdout.length === 0 ? [] : readPublicKeys(exported.stdout);
}
