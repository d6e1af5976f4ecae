import type { Severity } from '../core/finding';

export type SeveritySetting = Severity | 'off';

export interface AnalysisSettings {
  /** Extra base images (patterns with `*`) known to run as non-root. */
  nonRootBases: string[];
  /** Check nginx configs no Dockerfile copies, as run by a non-root user. */
  standaloneNginx: boolean;
  /** Per rule id: another severity, or `off`. */
  severity: Record<string, SeveritySetting>;
  /** Files larger than this many bytes are not checked. */
  maxFileBytes: number;
}

export const DEFAULT_SETTINGS: AnalysisSettings = {
  nonRootBases: [],
  standaloneNginx: true,
  severity: {},
  maxFileBytes: 2 * 1024 * 1024,
};

const SEVERITIES = new Set<string>(['error', 'warning', 'info', 'hint', 'off']);

/** Settings from an untyped source (LSP configuration, a CLI flag), defaults for the rest. */
export function readSettings(raw: unknown): AnalysisSettings {
  const input = typeof raw === 'object' && raw !== null ? raw as Record<string, unknown> : {};
  const severity: Record<string, SeveritySetting> = {};
  if (typeof input.severity === 'object' && input.severity !== null) {
    for (const [id, value] of Object.entries(input.severity)) {
      if (typeof value === 'string' && SEVERITIES.has(value)) {
        severity[id.toUpperCase()] = value as SeveritySetting;
      }
    }
  }
  const bases = Array.isArray(input.nonRootBaseImages) ? input.nonRootBaseImages : [];
  const maxKb = typeof input.maxFileSizeKb === 'number' && input.maxFileSizeKb > 0
    ? input.maxFileSizeKb : DEFAULT_SETTINGS.maxFileBytes / 1024;
  return {
    nonRootBases: bases.filter((b): b is string => typeof b === 'string'),
    standaloneNginx: input.standaloneNginx !== false,
    severity,
    maxFileBytes: maxKb * 1024,
  };
}
