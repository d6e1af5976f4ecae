import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isRootUser, parseUserSpec } from '../../../server/src/image/users';
import { image } from './helpers';

test('a user spec splits into user and group', () => {
  assert.deepEqual(parseUserSpec('app'), { user: 'app', group: undefined });
  assert.deepEqual(parseUserSpec(' app:web '), { user: 'app', group: 'web' });
  assert.deepEqual(parseUserSpec('1000:'), { user: '1000', group: undefined });
});

test('root is the name root or uid 0 in any spelling', () => {
  assert.deepEqual(['root', '0', '000', 'rootless', '10', ''].map(isRootUser),
    [true, true, true, false, false, false]);
});

test('useradd and groupadd add users and groups with their ids', () => {
  const { users } = image('FROM debian:bookworm\nRUN groupadd -g 2000 web && ' +
    'useradd -u 1500 -g web -m app\n');
  assert.deepEqual(users.find('app'), { name: 'app', uid: 1500, gid: 2000, group: 'web' });
  assert.equal(users.find('1500')?.name, 'app');
});

test('BusyBox adduser -S -G and addgroup -S add a system user in its group', () => {
  const { users } = image('FROM alpine:3.20\nRUN addgroup -S app && adduser -S -G app app\n');
  assert.equal(users.find('app')?.group, 'app');
});

test('a user created without a uid gets the next free one from 1000', () => {
  const { users } = image('FROM debian:bookworm\nRUN useradd a && useradd b\n');
  assert.deepEqual([users.find('a')?.uid, users.find('b')?.uid], [1000, 1001]);
});

test('the users of the base image are known: nginx is uid 101 in nginx images', () => {
  const { users } = image('FROM nginx:1.27\n');
  assert.ok(users.sameUser('nginx', '101'));
  assert.ok(!users.sameUser('nginx', 'root'));
  assert.ok(users.sameGroup('nginx', '101'));
});
