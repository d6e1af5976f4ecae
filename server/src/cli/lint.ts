import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeProject } from '../analysis/project';
import type { AnalysisSettings } from '../analysis/settings';
import type { Finding } from '../core/finding';
import { classify, diskWorkspace, findFiles, readText, type FoundFiles } from './fsWorkspace';
import { UsageError } from './usage';

/**
 * Lints the given files and folders as the editor would: each Dockerfile with the configs it
 * copies, every other config on its own. A config named directly is paired with Dockerfiles
 * found in its folder and the folders above it up to the current one.
 */
export function lintPaths(paths: string[], settings: AnalysisSettings): Finding[] {
  const found: FoundFiles = { dockerfiles: [], configs: [] };
  for (const given of paths) {
    const full = path.resolve(given);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(full);
    } catch {
      throw new UsageError(`cannot read ${given}: no such file or folder`);
    }
    if (stat.isDirectory()) {
      const inner = findFiles(full, settings.maxFileBytes);
      found.dockerfiles.push(...inner.dockerfiles);
      found.configs.push(...inner.configs);
    } else {
      if (readText(full) === undefined) throw new UsageError(`cannot read ${given}`);
      const before = found.dockerfiles.length + found.configs.length;
      classify(full, settings.maxFileBytes, found);
      if (found.dockerfiles.length + found.configs.length === before) {
        // A file named on the command line is checked even with an unusual name.
        (looksLikeDockerfileText(full) ? found.dockerfiles : found.configs).push(full);
      }
    }
  }
  const dockerfiles = unique(found.dockerfiles);
  const configs = unique(found.configs);
  return analyzeProject(dockerfiles, configs, diskWorkspace(configs), settings);
}

function looksLikeDockerfileText(file: string): boolean {
  return /^\s*(#.*\n\s*)*(ARG|FROM)\s/i.test(readText(file)?.slice(0, 4096) ?? '');
}

function unique(files: string[]): string[] {
  return [...new Set(files)];
}
