import * as os from 'node:os';
import * as path from 'node:path';
import { runProgram, type ProgramResult } from '../system/execute';

/** Where gpg lives and which keyring it uses. */
export interface GpgContext {
  /** The gpg executable (a machine-level setting, never a workspace's). Default `gpg`. */
  gpgPath?: string;
  /** The GnuPG home; when absent gpg's own rule applies: GNUPGHOME, else ~/.gnupg. */
  gnupgHome?: string;
  log?: (line: string) => void;
}

/** A full fingerprint (v4: 40 hex digits, v5/v6: 64), upper case. */
export type Fingerprint = string;

const FINGERPRINT = /^(?:[0-9A-F]{40}|[0-9A-F]{64})$/;

/** Parses a fingerprint from user input or settings; spaces are allowed, anything else is not. */
export function parseFingerprint(text: string): Fingerprint {
  const compact = text.replace(/\s+/g, '').toUpperCase();
  if (!FINGERPRINT.test(compact)) {
    throw new Error(`"${text.slice(0, 80)}" is not a full key fingerprint (40 or 64 hex digits).`);
  }
  return compact;
}

/** The keyring folder gpg uses for this context. */
export function gnupgHome(context: GpgContext): string {
  return context.gnupgHome || process.env.GNUPGHOME || path.join(os.homedir(), '.gnupg');
}

/**
 * Runs gpg non-interactively. `--batch` keeps gpg from prompting on a terminal the extension
 * does not have; a passphrase, when one is needed, is asked by gpg-agent's pinentry.
 */
export function runGpg(context: GpgContext, args: readonly string[],
  input?: string | Uint8Array): Promise<ProgramResult> {
  const env: Record<string, string> = {};
  if (context.gnupgHome) env.GNUPGHOME = context.gnupgHome;
  return runProgram(context.gpgPath || 'gpg', ['--batch', '--no-tty', ...args], {
    env, input, log: context.log, timeoutMs: 300_000,
    whenMissing: () => ({ advice: 'Install GnuPG (Debian/Ubuntu: apt-get install gnupg; ' +
      'Fedora: dnf install gnupg2) or set rootguard.signing.gpgPath.' }),
  });
}

/** The `[GNUPG:] KEYWORD args` lines of `--status-fd 1` output. */
export function statusLines(stdout: Buffer): { keyword: string; args: string[] }[] {
  return stdout.toString('utf8').split('\n')
    .filter((line) => line.startsWith('[GNUPG:] '))
    .map((line) => {
      const [keyword = '', ...args] = line.slice(9).trim().split(' ');
      return { keyword, args };
    });
}
