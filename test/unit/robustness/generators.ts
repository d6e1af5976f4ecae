import fc from 'fast-check';

/** Dockerfile lines worth combining: each one touches a model feature or a rule. */
const DOCKERFILE_LINES = [
  'FROM docker.io/library/nginx:mainline-alpine', 'FROM alpine:3.20 AS build', 'FROM build',
  'FROM scratch', 'FROM ${BASE}', 'ARG BASE=debian:bookworm', 'ARG PORT=80', 'ARG U',
  'ENV APP_USER=app', 'USER root', 'USER 0:0', 'USER nginx', 'USER $U', 'USER 1000:0',
  'EXPOSE 80', 'EXPOSE 443/tcp 8080', 'EXPOSE $PORT', 'EXPOSE 8000-8010/udp',
  'RUN sudo apk add curl', 'RUN apk add sudo && echo "sudo"', 'RUN ["sudo", "ls"]',
  'RUN <<EOF\nsudo ls\nUSER root\nEOF', 'RUN useradd -m -u 1001 app',
  'RUN chmod -R a+w /var/cache/nginx',
  'RUN touch /var/run/nginx.pid \\\n  && chown nginx /var/run/nginx.pid',
  'COPY nginx.conf /etc/nginx/nginx.conf', 'COPY conf.d/ /etc/nginx/conf.d/',
  'COPY --chown=nginx:nginx . /srv', 'WORKDIR /app', 'ONBUILD USER root',
  'HEALTHCHECK CMD wget -q -O- http://127.0.0.1:8080/health', 'CMD ["nginx", "-g", "daemon off;"]',
  '# rootguard-ignore RG104', '# escape=`', '',
];

/** nginx lines, including broken ones, so fixes meet configs of every shape. */
const NGINX_LINES = [
  'user nginx;', 'worker_processes auto;', 'pid /var/run/nginx.pid;', 'pid /tmp/nginx.pid;',
  'error_log /var/log/nginx/error.log warn;', 'error_log stderr;', 'events {', 'http {',
  'server {', 'location / {', 'location = /health { return 200; }', '}', 'listen 80;',
  'listen [::]:443 ssl;', 'listen 127.0.0.1:8080;', 'listen localhost;', 'listen unix:/tmp/s;',
  'access_log /var/log/nginx/access.log main;', 'access_log off;',
  'proxy_temp_path /var/cache/nginx/proxy_temp;', 'client_body_temp_path /tmp/body;',
  'proxy_cache_path /data/cache levels=1:2 keys_zone=c:10m;', 'include conf.d/*.conf;',
  'set $a "b c";', 'return 200 "ok\\n";', 'content_by_lua_block { ngx.say("}") }',
  '# comment', '"unterminated', '{', ';',
];

export const dockerfileText = fc.array(fc.constantFrom(...DOCKERFILE_LINES), { maxLength: 24 })
  .chain((lines) => fc.constantFrom('\n', '\r\n').map((eol) => lines.join(eol)));

export const nginxText = fc.array(fc.constantFrom(...NGINX_LINES), { maxLength: 30 })
  .map((lines) => lines.join('\n'));

/** Realistic text mutated by cuts and insertions, and plain random text and bytes. */
export function mutated(base: string): fc.Arbitrary<string> {
  return fc.tuple(fc.nat(base.length), fc.nat(base.length), fc.string({ maxLength: 20 }))
    .map(([a, b, insert]) => {
      const [from, to] = a < b ? [a, b] : [b, a];
      return base.slice(0, from) + insert + base.slice(to);
    });
}

export const anyText = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes).toString('utf8')),
);

/** How many cases each property runs: small in CI, large in the fuzz bench. */
export const RUNS = Number(process.env.ROOTGUARD_FUZZ_RUNS ?? 200);
export const SEED = Number(process.env.ROOTGUARD_FUZZ_SEED ?? 20261203);
