import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { before, test } from 'node:test';
import { INITIAL, Registry, parseRawGrammar } from 'vscode-textmate';
import type { IGrammar } from 'vscode-textmate';
import { OnigScanner, OnigString, loadWASM } from 'vscode-oniguruma';

interface Rule {
  include?: string;
  match?: string;
  begin?: string;
  end?: string;
  name?: string;
  contentName?: string;
  patterns?: Rule[];
  captures?: Record<string, Rule>;
  beginCaptures?: Record<string, Rule>;
  endCaptures?: Record<string, Rule>;
}

interface RawGrammar {
  scopeName: string;
  patterns: Rule[];
  repository: Record<string, Rule>;
}

interface Token {
  text: string;
  scopes: string[];
}

/** Works from the sources and from the compiled copy under out/. */
function repoFile(name: string): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'syntaxes', 'nginx.tmLanguage.json'))) {
    const parent = dirname(dir);
    assert.notEqual(parent, dir, 'repository root not found');
    dir = parent;
  }
  return join(dir, name);
}

const grammarPath = repoFile('syntaxes/nginx.tmLanguage.json');
const grammarText = readFileSync(grammarPath, 'utf8');
const raw = JSON.parse(grammarText) as RawGrammar;
// Grammars this one embeds but does not ship; a missing one just leaves text unscoped.
const EXTERNAL = new Set(['source.lua']);

function children(rule: Rule): Rule[] {
  const captures = [rule.captures, rule.beginCaptures, rule.endCaptures]
    .flatMap((group) => Object.values(group ?? {}));
  return [...(rule.patterns ?? []), ...captures];
}

function allRules(): Rule[] {
  const found: Rule[] = [];
  const visit = (rule: Rule): void => {
    found.push(rule);
    children(rule).forEach(visit);
  };
  [...raw.patterns, ...Object.values(raw.repository)].forEach(visit);
  return found;
}

let grammar: IGrammar;

before(async () => {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await loadWASM(wasm);
  const registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new OnigScanner(patterns),
      createOnigString: (text: string) => new OnigString(text),
    }),
    loadGrammar: async (scope: string) =>
      scope === raw.scopeName ? parseRawGrammar(grammarText, grammarPath) : null,
  });
  const loaded = await registry.loadGrammar(raw.scopeName);
  assert.ok(loaded, 'grammar did not load');
  grammar = loaded;
});

function tokenize(source: string): Token[][] {
  let state = INITIAL;
  return source.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((t) => ({
      text: line.slice(t.startIndex, t.endIndex),
      scopes: t.scopes,
    }));
  });
}

/** Scopes of the token spelled exactly `text`, on the given line of `source`. */
function scopes(source: string, text: string, line = 0, nth = 0): string[] {
  const matches = (tokenize(source)[line] ?? []).filter((t) => t.text === text);
  const token = matches[nth];
  assert.ok(token, `no token ${JSON.stringify(text)} in line ${line}`);
  return token.scopes;
}

function assertScope(source: string, text: string, scope: string, line = 0, nth = 0): void {
  const found = scopes(source, text, line, nth);
  assert.ok(found.includes(scope), `${text}: expected ${scope}, got ${found.join(' ')}`);
}

test('grammar is well formed', () => {
  assert.equal(raw.scopeName, 'source.nginx');
  assert.ok(raw.patterns.length > 0);
  const used = new Set<string>();
  for (const rule of allRules()) {
    const kinds = [rule.include, rule.match, rule.begin].filter((k) => k !== undefined);
    assert.ok(kinds.length <= 1, `rule mixes include, match and begin: ${JSON.stringify(rule)}`);
    assert.equal(rule.begin === undefined, rule.end === undefined, 'begin without end');
    for (const scope of [rule.name, rule.contentName]) {
      if (scope !== undefined) assert.match(scope, /\.(nginx|lua)$/);
    }
    if (rule.include?.startsWith('#')) {
      const target = rule.include.slice(1);
      assert.ok(target in raw.repository, `unresolved ${rule.include}`);
      used.add(target);
    } else if (rule.include !== undefined) {
      assert.ok(EXTERNAL.has(rule.include), `unexpected include ${rule.include}`);
    }
  }
  const unused = Object.keys(raw.repository).filter((key) => !used.has(key));
  assert.deepEqual(unused, [], 'repository entries nothing includes');
});

