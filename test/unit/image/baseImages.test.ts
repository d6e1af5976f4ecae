import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  baseImageFacts,
  matchesPattern,
  parseImageReference,
} from '../../../server/src/image/baseImages';

test('image references split into registry, repository and tag as docker reads them', () => {
  const cases: [string, string, string, string][] = [
    ['nginx', 'docker.io', 'library/nginx', 'latest'],
    ['nginx:1.27-alpine', 'docker.io', 'library/nginx', '1.27-alpine'],
    ['nginxinc/nginx-unprivileged:1.27', 'docker.io', 'nginxinc/nginx-unprivileged', '1.27'],
    ['gcr.io/distroless/static:nonroot', 'gcr.io', 'distroless/static', 'nonroot'],
    ['localhost:5000/app', 'localhost:5000', 'app', 'latest'],
    ['localhost/app:1', 'localhost', 'app', '1'],
    ['nginx@sha256:abc', 'docker.io', 'library/nginx', 'latest'],
  ];
  for (const [ref, registry, repository, tag] of cases) {
    assert.deepEqual(parseImageReference(ref), { registry, repository, tag }, ref);
  }
});

test('bases known to run as non-root have a default user; the others run as root', () => {
  const cases: [string, string | undefined][] = [
    ['nginxinc/nginx-unprivileged:1.27-alpine', '101'],
    ['docker.io/nginxinc/nginx-unprivileged', '101'],
    ['gcr.io/distroless/static:nonroot', '65532'],
    ['gcr.io/distroless/base-debian12:debug-nonroot', '65532'],
    ['cgr.dev/chainguard/nginx', '65532'],
    ['bitnami/nginx:1.27', '1001'],
    ['nginx:1.27', undefined],
    ['gcr.io/distroless/static', undefined],
    ['cgr.dev/chainguard/nginx:latest-dev', undefined],
    ['alpine:3.20', undefined],
    ['scratch', undefined],
  ];
  for (const [ref, user] of cases) assert.equal(baseImageFacts(ref).defaultUser, user, ref);
});

test('the settings make any base matching a pattern non-root', () => {
  const facts = baseImageFacts('registry.example.com/team/web:1', ['registry.example.com/*']);
  assert.notEqual(facts.defaultUser, undefined);
  assert.match(facts.description, /listed as non-root in your settings/);
  assert.equal(baseImageFacts('nginx:1.27', ['registry.example.com/*']).defaultUser, undefined);
});

test('a setting keeps the known default user of a base', () => {
  assert.equal(baseImageFacts('bitnami/nginx', ['bitnami/*']).defaultUser, '1001');
});

test('patterns match with * as any text, case-insensitively, with or without docker.io', () => {
  assert.ok(matchesPattern('myorg/web:1', 'myorg/*'));
  assert.ok(matchesPattern('MyOrg/Web:1', 'myorg/web:*'));
  assert.ok(matchesPattern('docker.io/library/node:20', 'node:*'));
  assert.ok(!matchesPattern('myorg/web:1', 'myorg/api:*'));
  assert.ok(!matchesPattern('myorg/web.v2', 'myorg/web?v2'));
});

test('the base tells the distro family whose tools a fix uses', () => {
  const cases: [string, string][] = [
    ['nginx:1.27-alpine', 'alpine'], ['nginx:1.27', 'debian'], ['debian:bookworm', 'debian'],
    ['registry.access.redhat.com/ubi9/ubi', 'rhel'], ['scratch', 'none'],
    ['gcr.io/distroless/static:nonroot', 'none'],
  ];
  for (const [ref, distro] of cases) assert.equal(baseImageFacts(ref).distro, distro, ref);
});

test('nginx bases bring their compiled-in layout', () => {
  assert.equal(baseImageFacts('nginx:1.27').nginx?.pid, '/var/run/nginx.pid');
  assert.equal(baseImageFacts('nginxinc/nginx-unprivileged').nginx?.pid, '/tmp/nginx.pid');
  assert.equal(baseImageFacts('debian:bookworm').nginx?.pid, '/run/nginx.pid');
});
