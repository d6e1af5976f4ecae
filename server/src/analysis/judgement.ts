import type { ImageContext } from '../image/context';
import { STOCK_NGINX } from '../image/baseImages';
import { suggestedUser } from '../image/suggestedUser';
import { UserTable } from '../image/users';
import { WritableModel, type RuntimeIdentity } from '../image/writable';
import type { NginxJudgement } from './checks';

/**
 * Judges a config inside the image a Dockerfile copies it into. An image that still runs as
 * root is judged for the user its RG101/RG102 fix would switch to, so the path findings show
 * what stands between it and running rootless, not what root happens to get away with.
 */
export function judgeInImage(
  image: ImageContext,
  imagePath: string,
  dockerfile: { file: string; text: string },
): NginxJudgement {
  const runtime = image.runtimeUser.identity;
  // A USER the file cannot resolve (RG103) names nobody: judge for the suggested user too.
  const unknown = runtime.user === '';
  const who: RuntimeIdentity = runtime.isRoot || unknown
    ? { user: suggestedUser(image), group: undefined, isRoot: false }
    : runtime;
  const where = `Judged in the image built by ${baseName(dockerfile.file)}, at ${imagePath}`;
  return {
    image, imagePath, who, whoLabel: `user ${who.user}`, dockerfile,
    basis: runtime.isRoot
      ? `${where}, for user ${who.user}: the image still runs as root, and this is the ` +
        'non-root user it should run as.'
      : `${where}.`,
    layout: image.nginx,
    canWrite: (path) => image.writable.canWrite(path, who),
  };
}

const STANDALONE_USER: RuntimeIdentity = { user: 'nginx', group: 'nginx', isRoot: false };

/** Judges a config no Dockerfile copies: a non-root user, stock root-owned folders. */
export function judgeStandalone(): NginxJudgement {
  const writable = new WritableModel([], new UserTable([]));
  return {
    image: undefined, imagePath: undefined, dockerfile: undefined,
    who: STANDALONE_USER,
    whoLabel: 'a non-root user',
    basis: 'No Dockerfile copies this file, so it is judged as run by a non-root user with ' +
      'stock ownership (root owns /run, /var/run, /var/cache/nginx, /var/lib/nginx, ' +
      '/var/log/nginx and /etc/nginx).',
    layout: STOCK_NGINX,
    canWrite: (path) => writable.canWrite(path, STANDALONE_USER),
  };
}

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}
