import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expand } from '../../../server/src/dockerfile/variables';
import { at } from '../../helpers/spans';
import { target } from './helpers';

test('expand follows BuildKit for the forms Rootguard reads', () => {
  const scope = new Map<string, string | undefined>([['SET', 'v'], ['EMPTY', ''],
    ['NOVALUE', undefined]]);
  const cases: [string, string][] = [
    ['$SET', 'v'],
    ['${SET}', 'v'],
    ['a${SET}b', 'avb'],
    ['$SET-x', 'v-x'],
    ['${UNSET:-d}', 'd'],
    ['${EMPTY:-d}', 'd'],
    ['${EMPTY-d}', ''],
    ['${SET:-d}', 'v'],
    ['${SET:+alt}', 'alt'],
    ['${UNSET:+alt}', ''],
    ['${EMPTY+alt}', 'alt'],
    ['\\$SET', '$SET'],
    ['$', '$'],
    ['${UNCLOSED', '${UNCLOSED'],
    ['$NOVALUE', ''],
  ];
  for (const [text, value] of cases) assert.equal(expand(text, scope).value, value, text);
});

test('expand records names used without a value the file knows', () => {
  const scope = new Map<string, string | undefined>([['SET', 'v'], ['NOVALUE', undefined]]);
  assert.deepEqual(expand('$SET:$NOVALUE:${NEVER}', scope),
    { value: 'v::', unresolved: ['NOVALUE', 'NEVER'], used: ['SET', 'NOVALUE', 'NEVER'] });
  assert.deepEqual(expand('${NEVER:-d}', scope).unresolved, []);
});

test('an ARG default is in scope for the instructions after it', () => {
  const stage = target('FROM alpine:3.20\nARG APP_USER=app\nUSER $APP_USER\n');
  assert.equal(stage.users[0]?.value.value, 'app');
  assert.deepEqual(stage.definitions.map((d) => [d.kind, d.name, d.value,
    at(d.valueSpan ?? assert.fail())]), [['ARG', 'APP_USER', 'app', '1:13-1:16']]);
});

test('a re-declared ARG without value inherits the global default', () => {
  const stage = target('ARG PORT=80\nFROM alpine:3.20\nARG PORT\nEXPOSE $PORT\n');
  assert.equal(stage.exposes[0]?.ports[0]?.first, 80);
  assert.deepEqual(stage.definitions.map((d) => [d.name, d.value, d.valueSpan]),
    [['PORT', '80', undefined]]);
});

test('a re-declared ARG with its own default overrides the global one', () => {
  const stage = target('ARG PORT=80\nFROM alpine:3.20\nARG PORT=8080\nEXPOSE $PORT\n');
  assert.equal(stage.exposes[0]?.ports[0]?.first, 8080);
});

test('a global ARG is out of scope in a stage that does not re-declare it', () => {
  const stage = target('ARG APP_USER=app\nFROM alpine:3.20\nUSER $APP_USER\n');
  assert.equal(stage.users[0]?.value.value, '');
  assert.deepEqual(stage.users[0]?.value.unresolved, ['APP_USER']);
});

test('an ARG in one stage does not reach the next stage', () => {
  const stage = target('FROM alpine:3.20 AS a\nARG U=app\nFROM a\nUSER $U\n');
  assert.deepEqual(stage.users[0]?.value.unresolved, ['U']);
});

test('ENV values expand earlier variables, with ${X:-default}', () => {
  const stage = target('FROM alpine:3.20\nARG V=1\n' +
    'ENV A=${UNSET:-d} B=${V:-z} C=${V:+alt} D=$V.$V\n');
  assert.deepEqual([...stage.env], [['A', 'd'], ['B', '1'], ['C', 'alt'], ['D', '1.1']]);
  assert.deepEqual(stage.definitions.map((d) => [d.kind, d.name, at(d.valueSpan ??
    assert.fail())]), [['ARG', 'V', '1:6-1:7'], ['ENV', 'A', '2:6-2:17'],
    ['ENV', 'B', '2:20-2:27'], ['ENV', 'C', '2:30-2:39'], ['ENV', 'D', '2:42-2:47']]);
});

test('ENV is inherited by a stage built FROM the stage that set it', () => {
  const stage = target('FROM alpine:3.20 AS base\nENV APP_USER=app\nFROM base\nUSER $APP_USER\n');
  assert.equal(stage.users[0]?.value.value, 'app');
  assert.deepEqual(stage.users[0]?.value.used, ['APP_USER']);
});

test('the last definition of a name wins', () => {
  const stage = target('FROM alpine:3.20\nENV PORT=80\nENV PORT=8080\nEXPOSE $PORT\n');
  assert.equal(stage.exposes[0]?.ports[0]?.first, 8080);
  assert.deepEqual(stage.definitions.map((d) => [d.name, d.value]), [['PORT', '8080']]);
});

test('the legacy ENV form without = sets one variable with the rest of the line', () => {
  const stage = target('FROM alpine:3.20\nENV PORT 80\nEXPOSE $PORT\n');
  assert.equal(stage.exposes[0]?.ports[0]?.first, 80);
  assert.equal(at(stage.definitions[0]?.valueSpan ?? assert.fail()), '1:9-1:11');
});
