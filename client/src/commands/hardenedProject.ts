// The files of Rootguard: New Hardened nginx Project, and how they are written: atomically,
// never over an existing file unless the user said so, and then with a backup of it. No editor
// code, so tests use it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readIfExists, replaceFile } from '../system/safeWrite';

export interface ProjectFile {
  /** Relative to the project folder, with `/`. */
  path: string;
  content: string;
}

/**
 * An nginx image that lints clean and runs hardened: the nginx user, port 8080, everything
 * nginx writes in /tmp (which podman mounts as tmpfs on a read-only root) or on the container's
 * output, a /health location the HEALTHCHECK probes, and no `user` directive (RG205).
 */
export const HARDENED_NGINX_PROJECT: ProjectFile[] = [
  {
    path: 'Dockerfile',
    content: `\
# nginx as the unprivileged nginx user (uid 101) on port 8080. Everything it writes goes to
# /tmp or the container's output, so it runs with a read-only root file system.
FROM docker.io/library/nginx:mainline-alpine

# The stock site listens on port 80; this image brings its own.
RUN rm -f /etc/nginx/conf.d/default.conf

COPY nginx.conf /etc/nginx/nginx.conf
COPY conf.d/app.conf /etc/nginx/conf.d/app.conf

EXPOSE 8080
USER nginx

HEALTHCHECK --interval=30s --timeout=3s \\
    CMD wget -q -O /dev/null http://127.0.0.1:8080/health || exit 1
CMD ["nginx", "-g", "daemon off;"]
`,
  },
  {
    path: 'nginx.conf',
    content: `\
# Runs as a non-root user: the pid file and temp files in /tmp, logs to the container's output.
worker_processes auto;

error_log /dev/stderr notice;
pid /tmp/nginx.pid;

events {
    worker_connections 1024;
}

http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log /dev/stdout;

    client_body_temp_path /tmp/client_temp;
    proxy_temp_path /tmp/proxy_temp;
    fastcgi_temp_path /tmp/fastcgi_temp;
    uwsgi_temp_path /tmp/uwsgi_temp;
    scgi_temp_path /tmp/scgi_temp;

    sendfile on;
    keepalive_timeout 65;

    include /etc/nginx/conf.d/*.conf;
}
`,
  },
  {
    path: 'conf.d/app.conf',
    content: `\
server {
    listen 8080;
    server_name _;

    location / {
        root /usr/share/nginx/html;
        index index.html;
    }

    location = /health {
        access_log off;
        default_type text/plain;
        return 200 "ok\\n";
    }
}
`,
  },
  {
    path: '.dockerignore',
    content: `\
# The build context holds only what the Dockerfile copies.
*
!nginx.conf
!conf.d
`,
  },
];

/**
 * Writes one file of a project, atomically. Returns false when the file exists and may not be
 * replaced (or already has this content); a replaced file is kept as `NAME.rootguard-….bak`.
 */
export function writeProjectFile(folder: string, file: ProjectFile, overwrite: boolean):
  boolean {
  const target = path.join(folder, ...file.path.split('/'));
  const previous = readIfExists(target);
  if (previous !== undefined && !overwrite) return false;
  // A project's folders are for everyone who builds it, unlike ~/.config/containers.
  return replaceFile(target, file.content, previous, { folderMode: 0o755 }).written;
}

/** The project's files that already exist in a folder. */
export function existingFiles(folder: string, files = HARDENED_NGINX_PROJECT): ProjectFile[] {
  return files.filter((file) => fs.existsSync(path.join(folder, ...file.path.split('/'))));
}
