// Deterministic generated inputs of a given line count. The same text goes to every contender,
// so the nginx configs are ones the real nginx accepts (`nginx -t`), and the Dockerfiles use
// what makes a Dockerfile expensive to read: stages, continuation lines, heredocs, ARG/ENV
// expansion, COPY.

/** Stages per generated Dockerfile: a long Dockerfile has long stages, not thousands. */
const STAGES = 8;

/** A stage's first lines; stages build on the one before, as multi-stage builds chain. */
function stageHead(stage: number): string[] {
  const from = stage === 0 ? 'FROM ${BASE} AS s0' : `FROM s${stage - 1} AS s${stage}`;
  return [`# stage ${stage}`, from, 'ENV APP_HOME=/opt/app PATH=/opt/app/bin:$PATH'];
}

/**
 * One build step of 22 lines: continuations, a heredoc, ARG/ENV expansion, COPY, EXPOSE,
 * USER. `i` makes names, ports and paths differ from step to step.
 */
function dockerfileStep(i: number): string[] {
  const port = 8000 + (i % 1000);
  return [
    `# step ${i}: a build step with continuations, a heredoc and variables`,
    `ARG VERSION_${i}=1.${i}.0`,
    `ENV TOOL_${i}_HOME=$APP_HOME/tool${i}`,
    'RUN apt-get update \\',
    '    && apt-get install -y --no-install-recommends ca-certificates curl \\',
    `    && curl -fsSL https://example.com/tool${i}-\${VERSION_${i}}.tgz -o /tmp/t.tgz \\`,
    `    && tar -xzf /tmp/t.tgz -C "$TOOL_${i}_HOME" \\`,
    '    && rm -rf /var/lib/apt/lists/* /tmp/t.tgz',
    'RUN <<EOF',
    'set -eu',
    `mkdir -p /var/cache/tool${i} /var/log/tool${i}`,
    `chmod -R g+w /var/cache/tool${i}`,
    'EOF',
    `COPY --chown=app:app conf/tool${i}.conf /etc/tool/tool${i}.conf`,
    `COPY ["bin/tool${i}", "/usr/local/bin/tool${i}"]`,
    `RUN useradd -m -u ${1000 + (i % 500)} user${i} && chown -R user${i} /var/cache/tool${i}`,
    `WORKDIR /srv/tool${i}`,
    `EXPOSE ${port}`,
    `USER user${i}`,
    `HEALTHCHECK CMD curl -fsS http://127.0.0.1:${port}/health || exit 1`,
    `LABEL org.example.tool${i}.version="\${VERSION_${i}}"`,
    '',
  ];
}

/**
 * A Dockerfile of exactly `lines` lines in eight stages of build steps, then comment lines
 * to make up the count.
 */
export function generateDockerfile(lines: number): string {
  const out = ['# syntax=docker/dockerfile:1', 'ARG BASE=docker.io/library/debian:bookworm'];
  const stepLines = dockerfileStep(0).length;
  const headLines = stageHead(0).length;
  const tail = ['CMD ["/opt/app/bin/app"]'];
  const steps = Math.max(0, Math.floor((lines - out.length - tail.length -
    STAGES * headLines) / stepLines));
  for (let stage = 0, step = 0; stage < STAGES; stage++) {
    out.push(...stageHead(stage));
    const end = Math.round((steps * (stage + 1)) / STAGES);
    for (; step < end; step++) out.push(...dockerfileStep(step));
  }
  out.push(...tail);
  while (out.length < lines) out.push('# padding');
  return `${out.join('\n')}\n`;
}

/** One server block of 16 lines; every fifth listens on a privileged port so rules fire. */
function nginxServer(i: number): string[] {
  const port = i % 5 === 0 ? 80 : 8000 + (i % 1000);
  return [
    '    server {',
    `        listen 127.0.0.1:${port};`,
    `        server_name s${i}.example.test;`,
    `        root /srv/www/site${i};`,
    `        access_log /dev/stdout main;`,
    '        location / {',
    '            try_files $uri $uri/ /index.html;',
    '        }',
    `        location /api/ {`,
    `            proxy_pass http://127.0.0.1:${9000 + (i % 500)};`,
    '            proxy_set_header Host $host;',
    '            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
    '        }',
    `        location ~ \\.(png|jpg|css|js)$ { expires 7d; add_header X-Site "s${i}"; }`,
    '        # cached assets',
    '    }',
  ];
}

const NGINX_HEAD = [
  '# generated for the benchmark; accepted by nginx -t',
  'worker_processes 1;',
  'pid /tmp/rootguard-bench-nginx.pid;',
  'error_log stderr;',
  'events {',
  '    worker_connections 4096;',
  '}',
  'http {',
  '    server_names_hash_max_size 262144;',
  '    server_names_hash_bucket_size 128;',
  '    client_body_temp_path /tmp/rootguard-bench/body;',
  '    proxy_temp_path /tmp/rootguard-bench/proxy;',
  '    fastcgi_temp_path /tmp/rootguard-bench/fastcgi;',
  '    uwsgi_temp_path /tmp/rootguard-bench/uwsgi;',
  '    scgi_temp_path /tmp/rootguard-bench/scgi;',
  "    log_format main '$remote_addr [$time_local] \"$request\" $status';",
];

/** A main nginx config of exactly `lines` lines, valid for nginx. */
export function generateNginx(lines: number): string {
  const out = [...NGINX_HEAD];
  // Two lines are kept for the closing of `http`.
  for (let i = 0; out.length + 16 <= lines - 1; i++) out.push(...nginxServer(i));
  while (out.length < lines - 1) out.push('    # padding');
  out.push('}');
  return `${out.join('\n')}\n`;
}

/** Line count of a text as an editor counts them (a final newline starts no line of its own). */
export function countLines(text: string): number {
  let count = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < text.length - 1; i = text.indexOf('\n', i + 1)) {
    count++;
  }
  return count;
}
