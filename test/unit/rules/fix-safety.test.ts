import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../../../server/src/core/finding';
import { fixAllEdits } from '../../../server/src/lsp/codeActions';
import { parseNginx } from '../../../server/src/nginx/parser';
import { ALL_RULES } from '../../../server/src/rules/index';
import { applyEdits, lint, ROOT, type Files } from '../../helpers/project';

const EXAMPLES = path.resolve(__dirname, '..', '..', '..', '..', 'examples');

function readExample(name: string): Files {
  const dir = path.join(EXAMPLES, name);
  const files: Files = {};
  const walk = (sub: string): void => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = path.posix.join(sub, entry.name);
      if (entry.isDirectory()) walk(rel);
      else files[rel] = fs.readFileSync(path.join(dir, rel), 'utf8');
    }
  };
  walk('');
  return files;
}

const projects: [string, Files][] = [
  ...fs.readdirSync(EXAMPLES).map((name): [string, Files] => [`examples/${name}`,
    readExample(name)]),
  ...ALL_RULES.filter((m) => Object.keys(m.docs.bad).length > 0)
    .map((m): [string, Files] => [`${m.id}'s bad example`, m.docs.bad]),
];

const key = (f: Finding) => `${f.rule} ${f.file}:${f.span.start.line}:${f.span.start.character}`;

function count(findings: Finding[], rule: string): number {
  return findings.filter((f) => f.rule === rule).length;
}

/** A fix never adds a syntax error to a config (RG001's own example starts with one). */
function stillParses(before: Files, after: Files): void {
  for (const [name, text] of Object.entries(after)) {
    if (/Dockerfile/.test(name)) continue;
    const errors = parseNginx(text, name).errors.length;
    assert.ok(errors <= parseNginx(before[name] ?? '', name).errors.length,
      `${name} no longer parses:\n${text}`);
  }
}

describe('every quick-fix is safe', () => {
  for (const [label, files] of projects) {
    const findings = lint(files);
    for (const finding of findings) {
      finding.fixes.forEach((fix, n) => {
        test(`${label}: "${fix.title}" clears ${key(finding)} and nothing else changes`, () => {
          const fixed = applyEdits(files, fix.edits);
          stillParses(files, fixed);
          const after = lint(fixed);

          assert.ok(!after.some((f) => key(f) === key(finding) && f.message ===
            finding.message), `${finding.rule} still reported after the fix`);
          assert.ok(count(after, finding.rule) < count(findings, finding.rule) ||
            !after.some((f) => f.rule === finding.rule && f.file === finding.file),
          `${finding.rule} count did not drop`);
          for (const meta of ALL_RULES) {
            if (meta.id === finding.rule) continue;
            assert.ok(count(after, meta.id) <= count(findings, meta.id),
              `fix ${n} of ${finding.rule} added a ${meta.id} finding`);
          }

          const again = applyEdits(fixed, after.filter((f) => f.rule === finding.rule &&
            f.fixes.some((g) => g.title === fix.title)).flatMap((f) => f.fixes
            .filter((g) => g.title === fix.title && key(f) === key(finding))
            .flatMap((g) => g.edits)));
          assert.deepEqual(again, fixed, 'applying the fix again changed the files');
        });
      });
    }

    test(`${label}: fix-all applies every safe fix once and is idempotent`, () => {
      const edits = fixAllEdits(findings);
      const fixed = applyEdits(files, edits);
      stillParses(files, fixed);
      const after = lint(fixed);
      const stillFixable = after.filter((f) => f.fixes.some((fix) => fix.safe));
      assert.deepEqual(stillFixable.map(key), [], 'safe fixes left after fix-all');
      assert.deepEqual(applyEdits(fixed, fixAllEdits(after)), fixed);
    });
  }
});

test('the in-memory projects live under the test root', () => {
  assert.equal(ROOT, '/project');
});
