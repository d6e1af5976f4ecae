import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderRuleDoc } from '../../../server/src/rules/docs';
import { ALL_RULES } from '../../../server/src/rules/index';
import { lint, only } from '../../helpers/project';

const REPO = path.resolve(__dirname, '..', '..', '..', '..');

describe('every rule documents itself, and its examples are true', () => {
  for (const meta of ALL_RULES) {
    test(`${meta.id} has all four parts of its docs`, () => {
      assert.ok(meta.title.length > 0 && !meta.title.endsWith('.'));
      for (const part of [meta.docs.what, meta.docs.why, meta.docs.fix]) {
        assert.ok(part.length > 20, `${meta.id} docs part too short: ${part}`);
      }
    });

    if (Object.keys(meta.docs.bad).length === 0) continue;

    test(`${meta.id}'s bad example is reported`, () => {
      assert.ok(only(lint(meta.docs.bad), meta.id).length > 0,
        `${meta.id} not found in its own bad example`);
    });

    test(`${meta.id}'s fixed example is clean of ${meta.id}`, () => {
      assert.deepEqual(only(lint(meta.docs.good), meta.id), []);
    });
  }
});

test('docs/rules holds the current page of every rule (run `npm run docs` after a change)', () => {
  for (const meta of ALL_RULES) {
    const page = path.join(REPO, 'docs', 'rules', `${meta.id}.md`);
    assert.ok(fs.existsSync(page), `${page} is missing`);
    assert.equal(fs.readFileSync(page, 'utf8'), renderRuleDoc(meta), `${page} is out of date`);
  }
});
