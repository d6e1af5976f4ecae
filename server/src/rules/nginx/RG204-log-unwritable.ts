import * as posix from 'node:path/posix';
import type { Finding, Fix } from '../../core/finding';
import type { NginxCheck } from '../../analysis/checks';
import type { Directive } from '../../nginx/ast';
import { findDirectives, walkDirectives } from '../../nginx/walk';
import { insertAt, insertLinesBefore, lineBreak, replace } from '../fixes/textEdits';
import { finding, type NginxRule, type RuleMeta } from '../rule';
import { isOutputStream } from '../../nginx/logTargets';
import { absolutePath, hasVariables, unwritableMessage } from './paths';

const meta: RuleMeta = {
  id: 'RG204',
  title: 'Log file the user cannot write',
  severity: 'warning',
  fixable: true,
  docs: {
    what: '`error_log` or `access_log` write to a file where the runtime user cannot write, ' +
      'or a main config leaves them at nginx\'s compiled-in files. `stderr`, `/dev/stdout`, ' +
      '`/dev/stderr`, `syslog:` and `access_log off` are always fine.',
    why: 'A non-root nginx that cannot open its log files fails to start (`open() ' +
      '"/var/log/nginx/error.log" failed (13: Permission denied)`). In a container, logs ' +
      'belong on stdout and stderr anyway, where `podman logs` reads them.',
    bad: { 'app.conf': 'server {\n    listen 8080;\n    access_log /var/log/app/access.log;\n}\n' },
    fix: 'Log to `/dev/stderr` (error_log) and `/dev/stdout` (access_log), or make the log ' +
      'folder writable in the Dockerfile.',
    good: { 'app.conf': 'server {\n    listen 8080;\n    access_log /dev/stdout;\n}\n' },
  },
};

const STREAM_FOR: Record<string, string> = { error_log: '/dev/stderr', access_log: '/dev/stdout' };

export const RG204: NginxRule = {
  meta,
  target: 'nginx',
  check(input) {
    return [...explicitLogs(input), ...defaultLogs(input)];
  },
};

function explicitLogs({ file, config, judgement }: NginxCheck): Finding[] {
  const findings: Finding[] = [];
  walkDirectives(config, (directive) => {
    const stream = STREAM_FOR[directive.name];
    const arg = directive.args[0];
    if (!stream || !arg || hasVariables(arg) || isOutputStream(arg.value)) return;
    if (directive.name === 'access_log' && arg.value === 'off') return;

    const path = absolutePath(arg.value, judgement);
    if (judgement.canWrite(path).writable) return;
    const fix: Fix = { title: `Log to ${stream}`, safe: true, preferred: true,
      edits: [replace(file, arg.span, stream)] };
    const note = directive.name === 'error_log' && arg.value === 'off'
      ? ' ("error_log off" writes to a file named off; it does not turn logging off.)' : '';
    findings.push(finding(meta, file, arg.span,
      unwritableMessage(directive.name, path, judgement, false) + note, { path }, [fix]));
  });
  return findings;
}

/** A main config with no error_log, or an http block with no access_log, uses the defaults. */
function defaultLogs({ file, text, config, judgement, mainLevel, http, httpLevel }: NginxCheck):
  Finding[] {
  if (!config.isMain) return [];
  const findings: Finding[] = [];
  const anchor = config.directives.find((d) => d.name === 'events') ?? config.directives[0];

  const errorLog = judgement.layout.errorLog;
  if (anchor && findDirectives(mainLevel, 'error_log').length === 0 &&
    !judgement.canWrite(errorLog).writable) {
    const line = 'error_log /dev/stderr;';
    findings.push(defaultFinding(file, anchor, 'error_log', errorLog, judgement,
      { title: `Add ${line}`, safe: true, preferred: true,
        edits: [insertLinesBefore(file, text, anchor.span.start.line, [line])] }));
  }

  const accessLog = judgement.layout.accessLog;
  if (http?.block && httpLevel && findDirectives(httpLevel, 'access_log').length === 0 &&
    !judgement.canWrite(accessLog).writable) {
    const line = `${lineBreak(text)}    access_log /dev/stdout;`;
    findings.push(defaultFinding(file, http, 'access_log', accessLog, judgement,
      { title: 'Add access_log /dev/stdout; to http', safe: true, preferred: true,
        edits: [insertAt(file, http.block.bodyStart, line)] }));
  }
  return findings;
}

function defaultFinding(file: string, anchor: Directive, what: string, path: string,
  judgement: NginxCheck['judgement'], fix: Fix): Finding {
  return finding(meta, file, anchor.nameSpan, unwritableMessage(what, path, judgement, true),
    { path: posix.normalize(path), isDefault: true }, [fix]);
}
