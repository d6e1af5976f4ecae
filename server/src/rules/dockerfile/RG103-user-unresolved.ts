import { finding, type DockerfileRule, type RuleMeta } from '../rule';

const meta: RuleMeta = {
  id: 'RG103',
  title: 'Last USER depends on an unknown build argument',
  severity: 'info',
  fixable: false,
  docs: {
    what: 'The last USER of the final stage uses a variable that the Dockerfile gives no ' +
      'value: an ARG without default, or a name never declared.',
    why: 'Whether the image runs as root is then decided at build time by `--build-arg`; a ' +
      'build that forgets it gets an empty USER (an error) or whatever the caller passes, ' +
      'including root.',
    bad: {
      Dockerfile: 'FROM alpine:3.20\nARG APP_USER\nUSER $APP_USER\nCMD ["sh"]\n',
    },
    fix: 'Give the ARG a non-root default (`ARG APP_USER=10001`), so the image is non-root ' +
      'unless someone overrides it on purpose.',
    good: {
      Dockerfile: 'FROM alpine:3.20\nARG APP_USER=10001\nUSER $APP_USER\nCMD ["sh"]\n',
    },
  },
};

export const RG103: DockerfileRule = {
  meta,
  target: 'dockerfile',
  check({ file, image }) {
    const { instruction, unresolved } = image.runtimeUser;
    if (!instruction || unresolved.length === 0) return [];
    const names = unresolved.join(', ');
    return [finding(meta, file, instruction.value.span,
      `The runtime user depends on ${names}, which this Dockerfile gives no value; whether ` +
      `the image runs as root is decided at build time.`)];
  },
};
