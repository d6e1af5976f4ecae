import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyzeImage, type Workspace } from '../../server/src/analysis/analyze';
import { DEFAULT_SETTINGS } from '../../server/src/analysis/settings';
import { podmanRunArgs, runProfile, type RunProfile } from '../../server/src/image/runProfile';
import { abs, type Files } from '../helpers/project';

/** The run profile of an in-memory project's Dockerfile (no podman involved). */
function profile(files: Files): RunProfile {
  const workspace: Workspace = {
    read: (file) => files[path.posix.relative('/project', file)],
    candidates: () => Object.keys(files).filter((f) => f !== 'Dockerfile').map(abs),
  };
  const result = runProfile(analyzeImage(abs('Dockerfile'), files.Dockerfile, workspace,
    DEFAULT_SETTINGS));
  assert.ok(result);
  return result;
}

const dirs = (p: RunProfile) => p.writableDirs.map((d) => d.path);
const NGINX = 'FROM nginx:alpine\nCOPY nginx.conf /etc/nginx/nginx.conf\nUSER nginx\n';

describe('the run profile', () => {
  test('explicit temp and log paths get their folders; /tmp and output streams none', () => {
    const p = profile({ 'Dockerfile': NGINX, 'nginx.conf': [
      'pid /tmp/nginx.pid;', 'error_log /var/log/app/error.log;', 'events {}', 'http {',
      '  access_log /dev/stdout;', '  client_body_temp_path /var/cache/app/body;',
      '  proxy_temp_path /var/cache/app/proxy 1 2;', '  proxy_cache_path /srv/cache levels=1:2 ' +
      'keys_zone=c:1m;', '}'].join('\n') });
    assert.deepEqual(dirs(p), ['/srv/cache', '/var/cache/app', '/var/cache/nginx',
      '/var/log/app']);
    const nginx = p.writableDirs.find((d) => d.path === '/var/cache/nginx');
    assert.deepEqual(nginx?.reasons, ['fastcgi_temp_path /var/cache/nginx/fastcgi_temp ' +
      '(compiled-in)', 'uwsgi_temp_path /var/cache/nginx/uwsgi_temp (compiled-in)',
    'scgi_temp_path /var/cache/nginx/scgi_temp (compiled-in)']);
  });

  test('the official layout: /var/run is /run, its log files are links to the output', () => {
    const p = profile({ 'Dockerfile': NGINX, 'nginx.conf': 'events {}\nhttp {}\n' });
    assert.deepEqual(dirs(p), ['/run', '/var/cache/nginx']);
  });

  test("Debian's nginx layout: /run, /var/lib/nginx and real log files", () => {
    const p = profile({ 'Dockerfile': 'FROM debian:12\nRUN apt-get install -y nginx\n' +
      'COPY nginx.conf /etc/nginx/nginx.conf\nUSER www-data\n',
    'nginx.conf': 'events {}\nhttp {}\n' });
    assert.deepEqual(dirs(p), ['/run', '/var/lib/nginx', '/var/log/nginx']);
  });

  test('privileged ports are published 8000 higher; udp keeps its protocol', () => {
    const p = profile({ Dockerfile: `${NGINX}EXPOSE 80 443 8443 53/udp\n`,
      'nginx.conf': 'events {}\nhttp {}\n' });
    assert.deepEqual(p.ports.map((x) => `${x.host}:${x.container}/${x.protocol}`),
      ['8080:80/tcp', '8443:443/tcp', '8443:8443/tcp', '8053:53/udp']);
    const args = podmanRunArgs(p, { name: 'n', image: 'i' });
    assert.ok(args.join(' ').includes('-p 8053:53/udp'));
  });

  test('with no EXPOSE the configs\' listen ports are published, and a note says so', () => {
    const p = profile({ 'Dockerfile': NGINX, 'nginx.conf': 'events {}\nhttp { server { ' +
      'listen 8081; location = /healthz { return 200; } } }\n' });
    assert.deepEqual(p.ports, [{ container: 8081, host: 8081, protocol: 'tcp' }]);
    assert.match(p.notes.join('\n'), /exposes no port/);
    assert.deepEqual(p.health, { scheme: 'http', port: 8081, path: '/healthz',
      source: 'location', hostPort: 8081 });
  });

  test('the HEALTHCHECK URL wins over a location; HEALTHCHECK NONE means none', () => {
    const conf = 'events {}\nhttp { server { listen 8081; location /health { } } }\n';
    const probe = profile({ 'Dockerfile': `${NGINX}EXPOSE 8081\nHEALTHCHECK CMD wget -qO- ` +
      'http://localhost:8081/ready?full=1 || exit 1\n', 'nginx.conf': conf });
    assert.equal(probe.health?.path, '/ready?full=1');
    assert.equal(probe.health?.source, 'HEALTHCHECK');
    const none = profile({ 'Dockerfile': `${NGINX}HEALTHCHECK NONE\n`, 'nginx.conf': conf });
    assert.equal(none.health, undefined);
  });

  test('an image that runs as root gets a note: without capabilities root nginx fails', () => {
    const p = profile({ 'Dockerfile': 'FROM nginx\nCOPY nginx.conf /etc/nginx/nginx.conf\n',
      'nginx.conf': 'events {}\nhttp {}\n' });
    assert.equal(p.user.isRoot, true);
    assert.match(p.notes.join('\n'), /runs as root/);
  });
});
