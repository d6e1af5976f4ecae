import type { Span } from '../core/span';
import type { Directive, NginxConfig } from './ast';
import { walkDirectives } from './walk';

/** A port a `listen` directive binds, with the exact span of its digits for fixes. */
export interface ListenPort {
  directive: Directive;
  port: number;
  /** The digits of the port, or the whole address when the port is implied (`listen host;`). */
  span: Span;
  implied: boolean;
}

/**
 * Reads `listen`'s first parameter the way nginx does: `8080`, `addr:8080`, `[::]:443`,
 * `*:80`, or an address alone, which means port 80. `unix:` sockets bind no port.
 */
export function listenPort(directive: Directive): ListenPort | undefined {
  const address = directive.args[0];
  if (!address || address.value.startsWith('unix:') || address.variables.length > 0) {
    return undefined;
  }

  const value = address.value;
  const match = /^(?:(.*):)?(\d+)$/.exec(value);
  const bracketOnly = /^\[[^\]]*\]$/.test(value);
  if (!match || bracketOnly) {
    return { directive, port: 80, span: address.span, implied: true };
  }
  if (match[1] === undefined && !/^\d+$/.test(value)) return undefined;

  const digits = match[2];
  const offset = address.raw.lastIndexOf(digits);
  const start = { line: address.span.start.line, character: address.span.start.character + offset };
  const span = address.span.start.line === address.span.end.line && offset >= 0
    ? { start, end: { line: start.line, character: start.character + digits.length } }
    : address.span;
  return { directive, port: Number(digits), span, implied: false };
}

/** Every port the config's `listen` directives bind, in any context. */
export function listenPorts(config: NginxConfig): ListenPort[] {
  const ports: ListenPort[] = [];
  walkDirectives(config, (directive) => {
    if (directive.name !== 'listen') return;
    const port = listenPort(directive);
    if (port) ports.push(port);
  });
  return ports;
}

/** `server` blocks of `http` with no `listen`: nginx binds them to 80 as root, else 8000. */
export function serversWithoutListen(config: NginxConfig): Directive[] {
  const servers: Directive[] = [];
  walkDirectives(config, (directive, ancestors) => {
    const inStream = ancestors.some((a) => a.name === 'stream' || a.name === 'mail');
    if (directive.name !== 'server' || !directive.block || inStream) return;
    if (!directive.block.children.some((child) => child.name === 'listen')) {
      servers.push(directive);
    }
  });
  return servers;
}
