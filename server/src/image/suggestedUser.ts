import type { ImageContext } from './context';

/** The uid Rootguard proposes when the image has no non-root user: high, unused by distros. */
export const FALLBACK_UID = '10001';

/**
 * The non-root user a fix switches to: the newest user the Dockerfile creates, else one the
 * base image ships (nginx in nginx images), else a numeric uid, which needs no /etc/passwd.
 */
export function suggestedUser(image: ImageContext): string {
  const candidates = image.users.nonRoot().filter((u) => u.name !== 'nobody');
  const chosen = candidates[candidates.length - 1];
  return chosen ? chosen.name : FALLBACK_UID;
}
