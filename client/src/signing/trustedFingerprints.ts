// Which key fingerprints the user's trust configuration names anywhere: the Keys view marks
// them "trusted by policy".
import * as fs from 'node:fs';
import { activePolicyPath, readPolicy } from './policy';
import { trustFromKeyFiles, trustFromRequirements } from './trust';

/** Fingerprints (primary and subkeys) of every key in signedBy entries and extra key files. */
export async function policyTrustedFingerprints(keyFiles: string[],
  home: string): Promise<Set<string>> {
  const result = new Set<string>();
  const entries = (await trustFromKeyFiles(keyFiles)).entries;
  const file = activePolicyPath(home);
  if (fs.existsSync(file)) {
    try {
      const policy = readPolicy(file);
      const lists = [policy.default, ...[...policy.transports.values()]
        .flatMap((scopes) => [...scopes.values()])];
      for (const requirements of lists) {
        entries.push(...(await trustFromRequirements(requirements, 'any')).entries);
      }
    } catch {
      // A broken policy marks nothing trusted; its diagnostics say what is wrong.
    }
  }
  for (const key of entries.flatMap((entry) => entry.keys)) {
    for (const part of key.getKeys()) result.add(part.getFingerprint().toUpperCase());
  }
  return result;
}
