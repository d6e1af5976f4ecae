import assert from 'node:assert/strict';
import { test } from 'node:test';
import { targetChain } from '../../../server/src/dockerfile/model';
import { at } from '../../helpers/spans';
import { parse } from './helpers';

const MULTI = `ARG BASE=alpine:3.20
FROM \${BASE} AS Build
RUN make
FROM build AS test
RUN make test
FROM scratch
COPY --from=build /out /app
`;

test('each FROM starts a stage with its index, lower-cased name and base image', () => {
  const model = parse(MULTI);
  assert.deepEqual(model.stages.map((s) => [s.index, s.name, s.base.value]), [
    [0, 'build', 'alpine:3.20'],
    [1, 'test', 'build'],
    [2, undefined, 'scratch'],
  ]);
});

test('a stage spans from its FROM to its last instruction', () => {
  const model = parse(MULTI);
  assert.deepEqual(model.stages.map((s) => [at(s.fromSpan), at(s.span)]), [
    ['1:0-1:21', '1:0-2:8'],
    ['3:0-3:18', '3:0-4:13'],
    ['5:0-5:12', '5:0-6:27'],
  ]);
});

test('the default build target is the last stage', () => {
  const model = parse(MULTI);
  assert.equal(model.target, model.stages[2]);
});

test('FROM <stage> builds on that stage, compared case-insensitively', () => {
  const model = parse(MULTI);
  assert.deepEqual(model.stages.map((s) => s.parentStage), [undefined, 0, undefined]);
});

test('the target chain runs from the target back through each FROM <stage>', () => {
  const model = parse('FROM alpine:3.20 AS a\nFROM a AS b\nFROM alpine:3.20 AS c\nFROM b\n');
  assert.deepEqual(targetChain(model).map((s) => s.index), [3, 1, 0]);
});

test('a stage that names an image, not an earlier stage, has no parent', () => {
  const model = parse('FROM alpine:3.20 AS a\nFROM a:latest\n');
  assert.equal(model.stages[1]?.parentStage, undefined);
  assert.deepEqual(targetChain(model).map((s) => s.index), [1]);
});

test('a FROM cannot build on a stage that comes after it', () => {
  const model = parse('FROM later\nFROM alpine:3.20 AS later\n');
  assert.equal(model.stages[0]?.parentStage, undefined);
});

test('ARGs before the first FROM are global and expand in FROM', () => {
  const model = parse('ARG REGISTRY=docker.io\nARG TAG=1.27\n' +
    'FROM $REGISTRY/library/nginx:${TAG}-alpine\n');
  assert.deepEqual(model.globals.map((g) => [g.name, g.value]),
    [['REGISTRY', 'docker.io'], ['TAG', '1.27']]);
  const base = model.target?.base;
  assert.equal(base?.raw, '$REGISTRY/library/nginx:${TAG}-alpine');
  assert.equal(base?.value, 'docker.io/library/nginx:1.27-alpine');
  assert.equal(at(base?.span ?? assert.fail()), '2:5-2:42');
});

test('a FROM with a global ARG without value records it as unresolved', () => {
  const base = parse('ARG TAG\nFROM nginx:$TAG\n').target?.base;
  assert.deepEqual(base?.unresolved, ['TAG']);
});

test('FROM --platform is a flag, not the image', () => {
  const stage = parse('FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n').target;
  assert.equal(stage?.base.value, 'golang:1.22');
  assert.equal(stage?.name, 'build');
});

test('a Dockerfile without FROM has no stages and one problem at its start', () => {
  const model = parse('RUN echo hi\n');
  assert.equal(model.target, undefined);
  assert.deepEqual(model.problems.map((p) => [p.message, at(p.span)]), [
    ['RUN comes before the first FROM; only ARG may.', '0:0-0:3'],
    ['This Dockerfile has no FROM instruction, so it builds no image.', '0:0-0:0'],
  ]);
});

test('an empty file is read without throwing and builds no image', () => {
  const model = parse('');
  assert.deepEqual(model.stages, []);
  assert.equal(model.problems.length, 1);
});
