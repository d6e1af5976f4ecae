import { runGpg, statusLines, type GpgContext } from './gpg';

export type KeyAlgorithm = 'ed25519' | 'rsa4096';

export interface KeyRequest {
  name: string;
  email: string;
  algorithm: KeyAlgorithm;
  /** gpg's expiry syntax: `0` (never), `2y`, `6m`, `30d`, `1w`. */
  expiry: string;
  /**
   * `pinentry`: gpg-agent asks for the passphrase itself; the extension never sees it.
   * `none`: no passphrase (`%no-protection`), for tests and throw-away CI keys only.
   */
  protection: 'pinentry' | 'none';
}

export const DEFAULT_EXPIRY = '2y';

/** Checks a request and names what is wrong, in the words of the Generate Key form. */
export function checkKeyRequest(request: KeyRequest): string | undefined {
  // A line break would let a name add its own parameter lines (say, %no-protection).
  if (/[\u0000-\u001f\u007f]/.test(request.name + request.email)) {
    return 'Name and email must be a single line without control characters.';
  }
  if (request.name.trim().length === 0) return 'Enter a name for the key.';
  if (/[<>()]/.test(request.name)) return 'The name cannot contain <, >, ( or ).';
  if (!/^[^\s@<>]+@[^\s@<>]+$/.test(request.email)) return 'Enter an email address like a@b.org.';
  if (!/^(?:0|[1-9]\d{0,3}[dwmy]?)$/.test(request.expiry)) {
    return 'Expiry is 0 (never) or a number with d, w, m or y, e.g. 2y.';
  }
  return undefined;
}

/** The `gpg --gen-key` batch parameters for a request (see GnuPG's "Unattended key generation"). */
export function keyParameters(request: KeyRequest): string {
  const problem = checkKeyRequest(request);
  if (problem) throw new Error(problem);
  const algorithm = request.algorithm === 'ed25519'
    ? ['Key-Type: EdDSA', 'Key-Curve: ed25519']
    : ['Key-Type: RSA', 'Key-Length: 4096'];
  return [
    ...(request.protection === 'none' ? ['%no-protection'] : []),
    ...algorithm,
    // Image signing only needs signing (and certifying, implied for a primary key).
    'Key-Usage: sign',
    `Name-Real: ${request.name.trim()}`,
    `Name-Email: ${request.email.trim()}`,
    `Expire-Date: ${request.expiry}`,
    '%commit',
    '',
  ].join('\n');
}

/**
 * Generates a key in the keyring and returns its fingerprint. Without `%no-protection` gpg
 * asks gpg-agent, which shows its pinentry; no passphrase passes through Rootguard.
 */
export async function generateKey(context: GpgContext, request: KeyRequest): Promise<string> {
  const parameters = keyParameters(request);
  const result = await runGpg(context, ['--status-fd', '1', '--gen-key'], parameters);
  const created = statusLines(result.stdout).find((s) => s.keyword === 'KEY_CREATED');
  const fingerprint = created?.args[1];
  if (!fingerprint) throw new Error(`gpg did not report a new key: ${result.stderr.trim()}`);
  return fingerprint.toUpperCase();
}
