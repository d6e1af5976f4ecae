import { ruleTester } from './ruleTester';

const UNKNOWN = /The runtime user depends on APP_USER, which this Dockerfile gives no value/;

ruleTester('RG103', {
  valid: [
    {
      name: 'a literal USER',
      files: { Dockerfile: 'FROM alpine:3.20\nUSER 10001\n' },
    },
    {
      name: 'an ARG with a default',
      files: { Dockerfile: 'FROM alpine:3.20\nARG APP_USER=10001\nUSER $APP_USER\n' },
    },
    {
      name: 'a re-declared ARG that inherits the default of the global ARG',
      files: { Dockerfile: 'ARG APP_USER=10001\nFROM alpine:3.20\nARG APP_USER\n' +
        'USER $APP_USER\n' },
    },
    {
      name: 'an ENV value',
      files: { Dockerfile: 'FROM alpine:3.20\nENV APP_USER=10001\nUSER ${APP_USER}\n' },
    },
    {
      name: 'an ENV value set in the parent stage',
      files: { Dockerfile: 'FROM alpine:3.20 AS base\nENV APP_USER=10001\nFROM base\n' +
        'USER $APP_USER\n' },
    },
    {
      name: 'a ${X:-default} for a variable without value',
      files: { Dockerfile: 'FROM alpine:3.20\nARG APP_USER\nUSER ${APP_USER:-10001}\n' },
    },
    {
      name: 'an unresolved USER that a later literal USER replaces',
      files: { Dockerfile: 'FROM alpine:3.20\nARG APP_USER\nUSER $APP_USER\nUSER 10001\n' },
    },
  ],
  invalid: [
    {
      name: 'an ARG without default',
      files: { Dockerfile: 'FROM alpine:3.20\nARG APP_USER\nUSER $APP_USER\n' },
      findings: [{ at: '2:5-2:14', text: '$APP_USER', message: UNKNOWN }],
      fixed: null,
    },
    {
      name: 'a variable never declared',
      files: { Dockerfile: 'FROM alpine:3.20\nUSER ${APP_USER}:0\n' },
      findings: [{ at: '1:5-1:18', text: '${APP_USER}:0', message: UNKNOWN }],
      fixed: null,
    },
    {
      name: 'a global ARG used in a stage that does not re-declare it',
      files: { Dockerfile: 'ARG APP_USER=10001\nFROM alpine:3.20\nUSER $APP_USER\n' },
      findings: [{ at: '2:5-2:14', text: '$APP_USER', message: UNKNOWN }],
      fixed: null,
    },
  ],
});
