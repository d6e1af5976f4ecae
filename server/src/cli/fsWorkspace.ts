import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Workspace } from '../analysis/analyze';
import { isDockerfile, isNginxConfig } from '../analysis/fileKinds';

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn']);

export interface FoundFiles {
  dockerfiles: string[];
  configs: string[];
  /** Folders and candidate files the walk could not read: reported, never skipped silently. */
  unreadable?: string[];
}

/** Walks folders for Dockerfiles and nginx configs, skipping node_modules and VCS folders. */
export function findFiles(root: string, maxBytes: number): FoundFiles {
  const found: FoundFiles = { dockerfiles: [], configs: [], unreadable: [] };
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop() as string;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      found.unreadable?.push(dir);
      continue;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) pending.push(full);
      } else if (entry.isFile()) {
        classify(full, maxBytes, found);
      } else if (entry.isSymbolicLink()) {
        classifyLink(full, maxBytes, found);
      }
    }
  }
  found.dockerfiles.sort();
  found.configs.sort();
  const readable = (file: string) => {
    try {
      fs.accessSync(file, fs.constants.R_OK);
      return true;
    } catch {
      found.unreadable?.push(file);
      return false;
    }
  };
  found.dockerfiles = found.dockerfiles.filter(readable);
  found.configs = found.configs.filter(readable);
  return found;
}

/**
 * A linked file is read like any other; a linked folder is not walked (links can loop); a
 * link that leads nowhere, named like a Dockerfile or config, is reported as unreadable.
 */
function classifyLink(file: string, maxBytes: number, found: FoundFiles): void {
  try {
    if (fs.statSync(file).isFile()) classify(file, maxBytes, found);
  } catch {
    if (isDockerfile(file) || isNginxConfig(file)) found.unreadable?.push(file);
  }
}

export function classify(file: string, maxBytes: number, found: FoundFiles): void {
  if (isDockerfile(file)) {
    found.dockerfiles.push(file);
  } else if (isNginxConfig(file)) {
    found.configs.push(file);
  } else if (file.endsWith('.conf')) {
    const head = readHead(file, Math.min(maxBytes, 64 * 1024));
    if (head !== undefined && isNginxConfig(file, head)) found.configs.push(file);
  }
}

function readHead(file: string, bytes: number): string | undefined {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const buffer = Buffer.alloc(bytes);
      const read = fs.readSync(fd, buffer, 0, bytes, 0);
      return buffer.subarray(0, read).toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

/** Files read from disk once, with the nginx configs found as copy candidates. */
export function diskWorkspace(configs: string[]): Workspace {
  const texts = new Map<string, string | undefined>();
  return {
    read(file) {
      if (!texts.has(file)) texts.set(file, readText(file));
      return texts.get(file);
    },
    candidates: () => configs,
  };
}

/** Reads a file as UTF-8 text (invalid bytes become U+FFFD), without a leading BOM. */
export function readText(file: string): string | undefined {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text.startsWith('\ufeff') ? text.slice(1) : text;
  } catch {
    return undefined;
  }
}
