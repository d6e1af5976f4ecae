import assert from 'node:assert/strict';
import { test } from 'node:test';
import { at, child, names, only, parse, values } from './helpers';

const MAIN = `user nginx;
events {
    worker_connections 1024;
}
http {
    server {
        listen 8080;
        location / {
            root /usr/share/nginx/html;
        }
    }
}
`;

test('blocks nest, and each keeps its directives as children', () => {
  const config = parse(MAIN);
  assert.deepEqual(config.errors, []);
  assert.deepEqual(names(config.directives), ['user', 'events', 'http']);
  const http = config.directives[2] ?? assert.fail();
  const location = child(child(http, 0), 1);
  assert.equal(location.name, 'location');
  assert.deepEqual(names(location.block?.children ?? []), ['root']);
});

test('a block directive spans from its name to its closing brace', () => {
  const http = parse(MAIN).directives[2] ?? assert.fail();
  assert.equal(at(http.span), '4:0-11:1');
  assert.equal(at(http.block?.span ?? assert.fail()), '4:5-11:1');
  assert.deepEqual(http.block?.bodyStart, { line: 4, character: 6 });
});

test('an empty block still has a block with no children', () => {
  const directive = only('events {}');
  assert.deepEqual(directive.block?.children, []);
  assert.equal(at(directive.block?.span ?? assert.fail()), '0:7-0:9');
});

test('a config with a top-level events block is a main config', () => {
  assert.equal(parse(MAIN).isMain, true);
});

test('a config without a top-level events block is a fragment', () => {
  assert.equal(parse('server { listen 80; }').isMain, false);
  assert.equal(parse('events;').isMain, false);
  assert.equal(parse('http { events { } }').isMain, false);
});

test('map bodies are parsed as directives named by their first word', () => {
  const map = only('map $http_upgrade $connection_upgrade {\n  default upgrade;\n  "" close;\n}');
  assert.deepEqual(values(map), ['$http_upgrade', '$connection_upgrade']);
  assert.deepEqual(
    map.block?.children.map((entry) => [entry.name, values(entry)]),
    [
      ['default', ['upgrade']],
      ['', ['close']],
    ],
  );
});

test('an if condition becomes the arguments of an if directive with a block', () => {
  const directive = only('if ($request_method = POST) { return 405; }');
  assert.equal(directive.name, 'if');
  assert.deepEqual(values(directive), ['($request_method', '=', 'POST)']);
  assert.deepEqual(names(directive.block?.children ?? []), ['return']);
});

test('a Lua block keeps its body as raw text, braces in Lua strings and comments included', () => {
  const text = [
    'location / {',
    '    content_by_lua_block {',
    '        local t = { a = "}" }  -- a } in a comment',
    "        ngx.say('{', [[ } ]], t.a) --[==[ } ]==]",
    '    }',
    '    add_header X-Lua on;',
    '}',
  ].join('\n');
  const config = parse(text);
  assert.deepEqual(config.errors, []);
  const location = config.directives[0] ?? assert.fail();
  const lua = child(location, 0);
  assert.equal(lua.name, 'content_by_lua_block');
  assert.deepEqual(lua.block?.children, []);
  const bodyStart = text.indexOf('{', 14) + 1;
  const bodyEnd = text.indexOf('\n    }') + 5;
  assert.equal(lua.block?.rawBody, text.slice(bodyStart, bodyEnd));
  assert.equal(at(lua.span), '1:4-4:5');
  assert.deepEqual(names(location.block?.children ?? []), ['content_by_lua_block', 'add_header']);
});

test('a Lua block with arguments, such as set_by_lua_block, is raw too', () => {
  const directive = only('set_by_lua_block $res { return "#{" }');
  assert.deepEqual(values(directive), ['$res']);
  assert.equal(directive.block?.rawBody, ' return "#{" ');
});

test('an unclosed Lua block is reported at its brace and runs to the end of the text', () => {
  const config = parse('init_by_lua_block {\n  x = 1\n');
  assert.deepEqual(config.errors.map((e) => [e.message, at(e.span)]), [
    ['unexpected end of file: the block of "init_by_lua_block" is never closed (missing "}")',
      '0:18-0:19'],
  ]);
  assert.equal(config.directives[0]?.block?.rawBody, '\n  x = 1\n');
});

