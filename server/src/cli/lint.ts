import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeImage, analyzeStandaloneConfig } from '../analysis/analyze';
import type { AnalysisSettings } from '../analysis/settings';
import type { Finding } from '../core/finding';
import { classify, diskWorkspace, findFiles, readText, type FoundFiles } from './fsWorkspace';

export class UsageError extends Error {}

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
  return analyzeAll(dockerfiles, configs, settings);
}

function analyzeAll(dockerfiles: string[], configs: string[], settings: AnalysisSettings):
  Finding[] {
  const workspace = diskWorkspace(configs);
  const findings: Finding[] = [];
  const placed = new Set<string>();
  for (const file of dockerfiles) {
    const text = workspace.read(file);
    if (text === undefined) continue;
    const result = analyzeImage(file, text, workspace, settings);
    for (const [owner, list] of result.findings) {
      if (placed.has(owner)) continue;
      placed.add(owner);
      findings.push(...list);
    }
  }
  for (const file of configs) {
    if (placed.has(file)) continue;
    const text = workspace.read(file);
    if (text !== undefined) findings.push(...analyzeStandaloneConfig(file, text, workspace,
      settings));
  }
  return findings;
}

function looksLikeDockerfileText(file: string): boolean {
  return /^\s*(#.*\n\s*)*(ARG|FROM)\s/i.test(readText(file)?.slice(0, 4096) ?? '');
}

function unique(files: string[]): string[] {
  return [...new Set(files)];
}
