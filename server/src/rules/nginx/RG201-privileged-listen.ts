import type { Finding, Fix } from '../../core/finding';
import { FIRST_UNPRIVILEGED_PORT } from '../../dockerfile/ports';
import { listenPorts } from '../../nginx/listen';
import { movePortFix } from '../fixes/portFixes';
import { finding, type NginxRule, type RuleMeta } from '../rule';

const meta: RuleMeta = {
  id: 'RG201',
  title: 'nginx listens on a privileged port',
  severity: 'warning',
  fixable: true,
  docs: {
    what: 'A `listen` binds a port below 1024: `listen 80`, `listen 127.0.0.1:80`, ' +
      '`listen [::]:443 ssl`, or an address alone, which nginx takes as port 80. Unix sockets ' +
      'are never reported. A server with no `listen` is fine: a non-root nginx binds it to 8000.',
    why: 'A non-root nginx master cannot bind below 1024 and stops at start-up with ' +
      '"bind() to 0.0.0.0:80 failed (13: Permission denied)".',
    bad: { 'nginx.conf': 'events {}\nhttp {\n    server {\n        listen 80;\n    }\n}\n' },
    fix: 'Listen on 8080 (or 8443 for 443) and publish the public port on the host with ' +
      '`-p 80:8080`. When a Dockerfile copies the config, the fix changes its EXPOSE too.',
    good: { 'nginx.conf': 'events {}\nhttp {\n    server {\n        listen 8080;\n    }\n}\n' },
  },
};

export const RG201: NginxRule = {
  meta,
  target: 'nginx',
  check({ file, config, judgement, self }) {
    const findings: Finding[] = [];
    // One fix per port moves every listen on it (and EXPOSE) together; findings share it, so
    // a config with thousands of `listen 80` holds one fix, not one per pair.
    const fixes = new Map<number, Fix>();
    for (const listen of listenPorts(config)) {
      if (listen.port >= FIRST_UNPRIVILEGED_PORT) continue;
      const implied = listen.implied ? ' (an address alone means port 80)' : '';
      findings.push(finding(meta, file, listen.span,
        `nginx listens on port ${listen.port}${implied}; ${judgement.whoLabel} cannot bind ` +
        `below 1024.`, { port: listen.port },
        [fixFor(fixes, listen.port, () => movePortFix(listen.port, judgement.image, [self]))]));
    }
    return findings;
  },
};

function fixFor(cache: Map<number, Fix>, port: number, make: () => Fix): Fix {
  const known = cache.get(port);
  if (known) return known;
  const fix = make();
  cache.set(port, fix);
  return fix;
}
