import type * as sarif from 'sarif';
import type { Finding, Severity } from '../core/finding';
import { renderRuleDoc } from '../rules/docs';
import { ALL_RULES } from '../rules/index';
import { relative, sorted } from './formats';

const LEVEL: Record<Severity, sarif.ReportingConfiguration.level> = {
  error: 'error', warning: 'warning', info: 'note', hint: 'note',
};

/** SARIF 2.1.0 for code-scanning UIs: every rule's metadata, then one result per finding. */
export function toSarif(findings: Finding[], cwd: string, version: string): sarif.Log {
  const rules: sarif.ReportingDescriptor[] = ALL_RULES.map((meta) => ({
    id: meta.id,
    name: meta.title.replace(/(^|\s)(\w)/g, (_, __, c: string) => c.toUpperCase())
      .replace(/\W/g, ''),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.docs.what },
    help: { text: `${meta.docs.why}\n\n${meta.docs.fix}`, markdown: renderRuleDoc(meta) },
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: { tags: ['rootless', 'security'] },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));

  const results: sarif.Result[] = sorted(findings).map((f) => ({
    ruleId: f.rule,
    ruleIndex: index.get(f.rule),
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [{
      physicalLocation: {
        artifactLocation: { uri: encodeURI(relative(f.file, cwd)), uriBaseId: '%SRCROOT%' },
        region: {
          startLine: f.span.start.line + 1, startColumn: f.span.start.character + 1,
          endLine: f.span.end.line + 1, endColumn: f.span.end.character + 1,
        },
      },
    }],
    ...(Object.keys(f.data).length > 0 ? { properties: { ...f.data } } : {}),
  }));

  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'Rootguard', version, rules } },
      originalUriBaseIds: { '%SRCROOT%': { uri: `file://${encodeURI(cwd)}/` } },
      results,
    }],
  };
}
