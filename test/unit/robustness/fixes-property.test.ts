import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Finding } from '../../../server/src/core/finding';
import { parseNginx } from '../../../server/src/nginx/parser';
import { applyEdits, lint, type Files } from '../../helpers/project';
import { dockerfileText, nginxText, RUNS, SEED } from './generators';

const at = (f: Finding) => `${f.rule}@${f.file}:${f.span.start.line}:${f.span.start.character}`;
const countOf = (findings: Finding[], rule: string) => findings.filter((f) => f.rule === rule)
  .length;

/**
 * For generated images: every offered fix leaves configs parsing as well as before, clears
 * its finding, adds no finding of another rule, and is not offered again once applied.
 */
test('every quick-fix on generated inputs is safe and idempotent', () => {
  const project = fc.tuple(dockerfileText, nginxText).map(([dockerfile, config]): Files =>
    ({ Dockerfile: dockerfile, 'nginx.conf': config }));
  fc.assert(fc.property(project, (files) => {
    const findings = lint(files);
    for (const finding of findings) {
      for (const fix of finding.fixes) {
        const fixed = applyEdits(files, fix.edits);
        const errors = parseNginx(fixed['nginx.conf'], 'nginx.conf').errors.length;
        assert.ok(errors <= parseNginx(files['nginx.conf'], 'nginx.conf').errors.length);

        const after = lint(fixed);
        assert.ok(countOf(after, finding.rule) < countOf(findings, finding.rule) ||
          !after.some((f) => at(f) === at(finding) && f.message === finding.message),
        `${fix.title} did not clear ${at(finding)}`);
        for (const other of new Set(after.map((f) => f.rule))) {
          if (other === finding.rule) continue;
          assert.ok(countOf(after, other) <= countOf(findings, other),
            `${fix.title} (${finding.rule}) added ${other}`);
        }
        // Idempotent: the same fix is not offered again for the same finding (a twin finding
        // that moved into its place, such as a second `user` line, is another finding).
        const dropped = countOf(after, finding.rule) < countOf(findings, finding.rule);
        assert.ok(dropped || !after.some((f) => at(f) === at(finding) &&
          f.fixes.some((g) => g.title === fix.title)), `${fix.title} offered again`);
      }
    }
  }), { numRuns: Math.max(20, Math.floor(RUNS / 4)), seed: SEED });
});
