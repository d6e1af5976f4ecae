// Parses gpg's machine-readable key listing (`--with-colons`, documented in GnuPG's
// doc/DETAILS). Only the fields the Keys view shows are kept.

export interface ListedSubkey {
  keyId: string;
  fingerprint: string;
  /** gpg's validity letter: `r` revoked, `e` expired, `u` ultimate, `f` full, … */
  validity: string;
  capabilities: string;
  created?: Date;
  expires?: Date;
}

export interface ListedKey extends ListedSubkey {
  userIds: string[];
  subkeys: ListedSubkey[];
  /** From a `sec` record: the secret part is in this keyring (not a stub or on a card). */
  hasSecret: boolean;
}

/** Turns `gpg --list-keys --with-colons` (or `--list-secret-keys`) output into keys. */
export function parseColonListing(text: string): ListedKey[] {
  const keys: ListedKey[] = [];
  let key: ListedKey | undefined;
  let last: ListedSubkey | undefined;

  for (const line of text.split('\n')) {
    const field = line.split(':');
    const record = field[0];
    if (record === 'pub' || record === 'sec') {
      key = { ...subkeyFields(field), userIds: [], subkeys: [],
        hasSecret: record === 'sec' && isSecretPresent(field[14]) };
      keys.push(key);
      last = key;
    } else if ((record === 'sub' || record === 'ssb') && key) {
      last = subkeyFields(field);
      key.subkeys.push(last);
    } else if (record === 'fpr' && last && !last.fingerprint) {
      last.fingerprint = (field[9] ?? '').toUpperCase();
    } else if (record === 'uid' && key) {
      key.userIds.push(unescapeColonField(field[9] ?? ''));
    }
  }
  return keys;
}

function subkeyFields(field: string[]): ListedSubkey {
  return {
    keyId: (field[4] ?? '').toUpperCase(),
    fingerprint: '',
    validity: field[1] ?? '',
    capabilities: field[11] ?? '',
    created: colonDate(field[5]),
    expires: colonDate(field[6]),
  };
}

/** Field 15 of a `sec` record: `+` present, `#` stub (secret elsewhere), or a card serial. */
function isSecretPresent(serial: string | undefined): boolean {
  return serial === undefined || serial === '' || serial === '+';
}

/** gpg writes seconds since the epoch, or ISO 8601 (`20261203T120000`) with some options. */
function colonDate(text: string | undefined): Date | undefined {
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return new Date(Number(text) * 1000);
  const iso = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!iso) return undefined;
  const [, y, mo, d, h, mi, s] = iso.map(Number);
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}

/** gpg escapes `:` and control characters in user ids as `\xHH` (bytes of UTF-8). */
function unescapeColonField(text: string): string {
  return text.replace(/(?:\\x[0-9a-fA-F]{2})+/g, (run) =>
    Buffer.from(run.split('\\x').slice(1).map((hex) => parseInt(hex, 16))).toString('utf8'));
}
