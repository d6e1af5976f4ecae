// Mocha entry for the VS Code extension host (extensionTestsPath). VS Code calls run() and
// turns a resolved promise into exit code 0 and a rejection into 1; the counts go out as a
// tagged console line that the launchers parse (see ../result.ts).

import { format } from 'node:util';
import { glob } from 'glob';
import Mocha from 'mocha';
import { formatResult, type SuiteResult } from '../result';

// Under code-server the extension host forwards console.log's arguments joined by commas,
// not printf-formatted ("%d passing (%s),2,41ms"): hand it finished lines instead.
Mocha.reporters.Base.consoleLog = (...data: unknown[]) => console.log(format(...data));

export async function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    // The output ends up in log files and CI logs, where escape codes are noise.
    color: false,
    // A cold extension host (activation, first language server start) is slow.
    timeout: 30_000,
    grep: process.env.ROOTGUARD_TEST_GREP || undefined,
  });
  // A restricted-mode run (launcher --trust untrusted) runs the untrusted/ tests, and only
  // those: every other test needs the programs an untrusted workspace may not start.
  const untrusted = process.env.ROOTGUARD_TEST_TRUST === 'untrusted';
  const files = (await glob(untrusted ? 'untrusted/**/*.test.js' : '**/*.test.js', {
    cwd: __dirname, absolute: true, ignore: untrusted ? [] : ['untrusted/**'] })).sort();
  if (files.length === 0) {
    throw new Error(`no *.test.js files under ${__dirname}`);
  }
  for (const file of files) {
    mocha.addFile(file);
  }
  const result = await new Promise<SuiteResult>((resolve) => {
    const runner = mocha.run(() => {
      const stats = runner.stats;
      resolve({
        passed: stats?.passes ?? 0,
        failed: stats?.failures ?? 0,
        pending: stats?.pending ?? 0,
      });
    });
  });
  console.log(formatResult(result));
  if (result.failed > 0) {
    throw new Error(`${result.failed} of ${result.passed + result.failed} tests failed`);
  }
}
