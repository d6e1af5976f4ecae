import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_SETTINGS } from '../../../server/src/analysis/settings';
import { lintPaths } from '../../../server/src/cli/lint';

function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rootguard-pairing-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const rulesOf = (dir: string) => lintPaths([dir], DEFAULT_SETTINGS)
  .map((f) => `${path.relative(dir, f.file)} ${f.rule}`).sort();

test('a config copied by name is paired whatever its name', () => {
  const dir = project({
    'Dockerfile': 'FROM nginx:1.27\nCOPY site.txt /etc/nginx/conf.d/site.conf\n' +
      'EXPOSE 8080\nUSER nginx\n',
    'site.txt': 'server {\n    listen 8000;\n}\n',
  });
  // Only a fragment is copied: the base image's own nginx.conf is judged too (RG202, RG203).
  assert.deepEqual(rulesOf(dir), ['Dockerfile RG202', 'Dockerfile RG203', 'Dockerfile RG301',
    'Dockerfile RG301']);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('data files copied under /etc/nginx, such as mime.types, are not configs', () => {
  const dir = project({
    'Dockerfile': 'FROM nginx:1.27\nCOPY mime.types /etc/nginx/mime.types\nUSER nginx\n',
    'mime.types': 'types {\n    text/html html;\n}\n',
  });
  assert.deepEqual(rulesOf(dir), []);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a folder copied into conf.d pairs every config in it', () => {
  const dir = project({
    'Dockerfile': 'FROM nginx:1.27\nCOPY conf.d/ /etc/nginx/conf.d/\nEXPOSE 8080\nUSER nginx\n',
    'conf.d/a.conf': 'server { listen 8080; }\n',
    'conf.d/b.conf': 'server { listen 80; }\n',
  });
  assert.deepEqual(rulesOf(dir), ['Dockerfile RG202', 'Dockerfile RG203', 'Dockerfile RG301',
    'conf.d/b.conf RG201']);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('fragments alone run under the base image\'s stock nginx.conf, judged on the FROM line',
  () => {
    const fragment = 'server { listen 8080; }\n';
    const naive = project({
      'Dockerfile': 'FROM nginx:1.27\nCOPY app.conf /etc/nginx/conf.d/app.conf\n' +
        'EXPOSE 8080\nUSER nginx\n',
      'app.conf': fragment,
    });
    assert.deepEqual(rulesOf(naive), ['Dockerfile RG202', 'Dockerfile RG203']);
    const granted = project({
      'Dockerfile': 'FROM nginx:1.27\nCOPY app.conf /etc/nginx/conf.d/app.conf\n' +
        'RUN chown -R nginx /var/cache/nginx && touch /var/run/nginx.pid \\\n' +
        '  && chown nginx /var/run/nginx.pid\nEXPOSE 8080\nUSER nginx\n',
      'app.conf': fragment,
    });
    assert.deepEqual(rulesOf(granted), []);
    const unprivileged = project({
      'Dockerfile': 'FROM nginxinc/nginx-unprivileged:1.27\n' +
        'COPY app.conf /etc/nginx/conf.d/app.conf\nEXPOSE 8080\n',
      'app.conf': fragment,
    });
    assert.deepEqual(rulesOf(unprivileged), []);
    for (const dir of [naive, granted, unprivileged]) fs.rmSync(dir, { recursive: true });
  });

test('Debian\'s nginx package gives its log files to www-data', () => {
  const dir = project({
    'Dockerfile': 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y nginx\n' +
      'COPY nginx.conf /etc/nginx/nginx.conf\nUSER www-data\n',
    'nginx.conf': 'pid /tmp/nginx.pid;\nerror_log /var/log/nginx/error.log;\nevents {}\n' +
      'http {\n    access_log /var/log/nginx/access.log;\n    client_body_temp_path /tmp/b;\n' +
      '    proxy_temp_path /tmp/p;\n    fastcgi_temp_path /tmp/f;\n    uwsgi_temp_path /tmp/u;\n' +
      '    scgi_temp_path /tmp/s;\n}\n',
  });
  assert.deepEqual(rulesOf(dir), []);
  fs.rmSync(dir, { recursive: true, force: true });
});
