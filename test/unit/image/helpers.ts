import { buildImageContext, type ImageContext, type ImageContextOptions } from
  '../../../server/src/image/context';
import { parseDockerfile } from '../../../server/src/dockerfile/parse';

export function image(text: string, options: ImageContextOptions = {}): ImageContext {
  return buildImageContext(parseDockerfile(text, '/project/Dockerfile'), options);
}

/** Whether the image's runtime user can write `path` (or create it in its folder). */
export function canWrite(text: string, path: string): boolean {
  const context = image(text);
  return context.writable.canWrite(path, context.runtimeUser.identity).writable;
}
