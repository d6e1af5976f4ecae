// Every process Rootguard starts goes through one module, with an argument array and no shell:
// a name with quotes, `;`, `$()` or backquotes reaches the program as one literal argument.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { execute, ProgramMissingError } from '../../../client/src/system/execute';
import { sourceFiles } from './sourceTree';

const RUNNER = 'client/src/system/execute.ts';

describe('starting processes', () => {
  const sources = sourceFiles('client/src', 'server/src');

  test('only the runner module imports child_process', () => {
    const importers = sources.filter((s) =>
      /from '(node:)?child_process'|require\(['"](node:)?child_process/.test(s.text))
      .map((s) => s.file);
    assert.deepEqual(importers, [RUNNER]);
  });

  test('nothing runs through a shell or starts a command given as one string', () => {
    for (const { file, text } of sources) {
      assert.doesNotMatch(text, /shell:\s*true/, file);
      // A bare exec(...) runs a shell; regex.exec(...) is no process.
      assert.doesNotMatch(text, /(?<![.\w])(exec|execSync|execFileSync|spawnSync)\(/, file);
    }
    const runner = sources.find((s) => s.file === RUNNER)?.text ?? '';
    assert.match(runner, /spawn\(executable, \[\.\.\.args\], \{/);
    assert.doesNotMatch(runner, /\bexec(Sync|File|FileSync)?\(|spawnSync|shell:/);
  });

  test('hostile arguments arrive as literal arguments and run nothing', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-exec-'));
    const marker = path.join(folder, 'ran');
    const hostile = [`a; touch ${marker}`, `$(touch ${marker})`, `\`touch ${marker}\``,
      `x && touch ${marker}`, `'quoted'`, '"double"', 'a\nb', '--privileged', '-rf'];
    try {
      const result = await execute('printf', ['%s\\0', ...hostile]);
      assert.equal(result.code, 0);
      assert.deepEqual(result.stdout.toString('utf8').split('\0').slice(0, -1), hostile);
      assert.equal(fs.existsSync(marker), false);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  test('the log gets the argument list, never the input', async () => {
    const logged: string[] = [];
    const result = await execute('cat', [], { input: 'a secret passphrase',
      log: (line) => logged.push(line) });
    assert.equal(result.stdout.toString('utf8'), 'a secret passphrase');
    assert.deepEqual(logged, ['run: ["cat"]']);
  });

  test('a missing program is a ProgramMissingError with the caller\'s advice', async () => {
    await assert.rejects(execute('/nonexistent/tool', [], { whenMissing: () => ({
      advice: 'Install it.', hint: 'apt-get install tool' }) }), (error: unknown) =>
      error instanceof ProgramMissingError && error.hint === 'apt-get install tool' &&
      error.message === 'tool was not found (looked for "/nonexistent/tool"). Install it.');
  });

  test('a hung program is stopped after its timeout with exit status 124', async () => {
    const result = await execute('sleep', ['5'], { timeoutMs: 100 });
    assert.equal(result.code, 124);
    assert.match(result.stderr, /sleep was stopped after 100 ms/);
  });
});
