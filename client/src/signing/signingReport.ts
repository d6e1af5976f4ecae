// The Signing Report: the state of the user's keys and trust configuration in one page, with
// what to do next. Pure: the facts are gathered by the caller.
import type { KeyringKey } from '../gpg/keyring';
import type { ImageReport } from './verifyImage';
import type { Policy, Requirement } from './policy';
import type { RegistriesConfig } from './registriesD';

export interface SigningFacts {
  keys: KeyringKey[];
  policy?: Policy;
  policyProblem?: string;
  registries: RegistriesConfig;
  images?: ImageReport[];
  now?: Date;
}

const SOON_MS = 30 * 24 * 3600 * 1000;

export function expiresSoon(key: KeyringKey, now = new Date()): boolean {
  return key.expires !== undefined && !key.expired &&
    key.expires.getTime() - now.getTime() < SOON_MS;
}

export function signingReport(facts: SigningFacts): string {
  const now = facts.now ?? new Date();
  const secret = facts.keys.filter((k) => k.hasSecret);
  const usable = secret.filter((k) => !k.revoked && !k.expired && k.canSign);
  const soon = facts.keys.filter((k) => expiresSoon(k, now));
  const expired = facts.keys.filter((k) => k.expired);
  const noRevocation = secret.filter((k) => !k.hasRevocationCertificate);
  const advice: string[] = [];

  const lines = ['# Rootguard signing report', '', `Generated ${now.toISOString()}.`, '',
    '## Keys', '',
    `- ${facts.keys.length} public key(s), ${secret.length} with a secret key, ` +
      `${usable.length} usable for signing.`,
    ...soon.map((k) => `- ⚠ ${k.userId} (${k.shortFingerprint}) expires on ` +
      `${k.expires?.toISOString().slice(0, 10)}.`),
    ...expired.map((k) => `- ✗ ${k.userId} (${k.shortFingerprint}) has expired.`),
    ...noRevocation.map((k) => `- ⚠ ${k.userId} (${k.shortFingerprint}) has no revocation ` +
      'certificate in openpgp-revocs.d.'),
    '', '## Trust policy', ''];
  if (usable.length === 0) {
    advice.push('Generate or import a signing key (Rootguard: Generate Key).');
  }
  if (soon.length > 0) advice.push('Extend expiring keys: `gpg --quick-set-expire FPR 2y`.');
  if (noRevocation.length > 0) {
    advice.push('Create a revocation certificate and keep it offline: `gpg --gen-revoke FPR`.');
  }

  if (!facts.policy) {
    const why = facts.policyProblem ? `: ${facts.policyProblem}` : '';
    lines.push(`- No policy could be read${why}.`);
    advice.push('Create a policy.json (Rootguard: Trust Key for Registry writes one).');
  } else {
    lines.push(`- Policy: \`${facts.policy.file}\`.`,
      `- Default: ${describe(facts.policy.default)}.`);
    const enforced = [...facts.policy.transports.get('docker') ?? []]
      .filter(([, reqs]) => reqs.some((r) => r.type === 'signedBy'));
    lines.push(enforced.length === 0 ? '- No registry scope requires signatures.'
      : `- Signatures required for: ${enforced.map(([scope]) => `\`${scope}\``).join(', ')}.`);
    if (facts.policy.default.some((r) => r.type === 'insecureAcceptAnything')) {
      advice.push('The default accepts unsigned images: once your registries have signedBy ' +
        'scopes, consider `"default": [{"type": "reject"}]`.');
    }
    if (enforced.length === 0) {
      advice.push('Trust a key for your registry (Trust Key for Registry).');
    }
  }

  lines.push('', '## Signature locations (registries.d)', '',
    `- Folder read by podman: \`${facts.registries.directory}\` ` +
      `(${facts.registries.files.length} file(s)).`,
    ...[...facts.registries.docker].map(([scope, e]) => `- \`${scope}\`: ` +
      `${e.lookaside ?? '—'}${e.lookasideStaging ? ` (staging ${e.lookasideStaging})` : ''}`),
    ...facts.registries.errors.map((e) => `- ✗ ${e}`));
  if (facts.images && facts.images.length > 0) {
    lines.push('', '## Images', '', ...facts.images.map((r) =>
      `- \`${r.reference}\`: **${r.verdict}** — ${r.reason}`));
  }
  lines.push('', '## Advice', '', ...(advice.length > 0 ? advice.map((a) => `- ${a}`)
    : ['- Nothing to do.']), '');
  return lines.join('\n');
}

function describe(requirements: Requirement[]): string {
  return requirements.map((r) => r.type === 'unsupported' ? r.name : r.type).join(', ');
}
