// `rootguard check-host` and `rootguard verify-container`: the editor's host and container
// reports for a terminal or CI. Exit 0 when every check passes, 1 when any fails, 2 bad usage.
import { parseArgs } from 'node:util';
import { checkHost } from '../../../client/src/podman/hostCheck';
import type { PodmanOptions } from '../../../client/src/podman/podman';
import { checkContainerName } from '../../../client/src/podman/reference';
import { passed, reportText, type Report } from '../../../client/src/podman/report';
import { verifyContainer } from '../../../client/src/podman/verify';
import { ProgramError } from '../../../client/src/system/execute';
import type { Io } from './main';
import { badUsage, isUsageError, textOrJson, UsageError } from './usage';

export const PODMAN_REPORTS_USAGE = `\
  rootguard check-host [--format text|json] [--podman PATH] [--podman-arg ARG]...
  rootguard verify-container NAME [--url URL] [--format text|json] [--podman PATH]
                 [--podman-arg ARG]...
`;

const HELP = `Usage:
${PODMAN_REPORTS_USAGE}
check-host reports whether this machine is ready to run containers rootless for the current
user; verify-container reports whether container NAME runs as intended (running, non-root,
rootless, health endpoint answering, no permission errors). --podman names the podman
executable (default: podman on PATH); each --podman-arg goes before every podman command
(e.g. --podman-arg=--root --podman-arg=/srv/containers). JSON: {checks: [{name, ok, detail,
hint}]}. Exit status: 0 all checks pass, 1 any fails, 2 bad usage.
`;

/** Both commands take the same options; check-host has no use for --url. */
function readArgs(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      podman: { type: 'string', default: 'podman' },
      'podman-arg': { type: 'string', multiple: true, default: [] },
      url: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}

export async function checkHostCommand(args: string[], io: Io): Promise<number> {
  return reportCommand('check-host', io, async () => {
    const { values, positionals } = readArgs(args);
    if (values.help) return undefined;
    if (positionals.length > 0 || values.url !== undefined) {
      throw new UsageError('check-host takes no arguments and no --url');
    }
    const format = textOrJson(values.format);
    const report = await checkHost(podmanOptions(values.podman, values['podman-arg']));
    return { format, title: 'Host readiness for rootless podman', report };
  });
}

export async function verifyContainerCommand(args: string[], io: Io): Promise<number> {
  return reportCommand('verify-container', io, async () => {
    const { values, positionals } = readArgs(args);
    if (values.help) return undefined;
    if (positionals.length !== 1) throw new UsageError('give one container name');
    const format = textOrJson(values.format);
    const name = checkContainerName(positionals[0]);
    const report = await verifyContainer(podmanOptions(values.podman, values['podman-arg']),
      name, { url: values.url });
    return { format, title: `Container ${name}`, report };
  });
}

interface Outcome {
  format: 'text' | 'json';
  title: string;
  report: Report;
}

async function reportCommand(command: string, io: Io,
  produce: () => Promise<Outcome | undefined>): Promise<number> {
  let outcome: Outcome | undefined;
  try {
    outcome = await produce();
  } catch (error) {
    if (isUsageError(error)) return badUsage(io, `rootguard ${command}`, error, HELP);
    if (error instanceof ProgramError) {
      io.err(`rootguard ${command}: ${error.message}\n${error.hint ? `  ${error.hint}\n` : ''}`);
      return 1;
    }
    throw error;
  }
  if (!outcome) {
    io.out(HELP);
    return 0;
  }
  const { format, title, report } = outcome;
  io.out(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : reportText(title, report));
  return passed(report) ? 0 : 1;
}

function podmanOptions(executable: string, globalArgs: string[]): PodmanOptions {
  return { path: executable, globalArgs };
}
