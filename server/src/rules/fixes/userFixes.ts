import type { Fix } from '../../core/finding';
import type { Stage } from '../../dockerfile/model';
import type { ImageContext } from '../../image/context';
import { FALLBACK_UID, suggestedUser } from '../../image/suggestedUser';
import { insertLinesAfter, insertLinesBefore } from './textEdits';

const NEW_USER = 'app';

/** Adds `USER <user>` to the target stage, before its CMD/ENTRYPOINT so they run as it. */
export function addUserFix(image: ImageContext, text: string): Fix | undefined {
  const stage = image.chain[image.chain.length - 1];
  if (!stage) return undefined;
  const user = suggestedUser(image);
  return {
    title: `Run as ${user === FALLBACK_UID ? `uid ${user}` : `user ${user}`}: add USER ${user}`,
    edits: [userInsertion(image.model.file, text, stage, [`USER ${user}`])],
    safe: true,
    preferred: true,
  };
}

/**
 * Creates a system user in the base distro's own syntax, then switches to it. Offered only
 * when the image has no non-root user yet: switching away from one the build already gave
 * files to would make those files unwritable again.
 */
export function createUserFix(image: ImageContext, text: string): Fix | undefined {
  const stage = image.chain[image.chain.length - 1];
  const create = createUserCommand(image.base.distro);
  if (!stage || !create || suggestedUser(image) !== FALLBACK_UID) return undefined;
  return {
    title: `Create user ${NEW_USER} and run as it`,
    edits: [userInsertion(image.model.file, text, stage, [create, `USER ${NEW_USER}`])],
    safe: false,
  };
}

function createUserCommand(distro: ImageContext['base']['distro']): string | undefined {
  switch (distro) {
    case 'alpine':
      return `RUN addgroup -S ${NEW_USER} && adduser -S -G ${NEW_USER} -H ${NEW_USER}`;
    case 'debian':
    case 'rhel':
      return `RUN groupadd --system ${NEW_USER} && ` +
        `useradd --system --gid ${NEW_USER} --no-create-home ${NEW_USER}`;
    case 'none':
      // scratch and distroless images have no shell to run useradd; a numeric USER works.
      return undefined;
  }
}

function userInsertion(file: string, text: string, stage: Stage, lines: string[]) {
  if (stage.firstCommand) {
    return insertLinesBefore(file, text, stage.firstCommand.start.line, lines);
  }
  return insertLinesAfter(file, text, stage.span.end.line, lines);
}
