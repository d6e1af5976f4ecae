// The keys a verification trusts: those of the policy's signedBy requirements for the image's
// scope, plus keys the user names (the CLI's --key, the rootguard.signing.trustedKeys setting).
import * as fs from 'node:fs';
import type { PublicKey } from 'openpgp';
import { readPublicKeys } from '../gpg/keyDetails';
import { DEFAULT_IDENTITY_RULE, type IdentityRule } from './identity';
import type { Requirement } from './policy';

export interface TrustEntry {
  keys: PublicKey[];
  identity: IdentityRule;
  /** Where the trust comes from, for messages: a policy scope or a key file. */
  source: string;
}

export interface LoadedTrust {
  entries: TrustEntry[];
  /** Key files that could not be read, with the reason. */
  problems: string[];
}

/** Loads the keys of every GPGKeys signedBy requirement. */
export async function trustFromRequirements(requirements: Requirement[],
  scope: string): Promise<LoadedTrust> {
  const loaded: LoadedTrust = { entries: [], problems: [] };
  for (const requirement of requirements) {
    if (requirement.type !== 'signedBy') continue;
    if (requirement.keyType !== 'GPGKeys') {
      loaded.problems.push(`policy scope ${scope}: keyType "${requirement.keyType}" is not ` +
        'supported (only GPGKeys)');
      continue;
    }
    const keys: PublicKey[] = [];
    for (const file of requirement.keyPaths) {
      keys.push(...await keysFromFile(file, loaded.problems));
    }
    if (requirement.keyData) {
      keys.push(...await keysFromData(requirement.keyData, `keyData of ${scope}`, loaded.problems));
    }
    loaded.entries.push({ keys, identity: requirement.signedIdentity,
      source: `policy scope ${scope}` });
  }
  return loaded;
}

/** Key files named by the user; they follow the default identity rule. */
export async function trustFromKeyFiles(files: string[]): Promise<LoadedTrust> {
  const loaded: LoadedTrust = { entries: [], problems: [] };
  for (const file of files) {
    const keys = await keysFromFile(file, loaded.problems);
    if (keys.length > 0) {
      loaded.entries.push({ keys, identity: DEFAULT_IDENTITY_RULE, source: `key file ${file}` });
    }
  }
  return loaded;
}

async function keysFromFile(file: string, problems: string[]): Promise<PublicKey[]> {
  let data: Uint8Array;
  try {
    data = fs.readFileSync(file);
  } catch (error) {
    problems.push(`cannot read key file ${file}: ${(error as NodeJS.ErrnoException).code ??
      (error as Error).message}`);
    return [];
  }
  return keysFromData(data, file, problems);
}

async function keysFromData(data: Uint8Array, where: string,
  problems: string[]): Promise<PublicKey[]> {
  try {
    return await readPublicKeys(data);
  } catch (error) {
    problems.push(`${where} holds no readable OpenPGP public key: ${(error as Error).message}`);
    return [];
  }
}
