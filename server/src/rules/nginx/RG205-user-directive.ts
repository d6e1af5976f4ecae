import { findDirectives, lineRangeForRemoval } from '../../nginx/walk';
import { finding, type NginxRule, type RuleMeta } from '../rule';

const meta: RuleMeta = {
  id: 'RG205',
  title: 'user directive in a config for a non-root nginx',
  severity: 'warning',
  fixable: true,
  docs: {
    what: 'The config has a `user` directive.',
    why: 'nginx switches its workers to that user only when the master runs as root. Run ' +
      'rootless, the master is already the right user: nginx ignores the line and warns ' +
      '"the \\"user\\" directive makes sense only if the master process runs with ' +
      'super-user privileges". The line suggests a privilege drop that does not happen.',
    bad: { 'nginx.conf': 'user nginx;\nevents {}\n' },
    fix: 'Remove the `user` line and choose the user with USER in the Dockerfile instead.',
    good: { 'nginx.conf': 'events {}\n' },
  },
};

export const RG205: NginxRule = {
  meta,
  target: 'nginx',
  check({ file, text, config, judgement }) {
    return findDirectives(config.directives, 'user').map((directive) =>
      finding(meta, file, directive.span,
        `nginx ignores "user" when its master process is not root, so for ` +
        `${judgement.whoLabel} this line has no effect; set the user with USER in the ` +
        'Dockerfile instead.', {},
        [{ title: 'Remove the user directive', safe: true, preferred: true,
          edits: [{ file, span: lineRangeForRemoval(text, directive), newText: '' }] }]));
  },
};
