import { ruleTester } from './ruleTester';

/** A main config whose pid and logs are fine, with the given lines inside `http`. */
const MAIN = (http: string): string => 'pid /tmp/nginx.pid;\nerror_log stderr;\nevents {}\n' +
  `http {\n    access_log off;\n${http}}\n`;

const ALL_IN_TMP = '    client_body_temp_path /tmp/client_temp;\n' +
  '    proxy_temp_path /tmp/proxy_temp;\n    fastcgi_temp_path /tmp/fastcgi_temp;\n' +
  '    uwsgi_temp_path /tmp/uwsgi_temp;\n    scgi_temp_path /tmp/scgi_temp;\n';

const COPY_MAIN = 'COPY nginx.conf /etc/nginx/nginx.conf\n';

ruleTester('RG203', {
  valid: [
    { name: 'all five temp paths under /tmp', files: { 'nginx.conf': MAIN(ALL_IN_TMP) } },
    {
      name: 'a main config without http, which has no temp paths',
      files: { 'nginx.conf': 'pid /tmp/nginx.pid;\nerror_log stderr;\nevents {}\n' },
    },
    {
      name: 'a fragment, whose defaults belong to the main config',
      files: { 'app.conf': 'server {\n    listen 8080;\n}\n' },
    },
    {
      name: 'proxy_cache_path under /tmp',
      files: { 'app.conf': 'proxy_cache_path /tmp/cache levels=1:2 keys_zone=c:10m;\n' },
    },
    {
      name: 'a temp path with a variable, which cannot be judged',
      files: { 'app.conf': 'client_body_temp_path /var/cache/$host;\n' },
    },
    {
      name: 'the defaults, after chmod -R a+w /var/cache/nginx in the Dockerfile',
      files: {
        'nginx.conf': MAIN(''),
        'Dockerfile': `FROM nginx:1.27\n${COPY_MAIN}RUN chmod -R a+w /var/cache/nginx\n` +
          'USER nginx\n',
      },
    },
    {
      name: 'the defaults, after chown -R nginx:nginx /var/cache/nginx in the Dockerfile',
      files: {
        'nginx.conf': MAIN(''),
        'Dockerfile': `FROM nginx:1.27\n${COPY_MAIN}` +
          'RUN chown -R nginx:nginx /var/cache/nginx\nUSER nginx\n',
      },
    },
    {
      name: 'the defaults of nginx-unprivileged, which are under /tmp',
      files: {
        'nginx.conf': MAIN(''),
        'Dockerfile': `FROM nginxinc/nginx-unprivileged:1.27\n${COPY_MAIN}`,
      },
    },
  ],
  invalid: [
    {
      name: 'the five defaults in a main config with http, one finding for their folder',
      files: { 'nginx.conf': MAIN('') },
      findings: [{ at: '3:0-3:4', text: 'http',
        data: { path: '/var/cache/nginx', isDefault: true },
        message: /^nginx's compiled-in temp folder of client_body_temp_path, proxy_temp_path, / }],
      fixed: { 'nginx.conf': 'pid /tmp/nginx.pid;\nerror_log stderr;\nevents {}\nhttp {\n' +
        `${ALL_IN_TMP.replace(/\n$/, '')}\n    access_log off;\n}\n` },
    },
    {
      name: 'the defaults an http block leaves unset next to one it sets',
      files: { 'nginx.conf': MAIN('    client_body_temp_path /tmp/client_temp;\n') },
      findings: [{ at: '3:0-3:4', text: 'http',
        message: /temp folder of proxy_temp_path, fastcgi_temp_path, uwsgi_temp_path, scgi_t/ }],
    },
    {
      name: 'an explicit temp path in /var/cache/nginx, moving it to /tmp',
      files: { 'app.conf': 'client_body_temp_path /var/cache/nginx/body 1 2;\n' },
      findings: [{ at: '0:22-0:43', text: '/var/cache/nginx/body',
        data: { path: '/var/cache/nginx/body' } }],
      fixed: { 'app.conf': 'client_body_temp_path /tmp/body 1 2;\n' },
    },
    {
      name: 'each of the five temp path directives',
      files: { 'app.conf': 'client_body_temp_path /var/lib/nginx/a;\n' +
        'proxy_temp_path /var/lib/nginx/b;\nfastcgi_temp_path /var/lib/nginx/c;\n' +
        'uwsgi_temp_path /var/lib/nginx/d;\nscgi_temp_path /var/lib/nginx/e;\n' },
      findings: [
        { at: '0:22-0:38', text: '/var/lib/nginx/a' },
        { at: '1:16-1:32', text: '/var/lib/nginx/b' },
        { at: '2:18-2:34', text: '/var/lib/nginx/c' },
        { at: '3:16-3:32', text: '/var/lib/nginx/d' },
        { at: '4:15-4:31', text: '/var/lib/nginx/e' },
      ],
    },
    {
      name: 'proxy_cache_path where the user cannot write',
      files: { 'app.conf': 'proxy_cache_path /var/cache/nginx/cache keys_zone=c:10m;\n' },
      findings: [{ at: '0:17-0:39', text: '/var/cache/nginx/cache',
        data: { path: '/var/cache/nginx/cache' } }],
      fixed: { 'app.conf': 'proxy_cache_path /tmp/cache keys_zone=c:10m;\n' },
    },
    {
      name: 'a temp path in a location, at any depth',
      files: { 'app.conf': 'server {\n    location /upload {\n' +
        '        client_body_temp_path /srv/uploads;\n    }\n}\n' },
      findings: [{ at: '2:30-2:42', text: '/srv/uploads' }],
      fixed: { 'app.conf': 'server {\n    location /upload {\n' +
        '        client_body_temp_path /tmp/uploads;\n    }\n}\n' },
    },
    {
      name: 'the defaults in the official image when the Dockerfile leaves them to root',
      files: {
        'nginx.conf': MAIN(''),
        'Dockerfile': `FROM nginx:1.27\n${COPY_MAIN}USER nginx\n`,
      },
      findings: [{ at: '3:0-3:4', text: 'http',
        data: { path: '/var/cache/nginx', isDefault: true },
        message: /which user nginx cannot write/ }],
    },
    {
      name: 'the defaults when only their parent /var/cache was made writable',
      files: {
        'nginx.conf': MAIN(''),
        'Dockerfile': `FROM nginx:1.27\n${COPY_MAIN}RUN chmod a+w /var/cache\nUSER nginx\n`,
      },
      findings: [{ at: '3:0-3:4', text: 'http' }],
    },
  ],
});
