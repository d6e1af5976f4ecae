import * as posix from 'node:path/posix';
import * as path from 'node:path';
import { Minimatch } from 'minimatch';
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
  const files = new ContextFiles(hostFiles
    .map((hostPath) => ({ hostPath, rel: toPosix(path.relative(contextDir, hostPath)) }))
    .filter(({ rel }) => rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel)));
  const result: CopiedFile[] = [];

  for (const copy of copies) {
    if (copy.from !== undefined || !copy.destination) continue;
    const dest = destinationOf(copy);
    const intoFolder = dest.endsWith('/') || copy.sources.length > 1;
    for (const source of copy.sources) {
      if (/^[a-z]+:\/\//i.test(source.value)) continue;
      const src = normaliseSource(source.value);
      const glob = /[*?[]/.test(src) ? new Minimatch(src, { dot: true }) : undefined;
      for (const { hostPath, rel } of files.matching(src)) {
        const imagePath = landing(src, glob, rel, dest, intoFolder);
        if (imagePath) result.push({ hostPath, imagePath, copy });
      }
    }
  }
  return result;
}

interface ContextFile {
  hostPath: string;
  /** Its path in the build context, with `/`. */
  rel: string;
}

/**
 * The host files by their context path and by every folder above them, so that a source that
 * names a file or a folder finds its files without a scan. The analysis passes every file a
 * COPY names as a host file, so one scan per source grew with the square of the COPY count
 * (seconds for a 40k-line Dockerfile).
 */
class ContextFiles {
  private readonly byPath = new Map<string, number[]>();
  private readonly byFolder = new Map<string, number[]>();

  constructor(private readonly all: ContextFile[]) {
    all.forEach(({ rel }, i) => {
      push(this.byPath, rel, i);
      for (let slash = rel.indexOf('/'); slash > 0; slash = rel.indexOf('/', slash + 1)) {
        push(this.byFolder, rel.slice(0, slash), i);
      }
    });
  }

  /** The files `landing` may place for this source, in the order they were given. */
  matching(src: string): ContextFile[] {
    if (src === '.' || src === '' || /[*?[]/.test(src)) return this.all;
    const indexes = [...this.byPath.get(src) ?? [], ...this.byFolder.get(src) ?? []];
    // A file and a folder of one name cannot both exist, but keep the given order anyway.
    return indexes.sort((a, b) => a - b).map((i) => this.all[i]);
  }
}

function push(map: Map<string, number[]>, key: string, index: number): void {
  const list = map.get(key);
  if (list) list.push(index);
  else map.set(key, [index]);
}

/** The absolute image path a COPY writes to, relative destinations joined to WORKDIR. */
export function destinationOf(copy: CopyInstruction): string {
  const dest = copy.destination?.value ?? '/';
  return dest.startsWith('/') ? dest : `${copy.workdir.replace(/\/+$/, '')}/${dest}`;
}

function landing(src: string, glob: Minimatch | undefined, rel: string, dest: string,
  intoFolder: boolean): string | undefined {
  if (src === '.' || src === '') return posix.join(dest, rel);
  // Compiled once per source: minimatch() compiles its pattern again on every call.
  if (glob) return glob.match(rel) ? posix.join(dest, posix.basename(rel)) : undefined;
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
