import { ruleTester } from './ruleTester';

ruleTester('RG102', {
  valid: [
    {
      name: 'a non-root user name',
      files: { Dockerfile: 'FROM alpine:3.20\nUSER app\n' },
    },
    {
      name: 'USER 1000:0, since only the user part decides',
      files: { Dockerfile: 'FROM alpine:3.20\nUSER 1000:0\n' },
    },
    {
      name: 'USER root followed by a non-root USER',
      files: { Dockerfile: 'FROM alpine:3.20\nUSER root\nRUN apk add curl\nUSER 10001\n' },
    },
    {
      name: 'a root USER in a parent stage that the final stage overrides',
      files: { Dockerfile: 'FROM alpine:3.20 AS base\nUSER root\nFROM base\nUSER 10001\n' },
    },
    {
      name: 'USER root in an earlier stage the final stage does not build on',
      files: { Dockerfile: 'FROM alpine:3.20 AS build\nUSER root\nFROM alpine:3.20\n' +
        'USER 10001\n' },
    },
    {
      name: 'ONBUILD USER root, which applies only to images built from this one',
      files: { Dockerfile: 'FROM alpine:3.20\nUSER 10001\nONBUILD USER root\n' },
    },
    {
      name: 'USER root inside a RUN heredoc',
      files: { Dockerfile: 'FROM alpine:3.20\nUSER 10001\nRUN <<EOF\nUSER root\nEOF\n' },
    },
    {
      name: 'an ARG default that is not root',
      files: { Dockerfile: 'FROM alpine:3.20\nARG APP_USER=10001\nUSER $APP_USER\n' },
    },
    {
      name: 'an unresolved variable, which is RG103\'s finding',
      files: { Dockerfile: 'FROM alpine:3.20\nARG APP_USER\nUSER $APP_USER\n' },
    },
    {
      name: 'a global ARG root default that the stage does not re-declare (it is unset there)',
      files: { Dockerfile: 'ARG U=root\nFROM alpine:3.20\nUSER ${U:-10001}\n' },
    },
  ],
  invalid: [
    {
      name: 'USER root, replacing it with a numeric uid',
      files: { Dockerfile: 'FROM alpine:3.20\nUSER root\nCMD ["sh"]\n' },
      findings: [{ at: '1:5-1:9', text: 'root', message: /its last USER is root\.$/ }],
      fixed: { Dockerfile: 'FROM alpine:3.20\nUSER 10001\nCMD ["sh"]\n' },
    },
    {
      name: 'USER 0',
      files: { Dockerfile: 'FROM alpine:3.20\nUSER 0\n' },
      findings: [{ at: '1:5-1:6', text: '0' }],
      fixed: { Dockerfile: 'FROM alpine:3.20\nUSER 10001\n' },
    },
    {
      name: 'USER root:grp, root with another group',
      files: { Dockerfile: 'FROM alpine:3.20\nUSER root:grp\n' },
      findings: [{ at: '1:5-1:13', text: 'root:grp' }],
    },
    {
      name: 'USER 0:0',
      files: { Dockerfile: 'FROM alpine:3.20\nUSER 0:0\n' },
      findings: [{ at: '1:5-1:8', text: '0:0' }],
    },
    {
      name: 'a USER whose ARG default is root',
      files: { Dockerfile: 'FROM alpine:3.20\nARG APP_USER=root\nUSER $APP_USER\n' },
      findings: [{ at: '2:5-2:14', text: '$APP_USER',
        message: /its last USER is root \(\$APP_USER resolves to root\)/ }],
      fixed: { Dockerfile: 'FROM alpine:3.20\nARG APP_USER=root\nUSER 10001\n' },
    },
    {
      name: 'a USER whose ENV value is 0',
      files: { Dockerfile: 'FROM alpine:3.20\nENV UID=0\nUSER ${UID}\n' },
      findings: [{ at: '2:5-2:11', text: '${UID}' }],
    },
    {
      name: 'a USER whose re-declared ARG inherits the global root default',
      files: { Dockerfile: 'ARG APP_USER=root\nFROM alpine:3.20\nARG APP_USER\nUSER $APP_USER\n' },
      findings: [{ at: '3:5-3:14', text: '$APP_USER' }],
    },
    {
      name: 'a ${X:-root} default for a variable the file never sets',
      files: { Dockerfile: 'FROM alpine:3.20\nUSER ${APP_USER:-root}\n' },
      findings: [{ at: '1:5-1:22', text: '${APP_USER:-root}' }],
    },
    {
      name: 'a root USER inherited from the parent stage',
      files: { Dockerfile: 'FROM alpine:3.20 AS base\nUSER root\nFROM base\nCMD ["sh"]\n' },
      findings: [{ at: '1:5-1:9', text: 'root' }],
    },
    {
      name: 'USER root after USER app, switching back to the user the file created',
      files: { Dockerfile: 'FROM debian:bookworm\nRUN useradd --system app\nUSER app\n' +
        'RUN echo building\nUSER root\n' },
      findings: [{ at: '4:5-4:9', text: 'root' }],
      fixed: { Dockerfile: 'FROM debian:bookworm\nRUN useradd --system app\nUSER app\n' +
        'RUN echo building\nUSER app\n' },
    },
    {
      name: 'USER root on a non-root base, switching to the base\'s own user',
      files: { Dockerfile: 'FROM nginxinc/nginx-unprivileged:1.27\nUSER root\n' },
      findings: [{ at: '1:5-1:9', text: 'root' }],
      fixed: { Dockerfile: 'FROM nginxinc/nginx-unprivileged:1.27\nUSER nginx\n' },
    },
    {
      name: 'a USER value continued onto the next line, at the value\'s own line',
      files: { Dockerfile: 'FROM alpine:3.20\nUSER \\\n    root\n' },
      findings: [{ at: '2:4-2:8', text: 'root' }],
    },
    {
      name: 'USER root in a file with a byte order mark and CRLF line ends',
      files: { Dockerfile: '\ufeffFROM alpine:3.20\r\nUSER root\r\n' },
      findings: [{ at: '1:5-1:9', text: 'root' }],
      fixed: { Dockerfile: '\ufeffFROM alpine:3.20\r\nUSER 10001\r\n' },
    },
  ],
});
