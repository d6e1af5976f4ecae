import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { lint } from '../../helpers/project';

test('a binary Dockerfile is one RG002 finding, not one per garbage line', () => {
  const findings = lint({ Dockerfile: randomBytes(5000).toString('latin1') });
  assert.deepEqual(findings.map((f) => f.rule), ['RG002']);
  assert.match(findings[0].message, /binary content/);
});

test('control characters of a bad line never reach a message raw', () => {
  const escapes = '\u001b]0;PWNED\u0007\u001b[31mRED';
  const findings = lint({ Dockerfile: `${escapes}\nFROM nginx\nUSER 101\n` });
  const message = findings.find((f) => f.rule === 'RG002')?.message ?? '';
  assert.match(message, /\\x1b\]0;PWNED\\x07/);
  assert.doesNotMatch(message, /[\u0000-\u001f]/);
});
