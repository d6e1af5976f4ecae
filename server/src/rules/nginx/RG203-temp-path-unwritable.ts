import * as posix from 'node:path/posix';
import type { Finding, Fix } from '../../core/finding';
import { TEMP_DIRECTIVES, type TempDirective } from '../../image/baseImages';
import type { NginxCheck, NginxJudgement } from '../../analysis/checks';
import { walkDirectives } from '../../nginx/walk';
import { insertAt, lineBreak, replace } from '../fixes/textEdits';
import { finding, type NginxRule, type RuleMeta } from '../rule';
import { absolutePath, hasVariables, unwritableMessage } from './paths';

const meta: RuleMeta = {
  id: 'RG203',
  title: 'Temp or cache path the user cannot write',
  severity: 'warning',
  fixable: true,
  docs: {
    what: '`client_body_temp_path`, `proxy_temp_path`, `fastcgi_temp_path`, `uwsgi_temp_path`, ' +
      '`scgi_temp_path` or `proxy_cache_path` point where the runtime user cannot write, or ' +
      'a main config with an `http` block leaves the temp paths at their compiled-in ' +
      'defaults (`/var/cache/nginx/*_temp` in the official image), which root owns.',
    why: 'nginx creates these folders at start-up and writes request bodies and upstream ' +
      'responses there; a non-root nginx fails with `mkdir() "/var/cache/nginx/client_temp" ' +
      'failed (13: Permission denied)`.',
    bad: { 'nginx.conf': 'pid /tmp/nginx.pid;\nevents {}\nhttp {\n    access_log /dev/stdout;\n' +
      '}\nerror_log /dev/stderr;\n' },
    fix: 'Set the five temp paths under /tmp in `http`, or make their folder writable in the ' +
      'Dockerfile (`chown -R` to the runtime user, or `chmod -R a+w`).',
    good: { 'nginx.conf': 'pid /tmp/nginx.pid;\nevents {}\nhttp {\n    access_log /dev/stdout;\n' +
      '    client_body_temp_path /tmp/client_temp;\n    proxy_temp_path /tmp/proxy_temp;\n' +
      '    fastcgi_temp_path /tmp/fastcgi_temp;\n    uwsgi_temp_path /tmp/uwsgi_temp;\n' +
      '    scgi_temp_path /tmp/scgi_temp;\n}\nerror_log /dev/stderr;\n' },
  },
};

const PATH_DIRECTIVES = new Set<string>([...TEMP_DIRECTIVES, 'proxy_cache_path']);

export const RG203: NginxRule = {
  meta,
  target: 'nginx',
  check(input) {
    return [...explicitPaths(input), ...defaultPaths(input)];
  },
};

function explicitPaths({ file, config, judgement }: NginxCheck): Finding[] {
  const findings: Finding[] = [];
  walkDirectives(config, (directive) => {
    const arg = directive.args[0];
    if (!PATH_DIRECTIVES.has(directive.name) || !arg || hasVariables(arg)) return;
    const path = absolutePath(arg.value, judgement);
    if (judgement.canWrite(path).writable) return;
    const replacement = `/tmp/${posix.basename(path)}`;
    const fix: Fix = { title: `Use ${replacement}`, safe: true, preferred: true,
      edits: [replace(file, arg.span, replacement)] };
    findings.push(finding(meta, file, arg.span,
      unwritableMessage(directive.name, path, judgement, false), { path }, [fix]));
  });
  return findings;
}

/**
 * The compiled-in temp paths not set in `set` that the judged user cannot write, by the folder
 * they share: one finding per folder, here and for a base image's own nginx.conf.
 */
export function unwritableDefaultTempFolders(judgement: NginxJudgement, set: Set<string>):
  Map<string, TempDirective[]> {
  const byFolder = new Map<string, TempDirective[]>();
  for (const name of TEMP_DIRECTIVES) {
    if (set.has(name)) continue;
    const path = judgement.layout.temp[name];
    if (judgement.canWrite(path).writable) continue;
    const folder = posix.dirname(path);
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), name]);
  }
  return byFolder;
}

/** Temp paths left at their defaults, one finding per unwritable folder they share. */
function defaultPaths({ file, text, config, judgement, http, httpLevel }: NginxCheck):
  Finding[] {
  if (!config.isMain || !http?.block || !httpLevel) return [];
  const byFolder = unwritableDefaultTempFolders(judgement,
    new Set(httpLevel.map((d) => d.name)));

  const indent = '    ';
  const eol = lineBreak(text);
  return [...byFolder].map(([folder, names]) => {
    const lines = names.map((n) => `${eol}${indent}${n} /tmp/${posix.basename(
      judgement.layout.temp[n])};`).join('');
    const fix: Fix = { title: `Set ${names.length === 1 ? names[0] : 'the temp paths'} under /tmp`,
      safe: true, preferred: true, edits: [insertAt(file, http.block?.bodyStart ??
        http.span.end, lines)] };
    const what = names.length === 1 ? `${names[0]}` : `temp folder of ${names.join(', ')}`;
    return finding(meta, file, http.nameSpan,
      unwritableMessage(what, folder, judgement, true), { path: folder, isDefault: true }, [fix]);
  });
}
