import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import fc from 'fast-check';
import type { NginxConfig } from '../../../server/src/nginx/ast';
import { walkDirectives } from '../../../server/src/nginx/walk';
import { messages, names, parse, textAt } from './helpers';

const BINARY = 'this does not look like an nginx configuration (binary content)';

test('random bytes give one binary-content error and no exception', () => {
  const bytes = randomBytes(64 * 1024);
  for (const encoding of ['utf8', 'latin1'] as const) {
    const config = parse(bytes.toString(encoding));
    assert.deepEqual(messages(config), [BINARY]);
  }
});

test('a config with a NUL byte is reported as binary and what parsed is still returned', () => {
  const config = parse('user nginx;\nworker_processes 2;\n\0\x01\x02 garbage {');
  assert.deepEqual(messages(config), [BINARY]);
  assert.deepEqual(config.errors[0]?.span, {
    start: { line: 2, character: 0 },
    end: { line: 2, character: 1 },
  });
  assert.deepEqual(names(config.directives).slice(0, 2), ['user', 'worker_processes']);
});

test('a few control characters in a real config do not make it binary', () => {
  const config = parse('user nginx; # odd \x01 char\nworker_processes "2\x0b";\n');
  assert.deepEqual(config.errors, []);
});

test('100k nested blocks parse without overflowing the stack', () => {
  const depth = 100_000;
  const config = parse('location / {\n'.repeat(depth) + '}\n'.repeat(depth));
  assert.deepEqual(config.errors, []);
  let count = 0;
  walkDirectives(config, () => count++);
  assert.equal(count, depth);
  const outer = config.directives[0] ?? assert.fail();
  assert.deepEqual(outer.span.end, { line: 2 * depth - 1, character: 1 });
});

test('100k unclosed nested blocks are reported without flooding the error list', () => {
  const config = parse('a {'.repeat(100_000));
  assert.equal(config.errors.length, 101);
  assert.match(messages(config).at(-1) ?? '', /never closed/);
  assert.ok(messages(config).some((message) => message.startsWith('more than 100 syntax errors')));
});

test('100k nameless braces are reported and parsing still ends', () => {
  const config = parse('{'.repeat(100_000) + '}'.repeat(100_001) + '\nuser nginx;');
  assert.equal(config.errors.length, 101);
  assert.deepEqual(names(config.directives), ['user']);
});

test('a 5 MB config parses to the end', () => {
  const server = [
    'server {',
    '    listen 8080;',
    '    server_name example.com "www.example.com";',
    '    location ~ \\.php$ { proxy_pass http://127.0.0.1:$port; }',
    '    # a comment',
    '}',
    '',
  ].join('\n');
  const copies = Math.ceil((5 * 1024 * 1024) / server.length);
  const config = parse(server.repeat(copies));
  assert.equal(config.directives.length, copies);
  assert.deepEqual(config.errors, []);
});

test('a 5 MB text built to make as many nodes as possible stops with a clear error', () => {
  const config = parse('a{'.repeat(2_600_000));
  assert.equal(config.errors.length, 1);
  assert.match(messages(config)[0] ?? '', /^file too large to check/);
});

/** Every range the parser reports covers exactly the text it claims to. */
function assertRangesMatchText(original: string, config: NginxConfig): void {
  const text = original.startsWith('\uFEFF') ? original.slice(1) : original;
  walkDirectives(config, (directive) => {
    for (const word of directive.args) {
      assert.equal(textAt(text, word.span), word.raw);
    }
    assert.ok(textAt(text, directive.span).startsWith(textAt(text, directive.nameSpan)));
    const block = directive.block;
    if (block !== undefined) {
      assert.equal(textAt(text, block.span)[0], '{');
      if (block.rawBody !== undefined) {
        const inside = textAt(text, { start: block.bodyStart, end: block.span.end });
        assert.ok(inside.startsWith(block.rawBody));
      }
    }
  });
  for (const comment of config.comments) {
    assert.equal(textAt(text, comment.span), comment.text);
  }
}

const NGINX_PIECES = [
  ' ', '\n', '\r\n', '\r', '\t', ';', '{', '}', '#', '"', "'", '\\', '$', '${x}', '(', ')',
  'server', 'listen', '80', 'a#b', 'content_by_lua_block', '--', '[[', ']]', '\0', '😀',
];

test('any text parses without throwing, and every range matches the text it covers', () => {
  const nginxish = fc
    .array(fc.constantFrom(...NGINX_PIECES), { maxLength: 80 })
    .map((pieces) => pieces.join(''));
  fc.assert(
    fc.property(fc.oneof(nginxish, fc.string({ unit: 'binary', maxLength: 200 })), (text) => {
      assertRangesMatchText(text, parse(text));
    }),
    { numRuns: 3000 },
  );
});

test('the config from the documentation parses cleanly and its ranges match the text', () => {
  const text = [
    'user nginx;',
    'events { worker_connections 512; }',
    'http {',
    '    map $http_upgrade $connection_upgrade { default upgrade; "" close; }',
    '    server {',
    '        listen 8080 default_server;',
    "        add_header X-Frame-Options 'DENY' always;",
    '        if ($request_uri ~* "^/old/(.*)$") { return 301 /new/$1; }',
    '        location /lua { content_by_lua_block { ngx.say("}") } }',
    '    }',
    '}',
  ].join('\r\n');
  const config = parse(text);
  assert.deepEqual(config.errors, []);
  assertRangesMatchText(text, config);
});
