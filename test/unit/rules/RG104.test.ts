import { ruleTester } from './ruleTester';

const D = (body: string): { Dockerfile: string } =>
  ({ Dockerfile: `FROM alpine:3.20\n${body}USER 10001\n` });

ruleTester('RG104', {
  valid: [
    { name: 'EXPOSE 8080', files: D('EXPOSE 8080\n') },
    { name: 'EXPOSE 1024, the first unprivileged port', files: D('EXPOSE 1024\n') },
    { name: 'a range wholly above 1023', files: D('EXPOSE 8000-8010/tcp\n') },
    { name: 'an ARG default above 1023', files: D('ARG PORT=8080\nEXPOSE $PORT\n') },
    { name: 'an ARG without value, which cannot be judged', files: D('ARG PORT\nEXPOSE $PORT\n') },
    {
      name: 'EXPOSE 80 in an earlier stage the final stage does not build on',
      files: { Dockerfile: 'FROM alpine:3.20 AS build\nEXPOSE 80\nFROM alpine:3.20\n' +
        'USER 10001\n' },
    },
    { name: 'ONBUILD EXPOSE 80', files: D('ONBUILD EXPOSE 80\n') },
  ],
  invalid: [
    {
      name: 'a single port, moving it to 8080',
      files: D('EXPOSE 80\n'),
      findings: [{ at: '1:7-1:9', text: '80', data: { port: 80 },
        message: /^EXPOSE port 80 is privileged/ }],
      fixed: D('EXPOSE 8080\n'),
    },
    {
      name: 'a port with /tcp, keeping the protocol',
      files: D('EXPOSE 443/tcp\n'),
      findings: [{ at: '1:7-1:14', text: '443/tcp', data: { port: 443 } }],
      fixed: D('EXPOSE 8443/tcp\n'),
    },
    {
      name: 'a port with /udp',
      files: D('EXPOSE 53/udp\n'),
      findings: [{ at: '1:7-1:13', text: '53/udp', data: { port: 53 } }],
      fixed: D('EXPOSE 8053/udp\n'),
    },
    {
      name: 'each privileged port of a list, one finding each',
      files: D('EXPOSE 9000 80 443\n'),
      findings: [
        { at: '1:12-1:14', text: '80', data: { port: 80 } },
        { at: '1:15-1:18', text: '443', data: { port: 443 } },
      ],
      fixed: D('EXPOSE 9000 8080 443\n'),
    },
    {
      name: 'a range reaching below 1024, without a fix',
      files: D('EXPOSE 1000-1100\n'),
      findings: [{ at: '1:7-1:16', text: '1000-1100', data: { port: 1000 },
        message: /^EXPOSE ports 1000-1100/ }],
      fixed: null,
    },
    {
      name: 'a one-port range, replacing the whole range',
      files: D('EXPOSE 22-22\n'),
      findings: [{ at: '1:7-1:12', text: '22-22', data: { port: 22 } }],
      fixed: D('EXPOSE 8022\n'),
    },
    {
      name: 'port 1023, the last privileged one',
      files: D('EXPOSE 1023\n'),
      findings: [{ at: '1:7-1:11', text: '1023' }],
      fixed: D('EXPOSE 9023\n'),
    },
    {
      name: 'an ARG default, fixing the default',
      files: D('ARG PORT=80\nEXPOSE $PORT\n'),
      findings: [{ at: '2:7-2:12', text: '$PORT', data: { port: 80 },
        message: /^EXPOSE port 80 \(\$PORT\) is privileged/ }],
      fixed: D('ARG PORT=8080\nEXPOSE $PORT\n'),
    },
    {
      name: 'an ENV value with a protocol, fixing the value',
      files: D('ENV PORT=443\nEXPOSE ${PORT}/tcp\n'),
      findings: [{ at: '2:7-2:18', text: '${PORT}/tcp', data: { port: 443 } }],
      fixed: D('ENV PORT=8443\nEXPOSE ${PORT}/tcp\n'),
    },
    {
      name: 'a global ARG re-declared in the stage, replacing the reference',
      files: { Dockerfile: 'ARG PORT=80\nFROM alpine:3.20\nARG PORT\nEXPOSE $PORT\n' +
        'USER 10001\n' },
      findings: [{ at: '3:7-3:12', text: '$PORT', data: { port: 80 } }],
      fixed: { Dockerfile: 'ARG PORT=80\nFROM alpine:3.20\nARG PORT\nEXPOSE 8080\n' +
        'USER 10001\n' },
    },
    {
      name: 'a ${X:-default} default, replacing the expression',
      files: D('EXPOSE ${PORT:-80}\n'),
      findings: [{ at: '1:7-1:18', text: '${PORT:-80}', data: { port: 80 } }],
      fixed: D('EXPOSE 8080\n'),
    },
    {
      name: 'an ARG holding two ports, moving one and keeping the other',
      files: D('ARG PORTS="80 443"\nEXPOSE $PORTS\n'),
      findings: [
        { at: '2:7-2:13', text: '$PORTS', data: { port: 80 } },
        { at: '2:7-2:13', text: '$PORTS', data: { port: 443 } },
      ],
      fixed: D('ARG PORTS="8080 443"\nEXPOSE $PORTS\n'),
    },
    {
      name: 'ports on a continued line, each at its own line',
      files: D('EXPOSE 9000 \\\n    80\n'),
      findings: [{ at: '2:4-2:6', text: '80' }],
      fixed: D('EXPOSE 9000 \\\n    8080\n'),
    },
    {
      name: 'a port in the parent stage the final stage builds on',
      files: { Dockerfile: 'FROM alpine:3.20 AS base\nEXPOSE 80\nFROM base\nUSER 10001\n' },
      findings: [{ at: '1:7-1:9', text: '80' }],
      fixed: { Dockerfile: 'FROM alpine:3.20 AS base\nEXPOSE 8080\nFROM base\nUSER 10001\n' },
    },
    {
      name: 'EXPOSE 80 with the config that listens on it, fixing both files',
      files: {
        'Dockerfile': 'FROM nginx:1.27\nCOPY app.conf /etc/nginx/conf.d/app.conf\n' +
          'EXPOSE 80\nUSER nginx\n',
        'app.conf': 'server {\n    listen 80;\n}\n',
      },
      findings: [{ at: '2:7-2:9', text: '80' }],
      fixed: {
        'Dockerfile': 'FROM nginx:1.27\nCOPY app.conf /etc/nginx/conf.d/app.conf\n' +
          'EXPOSE 8080\nUSER nginx\n',
        'app.conf': 'server {\n    listen 8080;\n}\n',
      },
    },
  ],
});
