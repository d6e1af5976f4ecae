import type { Finding } from '../../core/finding';
import { FIRST_UNPRIVILEGED_PORT } from '../../dockerfile/ports';
import { finding, type DockerfileRule, type RuleMeta } from '../rule';
import { movePortFix } from '../fixes/portFixes';

const meta: RuleMeta = {
  id: 'RG104',
  title: 'EXPOSE of a privileged port',
  severity: 'warning',
  fixable: true,
  docs: {
    what: 'An EXPOSE names a port below 1024: a single port, a range reaching below 1024, ' +
      'with or without `/tcp` or `/udp`, written out or through an ARG or ENV value.',
    why: 'Binding a port below 1024 needs root or CAP_NET_BIND_SERVICE. A non-root process ' +
      'cannot listen there unless the run adds that capability back, which a hardened ' +
      '`--cap-drop=ALL` run does not. Publish a high port inside and map it on the host ' +
      '(`-p 80:8080`) instead.',
    bad: { Dockerfile: 'FROM alpine:3.20\nEXPOSE 80\nUSER 10001\nCMD ["httpd", "-f"]\n' },
    fix: 'Listen and EXPOSE an unprivileged port (80 becomes 8080, 443 becomes 8443) and map ' +
      'the public port on the host.',
    good: { Dockerfile: 'FROM alpine:3.20\nEXPOSE 8080\nUSER 10001\nCMD ["httpd", "-f"]\n' },
  },
};

export const RG104: DockerfileRule = {
  meta,
  target: 'dockerfile',
  check({ file, image, configs }) {
    const findings: Finding[] = [];
    for (const { port } of image.exposed) {
      if (port.first >= FIRST_UNPRIVILEGED_PORT) continue;
      const range = port.first === port.last ? `port ${port.first}` :
        `ports ${port.first}-${port.last}`;
      const via = port.value.raw.includes('$') ? ` (${port.value.raw})` : '';
      const fixes = port.first === port.last ? [movePortFix(port.first, image, configs)] : [];
      findings.push(finding(meta, file, port.value.span,
        `EXPOSE ${range}${via} ${port.first === port.last ? 'is' : 'are'} privileged: a ` +
        'non-root process cannot bind below 1024.',
        { port: port.first }, fixes));
    }
    return findings;
  },
};
