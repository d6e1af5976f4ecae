import { finding, type DockerfileRule, type RuleMeta } from '../rule';
import { addUserFix, createUserFix } from '../fixes/userFixes';
import type { Fix } from '../../core/finding';

const meta: RuleMeta = {
  id: 'RG101',
  title: 'Image runs as root by default',
  severity: 'warning',
  fixable: true,
  docs: {
    what: 'The final stage, and the stages it is built from, never set a USER, and the base ' +
      'image is not one known to run as non-root, so containers start as root.',
    why: 'A process that runs as root inside the container keeps every file of the image ' +
      'writable and needs privileges a hardened run takes away. Under rootless podman that ' +
      'root is only your own user, but the same image run by a rootful engine is real root. ' +
      'Images that set a non-root USER run the same everywhere.',
    bad: {
      Dockerfile: 'FROM alpine:3.20\nRUN apk add --no-cache curl\nCMD ["curl", "--version"]\n',
    },
    fix: 'Add a USER instruction before CMD/ENTRYPOINT: a user the Dockerfile creates, one the ' +
      'base image ships, or a numeric uid such as 10001. Or start from a base image that ' +
      'runs as non-root (nginx-unprivileged, distroless `:nonroot`, Chainguard).',
    good: {
      Dockerfile: 'FROM alpine:3.20\nRUN apk add --no-cache curl\nUSER 10001\n' +
        'CMD ["curl", "--version"]\n',
    },
  },
};

export const RG101: DockerfileRule = {
  meta,
  target: 'dockerfile',
  check({ file, text, image }) {
    const target = image.chain[image.chain.length - 1];
    if (!target || image.runtimeUser.source !== 'none') return [];

    const base = image.baseRef === 'scratch' ? 'FROM scratch starts with no users at all'
      : `${image.baseRef} is not known to run as non-root`;
    const message = `The image runs as root: no USER is set in the final stage or the ` +
      `stages it builds on, and ${base}.`;
    const fixes = [addUserFix(image, text), createUserFix(image, text)]
      .filter((f): f is Fix => f !== undefined);
    return [finding(meta, file, target.fromSpan, message, {}, fixes)];
  },
};
