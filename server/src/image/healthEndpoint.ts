import type { PlacedConfig } from '../analysis/checks';
import type { Stage } from '../dockerfile/model';
import type { Directive } from '../nginx/ast';
import { listenPort } from '../nginx/listen';
import { walkDirectives } from '../nginx/walk';

/** Where the running container answers a health probe, inside the container. */
export interface HealthEndpoint {
  scheme: 'http' | 'https';
  port: number;
  /** The path with its query, e.g. `/health`. */
  path: string;
  /** Where it was found: the image's HEALTHCHECK, or a health-like `location` of a config. */
  source: 'HEALTHCHECK' | 'location';
}

/** Location paths that serve health probes by convention. */
const HEALTH_PATH = new RegExp('^/(?:[\\w.-]+/)?' +
  '(?:health|healthz|healthcheck|ready|readyz|live|livez|ping|status)/?$', 'i');

/**
 * The health endpoint of an image: the URL its HEALTHCHECK probes (the nearest one in the
 * target chain; `HEALTHCHECK NONE` turns probing off), else the first health-like `location`
 * of a copied config, on its server's first `listen` port.
 */
export function healthEndpoint(chain: Stage[], placed: PlacedConfig[]):
  HealthEndpoint | undefined {
  for (let i = chain.length - 1; i >= 0; i--) {
    const checks = chain[i].healthchecks;
    const last = checks[checks.length - 1];
    if (!last) continue;
    if (last.words[0]?.toUpperCase() === 'NONE') return undefined;
    const found = urlIn(last.words.join(' '));
    if (found) return found;
    break;
  }
  for (const config of placed) {
    const found = healthLocation(config);
    if (found) return found;
  }
  return undefined;
}

/** The first http(s) URL in a probe command, such as `wget -q -O- http://127.0.0.1:8080/h`. */
function urlIn(command: string): HealthEndpoint | undefined {
  const match = /\bhttps?:\/\/[^\s'"|;&<>`]+/.exec(command);
  if (!match) return undefined;
  let url: URL;
  try {
    url = new URL(match[0]);
  } catch {
    return undefined;
  }
  const scheme = url.protocol === 'https:' ? 'https' : 'http';
  const port = url.port ? Number(url.port) : scheme === 'https' ? 443 : 80;
  return { scheme, port, path: `${url.pathname}${url.search}`, source: 'HEALTHCHECK' };
}

function healthLocation(placed: PlacedConfig): HealthEndpoint | undefined {
  let found: HealthEndpoint | undefined;
  walkDirectives(placed.config, (directive, ancestors) => {
    if (found || directive.name !== 'location') return;
    const path = directive.args[directive.args.length - 1]?.value;
    const modifier = directive.args.length > 1 ? directive.args[0].value : '';
    if (!path || !['', '=', '^~'].includes(modifier) || !HEALTH_PATH.test(path)) return;
    const server = [...ancestors].reverse().find((a) => a.name === 'server');
    const listen = server ? firstListen(server) : undefined;
    if (listen) found = { ...listen, path, source: 'location' };
  });
  return found;
}

function firstListen(server: Directive): { scheme: 'http' | 'https'; port: number } | undefined {
  for (const child of server.block?.children ?? []) {
    if (child.name !== 'listen') continue;
    const port = listenPort(child);
    if (!port) continue;
    const tls = child.args.some((a) => a.value === 'ssl' || a.value === 'quic');
    return { scheme: tls ? 'https' : 'http', port: port.port };
  }
  return undefined;
}
