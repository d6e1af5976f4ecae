// Runs the VS Code extension test suite in a real VS Code (code-server) without internet:
// installs the tools once, starts code-server in a throwaway profile, opens the workbench in
// headless Chromium with a payload that runs the suite, and exits with the suite's result.
//
//   node out/test/vscode/launch-code-server.js [--extension DIR | --vsix FILE] [--help]

import { createWriteStream, existsSync, type WriteStream } from 'node:fs';
import { copyFile, cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runWorkbench } from './browser';
import { interruptedBy } from './cleanup';
import { runLauncher } from './cli';
import { freePort, installVsix, startCodeServer, waitHealthy } from './code-server';
import { SetupError, type LaunchOptions } from './options';
import { createProfile, type Profile } from './profile';
import { describeResult, finalExitCode, parseResult, type SuiteResult } from './result';
import { ensureTools, SYSTEM_PACKAGES } from './tools';

const TIMEOUT_EXIT_CODE = 124;

function say(message: string): void {
  console.log(`launcher: ${message}`);
}

function remoteUri(port: number, path: string): string {
  const encoded = path.split('/').map(encodeURIComponent).join('/');
  return `vscode-remote://127.0.0.1:${port}${encoded}`;
}

/**
 * The workbench only turns on extension-test mode (test runner, extensionEnvironment, log
 * forwarding) when the payload names an extensionDevelopmentPath. To test an installed .vsix
 * as users get it, we name an empty stub instead; the real extension loads from the
 * extensions folder.
 */
async function createStubExtension(profile: Profile): Promise<string> {
  const dir = join(profile.root, 'stub-extension');
  await mkdir(dir);
  const manifest = {
    name: 'rootguard-test-stub',
    publisher: 'rootguard-test',
    version: '0.0.0',
    engines: { vscode: '*' },
  };
  await writeFile(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

function workbenchUrl(
  port: number,
  options: LaunchOptions,
  workspace: string,
  developmentPath: string,
): string {
  // The suite may compare against the folder it should see, and know which host runs it.
  const env = {
    ...options.env,
    ROOTGUARD_TEST_WORKSPACE: workspace,
    ROOTGUARD_TEST_HOST: 'code-server',
    ROOTGUARD_TEST_ARTIFACTS: options.artifacts,
    ROOTGUARD_TEST_TRUST: options.trust,
  };
  const payload: Array<[string, string]> = [
    ['extensionDevelopmentPath', remoteUri(port, developmentPath)],
    ['extensionTestsPath', remoteUri(port, options.tests)],
    ['extensionEnvironment', JSON.stringify(env)],
  ];
  const url = new URL(`http://127.0.0.1:${port}/`);
  url.searchParams.set('folder', workspace);
  url.searchParams.set('payload', JSON.stringify(payload));
  return url.href;
}

// Offline, the workbench's marketplace (open-vsx) lookups fail with a stack trace each: keep
// them in exthost.log, but show one short line on the console instead of pages of noise.
const OFFLINE_NOISE = /getaddrinfo ENOTFOUND open-vsx\.org/;

function hostLogSink(file: WriteStream): (level: string, message: string) => void {
  let noiseShown = false;
  return (level, message) => {
    const lines = message.split('\n');
    file.write(lines.map((line) => `${level} ${line}\n`).join(''));
    if (!OFFLINE_NOISE.test(message)) {
      lines.forEach((line) => console.log(`[vscode] ${line}`));
    } else if (!noiseShown) {
      noiseShown = true;
      console.log('[vscode] (marketplace unreachable offline: harmless, see exthost.log)');
    }
  };
}

function checkChromium(path: string): void {
  if (!existsSync(path)) {
    throw new SetupError(
      `Chromium not found at ${path}. The launcher does not install system packages; ` +
        `install them first: apt-get install -y ${SYSTEM_PACKAGES}`,
    );
  }
}

async function run(options: LaunchOptions): Promise<number> {
  checkChromium(options.chromium);
  const tools = await ensureTools((message) => say(`tools: ${message}`));
  // Artifacts describe the latest run only.
  await rm(options.artifacts, { recursive: true, force: true });
  await mkdir(options.artifacts, { recursive: true });
  const serverLog = createWriteStream(join(options.artifacts, 'code-server.log'));
  const hostLog = createWriteStream(join(options.artifacts, 'exthost.log'));
  const profile = await createProfile(options.workspace, options.trust === 'untrusted');
  let developmentPath = options.extension;
  if (options.vsix) {
    say(`installing ${options.vsix}`);
    await installVsix(tools, profile, options.vsix, serverLog);
    developmentPath = await createStubExtension(profile);
  }
  const port = await freePort();
  const idleSeconds = Math.ceil(options.timeoutMs / 1000) + 120;
  const server = startCodeServer(tools, profile, port, idleSeconds, serverLog);
  const started = Date.now();
  await waitHealthy(server, 60_000);
  say(`code-server up on port ${port} in ${Date.now() - started} ms`);
  say(`workspace ${profile.workspace}`);

  let result: SuiteResult | undefined;
  const toHostLog = hostLogSink(hostLog);
  const outcome = await runWorkbench({
    chromium: options.chromium,
    url: workbenchUrl(port, options, profile.workspace, developmentPath),
    timeoutMs: options.timeoutMs,
    artifacts: options.artifacts,
    browserHome: join(profile.root, 'browser'),
    serverExited: server.group.exited,
    onHostLog: (level, message) => {
      toHostLog(level, message);
      result = parseResult(message) ?? result;
    },
  });
  await server.group.stop();
  serverLog.end();
  hostLog.end();
  // The remote extension host's own logs (activation errors...) live in the temp profile.
  await cp(join(profile.userData, 'logs'), join(options.artifacts, 'server-logs'), {
    recursive: true,
  }).catch(() => undefined);

  let code: number;
  const signal = interruptedBy();
  if (signal) {
    say(`INTERRUPTED by ${signal}`);
    code = 1;
  } else if (outcome.kind === 'timeout') {
    say(`TIMEOUT: the suite did not finish within ${options.timeoutMs / 1000} s ` +
      '(set --timeout or ROOTGUARD_VSCODE_TIMEOUT)');
    code = TIMEOUT_EXIT_CODE;
  } else if (outcome.kind === 'crash') {
    say(`FAILED: ${outcome.reason}`);
    code = 1;
  } else {
    code = finalExitCode(outcome.code, result);
  }
  console.log(result ? describeResult(result) : 'vscode: no test result reported by the suite');
  if (code !== 0) {
    const shot = join(options.artifacts, 'workbench.png');
    if (existsSync(shot)) {
      await copyFile(shot, join(options.artifacts, 'failure.png'));
    }
    say(`exit code ${code}; logs and screenshots in ${options.artifacts}`);
  }
  return code;
}

runLauncher('launch-code-server.js', run);
