import type { Finding } from '../../core/finding';
import { programName, programWords } from '../../dockerfile/shell';
import type { DockerfileModel, Stage } from '../../dockerfile/model';
import { baseImageFacts } from '../../image/baseImages';
import { isRootUser, parseUserSpec } from '../../image/users';
import { finding, type DockerfileRule, type RuleMeta } from '../rule';

const meta: RuleMeta = {
  id: 'RG105',
  title: 'sudo in RUN',
  severity: 'warning',
  fixable: true,
  docs: {
    what: 'A RUN executes `sudo`, in shell form, exec form or a heredoc script. Mentions in ' +
      'comments, strings or package names (`apk add sudo`) are not counted.',
    why: 'Build steps run as the current USER; sudo adds a setuid-root binary and a sudoers ' +
      'file to the image, which is a way back to root for anything that gets into the ' +
      'container, and under `no-new-privileges` it does not even work. Switch USER around ' +
      'the steps that need root instead.',
    bad: {
      Dockerfile: 'FROM debian:bookworm\nUSER 10001\nRUN sudo apt-get update\nCMD ["bash"]\n',
    },
    fix: 'Run the step as root with `USER root` before it and switch back after, or drop ' +
      '`sudo` when the step already runs as root.',
    good: {
      Dockerfile: 'FROM debian:bookworm\nUSER root\nRUN apt-get update\nUSER 10001\n' +
        'CMD ["bash"]\n',
    },
  },
};

export const RG105: DockerfileRule = {
  meta,
  target: 'dockerfile',
  check({ file, model }) {
    const findings: Finding[] = [];
    const initialUsers = new Map<Stage, string>();
    for (const stage of model.stages) {
      let buildUser = initialBuildUser(model, stage, initialUsers);
      for (const run of stage.runs) {
        buildUser = run.buildUser ?? buildUser;
        const asRoot = isRootUser(parseUserSpec(buildUser).user);
        for (const command of run.commands) {
          const words = programWords(command);
          if (programName(words) !== 'sudo') continue;
          const sudo = words[0];
          const next = words[1];
          // `sudo -u other cmd` changes user: dropping the word alone would change meaning.
          const removable = next !== undefined && !next.value.startsWith('-') &&
            next.span.start.line === sudo.span.start.line;
          const fixes = removable ? [{ title: 'Remove sudo', safe: asRoot, preferred: asRoot,
            edits: [{ file, span: { start: sudo.span.start, end: next.span.start },
              newText: '' }] }] : [];
          findings.push(finding(meta, file, sudo.span,
            'RUN uses sudo; switch USER around the steps that need root instead.', {}, fixes));
        }
      }
    }
    return findings;
  },
};

/**
 * Who a stage's first RUN runs as: the last USER of the stage it builds on, else its base
 * image's default user. Removing sudo is only safe when that is root.
 */
function initialBuildUser(model: DockerfileModel, stage: Stage, known: Map<Stage, string>):
  string {
  // Every stage walked through shares the answer (none of their parents had a USER): `known`
  // keeps it, since a walk per stage grew with the square of a long chain of stages.
  const walked = new Set<Stage>();
  let user = 'root';
  let current: Stage | undefined = stage;
  while (current && !walked.has(current)) {
    const answer = known.get(current);
    if (answer !== undefined) {
      user = answer;
      break;
    }
    walked.add(current);
    const parent: Stage | undefined = current.parentStage === undefined ? undefined
      : model.stages[current.parentStage];
    const lastUser = parent?.users[parent.users.length - 1];
    if (lastUser) {
      user = lastUser.value.value;
      break;
    }
    if (!parent) {
      user = baseImageFacts(current.base.value).defaultUser ?? 'root';
      break;
    }
    current = parent;
  }
  for (const s of walked) known.set(s, user);
  return user;
}
