// `rootguard verify-image`: the signature check of the editor's Verify Image Signature, for CI.
// It verifies in-process (openpgp), so it gives the same verdict on any machine.
import { parseArgs } from 'node:util';
import {
  RequestError, verifyImage, type ImageReport,
} from '../../../client/src/signing/verifyImage';
import type { Io } from './main';
import { badUsage, isUsageError, textOrJson } from './usage';

export const VERIFY_IMAGE_USAGE = `  rootguard verify-image REF [--key FILE]...
                 [--lookaside DIR_OR_URL] [--digest sha256:HEX] [--policy FILE]
                 [--registries-d DIR] [--format text|json]
`;

const HELP = `Usage:
${VERIFY_IMAGE_USAGE}
Verifies the simple-signing signatures of image REF: the registry's manifest digest (from
skopeo, or --digest), signatures from the lookaside store (registries.d, or --lookaside), keys
trusted by policy.json (podman's, or --policy) and by --key files.
Exit status: 0 verified, 1 not verified (unsigned, untrusted, invalid, unknown), 2 bad usage.
`;

export async function verifyImageCommand(args: string[], io: Io): Promise<number> {
  let report: ImageReport;
  let format: 'text' | 'json';
  try {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        key: { type: 'string', multiple: true, default: [] },
        lookaside: { type: 'string' },
        digest: { type: 'string' },
        policy: { type: 'string' },
        'registries-d': { type: 'string' },
        format: { type: 'string', default: 'text' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help) {
      io.out(HELP);
      return 0;
    }
    format = textOrJson(values.format);
    if (positionals.length !== 1) {
      throw new RequestError(positionals.length === 0 ? 'give one image reference'
        : `give one image reference, not ${positionals.length}`);
    }
    report = await verifyImage({
      reference: positionals[0],
      keyFiles: values.key,
      lookaside: values.lookaside,
      digest: values.digest,
      policyFile: values.policy,
      registriesDir: values['registries-d'],
    });
  } catch (error) {
    if (error instanceof RequestError || isUsageError(error)) {
      return badUsage(io, 'rootguard verify-image', error, HELP);
    }
    throw error;
  }

  if (format === 'json') io.out(`${JSON.stringify(report, null, 2)}\n`);
  else io.out(toText(report));
  return report.verdict === 'verified' ? 0 : 1;
}

function toText(report: ImageReport): string {
  const lines = [
    `${report.reference}: ${report.verdict} — ${report.reason}`,
    `  manifest digest: ${report.digest ?? 'unknown'}`,
    `  lookaside: ${report.lookaside ?? 'not looked up'}`,
    ...report.signatures.map((s) => `  signature-${s.index}: ${s.verdict} — ${s.reason}`),
    ...report.notes.map((note) => `  note: ${note}`),
  ];
  return `${lines.join('\n')}\n`;
}
