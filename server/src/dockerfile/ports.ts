import type { ExposedPort, Value } from './model';

const PORT_SPEC = /^(\d{1,5})(?:-(\d{1,5}))?(?:\/(tcp|udp|sctp))?$/i;

/** Reads one EXPOSE argument (`80`, `443/tcp`, `8000-8010/udp`) after expansion. */
export function parseExposedPort(value: Value): ExposedPort | undefined {
  const match = PORT_SPEC.exec(value.value.trim());
  if (!match) return undefined;

  const first = Number(match[1]);
  const last = match[2] === undefined ? first : Number(match[2]);
  if (first > 65535 || last > 65535 || last < first) return undefined;

  const protocol = (match[3]?.toLowerCase() ?? 'tcp') as ExposedPort['protocol'];
  return { value, first, last, protocol };
}

/**
 * The unprivileged port Rootguard proposes for a privileged one: +8000, which gives the
 * conventional 80→8080 and 443→8443 and keeps every port below 1024 under 65536.
 */
export function unprivilegedPort(port: number): number {
  return port < 1024 ? port + 8000 : port;
}

export const FIRST_UNPRIVILEGED_PORT = 1024;
