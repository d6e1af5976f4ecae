import assert from 'node:assert/strict';
import { test } from 'node:test';
import { at, textAt } from '../../helpers/spans';
import { parse, runCommandsOf, target } from './helpers';

test('a UTF-8 byte order mark is not part of the text: ranges fit the text an editor shows', () => {
  const model = parse('\ufeffFROM alpine:3.20\nUSER root\n');
  assert.equal(model.target?.base.value, 'alpine:3.20');
  assert.equal(at(model.target?.fromSpan ?? assert.fail()), '0:0-0:16');
  assert.equal(at(model.target?.users[0]?.value.span ?? assert.fail()), '1:5-1:9');
});

test('CRLF line ends give the same ranges as LF', () => {
  const text = 'FROM alpine:3.20\r\nUSER root\r\nEXPOSE 80 443/tcp\r\n';
  const stage = target(text);
  assert.equal(stage.users[0]?.value.value, 'root');
  assert.equal(at(stage.users[0]?.value.span ?? assert.fail()), '1:5-1:9');
  assert.deepEqual(stage.exposes[0]?.ports.map((p) => textAt(text, p.value.span)),
    ['80', '443/tcp']);
});

test('line continuations keep each word at its own line', () => {
  assert.deepEqual(runCommandsOf('FROM alpine:3.20\nRUN apk add \\\n      curl \\\n' +
    '    && sudo ls\n'), [
    ['apk@1:4-1:7', 'add@1:8-1:11', 'curl@2:6-2:10'],
    ['sudo@3:7-3:11', 'ls@3:12-3:14'],
  ]);
});

test('a continuation with blanks after the backslash still continues', () => {
  assert.deepEqual(runCommandsOf('FROM alpine:3.20\nRUN echo a \\  \n    && sudo ls\n'), [
    ['echo@1:4-1:8', 'a@1:9-1:10'],
    ['sudo@2:7-2:11', 'ls@2:12-2:14'],
  ]);
});

test('a word split by a continuation is one word spanning both lines', () => {
  assert.deepEqual(runCommandsOf('FROM alpine:3.20\nRUN su\\\ndo ls\n'),
    [['sudo@1:4-2:2', 'ls@2:3-2:5']]);
});

test('comment lines inside a continued RUN are dropped, as BuildKit drops them', () => {
  assert.deepEqual(runCommandsOf('FROM alpine:3.20\nRUN apk add curl \\\n' +
    '    # sudo is not installed\n    && sudo ls\n'), [
    ['apk@1:4-1:7', 'add@1:8-1:11', 'curl@1:12-1:16'],
    ['sudo@3:7-3:11', 'ls@3:12-3:14'],
  ]);
});

test('continuations across CRLF line ends keep exact ranges', () => {
  assert.deepEqual(runCommandsOf('FROM alpine:3.20\r\nRUN apk add curl \\\r\n' +
    '    && sudo ls\r\n'), [
    ['apk@1:4-1:7', 'add@1:8-1:11', 'curl@1:12-1:16'],
    ['sudo@2:7-2:11', 'ls@2:12-2:14'],
  ]);
});

test('the escape directive makes the backquote the continuation character', () => {
  const text = '# escape=`\nFROM alpine:3.20\nRUN echo C:\\tmp `\n    && sudo ls\n' +
    'USER `\n  app\n';
  const model = parse(text);
  assert.equal(model.escape, '`');
  assert.deepEqual(runCommandsOf(text), [
    ['echo@2:4-2:8', 'C:tmp@2:9-2:15'],
    ['sudo@3:7-3:11', 'ls@3:12-3:14'],
  ]);
  assert.equal(model.target?.users[0]?.value.value, 'app');
  assert.equal(at(model.target?.users[0]?.value.span ?? assert.fail()), '5:2-5:5');
});

test('without the escape directive a backquote is an ordinary character', () => {
  const model = parse('FROM alpine:3.20\nUSER `\n');
  assert.equal(model.escape, '\\');
  assert.equal(model.target?.users[0]?.value.value, '`');
});

test('the escape directive works after a byte order mark and with CRLF', () => {
  const text = '\ufeff# escape=`\r\nFROM alpine:3.20\r\nEXPOSE 8080 `\r\n  80\r\n';
  const model = parse(text);
  assert.equal(model.escape, '`');
  assert.deepEqual(model.target?.exposes[0]?.ports.map((p) => [p.first, at(p.value.span)]),
    [[8080, '2:7-2:11'], [80, '3:2-3:4']]);
});

test('Dockerfile comments are kept with their ranges', () => {
  const model = parse('# syntax=docker/dockerfile:1\nFROM alpine:3.20\n# a note\nUSER app\n');
  assert.deepEqual(model.comments.map((c) => [c.text, at(c.span)]),
    [['a note', '2:0-2:8']]);
});