test('a stray closing brace is reported and skipped, and the next directive is parsed', () => {
  const config = parse('user nginx;\n}\nworker_processes 2;');
  assert.deepEqual(config.errors.map((e) => [e.message, at(e.span)]), [
    ['unexpected "}": no block is open here', '1:0-1:1'],
  ]);
  assert.deepEqual(names(config.directives), ['user', 'worker_processes']);
});

test('a missing closing brace is reported at the brace that is never closed', () => {
  const config = parse('http {\n  server {\n    listen 80;\n  }\n');
  assert.deepEqual(config.errors.map((e) => [e.message, at(e.span)]), [
    ['unexpected end of file: the block of "http" is never closed (missing "}")', '0:5-0:6'],
  ]);
  const http = config.directives[0] ?? assert.fail();
  assert.equal(at(http.span), '0:0-4:0');
  assert.deepEqual(names(http.block?.children ?? []), ['server']);
});

test('an unterminated string ends its directive at its line end; later lines parse', () => {
  const config = parse('server {\n  return 200 "oops;\n  listen 80;\n}\n');
  assert.deepEqual(config.errors.map((e) => [e.message, at(e.span)]), [
    ['unterminated quoted string: missing closing "', '1:13-1:19'],
  ]);
  const server = config.directives[0] ?? assert.fail();
  assert.deepEqual(names(server.block?.children ?? []), ['return', 'listen']);
  const ret = child(server, 0);
  assert.deepEqual(values(ret), ['200', 'oops;']);
  assert.equal(at(ret.span), '1:2-1:19');
});

test('unterminated strings of both kinds are each reported once, and parsing goes on', () => {
  const config = parse("a 'x;\nb \"y;\nc 1;");
  assert.deepEqual(names(config.directives), ['a', 'b', 'c']);
  assert.deepEqual(config.errors.map((e) => [e.message, at(e.span)]), [
    ["unterminated quoted string: missing closing '", '0:2-0:5'],
    ['unterminated quoted string: missing closing "', '1:2-1:5'],
  ]);
});

test('a directive without ";" at the end of the file is reported and still kept', () => {
  const config = parse('user nginx;\nworker_processes auto');
  assert.deepEqual(config.errors.map((e) => [e.message, at(e.span)]), [
    ['unexpected end of file: directive "worker_processes" has no ";"', '1:0-1:21'],
  ]);
  assert.deepEqual(values(config.directives[1] ?? assert.fail()), ['auto']);
});

test('a directive without ";" before "}" is reported and the block still closes', () => {
  const config = parse('server { listen 80 }\nuser nginx;');
  assert.deepEqual(config.errors.map((e) => [e.message, at(e.span)]), [
    ['directive "listen" has no ";" before "}"', '0:9-0:18'],
  ]);
  assert.deepEqual(names(config.directives), ['server', 'user']);
  assert.deepEqual(names(config.directives[0]?.block?.children ?? []), ['listen']);
});

test('a ";" with no directive before it is reported and the next directive is parsed', () => {
  const config = parse('user nginx;;\npid /tmp/nginx.pid;');
  assert.deepEqual(config.errors.map((e) => [e.message, at(e.span)]), [
    ['unexpected ";": there is no directive before it', '0:11-0:12'],
  ]);
  assert.deepEqual(names(config.directives), ['user', 'pid']);
});

test('a "{" with no name is reported, and what it holds is kept in the enclosing block', () => {
  const config = parse('http {\n  { gzip on; }\n  server_tokens off;\n}');
  assert.deepEqual(config.errors.map((e) => [e.message, at(e.span)]), [
    ['unexpected "{": a block needs a directive name before it', '1:2-1:3'],
  ]);
  const http = config.directives[0] ?? assert.fail();
  assert.deepEqual(names(http.block?.children ?? []), ['gzip', 'server_tokens']);
  assert.equal(at(http.span), '0:0-3:1');
});

test('errors are listed in text order', () => {
  const config = parse('{\n;\n}\n}\nhttp {');
  const lines = config.errors.map((e) => e.span.start.line);
  assert.deepEqual(lines, [...lines].sort((a, b) => a - b));
  assert.equal(config.errors.length, 4);
});

test('an empty or blank text parses to an empty fragment without errors', () => {
  for (const text of ['', '\n\n', '   \t\r\n', '# only a comment']) {
    const config = parse(text);
    assert.deepEqual(config.directives, [], JSON.stringify(text));
    assert.deepEqual(config.errors, []);
    assert.equal(config.isMain, false);
  }
});

test('the file name is passed through', () => {
  assert.equal(parse('').file, '/etc/nginx/nginx.conf');
});
