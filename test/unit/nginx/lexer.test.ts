import assert from 'node:assert/strict';
import { test } from 'node:test';
import { at, messages, only, parse, values } from './helpers';

test('a directive has exact spans for its name, each argument and its semicolon', () => {
  const directive = only('  listen  8080 default_server;');
  assert.equal(directive.name, 'listen');
  assert.equal(at(directive.nameSpan), '0:2-0:8');
  assert.deepEqual(
    directive.args.map((word) => at(word.span)),
    ['0:10-0:14', '0:15-0:29'],
  );
  assert.equal(at(directive.span), '0:2-0:30');
});

test('a quoted argument spans its quotes, and its value has them removed', () => {
  const [word] = only(`add_header X "a b";`).args.slice(1);
  assert.deepEqual(word, {
    raw: '"a b"',
    value: 'a b',
    span: { start: { line: 0, character: 13 }, end: { line: 0, character: 18 } },
    quoted: true,
    variables: [],
  });
  assert.equal(only(`root '/srv/my site';`).args[0]?.value, '/srv/my site');
});

test('a quoted string may hold separators and span several lines', () => {
  const directive = only('return 200 "a;b{c}#d\nnext";');
  assert.deepEqual(values(directive), ['200', 'a;b{c}#d\nnext']);
  assert.equal(at(directive.args[1]?.span ?? directive.span), '0:11-1:5');
});

test('escapes resolve as nginx resolves them and others keep their backslash', () => {
  const directive = only(String.raw`x "q\"q" 's\'s' "b\\b" "\n\t\r" "\d\.\$";`);
  assert.deepEqual(values(directive), ['q"q', "s's", 'b\\b', '\n\t\r', String.raw`\d\.\$`]);
});

test('an unquoted word may escape a separator, which then stays in the word', () => {
  const directive = only(String.raw`x a\ b c\;d \"e;`);
  assert.deepEqual(values(directive), [String.raw`a\ b`, String.raw`c\;d`, '"e']);
});

test('a regular expression keeps its backslashes', () => {
  const directive = only(String.raw`location ~* \.(php|phtml)$ { }`);
  assert.deepEqual(values(directive), ['~*', String.raw`\.(php|phtml)$`]);
});

test('a hash inside a word is part of the word, not a comment', () => {
  const config = parse('set $a a#b; # real comment\n');
  assert.deepEqual(values(config.directives[0] ?? assert.fail()), ['$a', 'a#b']);
  assert.deepEqual(
    config.comments.map((c) => [c.text, at(c.span)]),
    [['# real comment', '0:12-0:26']],
  );
});

test('comments are captured with their text and span, wherever a word could start', () => {
  const config = parse('# first\nhttp { #inside\n  gzip on;#after\n}\n');
  assert.deepEqual(
    config.comments.map((c) => [c.text, at(c.span)]),
    [
      ['# first', '0:0-0:7'],
      ['#inside', '1:7-1:14'],
      ['#after', '2:10-2:16'],
    ],
  );
  assert.equal(config.errors.length, 0);
});

test('a brace right after a dollar belongs to the word and opens no block', () => {
  const directive = only('set $x ${host}_${port}x;');
  assert.deepEqual(values(directive), ['$x', '${host}_${port}x']);
  assert.equal(directive.block, undefined);
});

test('a closing brace inside a word is part of the word, as in nginx', () => {
  const config = parse('x a}b;');
  assert.deepEqual(values(config.directives[0] ?? assert.fail()), ['a}b']);
  assert.deepEqual(config.errors, []);
});

test('an opening brace ends a word and opens a block', () => {
  const directive = only('location /a{ }');
  assert.deepEqual(values(directive), ['/a']);
  assert.equal(at(directive.block?.span ?? assert.fail()), '0:11-0:14');
});

test('each word lists the variables it uses, once, without captures or anchors', () => {
  const directive = only("x $host \"${scheme}://$host$1\" ^/(.*)$ '$a_b2' $;");
  assert.deepEqual(
    directive.args.map((word) => word.variables),
    [['host'], ['scheme', 'host'], [], ['a_b2'], []],
  );
});

test('a quoted string followed by a word character is an error, and lexing goes on', () => {
  const config = parse('add_header "X"Y;\nlisten 80;');
  assert.deepEqual(messages(config), [
    'unexpected "Y" after a quoted string: nginx needs a space or ";" here',
  ]);
  assert.equal(at(config.errors[0]?.span ?? assert.fail()), '0:14-0:15');
  assert.deepEqual(
    config.directives.map((d) => [d.name, values(d)]),
    [
      ['add_header', ['X', 'Y']],
      ['listen', ['80']],
    ],
  );
});

test('a quoted string may be followed by ";", "{", "}" or ")" without a space', () => {
  const config = parse('if ($a = "b"){ return 200 "ok";}\nx "y"; z "w"{}');
  assert.deepEqual(config.errors, []);
  assert.deepEqual(values(config.directives[0] ?? assert.fail()), ['($a', '=', 'b', ')']);
});

test('a quote in the middle of a word is an ordinary character', () => {
  assert.deepEqual(values(only(`x a"b c'd;`)), [`a"b`, `c'd`]);
});

test('CRLF line endings give the same lines and characters as LF ones', () => {
  const config = parse('http {\r\n  listen 80; # c\r\n}\r\n');
  const listen = config.directives[0]?.block?.children[0] ?? assert.fail();
  assert.equal(at(listen.span), '1:2-1:12');
  assert.equal(at(config.directives[0]?.span ?? assert.fail()), '0:0-2:1');
  assert.deepEqual(
    config.comments.map((c) => [c.text, at(c.span)]),
    [['# c', '1:13-1:16']],
  );
});

test('a lone CR moves positions to a new line, as the editor shows it', () => {
  const config = parse('a 1;\rb 2;');
  assert.equal(at(config.directives[1]?.nameSpan ?? assert.fail()), '1:0-1:1');
});

test('a byte order mark is skipped and ranges are relative to the text without it', () => {
  const config = parse('\uFEFFuser nginx;\n');
  assert.equal(config.directives[0]?.name, 'user');
  assert.equal(at(config.directives[0]?.nameSpan ?? assert.fail()), '0:0-0:4');
  assert.deepEqual(config.errors, []);
});

test('positions count UTF-16 units, so a character outside the BMP counts as two', () => {
  const directive = only('x "😀" y;');
  assert.equal(at(directive.args[1]?.span ?? assert.fail()), '0:7-0:8');
});

test('a word of 4 KB or more is reported, since nginx rejects it as too long', () => {
  const config = parse(`x ${'a'.repeat(4096)};\ny ${'b'.repeat(4095)};`);
  assert.equal(config.errors.length, 1);
  assert.match(messages(config)[0] ?? '', /too long/);
  assert.equal(config.errors[0]?.span.start.line, 0);
});

test('only space, tab, CR and LF separate words, so a form feed is part of a word', () => {
  assert.deepEqual(values(only('x a\fb;')), ['a\fb']);
});

test('a comment runs to the LF, so a lone CR does not end it, as in nginx', () => {
  const config = parse('# note\rlisten 80;\nuser nginx;');
  assert.deepEqual(config.comments.map((c) => [c.text, at(c.span)]), [
    ['# note\rlisten 80;', '0:0-1:10'],
  ]);
  assert.deepEqual(config.directives.map((d) => d.name), ['user']);
});

test('an escaped line break keeps an unquoted word going onto the next line', () => {
  const directive = only('x a\\\nb;');
  assert.deepEqual(values(directive), ['a\\\nb']);
  assert.equal(at(directive.args[0]?.span ?? directive.span), '0:2-1:1');
});
