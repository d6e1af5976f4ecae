import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AnalysisSettings } from '../../../server/src/analysis/settings';
import type { Finding, FindingData, Fix } from '../../../server/src/core/finding';
import { applyEdits, lint, only, ROOT, type Files } from '../../helpers/project';
import { at, textAt } from '../../helpers/spans';

/**
 * An ESLint-style tester: a rule's behaviour as a list of projects it accepts and a list of
 * projects it reports, each finding with its exact span and the text under it.
 */
export interface Case {
  /** Completes "RG104 accepts …" or "RG104 reports …". */
  name: string;
  files: Files;
  settings?: Partial<AnalysisSettings>;
}

export interface ExpectedFinding {
  /** The file of the finding; the first file of the case when omitted. */
  file?: string;
  /** `line:character-line:character`, zero-based. */
  at: string;
  /** The text the span covers. */
  text: string;
  message?: RegExp;
  data?: FindingData;
}

export interface InvalidCase extends Case {
  findings: ExpectedFinding[];
  /**
   * The files the first finding's preferred fix changes, as they read after it; `null` when
   * the rule offers no fix for any finding of the case.
   */
  fixed?: Files | null;
}

export function ruleTester(rule: string, cases: { valid: Case[]; invalid: InvalidCase[] }): void {
  describe(rule, () => {
    for (const c of cases.valid) {
      test(`${rule} accepts ${c.name}`, () => {
        const found = only(lint(c.files, c.settings), rule);
        assert.deepEqual(found.map(describeFinding), []);
      });
    }
    for (const c of cases.invalid) {
      test(`${rule} reports ${c.name}`, () => checkInvalid(rule, c));
      if (c.fixed === null) continue;
      test(`${rule}'s quick-fixes for ${c.name} each clear the finding, add none, and are ` +
        'not offered again', () => {
        const before = lint(c.files, c.settings);
        const fixes = only(before, rule).flatMap((finding) => finding.fixes.map((fix) =>
          ({ finding, fix })));
        assert.ok(fixes.length > 0, `${rule} offers no fix here; mark the case \`fixed: null\``);
        for (const { finding, fix } of fixes) checkFix(c, before, finding, fix);
      });
    }
  });
}

function checkInvalid(rule: string, c: InvalidCase): void {
  const found = only(lint(c.files, c.settings), rule);
  const first = Object.keys(c.files)[0];
  const actual = found.map((f) => `${relative(f.file)} ${at(f.span)}`);
  const expected = c.findings.map((e) => `${e.file ?? first} ${e.at}`);
  assert.deepEqual(actual, expected, found.map(describeFinding).join('\n'));

  c.findings.forEach((e, i) => {
    const f = found[i];
    assert.equal(textAt(c.files[relative(f.file)] ?? '', f.span), e.text);
    if (e.message) assert.match(f.message, e.message);
    if (e.data) assert.deepEqual(f.data, e.data);
  });

  if (c.fixed === null) {
    assert.deepEqual(found.flatMap((f) => f.fixes.map((fix) => fix.title)), []);
  } else if (c.fixed !== undefined) {
    const fix = found[0].fixes.find((x) => x.preferred) ?? found[0].fixes[0];
    assert.ok(fix, `${rule} offers no fix for its first finding`);
    const after = applyEdits(c.files, fix.edits);
    const changed = Object.keys(after).filter((name) => after[name] !== c.files[name]);
    assert.deepEqual(changed.sort(), Object.keys(c.fixed).sort(), 'files changed by the fix');
    for (const name of changed) assert.equal(after[name], c.fixed[name]);
  }
}

/** Applies one fix, lints again: the finding is gone, no other rule gained one, no repeat. */
function checkFix(c: InvalidCase, before: Finding[], finding: Finding, fix: Fix): void {
  const fixed = applyEdits(c.files, fix.edits);
  const after = lint(fixed, c.settings);
  const label = `"${fix.title}" for ${describeFinding(finding)}`;

  const same = (f: Finding) => f.rule === finding.rule && f.file === finding.file &&
    f.message === finding.message;
  assert.ok(after.filter(same).length < before.filter(same).length, `${label}: still reported`);

  const counts = (list: Finding[]) => {
    const map = new Map<string, number>();
    for (const f of list) {
      if (f.rule !== finding.rule) map.set(`${f.rule} ${relative(f.file)}`,
        (map.get(`${f.rule} ${relative(f.file)}`) ?? 0) + 1);
    }
    return map;
  };
  const was = counts(before);
  for (const [key, n] of counts(after)) {
    assert.ok(n <= (was.get(key) ?? 0), `${label}: added ${key}\n${after.map(describeFinding)
      .join('\n')}`);
  }

  const offeredAgain = after.some((f) => f.rule === finding.rule && f.fixes.some((g) =>
    g.title === fix.title && JSON.stringify(g.edits) === JSON.stringify(fix.edits)));
  assert.ok(!offeredAgain, `${label}: offered again after applying it`);
}

function relative(file: string): string {
  return file.startsWith(`${ROOT}/`) ? file.slice(ROOT.length + 1) : file;
}

function describeFinding(f: Finding): string {
  return `${f.rule} ${relative(f.file)} ${at(f.span)} ${f.message}`;
}
