import { ruleTester } from './ruleTester';

/** A main config (it has `events`) with the given top lines; logs go to the streams. */
const MAIN = (top: string): string => `${top}error_log stderr;\nevents {}\n`;

const COPY_MAIN = 'COPY nginx.conf /etc/nginx/nginx.conf\n';

ruleTester('RG202', {
  valid: [
    { name: 'pid in /tmp', files: { 'nginx.conf': MAIN('pid /tmp/nginx.pid;\n') } },
    { name: 'pid in /var/tmp', files: { 'nginx.conf': MAIN('pid /var/tmp/nginx.pid;\n') } },
    { name: 'a fragment without pid', files: { 'app.conf': 'server {\n    listen 8080;\n}\n' } },
    {
      name: 'a main config whose included file sets pid',
      files: { 'nginx.conf': MAIN('include pid.conf;\n'), 'pid.conf': 'pid /tmp/nginx.pid;\n' },
    },
    {
      name: 'the default pid, which the Dockerfile made writable for the user',
      files: {
        'nginx.conf': MAIN(''),
        'Dockerfile': `FROM nginx:1.27-alpine\n${COPY_MAIN}` +
          'RUN touch /var/run/nginx.pid && chown nginx:nginx /var/run/nginx.pid\nUSER nginx\n',
      },
    },
    {
      name: 'pid in a folder chowned to the uid of the runtime user',
      files: {
        'nginx.conf': MAIN('pid /run/nginx/nginx.pid;\n'),
        'Dockerfile': `FROM nginx:1.27\n${COPY_MAIN}RUN mkdir -p /run/nginx && ` +
          'chown 101 /run/nginx\nUSER nginx\n',
      },
    },
    {
      name: 'the default pid of nginx-unprivileged, which is /tmp/nginx.pid',
      files: {
        'nginx.conf': MAIN(''),
        'Dockerfile': `FROM nginxinc/nginx-unprivileged:1.27\n${COPY_MAIN}`,
      },
    },
  ],
  invalid: [
    {
      name: 'pid in /run, moving it to /tmp',
      files: { 'nginx.conf': MAIN('pid /run/nginx.pid;\n') },
      findings: [{ at: '0:4-0:18', text: '/run/nginx.pid', data: { path: '/run/nginx.pid' },
        message: /^pid file \/run\/nginx\.pid is not writable by a non-root user\. No Dock/ }],
      fixed: { 'nginx.conf': MAIN('pid /tmp/nginx.pid;\n') },
    },
    {
      name: 'no pid in a main config, which keeps the compiled-in default',
      files: { 'nginx.conf': 'error_log stderr;\nevents {}\n' },
      findings: [{ at: '1:0-1:6', text: 'events',
        data: { path: '/var/run/nginx.pid', isDefault: true },
        message: /^nginx's compiled-in pid file is \/var\/run\/nginx\.pid/ }],
      fixed: { 'nginx.conf': 'error_log stderr;\npid /tmp/nginx.pid;\nevents {}\n' },
    },
    {
      name: 'pid in a fragment',
      files: { 'app.conf': 'pid /var/run/nginx.pid;\n' },
      findings: [{ at: '0:4-0:22', text: '/var/run/nginx.pid' }],
      fixed: { 'app.conf': 'pid /tmp/nginx.pid;\n' },
    },
    {
      name: 'a relative pid path, taken from the prefix',
      files: { 'nginx.conf': MAIN('pid logs/nginx.pid;\n') },
      findings: [{ at: '0:4-0:18', text: 'logs/nginx.pid',
        data: { path: '/etc/nginx/logs/nginx.pid' } }],
    },
    {
      name: 'the default pid in the official image, judged for the Dockerfile\'s user',
      files: {
        'nginx.conf': MAIN(''),
        'Dockerfile': `FROM nginx:1.27-alpine\n${COPY_MAIN}USER nginx\n`,
      },
      findings: [{ at: '1:0-1:6', text: 'events',
        data: { path: '/var/run/nginx.pid', isDefault: true },
        message: /which user nginx cannot write\. Judged in the image built by Dockerfile, at/ }],
    },
    {
      name: 'the default pid of Debian\'s nginx, /run/nginx.pid',
      files: {
        'nginx.conf': MAIN(''),
        'Dockerfile': `FROM debian:bookworm\nRUN apt-get install -y nginx\n${COPY_MAIN}` +
          'USER www-data\n',
      },
      findings: [{ at: '1:0-1:6', text: 'events',
        data: { path: '/run/nginx.pid', isDefault: true } }],
    },
    {
      name: 'pid in a folder the Dockerfile gave to another user',
      files: {
        'nginx.conf': MAIN('pid /run/app/nginx.pid;\n'),
        'Dockerfile': `FROM nginx:1.27\n${COPY_MAIN}RUN mkdir /run/app && chown 1000 /run/app\n` +
          'USER nginx\n',
      },
      findings: [{ at: '0:4-0:22', text: '/run/app/nginx.pid' }],
    },
    {
      name: 'pid of an image still running as root, judged for the user it should run as',
      files: {
        'nginx.conf': MAIN('pid /var/run/nginx.pid;\n'),
        'Dockerfile': `FROM nginx:1.27\n${COPY_MAIN}`,
      },
      findings: [{ at: '0:4-0:22', text: '/var/run/nginx.pid',
        message: /for user nginx: the image still runs as root/ }],
    },
  ],
});
