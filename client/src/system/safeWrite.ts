// Writing the files Rootguard writes for the user (policy.json, registries.d entries, exported
// public keys, project scaffolds): never half-written, never over a file without asking, and
// never without a backup of what was there.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface SafeWriteOptions {
  /**
   * Asked before an existing file is replaced, with its current text; false keeps the file.
   * Rootguard's editor commands show the change and ask; tests answer directly.
   */
  confirmOverwrite: (file: string, previous: string) => Promise<boolean>;
  /** Mode of a new file (an existing file keeps its own). */
  mode?: number;
}

export interface SafeWriteResult {
  written: boolean;
  /** Where the replaced file was copied, when there was one. */
  backup?: string;
}

export interface ReplaceOptions {
  /** Mode of a new file (an existing file keeps its own). */
  mode?: number;
  /** Mode of folders made on the way: private by default, as for ~/.config/containers. */
  folderMode?: number;
}

export async function writeFileSafely(file: string, content: string,
  options: SafeWriteOptions): Promise<SafeWriteResult> {
  const previous = readIfExists(file);
  if (previous === content) return { written: false };
  if (previous !== undefined && !await options.confirmOverwrite(file, previous)) {
    return { written: false };
  }
  return replaceFile(file, content, previous, { mode: options.mode });
}

/**
 * Puts `content` where the caller saw `previous` (undefined: no file), after the user agreed.
 * The text goes to a temporary file beside the target first, then into place: renamed over an
 * existing file (after a backup copy), or linked as a new one, which fails rather than
 * overwrite a file that appeared meanwhile.
 */
export function replaceFile(file: string, content: string, previous: string | undefined,
  options: ReplaceOptions = {}): SafeWriteResult {
  if (previous === content) return { written: false };
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: options.folderMode ?? 0o700 });
  // The file may have changed while the user was reading the change: do not clobber that.
  if (readIfExists(file) !== previous) throw changedOnDisk(file);
  const backup = previous === undefined ? undefined : backupCopy(file);
  const mode = previous === undefined ? options.mode ?? 0o644 : fs.statSync(file).mode & 0o7777;
  const temporary = path.join(path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = fs.openSync(temporary, 'wx', mode);
    try {
      fs.writeFileSync(handle, content);
      fs.fsyncSync(handle);
    } finally {
      fs.closeSync(handle);
    }
    // rename and link are atomic within a folder: readers see the old file or the new one.
    if (previous === undefined) fs.linkSync(temporary, file);
    else fs.renameSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw changedOnDisk(file);
    throw error;
  } finally {
    fs.rmSync(temporary, { force: true });
  }
  return { written: true, ...(backup ? { backup } : {}) };
}

/** A file's text, or undefined when there is none. */
export function readIfExists(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function changedOnDisk(file: string): Error {
  return new Error(`${file} changed on disk while the change was being reviewed; nothing was ` +
    'written. Run the command again.');
}

/** `policy.json` → `policy.json.rootguard-20261203T134032Z.bak`, never over an older backup. */
function backupCopy(file: string): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  for (let n = 0; ; n++) {
    const backup = `${file}.rootguard-${stamp}${n === 0 ? '' : `-${n}`}.bak`;
    try {
      fs.copyFileSync(file, backup, fs.constants.COPYFILE_EXCL);
      return backup;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
