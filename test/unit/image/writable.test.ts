import assert from 'node:assert/strict';
import { test } from 'node:test';
import { at } from '../../helpers/spans';
import { canWrite, image } from './helpers';

/** [what the case shows, Dockerfile, path, writable by the runtime user] */
type Case = [string, string, string, boolean];

function check(cases: Case[]): void {
  for (const [name, text, path, expected] of cases) {
    assert.equal(canWrite(text, path), expected, `${name}: ${path} in\n${text}`);
  }
}

const ALPINE = 'FROM alpine:3.20\n';

test('chmod gives others write with a+w, o+w, 777 and 0777, not with 775', () => {
  check([
    ['a+w', `${ALPINE}RUN chmod a+w /data\nUSER 1000\n`, '/data/file', true],
    ['o+w', `${ALPINE}RUN chmod o+w /data\nUSER 1000\n`, '/data/file', true],
    ['777', `${ALPINE}RUN chmod 777 /data\nUSER 1000\n`, '/data/file', true],
    ['0777', `${ALPINE}RUN chmod 0777 /data\nUSER 1000\n`, '/data/file', true],
    ['775', `${ALPINE}RUN chmod 775 /data\nUSER 1000:1000\n`, '/data/file', false],
    ['a+rwX,o-w', `${ALPINE}RUN chmod a+rwX,o-w /data\nUSER 1000:1000\n`, '/data/file', false],
    ['a-w after a+w', `${ALPINE}RUN chmod a+w /data\nRUN chmod a-w /data\nUSER 1000\n`,
      '/data/file', false],
  ]);
});

test('chmod -R reaches everything below; chmod alone only the path and what is made in it', () => {
  check([
    ['recursive', `${ALPINE}RUN chmod -R a+w /data\nUSER 1000\n`, '/data/a/b', true],
    ['not recursive', `${ALPINE}RUN chmod a+w /data\nUSER 1000\n`, '/data/a/b', false],
    ['not recursive, a new file', `${ALPINE}RUN chmod a+w /data\nUSER 1000\n`, '/data/a', true],
    ['the parent only', `${ALPINE}RUN chmod -R a+w /var/cache\nUSER 1000\n`, '/var/log/x',
      false],
  ]);
});

test('g+w counts only when the user\'s group matches the folder\'s', () => {
  const shared = `${ALPINE}RUN chown -R root:0 /srv && chmod -R g+w /srv\n`;
  check([
    ['USER 1001:0', `${shared}USER 1001:0\n`, '/srv/app/file', true],
    ['USER 1001:root', `${shared}USER 1001:root\n`, '/srv/app/file', true],
    ['USER 1001 without passwd entry runs with gid 0', `${shared}USER 1001\n`,
      '/srv/app/file', true],
    ['a named user keeps its own group', `${ALPINE}RUN adduser -D app\n` +
      'RUN chown -R root:0 /srv && chmod -R g+w /srv\nUSER app\n', '/srv/app/file', false],
    ['USER 1001:1001', `${shared}USER 1001:1001\n`, '/srv/app/file', false],
    ['g+w alone, group root', `${ALPINE}RUN chmod g+w /srv\nUSER 1000:1000\n`, '/srv/x',
      false],
    ['a created user in the group', `${ALPINE}RUN addgroup -S web && adduser -S -G web app\n` +
      'RUN chgrp web /srv && chmod g+w /srv\nUSER app\n', '/srv/x', true],
  ]);
});

test('chown gives the owner\'s write to the user, by name or by uid', () => {
  const NGINX = 'FROM nginx:1.27\n';
  check([
    ['chown 101, USER nginx', `${NGINX}RUN chown 101 /srv\nUSER nginx\n`, '/srv/x', true],
    ['chown nginx, USER 101', `${NGINX}RUN chown nginx /srv\nUSER 101\n`, '/srv/x', true],
    ['chown nginx:nginx', `${NGINX}RUN chown nginx:nginx /srv\nUSER nginx\n`, '/srv', true],
    ['chown -R', `${NGINX}RUN chown -R nginx /srv\nUSER nginx\n`, '/srv/a/b', true],
    ['another user', `${NGINX}RUN chown 1000 /srv\nUSER nginx\n`, '/srv/x', false],
    ['back to root', `${NGINX}RUN chown nginx /srv\nRUN chown root /srv\nUSER nginx\n`,
      '/srv/x', false],
    ['only the group', `${NGINX}RUN chown :nginx /srv\nUSER nginx\n`, '/srv/x', false],
  ]);
});

test('mkdir and touch make paths owned by the RUN\'s user, then chown or chmod apply', () => {
  check([
    ['mkdir by root', `${ALPINE}RUN mkdir /data\nUSER 1000\n`, '/data/x', false],
    ['mkdir then chown', `${ALPINE}RUN mkdir -p /data && chown 1000 /data\nUSER 1000\n`,
      '/data/x', true],
    ['mkdir -m 777', `${ALPINE}RUN mkdir -m 777 /data\nUSER 1000\n`, '/data/x', true],
    ['mkdir after USER', `${ALPINE}USER 1000\nRUN mkdir /home/u/data\n`, '/home/u/data/x', true],
    ['touch then chmod', `${ALPINE}RUN touch /app.pid && chmod 666 /app.pid\nUSER 1000\n`,
      '/app.pid', true],
    ['touch by root', `${ALPINE}RUN touch /app.pid\nUSER 1000\n`, '/app.pid', false],
    ['install -d -o', `${ALPINE}RUN install -d -o 1000 /data\nUSER 1000\n`, '/data/x', true],
  ]);
});