test('every pattern compiles under Oniguruma', () => {
  for (const rule of allRules()) {
    // End patterns may refer back to begin captures, which exist only at match time.
    const end = rule.end?.replace(/\\\d/g, 'x');
    for (const source of [rule.match, rule.begin, end]) {
      if (source !== undefined) {
        assert.doesNotThrow(() => new OnigScanner([source]).dispose(), source);
      }
    }
  }
});

test('directives, blocks and numbers in a server block', () => {
  const line = 'server { listen 80; }';
  assertScope(line, 'server', 'storage.type.block.nginx');
  assertScope(line, '{', 'punctuation.section.block.begin.nginx');
  assertScope(line, 'listen', 'keyword.other.directive.nginx');
  assertScope(line, '80', 'constant.numeric.nginx');
  assertScope(line, ';', 'punctuation.terminator.nginx');
  assertScope(line, '}', 'punctuation.section.block.end.nginx');
});

test('a directive starts after ; and } on the same line', () => {
  const line = 'events { } user nginx; worker_processes auto;';
  assertScope(line, 'user', 'keyword.other.directive.nginx');
  assertScope(line, 'worker_processes', 'keyword.other.directive.nginx');
  assertScope('server\n{\n  listen 8080;\n}', 'server', 'storage.type.block.nginx');
  assertScope('upstream app { server 10.0.0.1:8080; }', 'server', 'keyword.other.directive.nginx');
});

test('comments start only where a word could start', () => {
  assertScope('# listen 80;', ' listen 80;', 'comment.line.number-sign.nginx');
  assertScope('listen 80; # default', ' default', 'comment.line.number-sign.nginx');
  const glued = scopes('proxy_pass http://up/a#b;', ' http://up/a#b');
  assert.ok(!glued.some((s) => s.startsWith('comment')));
});

test('variables inside double-quoted strings', () => {
  const line = 'add_header X-Id "h=$host ${request_id} \\"q\\"" always;';
  assertScope(line, '$host', 'variable.other.nginx');
  assertScope(line, '$host', 'string.quoted.double.nginx');
  assertScope(line, '${request_id}', 'variable.other.nginx');
  assertScope(line, '\\"', 'constant.character.escape.nginx');
  assertScope("return 200 'at $uri';", '$uri', 'string.quoted.single.nginx');
});

test('location modifiers and regexes', () => {
  const line = 'location ~* \\.php$ {';
  assertScope(line, 'location', 'storage.type.block.nginx');
  assertScope(line, '~*', 'keyword.operator.modifier.nginx');
  assertScope(line, '\\.php$', 'string.regexp.nginx');
  assertScope('location ^~ /images/ {', '^~', 'keyword.operator.modifier.nginx');
  assertScope('location = / {', '=', 'keyword.operator.modifier.nginx');
});

test('if conditions keep regex parentheses apart from their own', () => {
  const line = 'if ($http_user_agent ~* (msie|trident)) {';
  assertScope(line, 'if', 'keyword.control.conditional.nginx');
  assertScope(line, '(msie|trident)', 'string.regexp.nginx');
  assertScope(line, ')', 'punctuation.section.parens.end.nginx');
  assertScope(line, '{', 'punctuation.section.block.begin.nginx');
});

test('constants, sizes, times and addresses', () => {
  assertScope('server_tokens off;', 'off', 'constant.language.nginx');
  assertScope('client_max_body_size 10m;', '10m', 'constant.numeric.nginx');
  assertScope('keepalive_timeout 1h30m;', '1h30m', 'constant.numeric.nginx');
  assertScope('listen 127.0.0.1:8080;', '127.0.0.1', 'constant.numeric.ip-address.nginx');
  assertScope('listen [::]:443 ssl;', '443', 'constant.numeric.port.nginx');
});

test('map entries are keys, not directives', () => {
  const source = 'map $a $b {\n  default 0;\n  ~*^x 1;\n  text/html 2;\n}';
  assertScope(source, 'default', 'keyword.other.directive.nginx', 1);
  assertScope(source, '~*^x', 'string.regexp.nginx', 2);
  assertScope(source, 'text/html', 'string.unquoted.key.nginx', 3);
});

test('a Lua block ends at its own brace, not one inside Lua text', () => {
  const source = [
    'content_by_lua_block {',
    '  local t = { a = "}" } -- }',
    '}',
    'listen 80;',
  ].join('\n');
  assertScope(source, '"', 'meta.embedded.block.lua', 1);
  assertScope(source, '}', 'punctuation.section.block.end.nginx', 2);
  assertScope(source, 'listen', 'keyword.other.directive.nginx', 3);
});
