import assert from 'node:assert/strict';
import { test } from 'node:test';
import { at } from '../../helpers/spans';
import { image } from './helpers';

/** The runtime user as `source user root?`, for compact tables. */
function runtime(text: string, nonRootBases: string[] = []): string {
  const { source, identity } = image(text, { nonRootBases }).runtimeUser;
  return `${source} ${identity.user}${identity.group ? `:${identity.group}` : ''}` +
    `${identity.isRoot ? ' root' : ''}`;
}

test('the runtime user is the last USER of the target stage', () => {
  assert.equal(runtime('FROM alpine:3.20\nUSER root\nUSER app:web\n'), 'USER app:web');
});

test('a USER in a parent stage holds for a stage built FROM it', () => {
  assert.equal(runtime('FROM alpine:3.20 AS base\nUSER app\nFROM base\nRUN true\n'), 'USER app');
});

test('the target stage\'s own USER wins over its parent\'s', () => {
  assert.equal(runtime('FROM alpine:3.20 AS base\nUSER app\nFROM base\nUSER root\n'),
    'USER root root');
});

test('a USER in a stage the target does not build on does not count', () => {
  assert.equal(runtime('FROM alpine:3.20 AS build\nUSER app\nFROM alpine:3.20\n'),
    'none root:root root');
});

test('root is uid 0 by any name; a group of 0 alone is not root', () => {
  assert.equal(runtime('FROM alpine:3.20\nUSER 0\n'), 'USER 0 root');
  assert.equal(runtime('FROM alpine:3.20\nUSER 0:0\n'), 'USER 0:0 root');
  assert.equal(runtime('FROM alpine:3.20\nUSER root:staff\n'), 'USER root:staff root');
  assert.equal(runtime('FROM alpine:3.20\nUSER 1000:0\n'), 'USER 1000:0');
});

test('a USER from an ARG or ENV default is judged by its value', () => {
  assert.equal(runtime('FROM alpine:3.20\nARG U=root\nUSER $U\n'), 'USER root root');
  assert.equal(runtime('FROM alpine:3.20\nENV U=0\nUSER ${U}\n'), 'USER 0 root');
});

test('an unresolved USER keeps the names it depends on', () => {
  const user = image('FROM alpine:3.20\nARG U\nUSER $U\n').runtimeUser;
  assert.deepEqual(user.unresolved, ['U']);
  assert.equal(at(user.instruction?.value.span ?? assert.fail()), '2:5-2:7');
});

test('without USER, bases known to run as non-root give their default user', () => {
  const cases: [string, string][] = [
    ['FROM nginxinc/nginx-unprivileged:1.27\n', 'base 101'],
    ['FROM gcr.io/distroless/static:nonroot\n', 'base 65532'],
    ['FROM cgr.dev/chainguard/nginx\n', 'base 65532'],
    ['FROM bitnami/nginx:1.27\n', 'base 1001'],
    ['FROM nginxinc/nginx-unprivileged AS base\nFROM base\n', 'base 101'],
    ['ARG BASE=nginxinc/nginx-unprivileged\nFROM $BASE\n', 'base 101'],
  ];
  for (const [text, expected] of cases) assert.equal(runtime(text), expected, text);
});

test('without USER, other bases and FROM scratch run as root', () => {
  for (const text of ['FROM nginx:1.27\n', 'FROM scratch\n', 'FROM alpine:3.20\n' +
    'ENV USER=app\n', 'FROM alpine:3.20\nONBUILD USER app\n']) {
    assert.equal(runtime(text), 'none root:root root', text);
  }
});

test('a base the settings list as non-root runs as its unnamed non-root user', () => {
  const user = image('FROM registry.example.com/team/web:1\n',
    { nonRootBases: ['registry.example.com/team/*'] }).runtimeUser;
  assert.equal(user.source, 'base');
  assert.equal(user.identity.isRoot, false);
});

test('a USER on a non-root base replaces the base\'s default user', () => {
  assert.equal(runtime('FROM nginxinc/nginx-unprivileged:1.27\nUSER root\n'), 'USER root root');
});

test('the chain lists the stages from the base-most to the target', () => {
  const context = image('FROM nginx:1.27 AS a\nFROM a AS b\nFROM alpine:3.20\nFROM b\n');
  assert.deepEqual(context.chain.map((s) => s.index), [0, 1, 3]);
  assert.equal(context.baseRef, 'nginx:1.27');
});

test('exposed ports are those of the target chain only', () => {
  const context = image('FROM alpine:3.20 AS a\nEXPOSE 80\nFROM alpine:3.20 AS b\n' +
    'EXPOSE 81\nFROM a\nEXPOSE 8080\n');
  assert.deepEqual(context.exposed.map((e) => e.port.first), [80, 8080]);
});
