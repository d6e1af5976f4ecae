// `rootguard profile`: the hardened `podman run` arguments the editor's Run Hardened would use,
// for scripts and CI; the JSON form is an argument array, so no shell has to split it.
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { commandLine } from '../../../client/src/podman/commandLine';
import { nameFromFolder } from '../../../client/src/podman/reference';
import { hardenedRunArgs } from '../../../client/src/podman/run';
import { analyzeImage } from '../analysis/analyze';
import { DEFAULT_SETTINGS } from '../analysis/settings';
import { runProfile, type RunProfile } from '../image/runProfile';
import { diskWorkspace, findFiles, readText } from './fsWorkspace';
import type { Io } from './main';
import { badUsage, isUsageError, textOrJson, UsageError } from './usage';

export const PROFILE_USAGE = `\
  rootguard profile DOCKERFILE [--format text|json] [--name NAME] [--image REF]
                 [--cap-add CAP]... [--userns MODE] [--run-arg ARG]...
`;

const HELP = `Usage:
${PROFILE_USAGE}
Prints the podman run arguments that run the image of DOCKERFILE hardened and rootless:
--cap-drop=ALL (plus --cap-add), --read-only, no-new-privileges, a tmpfs for each folder its
nginx writes, its ports published on host ports >= 1024. JSON is the argument array (without
"podman"); text shows the profile and the command line. NAME defaults to rootguard-<folder>,
REF to localhost/<folder>:latest. Exit status: 0, or 2 on bad usage or an unreadable file.
`;

export function profileCommand(args: string[], io: Io): number {
  let output: string;
  try {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        name: { type: 'string' },
        image: { type: 'string' },
        'cap-add': { type: 'string', multiple: true, default: [] },
        userns: { type: 'string' },
        'run-arg': { type: 'string', multiple: true, default: [] },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help) {
      io.out(HELP);
      return 0;
    }
    const format = textOrJson(values.format);
    if (positionals.length !== 1) throw new UsageError('give one Dockerfile');

    const dockerfile = path.resolve(io.cwd, positionals[0]);
    const profile = profileOf(dockerfile);
    const folder = nameFromFolder(path.basename(path.dirname(dockerfile)));
    const runArgs = hardenedRunArgs(profile, {
      name: values.name ?? `rootguard-${folder}`,
      image: values.image ?? `localhost/${folder}:latest`,
      capAdd: values['cap-add'],
      userns: values.userns,
      extraArgs: values['run-arg'],
    });
    output = format === 'json' ? `${JSON.stringify(runArgs, null, 2)}\n`
      : profileText(profile, runArgs, io.cwd);
  } catch (error) {
    if (isUsageError(error)) return badUsage(io, 'rootguard profile', error, HELP);
    throw error;
  }
  io.out(output);
  return 0;
}

function profileOf(dockerfile: string): RunProfile {
  const text = readText(dockerfile);
  if (text === undefined) throw new UsageError(`cannot read ${dockerfile}`);
  // The build context is taken to be the Dockerfile's folder, as everywhere in Rootguard.
  const configs = findFiles(path.dirname(dockerfile), DEFAULT_SETTINGS.maxFileBytes).configs;
  const profile = runProfile(analyzeImage(dockerfile, text, diskWorkspace(configs),
    DEFAULT_SETTINGS));
  if (!profile) throw new UsageError(`${dockerfile} is too large to analyse`);
  if (profile.buildable === false) {
    throw new UsageError(`${dockerfile} builds no image (see rootguard lint: RG002)`);
  }
  return profile;
}

function profileText(profile: RunProfile, runArgs: string[], cwd: string): string {
  const user = profile.user.spec ?? 'root';
  const lines = [
    `Run profile of ${path.relative(cwd, profile.dockerfile) || profile.dockerfile}`,
    `  user:     ${user}${profile.user.isRoot ? ' (root!)' : ''} (from ${profile.user.source})`,
    `  ports:    ${profile.ports.map((p) => `${p.container}/${p.protocol} → host ${p.host}`)
      .join(', ') || 'none'}`,
    ...profile.writableDirs.map((d, i) => `  ${i === 0 ? 'writable:' : '         '} ${d.path}` +
      `  (for ${[...new Set(d.reasons.map((r) => r.split(' ')[0]))].join(', ')})`),
    `  health:   ${profile.health ? `${profile.health.scheme}://127.0.0.1:${
      profile.health.hostPort ?? `?(container ${profile.health.port})`}${profile.health.path}` +
      ` (from ${profile.health.source})` : 'unknown'}`,
    ...profile.notes.map((note) => `  note:     ${note}`),
    '',
    commandLine(['podman', ...runArgs]),
  ];
  return `${lines.join('\n')}\n`;
}
