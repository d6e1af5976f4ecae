import type { Span } from './span';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** A replacement of `span` in `file` (an absolute path) by `newText`. */
export interface TextEdit {
  file: string;
  span: Span;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Safe fixes are applied by the fix-all action; the others only one at a time. */
  safe: boolean;
  /** The preferred fix of a finding is what the editor's lightbulb applies first. */
  preferred?: boolean;
}

/** Facts a finding carries for machine-readable output (JSON, SARIF, the client). */
export interface FindingData {
  port?: number;
  path?: string;
  isDefault?: boolean;
  /** Set only when the rule itself threw: the exception, for the server's log. */
  failure?: string;
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  file: string;
  span: Span;
  data: FindingData;
  fixes: Fix[];
}
