import { finding, type DockerfileRule, type RuleMeta } from '../rule';
import { suggestedUser } from '../../image/suggestedUser';
import { replace } from '../fixes/textEdits';

const meta: RuleMeta = {
  id: 'RG102',
  title: 'Last USER is root',
  severity: 'warning',
  fixable: true,
  docs: {
    what: 'The last USER of the final stage (or of the stages it builds on) is root: `root`, ' +
      '`0`, `root:group` or `0:0`, also when the value comes from an ARG or ENV default. ' +
      '`USER 1000:0` is not root: only the user decides.',
    why: 'Switching to root for installation steps is normal, but switching back is easy to ' +
      'forget, and then the container runs with full rights over its own files, and over the ' +
      'host wherever an engine runs it rootful.',
    bad: {
      Dockerfile: 'FROM debian:bookworm\nRUN useradd --system app\nUSER app\n' +
        'RUN echo building\nUSER root\nCMD ["sleep", "infinity"]\n',
    },
    fix: 'End the final stage with a non-root USER, for example the user created earlier.',
    good: {
      Dockerfile: 'FROM debian:bookworm\nRUN useradd --system app\nUSER app\n' +
        'RUN echo building\nUSER app\nCMD ["sleep", "infinity"]\n',
    },
  },
};

export const RG102: DockerfileRule = {
  meta,
  target: 'dockerfile',
  check({ file, image }) {
    const { runtimeUser } = image;
    const instruction = runtimeUser.instruction;
    if (!instruction || !runtimeUser.identity.isRoot || runtimeUser.unresolved.length > 0) {
      return [];
    }

    const via = instruction.value.raw === instruction.value.value ? ''
      : ` (${instruction.value.raw} resolves to ${instruction.value.value})`;
    const user = suggestedUser(image);
    return [finding(meta, file, instruction.value.span,
      `The image runs as root: its last USER is ${instruction.value.value}${via}.`, {},
      [{ title: `Run as ${user} instead`, safe: true, preferred: true,
        edits: [replace(file, instruction.value.span, user)] }])];
  },
};
