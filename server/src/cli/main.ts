import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { readSettings } from '../analysis/settings';
import { renderRuleDoc } from '../rules/docs';
import { ALL_RULES } from '../rules/index';
import { relative, toJson, toText } from './formats';
import { lintPathsReporting } from './lint';
import { toSarif } from './sarif';
import { VERIFY_IMAGE_USAGE, verifyImageCommand } from './verifyImage';
import { PODMAN_REPORTS_USAGE, checkHostCommand, verifyContainerCommand } from './podmanReports';
import { PROFILE_USAGE, profileCommand } from './profile';
import { badUsage, isUsageError, UsageError } from './usage';

declare const ROOTGUARD_VERSION: string | undefined;
const VERSION = typeof ROOTGUARD_VERSION === 'string' ? ROOTGUARD_VERSION : '0.0.0-dev';

const USAGE = `Usage:
  rootguard lint [PATH...] [--format text|json|sarif] [--severity RG205=off ...]
                 [--non-root-base PATTERN ...] [--no-standalone-nginx] [--max-size KB]
  rootguard rules                 list the rules
  rootguard docs [--out DIR]      write docs/rules/<id>.md for every rule
${VERIFY_IMAGE_USAGE.trimEnd()}
${PROFILE_USAGE.trimEnd()}
${PODMAN_REPORTS_USAGE.trimEnd()}
  rootguard --version

lint exits 0 when nothing of warning or error severity is found, 1 when something is,
and 2 on bad usage or an unreadable path. check-host and verify-container exit 0 when every
check passes, 1 when any fails, 2 on bad usage.
`;

export interface Io {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
}

/** Runs one CLI invocation and returns its exit code; never calls process.exit itself. */
export function main(argv: string[], io: Io): number | Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === '--version' || command === '-v') {
      io.out(`${VERSION}\n`);
      return 0;
    }
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.out(USAGE);
      return command === undefined ? 2 : 0;
    }
    const wantsHelp = rest.includes('--help') || rest.includes('-h');
    if (wantsHelp && ['lint', 'rules', 'docs'].includes(command)) {
      io.out(USAGE);
      return 0;
    }
    if (command === 'lint') return lint(rest, io);
    if (command === 'rules') return listRules(io);
    if (command === 'docs') return writeDocs(rest, io);
    if (command === 'verify-image') return verifyImageCommand(rest, io);
    if (command === 'profile') return profileCommand(rest, io);
    if (command === 'check-host') return checkHostCommand(rest, io);
    if (command === 'verify-container') return verifyContainerCommand(rest, io);
    throw new UsageError(`unknown command "${command}"`);
  } catch (error) {
    if (isUsageError(error)) return badUsage(io, 'rootguard', error, USAGE);
    throw error;
  }
}

function lint(args: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      severity: { type: 'string', multiple: true, default: [] },
      'non-root-base': { type: 'string', multiple: true, default: [] },
      'no-standalone-nginx': { type: 'boolean', default: false },
      'max-size': { type: 'string' },
    },
  });
  const format = values.format;
  if (format !== 'text' && format !== 'json' && format !== 'sarif') {
    throw new UsageError(`--format must be text, json or sarif, not "${format}"`);
  }
  const settings = readSettings({
    severity: Object.fromEntries(values.severity.map(parseSeverity)),
    nonRootBaseImages: values['non-root-base'],
    standaloneNginx: !values['no-standalone-nginx'],
    maxFileSizeKb: values['max-size'] === undefined ? undefined : parseSize(values['max-size']),
  });

  const { findings, unreadable } = lintPathsReporting(positionals.length > 0 ? positionals
    : ['.'], settings);
  for (const skipped of unreadable) {
    io.err(`rootguard: cannot read ${relative(skipped, io.cwd)}: permission denied; not checked\n`);
  }
  if (format === 'json') io.out(`${JSON.stringify(toJson(findings, io.cwd), null, 2)}\n`);
  else if (format === 'sarif') io.out(`${JSON.stringify(toSarif(findings, io.cwd, VERSION),
    null, 2)}\n`);
  else io.out(toText(findings, io.cwd));
  // An unreadable path is a usage problem (exit 2): a green run must mean all was checked.
  if (unreadable.length > 0) return 2;
  return findings.some((f) => f.severity === 'error' || f.severity === 'warning') ? 1 : 0;
}

function parseSeverity(entry: string): [string, string] {
  const match = /^(RG\d{3})=(error|warning|info|hint|off)$/i.exec(entry);
  if (!match) throw new UsageError(`--severity takes RULE=LEVEL, e.g. RG205=off, not "${entry}"`);
  const rule = match[1].toUpperCase();
  if (!ALL_RULES.some((meta) => meta.id === rule)) {
    throw new UsageError(`--severity names ${rule}, which is no rule (see \`rootguard rules\`)`);
  }
  return [rule, match[2].toLowerCase()];
}

function parseSize(text: string): number {
  const kb = Number(text);
  if (!Number.isFinite(kb) || kb <= 0) throw new UsageError(`--max-size takes kilobytes`);
  return kb;
}

function listRules(io: Io): number {
  for (const meta of ALL_RULES) io.out(`${meta.id}  ${meta.severity.padEnd(7)}  ${meta.title}\n`);
  return 0;
}

function writeDocs(args: string[], io: Io): number {
  const { values } = parseArgs({ args, options: { out: { type: 'string' } } });
  const dir = path.resolve(io.cwd, values.out ?? 'docs/rules');
  fs.mkdirSync(dir, { recursive: true });
  for (const meta of ALL_RULES) {
    const target = path.join(dir, `${meta.id}.md`);
    const temporary = `${target}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, renderRuleDoc(meta));
    fs.renameSync(temporary, target);
  }
  io.out(`Wrote ${ALL_RULES.length} rule pages to ${dir}\n`);
  return 0;
}
