import * as path from 'node:path';
import * as posix from 'node:path/posix';
import { minimatch } from 'minimatch';
import type { Finding } from '../core/finding';
import type { DockerfileModel } from '../dockerfile/model';
import { buildImageContext, type ImageContext } from '../image/context';
import type { NginxConfig } from '../nginx/ast';
import { DOCKERFILE_RULES, NGINX_RULES } from '../rules/index';
import { tooLarge } from '../rules/general/RG003-file-too-large';
import type { NginxJudgement, PlacedConfig } from './checks';
import { isNginxConfig } from './fileKinds';
import { judgeInImage, judgeStandalone } from './judgement';
import { configLevels } from './levels';
import { dockerfiles, nginxConfigs } from './parseCache';
import { runRules } from './runRules';
import type { AnalysisSettings } from './settings';
import { applySettings } from './suppressions';

/** Where the analysis gets files: open editors first, then the disk. */
export interface Workspace {
  /** The text of a file, or undefined when it cannot be read. */
  read(file: string): string | undefined;
  /** Host files a Dockerfile may copy in: the nginx configs near it. */
  candidates(dockerfile: string): string[];
}

export interface ImageAnalysis {
  image: ImageContext | undefined;
  placed: PlacedConfig[];
  /** Findings by file: the Dockerfile's and every placed config's. */
  findings: Map<string, Finding[]>;
}

/** Analyses a Dockerfile with the nginx configs it copies in, judged inside that image. */
export function analyzeImage(file: string, text: string, workspace: Workspace,
  settings: AnalysisSettings): ImageAnalysis {
  const findings = new Map<string, Finding[]>();
  if (text.length > settings.maxFileBytes) {
    findings.set(file, [tooLarge(file, text.length, settings.maxFileBytes)]);
    return { image: undefined, placed: [], findings };
  }

  const model = dockerfiles.get(file, text);
  const image = buildImageContext(model, { nonRootBases: settings.nonRootBases,
    hostFiles: [...workspace.candidates(file), ...namedSources(model, file)] });
  const placed = placedConfigs(image, workspace, settings);
  const own = runRules(DOCKERFILE_RULES, { file, text, model, image, configs: placed });
  findings.set(file, applySettings(own, text, settings));

  for (const config of placed) {
    const judgement = judgeInImage(image, config.imagePath ?? '', { file, text });
    const resolve = (pattern: string) => placedIncludes(pattern, config, placed);
    findings.set(config.file, checkConfig(config, judgement, resolve, settings));
  }
  return { image, placed, findings };
}

/**
 * Files a COPY names exactly (no glob, not a folder we would have to list), so a config with
 * an unusual name is still paired when the Dockerfile copies it by name.
 */
function namedSources(model: DockerfileModel, file: string): string[] {
  const dir = path.dirname(file);
  return model.stages.flatMap((stage) => stage.copies)
    .filter((copy) => copy.from === undefined)
    .flatMap((copy) => copy.sources.map((source) => source.value))
    .filter((source) => source !== '' && !/[*?[]|^[a-z]+:\/\//i.test(source))
    .map((source) => path.join(dir, source));
}

/** Analyses an nginx config no Dockerfile copies, unless the settings turn that off. */
export function analyzeStandaloneConfig(file: string, text: string, workspace: Workspace,
  settings: AnalysisSettings): Finding[] {
  if (text.length > settings.maxFileBytes) return [tooLarge(file, text.length,
    settings.maxFileBytes)];
  const config = nginxConfigs.get(file, text);
  if (!settings.standaloneNginx) {
    return applySettings(runRules(NGINX_RULES.filter((r) => r.meta.id === 'RG001'),
      standaloneInput(file, text, config)), text, settings);
  }
  const resolve = (pattern: string) => hostIncludes(pattern, file, workspace);
  const placed: PlacedConfig = { file, text, config, imagePath: undefined };
  return checkConfig(placed, judgeStandalone(), resolve, settings);
}

function standaloneInput(file: string, text: string, config: NginxConfig) {
  return { file, text, config, judgement: judgeStandalone(), mainLevel: config.directives,
    http: undefined, httpLevel: undefined,
    self: { file, text, config, imagePath: undefined } };
}

function checkConfig(placed: PlacedConfig, judgement: NginxJudgement,
  resolve: (pattern: string) => NginxConfig[], settings: AnalysisSettings): Finding[] {
  const { file, text, config } = placed;
  if (text.length > settings.maxFileBytes) {
    return [tooLarge(file, text.length, settings.maxFileBytes)];
  }
  const levels = configLevels(config, resolve);
  const findings = runRules(NGINX_RULES, { file, text, config, judgement, self: placed,
    ...levels });
  return applySettings(findings, text, settings);
}

/** The configs this image copies in, by where they land; only files that read as nginx. */
function placedConfigs(image: ImageContext, workspace: Workspace, settings: AnalysisSettings):
  PlacedConfig[] {
  const placed: PlacedConfig[] = [];
  const seen = new Set<string>();
  for (const copied of image.copied) {
    if (seen.has(copied.hostPath)) continue;
    const text = workspace.read(copied.hostPath);
    if (text === undefined || text.length > settings.maxFileBytes) continue;
    if (!landsAsNginxConfig(copied.imagePath) && !isNginxConfig(copied.hostPath, text)) continue;
    seen.add(copied.hostPath);
    const config = nginxConfigs.get(copied.hostPath, text);
    placed.push({ file: copied.hostPath, text, config, imagePath: copied.imagePath });
  }
  return placed;
}

/** nginx reads `.conf` files and sites-* entries under /etc/nginx; mime.types is data. */
function landsAsNginxConfig(imagePath: string): boolean {
  return imagePath.startsWith('/etc/nginx/') &&
    (imagePath.endsWith('.conf') || /\/sites-(available|enabled)\//.test(imagePath));
}

/** An include in an image config names image paths (relative ones from nginx's prefix). */
function placedIncludes(pattern: string, from: PlacedConfig, placed: PlacedConfig[]):
  NginxConfig[] {
  const base = from.imagePath ? posix.dirname(from.imagePath) : '/etc/nginx';
  const absolute = pattern.startsWith('/') ? pattern : posix.join(base, pattern);
  return placed
    .filter((p) => p !== from && p.imagePath !== undefined && minimatch(p.imagePath, absolute))
    .map((p) => p.config);
}

/** An include in a config on its own names files relative to the config's folder. */
function hostIncludes(pattern: string, from: string, workspace: Workspace): NginxConfig[] {
  if (pattern.startsWith('/')) return [];
  const absolute = path.join(path.dirname(from), pattern).split(path.sep).join('/');
  return workspace.candidates(from)
    .filter((candidate) => candidate !== from &&
      minimatch(candidate.split(path.sep).join('/'), absolute))
    .flatMap((candidate) => {
      const text = workspace.read(candidate);
      return text === undefined ? [] : [nginxConfigs.get(candidate, text)];
    });
}
