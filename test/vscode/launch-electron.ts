// The same suite in a desktop VS Code (Electron) via @vscode/test-electron, for machines with
// internet: runTests downloads VS Code (cached under the tools folder). Linux CI needs a
// display, e.g. `xvfb-run -a node out/test/vscode/launch-electron.js`.
// Environment: ROOTGUARD_VSCODE_VERSION picks the VS Code version ("stable" by default;
// "1.91.0" tests the oldest version package.json's engines field accepts).

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { runTests, TestRunFailedError } from '@vscode/test-electron';
import { runLauncher } from './cli';
import { UsageError, type LaunchOptions } from './options';
import { createProfile } from './profile';
import { describeResult, finalExitCode, parseResult, type SuiteResult } from './result';
import { toolsRoot } from './tools';

const TIMEOUT_EXIT_CODE = 124;

function say(message: string): void {
  console.log(`launcher: ${message}`);
}

/** Forwards VS Code's output and watches it for the suite's result line. */
function resultScanner(onResult: (result: SuiteResult) => void): Writable {
  let partial = '';
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      process.stdout.write(chunk);
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        const result = parseResult(line);
        if (result) {
          onResult(result);
        }
      }
      done();
    },
  });
}

/** runTests has no timeout and does not expose its child: stop VS Code through its pid. */
function stopVsCode(): void {
  // VS Code is our only child process; on SIGTERM it closes its own helpers.
  spawnSync('pkill', ['-TERM', '-P', String(process.pid)], { stdio: 'ignore' });
}

async function run(options: LaunchOptions): Promise<number> {
  if (options.vsix) {
    throw new UsageError('--vsix is only supported by launch-code-server');
  }
  if (options.trust === 'untrusted') {
    // Only the code-server launcher sets up restricted mode (trust on, the folder untrusted).
    throw new UsageError('--trust untrusted is only supported by launch-code-server');
  }
  const profile = await createProfile(options.workspace);
  let result: SuiteResult | undefined;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    say(`TIMEOUT: the suite did not finish within ${options.timeoutMs / 1000} s`);
    stopVsCode();
  }, options.timeoutMs);
  let hostCode: number;
  try {
    await runTests({
      version: process.env.ROOTGUARD_VSCODE_VERSION || 'stable',
      // Not .vscode-test in the repository: the download is a tool, cache it with the others.
      cachePath: join(toolsRoot(), 'vscode-electron'),
      extensionDevelopmentPath: options.extension,
      extensionTestsPath: options.tests,
      extensionTestsEnv: {
        ...options.env,
        ROOTGUARD_TEST_WORKSPACE: profile.workspace,
        ROOTGUARD_TEST_HOST: 'electron',
      },
      launchArgs: [
        profile.workspace,
        `--user-data-dir=${profile.userData}`,
        `--extensions-dir=${profile.extensions}`,
        '--disable-telemetry',
      ],
      stdout: resultScanner((found) => (result = found)),
    });
    hostCode = 0;
  } catch (err) {
    if (!(err instanceof TestRunFailedError)) {
      throw err;
    }
    hostCode = err.code ?? 1;
  } finally {
    clearTimeout(timer);
  }
  console.log(result ? describeResult(result) : 'vscode: no test result reported by the suite');
  return timedOut ? TIMEOUT_EXIT_CODE : finalExitCode(hostCode, result);
}

runLauncher('launch-electron.js', run);
