import { finding, type DockerfileRule, type RuleMeta } from '../rule';

const meta: RuleMeta = {
  id: 'RG002',
  title: 'Dockerfile cannot be built',
  severity: 'error',
  fixable: false,
  docs: {
    what: 'The Dockerfile has no FROM, or has instructions other than ARG before its first ' +
      'FROM.',
    why: 'Such a file builds no image, so there is no runtime user, port or path to judge.',
    bad: { Dockerfile: 'USER 10001\nCMD ["sh"]\n' },
    fix: 'Start the file with FROM (global ARGs may come before it).',
    good: { Dockerfile: 'FROM alpine:3.20\nUSER 10001\nCMD ["sh"]\n' },
  },
};

export const RG002: DockerfileRule = {
  meta,
  target: 'dockerfile',
  check({ file, model }) {
    return model.problems.map((problem) => finding(meta, file, problem.span, problem.message));
  },
};
