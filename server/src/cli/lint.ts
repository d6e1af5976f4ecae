import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeProject } from '../analysis/project';
import type { AnalysisSettings } from '../analysis/settings';
import type { Finding } from '../core/finding';
import { classify, diskWorkspace, findFiles, readText, type FoundFiles } from './fsWorkspace';
import { UsageError } from './usage';

export interface LintResult {
  findings: Finding[];
  /** Files and folders inside the given folders that could not be read. */
  unreadable: string[];
}

/**
 * Lints the given files and folders as the editor would: each Dockerfile with the configs it
 * copies, every other config on its own. A config named directly is paired with the
 * Dockerfiles of its own folder, and only the named files are reported.
 */
export function lintPaths(paths: string[], settings: AnalysisSettings): Finding[] {
  return lintPathsReporting(paths, settings).findings;
}

export function lintPathsReporting(paths: string[], settings: AnalysisSettings): LintResult {
  const found: FoundFiles = { dockerfiles: [], configs: [], unreadable: [] };
  const reported = new Set<string>();
  const partners: string[] = [];
  let walked = false;
  for (const given of paths) {
    const full = path.resolve(given);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(full);
    } catch {
      throw new UsageError(`cannot read ${given}: no such file or folder`);
    }
    if (stat.isDirectory()) {
      walked = true;
      const inner = findFiles(full, settings.maxFileBytes);
      found.dockerfiles.push(...inner.dockerfiles);
      found.configs.push(...inner.configs);
      found.unreadable?.push(...(inner.unreadable ?? []));
    } else {
      reported.add(full);
      partners.push(...dockerfilesBeside(full, settings.maxFileBytes));
      if (readText(full) === undefined) throw new UsageError(`cannot read ${given}`);
      const before = found.dockerfiles.length + found.configs.length;
      classify(full, settings.maxFileBytes, found);
      if (found.dockerfiles.length + found.configs.length === before) {
        // A file named on the command line is checked even with an unusual name.
        (looksLikeDockerfileText(full) ? found.dockerfiles : found.configs).push(full);
      }
    }
  }
  const dockerfiles = unique([...found.dockerfiles, ...partners]);
  const configs = unique(found.configs);
  const findings = analyzeProject(dockerfiles, configs, diskWorkspace(configs), settings);
  return {
    findings: walked ? findings : findings.filter((f) => reported.has(f.file)),
    unreadable: unique(found.unreadable ?? []),
  };
}

/** The Dockerfiles in a named file's folder, which may copy it into an image. */
function dockerfilesBeside(file: string, maxBytes: number): string[] {
  const beside: FoundFiles = { dockerfiles: [], configs: [] };
  try {
    for (const name of fs.readdirSync(path.dirname(file))) {
      const candidate = path.join(path.dirname(file), name);
      if (candidate !== file && fs.statSync(candidate).isFile()) {
        classify(candidate, maxBytes, beside);
      }
    }
  } catch {
    // An unreadable folder only means no partner: the named file is still judged alone.
  }
  return beside.dockerfiles;
}

function looksLikeDockerfileText(file: string): boolean {
  return /^\s*(#.*\n\s*)*(ARG|FROM)\s/i.test(readText(file)?.slice(0, 4096) ?? '');
}

function unique(files: string[]): string[] {
  return [...new Set(files)];
}
