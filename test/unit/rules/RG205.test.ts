import { ruleTester } from './ruleTester';

const MAIN_TAIL = 'pid /tmp/nginx.pid;\nerror_log stderr;\nevents {}\n';

ruleTester('RG205', {
  valid: [
    { name: 'a main config without user', files: { 'nginx.conf': MAIN_TAIL } },
    { name: 'user in a comment', files: { 'nginx.conf': `# user nginx;\n${MAIN_TAIL}` } },
    {
      name: 'a word "user" that is not the directive',
      files: { 'app.conf': 'server {\n    listen 8080;\n    set $user nginx;\n}\n' },
    },
  ],
  invalid: [
    {
      name: 'user nginx;, removing the whole line',
      files: { 'nginx.conf': `user nginx;\n${MAIN_TAIL}` },
      findings: [{ at: '0:0-0:11', text: 'user nginx;',
        message: /^nginx ignores "user" when its master process is not root/ }],
      fixed: { 'nginx.conf': MAIN_TAIL },
    },
    {
      name: 'user with a group, keeping the comment after it',
      files: { 'nginx.conf': `user  nginx nginx;  # workers\n${MAIN_TAIL}` },
      findings: [{ at: '0:0-0:18', text: 'user  nginx nginx;' }],
      fixed: { 'nginx.conf': `# workers\n${MAIN_TAIL}` },
    },
    {
      name: 'user in a fragment',
      files: { 'app.conf': 'user www-data;\nserver {\n    listen 8080;\n}\n' },
      findings: [{ at: '0:0-0:14', text: 'user www-data;' }],
      fixed: { 'app.conf': 'server {\n    listen 8080;\n}\n' },
    },
    {
      name: 'user in a config copied into an image, naming the image\'s user',
      files: {
        'nginx.conf': `user nginx;\n${MAIN_TAIL}`,
        'Dockerfile': 'FROM nginx:1.27\nCOPY nginx.conf /etc/nginx/nginx.conf\nUSER nginx\n',
      },
      findings: [{ at: '0:0-0:11', text: 'user nginx;', message: /for user nginx this line/ }],
      fixed: { 'nginx.conf': MAIN_TAIL },
    },
    {
      name: 'user on the last line, without a final line break',
      files: { 'nginx.conf': `${MAIN_TAIL}user nginx;` },
      findings: [{ at: '3:0-3:11', text: 'user nginx;' }],
      fixed: { 'nginx.conf': MAIN_TAIL.replace(/\n$/, '') },
    },
  ],
});
