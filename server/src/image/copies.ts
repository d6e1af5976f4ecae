import * as posix from 'node:path/posix';
import * as path from 'node:path';
import { minimatch } from 'minimatch';
import type { CopyInstruction } from '../dockerfile/model';

export interface CopiedFile {
  hostPath: string;
  imagePath: string;
  copy: CopyInstruction;
}

/**
 * Where each host file lands in the image, for the COPY and ADD instructions whose sources are
 * in the build context. Sources may be files, folders or globs; `--from` copies and URLs are
 * not host files.
 * LIMITATION: the build context is taken to be the Dockerfile's folder, as `podman build DIR`
 * with the Dockerfile in DIR uses; a context elsewhere (`-f` with another folder) is not known.
 */
export function copiedFiles(
  copies: CopyInstruction[],
  contextDir: string,
  hostFiles: string[],
): CopiedFile[] {
  const relative = hostFiles
    .map((hostPath) => ({ hostPath, rel: toPosix(path.relative(contextDir, hostPath)) }))
    .filter(({ rel }) => rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel));
  const result: CopiedFile[] = [];

  for (const copy of copies) {
    if (copy.from !== undefined || !copy.destination) continue;
    const dest = destinationOf(copy);
    const intoFolder = dest.endsWith('/') || copy.sources.length > 1;
    for (const source of copy.sources) {
      if (/^[a-z]+:\/\//i.test(source.value)) continue;
      const src = normaliseSource(source.value);
      for (const { hostPath, rel } of relative) {
        const imagePath = landing(src, rel, dest, intoFolder);
        if (imagePath) result.push({ hostPath, imagePath, copy });
      }
    }
  }
  return result;
}

/** The absolute image path a COPY writes to, relative destinations joined to WORKDIR. */
export function destinationOf(copy: CopyInstruction): string {
  const dest = copy.destination?.value ?? '/';
  return dest.startsWith('/') ? dest : `${copy.workdir.replace(/\/+$/, '')}/${dest}`;
}

function landing(src: string, rel: string, dest: string, intoFolder: boolean):
  string | undefined {
  if (src === '.' || src === '') return posix.join(dest, rel);
  if (/[*?[]/.test(src)) {
    return minimatch(rel, src, { dot: true }) ? posix.join(dest, posix.basename(rel)) : undefined;
  }
  if (rel === src) return intoFolder ? posix.join(dest, posix.basename(rel)) : dest;
  if (rel.startsWith(`${src}/`)) return posix.join(dest, rel.slice(src.length + 1));
  return undefined;
}

function normaliseSource(source: string): string {
  const normal = posix.normalize(source.replace(/^\/+/, ''));
  return normal.replace(/\/+$/, '');
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
