import { ruleTester } from './ruleTester';

const NO_USER = /The image runs as root: no USER is set/;

ruleTester('RG101', {
  valid: [
    {
      name: 'a USER in the final stage',
      files: { Dockerfile: 'FROM alpine:3.20\nUSER 10001\nCMD ["sh"]\n' },
    },
    {
      name: 'a USER in the stage the final stage builds on with FROM <stage>',
      files: { Dockerfile: 'FROM alpine:3.20 AS base\nUSER 10001\nFROM base\nCMD ["sh"]\n' },
    },
    {
      name: 'nginxinc/nginx-unprivileged, a base that runs as non-root',
      files: { Dockerfile: 'FROM nginxinc/nginx-unprivileged:1.27-alpine\n' },
    },
    {
      name: 'distroless :nonroot, a base that runs as non-root',
      files: { Dockerfile: 'FROM gcr.io/distroless/static-debian12:nonroot\n' },
    },
    {
      name: 'a Chainguard image, which runs as non-root',
      files: { Dockerfile: 'FROM cgr.dev/chainguard/nginx:latest\n' },
    },
    {
      name: 'a Bitnami image, which runs as non-root',
      files: { Dockerfile: 'FROM docker.io/bitnami/nginx:1.27\n' },
    },
    {
      name: 'a base image the settings list as non-root',
      files: { Dockerfile: 'FROM registry.example.com/team/web:1.4\nCMD ["web"]\n' },
      settings: { nonRootBases: ['registry.example.com/team/*'] },
    },
    {
      name: 'a last USER of root, which is RG102\'s finding',
      files: { Dockerfile: 'FROM alpine:3.20\nUSER root\n' },
    },
    {
      name: 'a last USER from an unknown build argument, which is RG103\'s finding',
      files: { Dockerfile: 'FROM alpine:3.20\nARG APP_USER\nUSER $APP_USER\n' },
    },
    {
      name: 'a Dockerfile without FROM, which builds nothing (RG002)',
      files: { Dockerfile: 'RUN echo hi\n' },
    },
  ],
  invalid: [
    {
      name: 'an image with no USER, adding USER 10001 before CMD',
      files: { Dockerfile: 'FROM alpine:3.20\nRUN apk add --no-cache curl\nCMD ["curl"]\n' },
      findings: [{ at: '0:0-0:16', text: 'FROM alpine:3.20', message: NO_USER }],
      fixed: { Dockerfile: 'FROM alpine:3.20\nRUN apk add --no-cache curl\nUSER 10001\n' +
        'CMD ["curl"]\n' },
    },
    {
      name: 'FROM scratch, adding the USER at the end when there is no CMD',
      files: { Dockerfile: 'FROM scratch\nCOPY app /app\n' },
      findings: [{ at: '0:0-0:12', text: 'FROM scratch',
        message: /FROM scratch starts with no users at all/ }],
      fixed: { Dockerfile: 'FROM scratch\nCOPY app /app\nUSER 10001\n' },
    },
    {
      name: 'ENV USER=app, which sets a variable and not the user',
      files: { Dockerfile: 'FROM alpine:3.20\nENV USER=app\nCMD ["sh"]\n' },
      findings: [{ at: '0:0-0:16', text: 'FROM alpine:3.20' }],
    },
    {
      name: 'a USER only in an earlier stage the final stage does not build on',
      files: { Dockerfile: 'FROM alpine:3.20 AS build\nUSER app\n' +
        'FROM alpine:3.20\nCOPY --from=build /out /app\nCMD ["/app"]\n' },
      findings: [{ at: '2:0-2:16', text: 'FROM alpine:3.20' }],
      fixed: { Dockerfile: 'FROM alpine:3.20 AS build\nUSER app\n' +
        'FROM alpine:3.20\nCOPY --from=build /out /app\nUSER 10001\nCMD ["/app"]\n' },
    },
    {
      name: 'ONBUILD USER, which applies only to images built from this one',
      files: { Dockerfile: 'FROM alpine:3.20\nONBUILD USER app\n' },
      findings: [{ at: '0:0-0:16', text: 'FROM alpine:3.20' }],
    },
    {
      name: 'USER inside a RUN heredoc, which is shell text and not an instruction',
      files: { Dockerfile: 'FROM alpine:3.20\nRUN <<EOF\nUSER app\nEOF\n' },
      findings: [{ at: '0:0-0:16', text: 'FROM alpine:3.20' }],
    },
    {
      name: 'the official nginx image, whose master runs as root, switching to its nginx user',
      files: { Dockerfile: 'FROM nginx:1.27-alpine\nCMD ["nginx", "-g", "daemon off;"]\n' },
      findings: [{ at: '0:0-0:22', text: 'FROM nginx:1.27-alpine',
        message: /nginx:1.27-alpine is not known to run as non-root/ }],
      fixed: { Dockerfile: 'FROM nginx:1.27-alpine\nUSER nginx\n' +
        'CMD ["nginx", "-g", "daemon off;"]\n' },
    },
    {
      name: 'distroless without the :nonroot tag',
      files: { Dockerfile: 'FROM gcr.io/distroless/static-debian12\n' },
      findings: [{ at: '0:0-0:38', text: 'FROM gcr.io/distroless/static-debian12' }],
    },
    {
      name: 'a Chainguard -dev image, which runs as root',
      files: { Dockerfile: 'FROM cgr.dev/chainguard/nginx:latest-dev\n' },
      findings: [{ at: '0:0-0:40', text: 'FROM cgr.dev/chainguard/nginx:latest-dev' }],
    },
    {
      name: 'a base image the settings do not match',
      files: { Dockerfile: 'FROM registry.example.com/other/web:1.4\n' },
      settings: { nonRootBases: ['registry.example.com/team/*'] },
      findings: [{ at: '0:0-0:39', text: 'FROM registry.example.com/other/web:1.4' }],
    },
    {
      name: 'a user the Dockerfile creates but never switches to, switching to it',
      files: { Dockerfile: 'FROM debian:bookworm\nRUN useradd --system app\nCMD ["bash"]\n' },
      findings: [{ at: '0:0-0:20', text: 'FROM debian:bookworm' }],
      fixed: { Dockerfile: 'FROM debian:bookworm\nRUN useradd --system app\nUSER app\n' +
        'CMD ["bash"]\n' },
    },
    {
      name: 'a CRLF file, keeping CRLF in the inserted line',
      files: { Dockerfile: 'FROM alpine:3.20\r\nCMD ["sh"]\r\n' },
      findings: [{ at: '0:0-0:16', text: 'FROM alpine:3.20' }],
      fixed: { Dockerfile: 'FROM alpine:3.20\r\nUSER 10001\r\nCMD ["sh"]\r\n' },
    },
  ],
});
