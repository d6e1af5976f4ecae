import type { Finding } from '../core/finding';

/** What runRules needs of a rule: its id, for the failure finding, and its check. */
export interface CheckingRule<I> {
  meta: { id: string };
  check(input: I): Finding[];
}

/**
 * Runs each rule on its own, so that a rule that throws costs one finding naming it, not the
 * whole file's diagnostics (nor the server). The finding carries the exception for the log.
 */
export function runRules<I extends { file: string }>(rules: readonly CheckingRule<I>[],
  input: I): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    try {
      findings.push(...rule.check(input));
    } catch (error) {
      findings.push(ruleFailure(rule.meta.id, input.file, error));
    }
  }
  return findings;
}

function ruleFailure(rule: string, file: string, error: unknown): Finding {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    rule, severity: 'error', file, fixes: [],
    data: { failure: error instanceof Error && error.stack ? error.stack : reason },
    span: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    message: `Rule ${rule} failed on this file and was skipped (${reason}). ` +
      'Please report this with the file attached.',
  };
}
