import type { Finding } from '../core/finding';
import { analyzeImage, analyzeStandaloneConfig, type Workspace } from './analyze';
import type { AnalysisSettings } from './settings';

/**
 * Every finding of a set of files, paired as the editor pairs them: each Dockerfile with the
 * configs it copies (the first Dockerfile by path wins a config copied by several), then every
 * config no Dockerfile copies, on its own.
 */
export function analyzeProject(dockerfiles: string[], configs: string[], workspace: Workspace,
  settings: AnalysisSettings): Finding[] {
  const findings: Finding[] = [];
  const judged = new Set<string>();
  for (const file of [...dockerfiles].sort()) {
    const text = workspace.read(file);
    if (text === undefined) continue;
    const result = analyzeImage(file, text, workspace, settings);
    for (const [owner, list] of result.findings) {
      if (judged.has(owner)) continue;
      judged.add(owner);
      findings.push(...list);
    }
  }
  for (const file of configs) {
    if (judged.has(file)) continue;
    const text = workspace.read(file);
    if (text !== undefined) findings.push(...analyzeStandaloneConfig(file, text, workspace,
      settings));
  }
  return findings;
}
