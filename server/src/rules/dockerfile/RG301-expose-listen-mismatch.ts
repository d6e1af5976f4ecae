import type { Finding, Fix, TextEdit } from '../../core/finding';
import type { ExposeInstruction } from '../../dockerfile/model';
import { FIRST_UNPRIVILEGED_PORT } from '../../dockerfile/ports';
import type { ImageContext } from '../../image/context';
import { listenPorts, serversWithoutListen } from '../../nginx/listen';
import type { PlacedConfig } from '../../analysis/checks';
import { finding, type DockerfileRule, type RuleMeta } from '../rule';
import { insertLinesBefore, insertLinesAfter, removeLines, replace } from '../fixes/textEdits';

const meta: RuleMeta = {
  id: 'RG301',
  title: 'EXPOSE and nginx listen ports disagree',
  severity: 'warning',
  fixable: true,
  docs: {
    what: 'The ports the Dockerfile EXPOSEs differ from the ports the nginx configs it copies ' +
      'listen on.',
    why: 'Moving nginx to an unprivileged port is the usual first step to running it ' +
      'rootless, and EXPOSE is easily left behind. Tools that publish exposed ports ' +
      '(`podman run -P`, Rootguard\'s hardened run) then map a port nothing listens on.',
    bad: {
      'Dockerfile': 'FROM nginx:alpine\nCOPY app.conf /etc/nginx/conf.d/app.conf\n' +
        'EXPOSE 8000\nUSER nginx\n',
      'app.conf': 'server {\n    listen 8080;\n}\n',
    },
    fix: 'EXPOSE exactly the ports nginx listens on.',
    good: {
      'Dockerfile': 'FROM nginx:alpine\nCOPY app.conf /etc/nginx/conf.d/app.conf\n' +
        'EXPOSE 8080\nUSER nginx\n',
      'app.conf': 'server {\n    listen 8080;\n}\n',
    },
  },
};

export const RG301: DockerfileRule = {
  meta,
  target: 'dockerfile',
  check({ file, text, image, configs }) {
    if (configs.length === 0) return [];
    const listening = listeningPorts(configs);
    if (listening.size === 0) return [];

    const exposed = new Set<number>();
    const findings: Finding[] = [];
    // Exposing a privileged listen port would trade this finding for RG104; RG201's fix,
    // which moves listen and EXPOSE together, is the one to offer then.
    const sorted = [...listening].sort((a, b) => a - b);
    const fixes = sorted.some((p) => p < FIRST_UNPRIVILEGED_PORT) ? []
      : [alignFix(file, text, image, sorted)];
    for (const { port } of image.exposed) {
      for (let p = port.first; p <= port.last && p - port.first < 65536; p++) exposed.add(p);
      if (port.first === port.last && !listening.has(port.first)) {
        findings.push(finding(meta, file, port.value.span,
          `EXPOSE ${port.first}, but no nginx config of this image listens on it ` +
          `(they listen on ${[...listening].join(', ')}).`, { port: port.first }, fixes));
      }
    }

    const missing = [...listening].filter((p) => !exposed.has(p));
    if (missing.length > 0) {
      const anchor = lastExpose(image)?.span ?? copySpan(image, configs[0]);
      if (anchor) {
        findings.push(finding(meta, file, anchor,
          `nginx listens on ${missing.join(', ')}, which the image does not EXPOSE.`,
          { port: missing[0] }, fixes));
      }
    }
    return findings;
  },
};

function listeningPorts(configs: PlacedConfig[]): Set<number> {
  const ports = new Set<number>();
  for (const { config } of configs) {
    for (const listen of listenPorts(config)) ports.add(listen.port);
    // A server without listen binds 8000 when nginx is not root (80 as root). Configs are
    // judged for the non-root user the image runs as, or should run as: 8000.
    if (serversWithoutListen(config).length > 0) ports.add(8000);
  }
  return ports;
}

function lastExpose(image: ImageContext): ExposeInstruction | undefined {
  const exposes = image.chain.flatMap((s) => s.exposes);
  return exposes[exposes.length - 1];
}

function copySpan(image: ImageContext, placed: PlacedConfig) {
  return image.copied.find((c) => c.hostPath === placed.file)?.copy.span;
}

/** Rewrites the first EXPOSE to the listen ports and drops the others. */
function alignFix(file: string, text: string, image: ImageContext, ports: number[]): Fix {
  const exposes = image.chain.flatMap((s) => s.exposes);
  const line = `EXPOSE ${ports.join(' ')}`;
  const edits: TextEdit[] = [];
  const [first, ...rest] = exposes;
  if (first) {
    edits.push(replace(file, first.span, line));
    for (const other of rest) {
      edits.push(removeLines(file, text, other.span.start.line, other.span.end.line));
    }
  } else {
    const stage = image.chain[image.chain.length - 1];
    const before = stage?.users[stage.users.length - 1]?.span ?? stage?.firstCommand;
    edits.push(before ? insertLinesBefore(file, text, before.start.line, [line])
      : insertLinesAfter(file, text, stage?.span.end.line ?? 0, [line]));
  }
  return { title: `EXPOSE ${ports.join(' ')}, the ports nginx listens on`, edits, safe: true };
}
