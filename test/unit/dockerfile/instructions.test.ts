import assert from 'node:assert/strict';
import { test } from 'node:test';
import { at, textAt } from '../../helpers/spans';
import { target } from './helpers';

test('USER keeps the exact range of its value, trailing blanks excluded', () => {
  const text = 'FROM alpine:3.20\nUSER   app:grp   \n';
  const user = target(text).users[0] ?? assert.fail();
  assert.equal(user.value.value, 'app:grp');
  assert.equal(at(user.value.span), '1:7-1:14');
  assert.equal(textAt(text, user.keywordSpan), 'USER');
});

test('a USER value from a variable keeps the raw text, its value and its range', () => {
  const text = 'FROM alpine:3.20\nENV UID=10001\nUSER ${UID}:0\n';
  const user = target(text).users[0] ?? assert.fail();
  assert.deepEqual([user.value.raw, user.value.value, at(user.value.span)],
    ['${UID}:0', '10001:0', '2:5-2:13']);
});

test('every USER of a stage is kept in order', () => {
  const users = target('FROM alpine:3.20\nUSER root\nRUN true\nUSER app\n').users;
  assert.deepEqual(users.map((u) => [u.value.value, at(u.value.span)]),
    [['root', '1:5-1:9'], ['app', '3:5-3:8']]);
});

test('ENV USER=app is a variable, not a USER', () => {
  assert.deepEqual(target('FROM alpine:3.20\nENV USER=app\n').users, []);
});

test('ONBUILD instructions do not act on this image', () => {
  const stage = target('FROM alpine:3.20\nUSER app\nONBUILD USER root\nONBUILD EXPOSE 80\n' +
    'ONBUILD RUN sudo ls\nONBUILD COPY x /x\n');
  assert.deepEqual(stage.users.map((u) => u.value.value), ['app']);
  assert.deepEqual([stage.exposes, stage.runs, stage.copies], [[], [], []]);
});

test('EXPOSE reads single ports, protocols, ranges and variables with exact ranges', () => {
  const text = 'FROM alpine:3.20\nARG P=80\nENV Q=443\n' +
    'EXPOSE 80 443/tcp 53/UDP 1000-1100 $P ${Q}/udp ${R:-22} 1024\n';
  const ports = target(text).exposes[0]?.ports ?? assert.fail();
  assert.deepEqual(ports.map((p) => [textAt(text, p.value.span), p.first, p.last, p.protocol]), [
    ['80', 80, 80, 'tcp'],
    ['443/tcp', 443, 443, 'tcp'],
    ['53/UDP', 53, 53, 'udp'],
    ['1000-1100', 1000, 1100, 'tcp'],
    ['$P', 80, 80, 'tcp'],
    ['${Q}/udp', 443, 443, 'udp'],
    ['${R:-22}', 22, 22, 'tcp'],
    ['1024', 1024, 1024, 'tcp'],
  ]);
});

test('an EXPOSE variable holding several ports gives one port each, at the variable', () => {
  const text = 'FROM alpine:3.20\nARG PORTS="80 443"\nEXPOSE $PORTS\n';
  const ports = target(text).exposes[0]?.ports ?? assert.fail();
  assert.deepEqual(ports.map((p) => [p.first, at(p.value.span)]),
    [[80, '2:7-2:13'], [443, '2:7-2:13']]);
});

test('EXPOSE arguments that are not ports are malformed; unresolved ones are neither', () => {
  const expose = target('FROM alpine:3.20\nARG P\nEXPOSE http 70000 90-80 $P\n').exposes[0];
  assert.deepEqual(expose?.ports, []);
  assert.deepEqual(expose?.malformed.map((m) => [m.value, at(m.span)]),
    [['http', '2:7-2:11'], ['70000', '2:12-2:17'], ['90-80', '2:18-2:23']]);
});

test('COPY reads flags, sources and destination in the shell form', () => {
  const copy = target('FROM alpine:3.20\nWORKDIR /app\nCOPY --chown=app:app --chmod=644 ' +
    'a.conf b.conf conf/\n').copies[0] ?? assert.fail();
  assert.deepEqual([copy.keyword, copy.chown, copy.chmod, copy.from, copy.workdir],
    ['COPY', 'app:app', '644', undefined, '/app']);
  assert.deepEqual(copy.sources.map((s) => s.value), ['a.conf', 'b.conf']);
  assert.equal(copy.destination?.value, 'conf/');
});

test('COPY in the JSON form keeps blanks inside its strings', () => {
  const text = 'FROM alpine:3.20\nCOPY ["my site.conf", "/etc/nginx/conf.d/my site.conf"]\n';
  const copy = target(text).copies[0] ?? assert.fail();
  assert.deepEqual(copy.sources.map((s) => [s.value, textAt(text, s.span)]),
    [['my site.conf', '"my site.conf"']]);
  assert.equal(copy.destination?.value, '/etc/nginx/conf.d/my site.conf');
});

test('COPY --from, ADD and a --chown from a variable are read as written', () => {
  const stage = target('FROM alpine:3.20\nARG OWNER=app\nCOPY --from=build /out /app\n' +
    'ADD --chown=$OWNER src/ /srv/\n');
  assert.deepEqual(stage.copies.map((c) => [c.keyword, c.from, c.chown]),
    [['COPY', 'build', undefined], ['ADD', undefined, 'app']]);
});

test('a relative WORKDIR is joined to the one before it', () => {
  const copy = target('FROM alpine:3.20\nWORKDIR /srv\nWORKDIR app\nCOPY a b\n').copies[0];
  assert.equal(copy?.workdir, '/srv/app');
});

test('CMD or ENTRYPOINT marks where a USER fix goes, the first of them winning', () => {
  const stage = target('FROM alpine:3.20\nRUN true\nENTRYPOINT ["sh"]\nCMD ["-c", "ls"]\n');
  assert.equal(at(stage.firstCommand ?? assert.fail()), '2:0-2:17');
});

test('instructions are read whatever their case', () => {
  const stage = target('from alpine:3.20 as Base\nuser root\nexpose 80\nrun sudo ls\n');
  assert.deepEqual([stage.name, stage.users[0]?.value.value, stage.exposes[0]?.ports[0]?.first,
    stage.runs.length], ['base', 'root', 80, 1]);
});
