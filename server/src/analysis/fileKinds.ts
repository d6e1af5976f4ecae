import * as path from 'node:path';

/** Dockerfile names podman and docker pick up, and the common suffixed variants. */
export function isDockerfile(file: string): boolean {
  const name = path.basename(file);
  return /^(Dockerfile|Containerfile)(\.[\w.-]+)?$/.test(name) ||
    /\.(dockerfile|Dockerfile)$/.test(name);
}

/** nginx configs by name: nginx.conf, *.nginx, conf.d/*.conf, sites-available/*. */
export function isNginxConfigByName(file: string): boolean {
  const name = path.basename(file);
  const parent = path.basename(path.dirname(file));
  if (name === 'nginx.conf' || name.endsWith('.nginx')) return true;
  if (/^sites-(available|enabled)$/.test(parent)) return true;
  return name.endsWith('.conf') && (parent === 'conf.d' || parent === 'nginx');
}

const NGINX_CONTENT = new RegExp([
  String.raw`^[ \t]*(?:(?:http|events|server|upstream|stream)\s*\{`,
  String.raw`location\s+\S[^\n{]{0,200}\{`,
  String.raw`(?:listen|server_name|proxy_pass|worker_processes)[ \t]+[^\n;]{1,200};)`,
].join('|'), 'm');

/** Other `.conf` files are nginx when their content reads like it. */
export function looksLikeNginx(text: string): boolean {
  return NGINX_CONTENT.test(text.slice(0, 64 * 1024));
}

export function isNginxConfig(file: string, text?: string): boolean {
  if (isNginxConfigByName(file)) return true;
  return file.endsWith('.conf') && text !== undefined && looksLikeNginx(text);
}
