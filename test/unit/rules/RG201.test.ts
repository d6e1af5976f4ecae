import { ruleTester } from './ruleTester';

/** A fragment with one server, as a conf.d file holds it. */
const S = (listen: string): { 'app.conf': string } =>
  ({ 'app.conf': `server {\n    ${listen}\n}\n` });

ruleTester('RG201', {
  valid: [
    { name: 'listen 8080', files: S('listen 8080;') },
    { name: 'listen 1024, the first unprivileged port', files: S('listen 1024;') },
    { name: 'an address with a high port', files: S('listen 127.0.0.1:8443 ssl;') },
    { name: 'an IPv6 address with a high port', files: S('listen [::]:8080;') },
    { name: 'a unix socket, which binds no port', files: S('listen unix:/tmp/nginx.sock;') },
    { name: 'a server without listen (a non-root nginx binds 8000)', files: S('root /srv;') },
    { name: 'a port from a variable, which cannot be judged', files: S('listen $port;') },
    { name: 'listen in a comment', files: S('# listen 80;\n    listen 8080;') },
  ],
  invalid: [
    {
      name: 'listen 80, moving it to 8080',
      files: S('listen 80;'),
      findings: [{ at: '1:11-1:13', text: '80', data: { port: 80 },
        message: /^nginx listens on port 80; a non-root user cannot bind below 1024\.$/ }],
      fixed: S('listen 8080;'),
    },
    {
      name: 'an address with port 80, at the port digits',
      files: S('listen 127.0.0.1:80;'),
      findings: [{ at: '1:21-1:23', text: '80', data: { port: 80 } }],
      fixed: S('listen 127.0.0.1:8080;'),
    },
    {
      name: '[::]:443 ssl, moving it to 8443',
      files: S('listen [::]:443 ssl;'),
      findings: [{ at: '1:16-1:19', text: '443', data: { port: 443 } }],
      fixed: S('listen [::]:8443 ssl;'),
    },
    {
      name: '*:80 default_server',
      files: S('listen *:80 default_server;'),
      findings: [{ at: '1:13-1:15', text: '80' }],
      fixed: S('listen *:8080 default_server;'),
    },
    {
      name: 'an IPv4 address alone, which means port 80',
      files: S('listen 127.0.0.1;'),
      findings: [{ at: '1:11-1:20', text: '127.0.0.1', data: { port: 80 },
        message: /an address alone means port 80/ }],
      fixed: S('listen 127.0.0.1:8080;'),
    },
    {
      name: 'a host name alone',
      files: S('listen localhost;'),
      findings: [{ at: '1:11-1:20', text: 'localhost', data: { port: 80 } }],
      fixed: S('listen localhost:8080;'),
    },
    {
      name: 'an IPv6 address alone',
      files: S('listen [::1];'),
      findings: [{ at: '1:11-1:16', text: '[::1]', data: { port: 80 } }],
      fixed: S('listen [::1]:8080;'),
    },
    {
      name: 'every listen of every server',
      files: { 'nginx.conf': 'pid /tmp/nginx.pid;\nerror_log stderr;\nevents {}\n' +
        'stream {\n    server {\n        listen 53 udp;\n    }\n}\n' +
        'mail {\n    server {\n        listen 25;\n    }\n}\n' },
      findings: [
        { at: '5:15-5:17', text: '53', data: { port: 53 } },
        { at: '10:15-10:17', text: '25', data: { port: 25 } },
      ],
    },
    {
      name: 'listen 80 in a config a Dockerfile copies, fixing its EXPOSE too',
      files: {
        'app.conf': 'server {\n    listen 80;\n}\n',
        'Dockerfile': 'FROM nginx:1.27\nCOPY app.conf /etc/nginx/conf.d/\nEXPOSE 80\n' +
          'USER nginx\n',
      },
      findings: [{ at: '1:11-1:13', text: '80', message: /user nginx cannot bind/ }],
      fixed: {
        'app.conf': 'server {\n    listen 8080;\n}\n',
        'Dockerfile': 'FROM nginx:1.27\nCOPY app.conf /etc/nginx/conf.d/\nEXPOSE 8080\n' +
          'USER nginx\n',
      },
    },
  ],
});
