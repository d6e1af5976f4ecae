import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';

interface LanguageConfiguration {
  comments: { lineComment: string };
  brackets: [string, string][];
  autoClosingPairs: { open: string; close: string; notIn?: string[] }[];
  surroundingPairs: [string, string][];
  indentationRules: { increaseIndentPattern: string; decreaseIndentPattern: string };
  wordPattern: string;
}

function load(): LanguageConfiguration {
  let dir = __dirname;
  while (!existsSync(join(dir, 'language-configuration.json'))) {
    const parent = dirname(dir);
    assert.notEqual(parent, dir, 'language-configuration.json not found');
    dir = parent;
  }
  const text = readFileSync(join(dir, 'language-configuration.json'), 'utf8');
  return JSON.parse(text) as LanguageConfiguration;
}

const config = load();

test('comments and bracket pairs', () => {
  assert.equal(config.comments.lineComment, '#');
  assert.deepEqual(config.brackets, [['{', '}'], ['[', ']'], ['(', ')']]);
  const closing = config.autoClosingPairs.map((pair) => pair.open + pair.close);
  assert.deepEqual(closing, ['{}', '[]', '()', '""', "''"]);
  assert.equal(config.surroundingPairs.length, 5);
});

test('indentation follows braces', () => {
  // VS Code evaluates these as JavaScript regular expressions.
  const increase = new RegExp(config.indentationRules.increaseIndentPattern);
  const decrease = new RegExp(config.indentationRules.decreaseIndentPattern);
  assert.ok(increase.test('server {'));
  assert.ok(increase.test('location / { # static files'));
  assert.ok(!increase.test('listen 80;'));
  assert.ok(!increase.test('# {'));
  assert.ok(decrease.test('    }'));
  assert.ok(!decrease.test('listen 80;'));
});

test('words include variables and underscores', () => {
  const word = new RegExp(config.wordPattern, 'g');
  const words = (text: string): string[] => text.match(word) ?? [];
  assert.deepEqual(words('proxy_set_header Host $host;'), ['proxy_set_header', 'Host', '$host']);
  assert.deepEqual(words('"${request_id}-$uri"'), ['${request_id}', '$uri']);
  assert.deepEqual(words('add_header X-Frame-Options DENY;'), [
    'add_header',
    'X-Frame-Options',
    'DENY',
  ]);
});