test('COPY --chown and --chmod change what they copy', () => {
  check([
    ['--chown uid', `${ALPINE}COPY --chown=1000 app /app\nUSER 1000\n`, '/app/x', true],
    ['--chown name:group', `${ALPINE}RUN adduser -D app\nCOPY --chown=app:app site /srv/\n` +
      'USER app\n', '/srv/site/x', true],
    ['--chown from ARG', `${ALPINE}ARG UID=1000\nCOPY --chown=$UID app /app\nUSER 1000\n`,
      '/app/x', true],
    ['--chmod=777', `${ALPINE}COPY --chmod=777 app /app\nUSER 1000\n`, '/app/x', true],
    ['--chmod=755', `${ALPINE}COPY --chmod=755 app /app\nUSER 1000\n`, '/app/x', false],
    ['plain COPY', `${ALPINE}COPY app /app\nUSER 1000\n`, '/app/x', false],
  ]);
});

test('a link to /dev/stdout or /dev/stderr is writable by anyone', () => {
  const NGINX = 'FROM nginx:1.27\n';
  check([
    ['ln -sf /dev/stdout', `${NGINX}RUN ln -sf /dev/stdout /var/log/nginx/access.log\n` +
      'USER nginx\n', '/var/log/nginx/access.log', true],
    ['ln -sf /dev/stderr', `${ALPINE}RUN ln -sf /dev/stderr /var/log/app/error.log\n` +
      'USER 1000\n', '/var/log/app/error.log', true],
    ['a link to a file', `${ALPINE}RUN ln -sf /srv/log /var/log/app/error.log\nUSER 1000\n`,
      '/var/log/app/error.log', false],
    ['the official image\'s own links', `${NGINX}USER nginx\n`, '/var/log/nginx/error.log',
      true],
    ['another file in that folder', `${NGINX}USER nginx\n`, '/var/log/nginx/app.log', false],
  ]);
});

test('/tmp, /var/tmp, /dev/shm and the output devices are always writable', () => {
  const text = `${ALPINE}USER 1000\n`;
  for (const path of ['/tmp', '/tmp/nginx.pid', '/var/tmp/cache/x', '/dev/shm/x',
    '/dev/stdout', '/dev/stderr', '/proc/self/fd/2']) {
    assert.equal(canWrite(text, path), true, path);
  }
  for (const path of ['/tmpfiles/x', '/var/run/nginx.pid', '/etc/nginx/x']) {
    assert.equal(canWrite(text, path), false, path);
  }
});

test('the home that useradd -m or BusyBox adduser makes belongs to the user', () => {
  check([
    ['useradd -m', 'FROM debian:bookworm\nRUN useradd -m app\nUSER app\n', '/home/app/x', true],
    ['useradd without -m', 'FROM debian:bookworm\nRUN useradd app\nUSER app\n', '/home/app/x',
      false],
    ['useradd -m -d', 'FROM debian:bookworm\nRUN useradd -m -d /srv/app app\nUSER app\n',
      '/srv/app/x', true],
    ['BusyBox adduser -D', `${ALPINE}RUN adduser -D app\nUSER app\n`, '/home/app/x', true],
    ['BusyBox adduser -H', `${ALPINE}RUN adduser -D -H app\nUSER app\n`, '/home/app/x', false],
    ['Debian adduser --system', 'FROM debian:bookworm\nRUN adduser --system app\nUSER app\n',
      '/home/app/x', false],
    ['another user\'s home', 'FROM debian:bookworm\nRUN useradd -m a && useradd -m b\nUSER b\n',
      '/home/a/x', false],
  ]);
});

test('changes count in the target chain only', () => {
  check([
    ['a parent stage', 'FROM alpine:3.20 AS base\nRUN chmod a+w /data\nFROM base\nUSER 1000\n',
      '/data/x', true],
    ['an unrelated stage', 'FROM alpine:3.20 AS build\nRUN chmod a+w /data\n' +
      'FROM alpine:3.20\nUSER 1000\n', '/data/x', false],
  ]);
});

test('nginx-unprivileged made its cache folder writable for its user', () => {
  check([['the base\'s own layout', 'FROM nginxinc/nginx-unprivileged:1.27\n',
    '/var/cache/nginx/client_temp', true]]);
});

test('root writes everything', () => {
  check([['no USER', ALPINE, '/etc/nginx/nginx.conf', true]]);
});

test('a verdict names the build step that made the path writable', () => {
  const context = image(`${ALPINE}RUN mkdir /data\nRUN chmod a+w /data\nUSER 1000\n`);
  const verdict = context.writable.canWrite('/data/x', context.runtimeUser.identity);
  assert.equal(at(verdict.because ?? assert.fail()), '2:0-2:19');
});
