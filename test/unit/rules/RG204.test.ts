import { ruleTester } from './ruleTester';

/** A fragment with one server and the given log line. */
const S = (log: string): { 'app.conf': string } =>
  ({ 'app.conf': `server {\n    listen 8080;\n    ${log}\n}\n` });

const COPY_APP = 'COPY app.conf /etc/nginx/conf.d/app.conf\n';

ruleTester('RG204', {
  valid: [
    { name: 'error_log stderr', files: S('error_log stderr warn;') },
    { name: 'error_log /dev/stderr', files: S('error_log /dev/stderr;') },
    { name: 'access_log /dev/stdout with a format', files: S('access_log /dev/stdout main;') },
    { name: 'access_log /proc/self/fd/1', files: S('access_log /proc/self/fd/1;') },
    { name: 'access_log to syslog', files: S('access_log syslog:server=unix:/dev/log;') },
    { name: 'error_log to syslog', files: S('error_log syslog:server=10.0.0.1 info;') },
    { name: 'error_log to a memory buffer', files: S('error_log memory:32m debug;') },
    { name: 'access_log off', files: S('access_log off;') },
    { name: 'a log file in /tmp', files: S('access_log /tmp/access.log;') },
    { name: 'a log path with a variable', files: S('access_log /var/log/$host.log;') },
    {
      name: 'a main config that sets both logs',
      files: { 'nginx.conf': 'pid /tmp/nginx.pid;\nerror_log /dev/stderr;\nevents {}\n' +
        'http {\n    access_log /dev/stdout;\n}\n' },
    },
    {
      name: 'the official image\'s log files, which it links to stdout and stderr',
      files: {
        'app.conf': S('access_log /var/log/nginx/access.log;')['app.conf'],
        'Dockerfile': `FROM nginx:1.27\n${COPY_APP}USER nginx\n`,
      },
    },
    {
      name: 'a log file the Dockerfile links to /dev/stdout',
      files: {
        'app.conf': S('access_log /var/log/app/access.log;')['app.conf'],
        'Dockerfile': `FROM nginx:1.27\n${COPY_APP}` +
          'RUN ln -sf /dev/stdout /var/log/app/access.log\nUSER nginx\n',
      },
    },
    {
      name: 'a log folder the Dockerfile gives to the user',
      files: {
        'app.conf': S('access_log /var/log/app/access.log;')['app.conf'],
        'Dockerfile': `FROM nginx:1.27\n${COPY_APP}` +
          'RUN mkdir -p /var/log/app && chown -R nginx /var/log/app\nUSER nginx\n',
      },
    },
  ],
  invalid: [
    {
      name: 'access_log in a root-owned folder, logging to /dev/stdout instead',
      files: S('access_log /var/log/app/access.log;'),
      findings: [{ at: '2:15-2:38', text: '/var/log/app/access.log',
        data: { path: '/var/log/app/access.log' } }],
      fixed: S('access_log /dev/stdout;'),
    },
    {
      name: 'error_log with a level, logging to /dev/stderr instead',
      files: S('error_log /var/log/nginx/error.log warn;'),
      findings: [{ at: '2:14-2:38', text: '/var/log/nginx/error.log',
        data: { path: '/var/log/nginx/error.log' } }],
      fixed: S('error_log /dev/stderr warn;'),
    },
    {
      name: 'error_log off, which writes to a file named off',
      files: S('error_log off;'),
      findings: [{ at: '2:14-2:17', text: 'off', data: { path: '/etc/nginx/off' },
        message: /"error_log off" writes to a file named off/ }],
      fixed: S('error_log /dev/stderr;'),
    },
    {
      name: 'a relative log path, taken from the prefix',
      files: S('access_log logs/access.log;'),
      findings: [{ at: '2:15-2:30', text: 'logs/access.log',
        data: { path: '/etc/nginx/logs/access.log' } }],
    },
    {
      name: 'a quoted log path, at the whole quoted word',
      files: S('access_log "/var/log/app/a.log";'),
      findings: [{ at: '2:15-2:35', text: '"/var/log/app/a.log"' }],
      fixed: S('access_log /dev/stdout;'),
    },
    {
      name: 'a main config without error_log and an http block without access_log',
      files: { 'nginx.conf': 'pid /tmp/nginx.pid;\nevents {}\nhttp {\n}\n' },
      findings: [
        { at: '1:0-1:6', text: 'events',
          data: { path: '/var/log/nginx/error.log', isDefault: true },
          message: /^nginx's compiled-in error_log is \/var\/log\/nginx\/error\.log/ },
        { at: '2:0-2:4', text: 'http',
          data: { path: '/var/log/nginx/access.log', isDefault: true } },
      ],
      fixed: { 'nginx.conf': 'pid /tmp/nginx.pid;\nerror_log /dev/stderr;\nevents {}\n' +
        'http {\n}\n' },
    },
    {
      name: 'a log file the official image does not link to a stream',
      files: {
        'app.conf': S('access_log /var/log/nginx/app.log;')['app.conf'],
        'Dockerfile': `FROM nginx:1.27\n${COPY_APP}USER nginx\n`,
      },
      findings: [{ at: '2:15-2:37', text: '/var/log/nginx/app.log',
        message: /is not writable by user nginx/ }],
      fixed: { 'app.conf': S('access_log /dev/stdout;')['app.conf'] },
    },
  ],
});
