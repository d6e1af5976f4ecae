import { ruleTester } from './ruleTester';

const COPY = 'COPY app.conf /etc/nginx/conf.d/app.conf\n';
const LISTEN_8080 = 'server {\n    listen 8080;\n}\n';

/** A Dockerfile that copies app.conf, with the given lines before `USER nginx`. */
const D = (lines: string): string => `FROM nginx:1.27\n${COPY}${lines}USER nginx\n`;

ruleTester('RG301', {
  valid: [
    {
      name: 'EXPOSE of the port nginx listens on',
      files: { 'Dockerfile': D('EXPOSE 8080\n'), 'app.conf': LISTEN_8080 },
    },
    {
      name: 'a range of EXPOSE that holds the listen port',
      files: { 'Dockerfile': D('EXPOSE 8000-8100\n'), 'app.conf': LISTEN_8080 },
    },
    {
      name: 'EXPOSE 8000 for a server without listen, which a non-root nginx binds to 8000',
      files: { 'Dockerfile': D('EXPOSE 8000\n'), 'app.conf': 'server {\n    root /srv;\n}\n' },
    },
    {
      name: 'a Dockerfile that copies no config',
      files: { 'Dockerfile': 'FROM nginx:1.27\nEXPOSE 8000\nUSER nginx\n',
        'app.conf': LISTEN_8080 },
    },
    {
      name: 'a config copied from another stage, which is not the host file',
      files: {
        'Dockerfile': 'FROM nginx:1.27\nCOPY --from=build /app.conf /etc/nginx/conf.d/\n' +
          'EXPOSE 8000\nUSER nginx\n',
        'app.conf': LISTEN_8080,
      },
    },
    {
      name: 'a config that listens only on a unix socket',
      files: { 'Dockerfile': D('EXPOSE 8000\n'),
        'app.conf': 'server {\n    listen unix:/tmp/app.sock;\n}\n' },
    },
  ],
  invalid: [
    {
      name: 'EXPOSE of a port no config listens on, aligning EXPOSE with listen',
      files: { 'Dockerfile': D('EXPOSE 8000\n'), 'app.conf': LISTEN_8080 },
      findings: [
        { at: '2:7-2:11', text: '8000', data: { port: 8000 },
          message: /^EXPOSE 8000, but no nginx config of this image listens on it \(they lis/ },
        { at: '2:0-2:11', text: 'EXPOSE 8000', data: { port: 8080 },
          message: /^nginx listens on 8080, which the image does not EXPOSE\.$/ },
      ],
      fixed: { Dockerfile: D('EXPOSE 8080\n') },
    },
    {
      name: 'a listen port the image does not EXPOSE, adding EXPOSE before USER',
      files: { 'Dockerfile': D(''), 'app.conf': LISTEN_8080 },
      findings: [{ at: '1:0-1:40', text: COPY.trim(), data: { port: 8080 } }],
      fixed: { Dockerfile: D('EXPOSE 8080\n') },
    },
    {
      name: 'two EXPOSE lines against one listen, keeping one EXPOSE',
      files: { 'Dockerfile': D('EXPOSE 8000\nEXPOSE 9000\n'), 'app.conf': LISTEN_8080 },
      findings: [
        { at: '2:7-2:11', text: '8000' },
        { at: '3:7-3:11', text: '9000' },
        { at: '3:0-3:11', text: 'EXPOSE 9000' },
      ],
      fixed: { Dockerfile: D('EXPOSE 8080\n') },
    },
    {
      name: 'configs copied as a folder that listen on two ports',
      files: {
        'Dockerfile': 'FROM nginx:1.27\nCOPY conf.d/ /etc/nginx/conf.d/\nEXPOSE 8080\n' +
          'USER nginx\n',
        'conf.d/app.conf': LISTEN_8080,
        'conf.d/admin.conf': 'server {\n    listen 127.0.0.1:9090;\n}\n',
      },
      findings: [{ at: '2:0-2:11', text: 'EXPOSE 8080', data: { port: 9090 } }],
      fixed: { Dockerfile: 'FROM nginx:1.27\nCOPY conf.d/ /etc/nginx/conf.d/\n' +
        'EXPOSE 8080 9090\nUSER nginx\n' },
    },
  ],
});
