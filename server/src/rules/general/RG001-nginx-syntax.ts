import { finding, type NginxRule, type RuleMeta } from '../rule';

const meta: RuleMeta = {
  id: 'RG001',
  title: 'nginx syntax error',
  severity: 'error',
  fixable: false,
  docs: {
    what: 'The file cannot be read as nginx configuration: an unbalanced brace, an ' +
      'unterminated string, a directive without `;`, or binary content.',
    why: 'nginx refuses to start on a config it cannot parse. Rootguard still checks the ' +
      'rest of the file, but findings after the error may be incomplete.',
    bad: { 'nginx.conf': 'events {}\nhttp {\n    server {\n        listen 8080;\n    }\n' },
    fix: 'Close every block and end every directive with `;`; `nginx -t` shows the same ' +
      'error with its line.',
    good: { 'nginx.conf': 'events {}\nhttp {\n    server {\n        listen 8080;\n    }\n}\n' },
  },
};

export const RG001: NginxRule = {
  meta,
  target: 'nginx',
  check({ file, config }) {
    return config.errors.map((error) => finding(meta, file, error.span, error.message));
  },
};
