import type { Fix } from '../../core/finding';
import { findDirectives } from '../../nginx/walk';
import { insertLinesBefore, replace } from '../fixes/textEdits';
import { finding, type NginxRule, type RuleMeta } from '../rule';
import { absolutePath, unwritableMessage } from './paths';

const meta: RuleMeta = {
  id: 'RG202',
  title: 'pid file in a folder the user cannot write',
  severity: 'warning',
  fixable: true,
  docs: {
    what: 'The `pid` directive names a file in a folder the runtime user cannot write, or a ' +
      'main config sets no `pid`, so nginx uses its compiled-in path (`/var/run/nginx.pid` in ' +
      'the official image, `/run/nginx.pid` on Debian), which root owns.',
    why: 'nginx writes its pid file at start-up; when it cannot, a non-root nginx exits with ' +
      '`open() "/var/run/nginx.pid" failed (13: Permission denied)`.',
    bad: { 'nginx.conf': 'events {}\nhttp {}\n' },
    fix: 'Put the pid file where the user can write: `pid /tmp/nginx.pid;`, or make its ' +
      'folder writable in the Dockerfile.',
    good: { 'nginx.conf': 'pid /tmp/nginx.pid;\nevents {}\nhttp {}\n' },
  },
};

const PID_LINE = 'pid /tmp/nginx.pid;';

export const RG202: NginxRule = {
  meta,
  target: 'nginx',
  check({ file, text, config, judgement, mainLevel }) {
    const own = findDirectives(config.directives, 'pid');
    const declared = findDirectives(mainLevel, 'pid');
    if (own.length === 0 && declared.length > 0) return [];

    if (own.length === 0) {
      if (!config.isMain) return [];
      const path = judgement.layout.pid;
      if (judgement.canWrite(path).writable) return [];
      const anchor = config.directives.find((d) => d.name === 'events') ?? config.directives[0];
      if (!anchor) return [];
      const fix: Fix = { title: `Add ${PID_LINE}`, safe: true, preferred: true,
        edits: [insertLinesBefore(file, text, anchor.span.start.line, [PID_LINE])] };
      return [finding(meta, file, anchor.nameSpan,
        unwritableMessage('pid file', path, judgement, true), { path, isDefault: true }, [fix])];
    }

    return own.flatMap((directive) => {
      const arg = directive.args[0];
      if (!arg) return [];
      const path = absolutePath(arg.value, judgement);
      if (judgement.canWrite(path).writable) return [];
      const fix: Fix = { title: 'Write the pid file to /tmp/nginx.pid', safe: true,
        preferred: true, edits: [replace(file, arg.span, '/tmp/nginx.pid')] };
      return [finding(meta, file, arg.span, unwritableMessage('pid file', path, judgement,
        false), { path }, [fix])];
    });
  },
};
