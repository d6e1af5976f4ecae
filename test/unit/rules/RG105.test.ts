import { ruleTester } from './ruleTester';

const D = (body: string): { Dockerfile: string } =>
  ({ Dockerfile: `FROM alpine:3.20\n${body}USER 10001\n` });

ruleTester('RG105', {
  valid: [
    { name: 'a RUN without sudo', files: D('RUN apk add --no-cache curl\n') },
    { name: 'sudo in a Dockerfile comment', files: D('# RUN sudo apk add curl\nRUN true\n') },
    { name: 'sudo in a shell comment', files: D('RUN apk add curl # no sudo needed\n') },
    { name: 'sudo in a double-quoted string', files: D('RUN echo "sudo"\n') },
    { name: 'sudo in a single-quoted string', files: D('RUN echo \'sudo ls\'\n') },
    { name: 'sudo as an argument', files: D('RUN echo sudo\n') },
    { name: 'sudo as a package name', files: D('RUN apk add sudo\n') },
    {
      name: 'sudo as a package name on a continued line',
      files: D('RUN apt-get update \\\n    && apt-get install -y \\\n       sudo\n'),
    },
    { name: 'sudo as a word of an exec-form RUN', files: D('RUN ["apk", "add", "sudo"]\n') },
    { name: 'a heredoc that writes a file', files: D('RUN cat <<EOF > /etc/motd\nsudo ls\nEOF\n') },
    { name: 'a command named like sudo', files: D('RUN sudoedit-helper --version\n') },
    { name: 'sudo in a string of sh -c', files: D('RUN sh -c "echo sudo"\n') },
    { name: 'ONBUILD RUN sudo, which runs in other images', files: D('ONBUILD RUN sudo ls\n') },
  ],
  invalid: [
    {
      name: 'sudo in the shell form, removing it',
      files: D('RUN sudo apk add curl\n'),
      findings: [{ at: '1:4-1:8', text: 'sudo', message: /^RUN uses sudo/ }],
      fixed: D('RUN apk add curl\n'),
    },
    {
      name: 'sudo after an assignment (FOO=1 sudo)',
      files: D('RUN FOO=1 sudo ls\n'),
      findings: [{ at: '1:10-1:14', text: 'sudo' }],
      fixed: D('RUN FOO=1 ls\n'),
    },
    {
      name: 'sudo by its path',
      files: D('RUN /usr/bin/sudo ls\n'),
      findings: [{ at: '1:4-1:17', text: '/usr/bin/sudo' }],
      fixed: D('RUN ls\n'),
    },
    {
      name: 'sudo after && and inside if/then',
      files: D('RUN true && sudo ls; if true; then sudo id; fi\n'),
      findings: [
        { at: '1:12-1:16', text: 'sudo' },
        { at: '1:35-1:39', text: 'sudo' },
      ],
      fixed: D('RUN true && ls; if true; then sudo id; fi\n'),
    },
    {
      name: 'sudo in a command substitution',
      files: D('RUN echo $(sudo id) `sudo id`\n'),
      findings: [{ at: '1:11-1:15', text: 'sudo' }, { at: '1:21-1:25', text: 'sudo' }],
      fixed: D('RUN echo $(id) `sudo id`\n'),
    },
    {
      name: 'sudo after a line continuation, at its own line',
      files: D('RUN apk add curl \\\n    && sudo ls\n'),
      findings: [{ at: '2:7-2:11', text: 'sudo' }],
      fixed: D('RUN apk add curl \\\n    && ls\n'),
    },
    {
      name: 'sudo whose command continues on the next line, without a fix',
      files: D('RUN sudo \\\n    ls\n'),
      findings: [{ at: '1:4-1:8', text: 'sudo' }],
      fixed: null,
    },
    {
      name: 'sudo -u, whose removal would change the user, without a fix',
      files: D('RUN sudo -u nobody ls\n'),
      findings: [{ at: '1:4-1:8', text: 'sudo' }],
      fixed: null,
    },
    {
      name: 'sudo after RUN flags',
      files: D('RUN --mount=type=cache,target=/var/cache/apk sudo apk add curl\n'),
      findings: [{ at: '1:45-1:49', text: 'sudo' }],
      fixed: D('RUN --mount=type=cache,target=/var/cache/apk apk add curl\n'),
    },
    {
      name: 'sudo in the exec form, the whole JSON string',
      files: D('RUN ["sudo", "apk", "add", "curl"]\n'),
      findings: [{ at: '1:5-1:11', text: '"sudo"' }],
      fixed: D('RUN ["apk", "add", "curl"]\n'),
    },
    {
      name: 'sudo in the script of an exec-form sh -c',
      files: D('RUN ["/bin/sh", "-c", "apk update && sudo apk add curl"]\n'),
      findings: [{ at: '1:37-1:41', text: 'sudo' }],
      fixed: D('RUN ["/bin/sh", "-c", "apk update && apk add curl"]\n'),
    },
    {
      name: 'sudo in the script of a shell-form sh -c',
      files: D('RUN sh -c "sudo apk add curl"\n'),
      findings: [{ at: '1:11-1:15', text: 'sudo' }],
      fixed: D('RUN sh -c "apk add curl"\n'),
    },
    {
      name: 'sudo after escaped quotes in an sh -c script, removed at its exact place',
      files: D('RUN sh -c "echo \\"hi\\" && sudo ls"\n'),
      findings: [{ at: '1:26-1:30', text: 'sudo' }],
      fixed: D('RUN sh -c "echo \\"hi\\" && ls"\n'),
    },
    {
      name: 'sudo after escaped quotes in an exec-form script, removed at its exact place',
      files: D('RUN ["sh", "-c", "echo \\"hi\\" && sudo ls"]\n'),
      findings: [{ at: '1:33-1:37', text: 'sudo' }],
      fixed: D('RUN ["sh", "-c", "echo \\"hi\\" && ls"]\n'),
    },
    {
      name: 'sudo on a continued line of an sh -c script',
      files: D('RUN sh -c "apk update && \\\n    sudo apk add curl"\n'),
      findings: [{ at: '2:4-2:8', text: 'sudo' }],
      fixed: D('RUN sh -c "apk update && \\\n    apk add curl"\n'),
    },
    {
      name: 'sudo in a RUN heredoc',
      files: D('RUN <<EOF\nset -e\nsudo apk add curl\nEOF\n'),
      findings: [{ at: '3:0-3:4', text: 'sudo' }],
      fixed: D('RUN <<EOF\nset -e\napk add curl\nEOF\n'),
    },
    {
      name: 'sudo in a heredoc fed to a shell',
      files: D('RUN bash <<EOF\n  sudo apk add curl\nEOF\n'),
      findings: [{ at: '2:2-2:6', text: 'sudo' }],
    },
    {
      name: 'sudo in every stage, not only the final one',
      files: { Dockerfile: 'FROM alpine:3.20 AS build\nRUN sudo make\nFROM alpine:3.20\n' +
        'USER 10001\n' },
      findings: [{ at: '1:4-1:8', text: 'sudo' }],
    },
    {
      name: 'sudo on a line continued with the escape directive\'s backquote',
      files: { Dockerfile: '# escape=`\nFROM alpine:3.20\nRUN echo C:\\tmp `\n' +
        '    && sudo ls\nUSER 10001\n' },
      findings: [{ at: '3:7-3:11', text: 'sudo' }],
    },
    {
      name: 'sudo in a CRLF file',
      files: { Dockerfile: 'FROM alpine:3.20\r\nRUN apk add curl \\\r\n    && sudo ls\r\n' +
        'USER 10001\r\n' },
      findings: [{ at: '2:7-2:11', text: 'sudo' }],
      fixed: { Dockerfile: 'FROM alpine:3.20\r\nRUN apk add curl \\\r\n    && ls\r\n' +
        'USER 10001\r\n' },
    },
  ],
});
