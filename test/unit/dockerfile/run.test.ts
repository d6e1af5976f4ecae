import assert from 'node:assert/strict';
import { test } from 'node:test';
import { programName, programWords } from '../../../server/src/dockerfile/shell';
import { runCommandsOf, target } from './helpers';

const RUN = (line: string): string => `FROM alpine:3.20\n${line}\n`;

test('the shell form splits at ;, &&, ||, |, & and parentheses', () => {
  assert.deepEqual(runCommandsOf(RUN('RUN a; b && c || d | e & (f)')), [
    ['a@1:4-1:5'], ['b@1:7-1:8'], ['c@1:12-1:13'], ['d@1:17-1:18'], ['e@1:21-1:22'],
    ['f@1:26-1:27'],
  ]);
});

test('quotes are removed from words but kept in their ranges', () => {
  assert.deepEqual(runCommandsOf(RUN('RUN echo "a b" \'c d\' e\\ f')), [
    ['echo@1:4-1:8', 'a b@1:9-1:14', 'c d@1:15-1:20', 'e f@1:21-1:25'],
  ]);
});

test('shell comments end the words of a line', () => {
  assert.deepEqual(runCommandsOf(RUN('RUN apk add curl # sudo later')), [
    ['apk@1:4-1:7', 'add@1:8-1:11', 'curl@1:12-1:16'],
  ]);
});

test('command substitutions are commands of their own', () => {
  assert.deepEqual(runCommandsOf(RUN('RUN echo $(id -u) `whoami`')), [
    ['echo@1:4-1:8', '$@1:9-1:10'], ['id@1:11-1:13', '-u@1:14-1:16'], ['whoami@1:19-1:25'],
  ]);
});

test('RUN flags are not words of the command', () => {
  assert.deepEqual(runCommandsOf(RUN('RUN --mount=type=cache,target=/root/.cache pip install x')),
    [['pip@1:43-1:46', 'install@1:47-1:54', 'x@1:55-1:56']]);
});

test('the exec form is one command whose words are the JSON strings with their quotes', () => {
  const stage = target(RUN('RUN ["apk", "add", "my pkg"]'));
  assert.equal(stage.runs[0]?.isExecForm, true);
  assert.deepEqual(runCommandsOf(RUN('RUN ["apk", "add", "my pkg"]')), [
    ['apk@1:5-1:10', 'add@1:12-1:17', 'my pkg@1:19-1:27'],
  ]);
});

test('the script of an exec-form sh -c is read as shell', () => {
  assert.deepEqual(runCommandsOf(RUN('RUN ["/bin/sh", "-c", "apk update && sudo ls"]')), [
    ['/bin/sh@1:5-1:14', '-c@1:16-1:20', 'apk update && sudo ls@1:22-1:45'],
    ['apk@1:23-1:26', 'update@1:27-1:33'],
    ['sudo@1:37-1:41', 'ls@1:42-1:44'],
  ]);
});

test('the script of a shell-form bash -c is read as shell', () => {
  assert.deepEqual(runCommandsOf(RUN('RUN bash -c \'sudo ls\'')), [
    ['bash@1:4-1:8', '-c@1:9-1:11', 'sudo ls@1:12-1:21'],
    ['sudo@1:13-1:17', 'ls@1:18-1:20'],
  ]);
});

test('script positions stay exact across JSON and shell escapes and continuations', () => {
  assert.deepEqual(runCommandsOf(RUN('RUN ["sh", "-c", "echo \\"a\\" && sudo ls"]')).slice(1), [
    ['echo@1:18-1:22', 'a@1:23-1:28'],
    ['sudo@1:32-1:36', 'ls@1:37-1:39'],
  ]);
  assert.deepEqual(runCommandsOf(RUN('RUN sh -c "apk update && \\\n    sudo ls"')).slice(1), [
    ['apk@1:11-1:14', 'update@1:15-1:21'],
    ['sudo@2:4-2:8', 'ls@2:9-2:11'],
  ]);
});

test('a RUN heredoc is a script: its lines are commands, never instructions', () => {
  const text = RUN('RUN <<EOF\nUSER root\nsudo ls\nEOF\nUSER app');
  assert.deepEqual(runCommandsOf(text), [
    ['USER@2:0-2:4', 'root@2:5-2:9'],
    ['sudo@3:0-3:4', 'ls@3:5-3:7'],
  ]);
  assert.deepEqual(target(text).users.map((u) => u.value.value), ['app']);
});

test('a heredoc fed to a shell is a script; <<- strips tabs but keeps ranges', () => {
  assert.deepEqual(runCommandsOf(RUN('RUN bash <<-"EOF"\n\tsudo ls\n\tEOF')), [
    ['bash@1:4-1:8'],
    ['sudo@2:1-2:5', 'ls@2:6-2:8'],
  ]);
});

test('several heredocs of one RUN are all read', () => {
  assert.deepEqual(runCommandsOf(RUN('RUN <<A <<B\necho a\nA\nsudo b\nB')), [
    ['echo@2:0-2:4', 'a@2:5-2:6'],
    ['sudo@4:0-4:4', 'b@4:5-4:6'],
  ]);
});

test('a heredoc that feeds a file is data, not commands', () => {
  assert.deepEqual(runCommandsOf(RUN('RUN cat <<EOF > /etc/motd\nsudo ls\nEOF')), [
    ['cat@1:4-1:7', '>@1:14-1:15', '/etc/motd@1:16-1:25'],
  ]);
});

test('a COPY heredoc is never read as instructions', () => {
  const stage = target(RUN('COPY <<EOF /etc/motd\nUSER root\nEXPOSE 80\nEOF'));
  assert.deepEqual([stage.users, stage.exposes, stage.runs], [[], [], []]);
});

test('programWords steps over assignments and wrappers; programName drops the path', () => {
  const cases: [string, (string | undefined)[]][] = [
    ['RUN FOO=1 BAR=2 sudo ls', ['sudo']],
    ['RUN env -i sudo ls', ['sudo']],
    ['RUN exec /usr/bin/sudo ls', ['sudo']],
    ['RUN if true; then sudo ls; fi', ['true', 'sudo', 'fi']],
    ['RUN apk add sudo', ['apk']],
    ['RUN FOO=1', [undefined]],
  ];
  for (const [line, expected] of cases) {
    const names = target(RUN(line)).runs[0]?.commands.map((c) => programName(programWords(c)));
    assert.deepEqual(names, expected, line);
  }
});

test('each RUN records the USER in force when it runs', () => {
  const stage = target('FROM alpine:3.20\nRUN a\nUSER app\nRUN b\nUSER root\nRUN c\n');
  assert.deepEqual(stage.runs.map((r) => r.buildUser), [undefined, 'app', 'root']);
});
