import type { Finding, FindingData, Fix, Severity } from '../core/finding';
import type { Span } from '../core/span';
import type { DockerfileCheck, NginxCheck } from '../analysis/checks';

/**
 * A rule's example: files by name (`Dockerfile`, `nginx.conf`, `conf.d/app.conf`), laid out
 * as a small build context. The tests run every rule on its own examples.
 */
export type RuleExample = Record<string, string>;

export interface RuleDocs {
  /** What it finds, one or two sentences. */
  what: string;
  /** Why it matters for a container run rootless. */
  why: string;
  /** Files that trigger the rule. */
  bad: RuleExample;
  /** How to fix it, in prose. */
  fix: string;
  /** The same files, fixed: the rule finds nothing in them. */
  good: RuleExample;
}

export interface RuleMeta {
  id: string;
  /** Short, sentence case, no final stop: the rule's name in lists and SARIF. */
  title: string;
  severity: Severity;
  /** Whether at least one quick-fix is offered. */
  fixable: boolean;
  docs: RuleDocs;
}

export interface DockerfileRule {
  meta: RuleMeta;
  target: 'dockerfile';
  check(input: DockerfileCheck): Finding[];
}

export interface NginxRule {
  meta: RuleMeta;
  target: 'nginx';
  check(input: NginxCheck): Finding[];
}

export type Rule = DockerfileRule | NginxRule;

/** Builds a finding of `meta` with its default severity; settings may change it later. */
export function finding(
  meta: RuleMeta,
  file: string,
  span: Span,
  message: string,
  data: FindingData = {},
  fixes: Fix[] = [],
): Finding {
  return { rule: meta.id, severity: meta.severity, message, file, span, data, fixes };
}
