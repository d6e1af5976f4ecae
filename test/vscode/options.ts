// Command line and environment options shared by both launchers. Flags win over environment
// variables so a CI default can be overridden per run.

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** Compiled to out/test/vscode/, three levels below the repository root. */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');

export interface LaunchOptions {
  /** Extension folder loaded as extensionDevelopmentPath (unused with `vsix`). */
  extension: string;
  /** A packaged extension to install into a fresh extensions folder instead. */
  vsix: string | undefined;
  /** Folder to open; undefined means a fresh copy of the fixture (or an empty folder). */
  workspace: string | undefined;
  /** extensionTestsPath: the compiled suite entry. */
  tests: string;
  /** Passed to the extension host (extensionEnvironment / extensionTestsEnv). */
  env: Record<string, string>;
  timeoutMs: number;
  artifacts: string;
  chromium: string;
  /**
   * `untrusted`: VS Code's workspace trust is on and the folder is not trusted (code-server
   * only); the suite then runs only its suite/untrusted/ tests.
   */
  trust: 'trusted' | 'untrusted';
}

export const USAGE = `Options (environment variable in brackets):
  --extension <dir>   extension to test, default: repo root   [ROOTGUARD_VSCODE_EXTENSION]
  --workspace <dir>   folder to open, default: temp copy of test/vscode/workspace-fixture
                                                            [ROOTGUARD_VSCODE_WORKSPACE]
  --tests <file>      extensionTestsPath, default: out/test/vscode/suite/index.js
                                                            [ROOTGUARD_VSCODE_TESTS]
  --env K=V           environment for the extension host (repeatable)
  --timeout <sec>     whole-suite timeout, default 300      [ROOTGUARD_VSCODE_TIMEOUT]
code-server only:
  --vsix <file>       install this .vsix and test it instead  [ROOTGUARD_VSCODE_VSIX]
  --artifacts <dir>   logs and screenshots, default: artifacts/vscode
                                                            [ROOTGUARD_VSCODE_ARTIFACTS]
  --trust <mode>      trusted (default) or untrusted: the folder opens in restricted mode
                                                            [ROOTGUARD_VSCODE_TRUST]
  chromium binary, default /usr/bin/chromium                [ROOTGUARD_CHROMIUM]
  tools cache, default ~/.cache/rootguard-test              [ROOTGUARD_TOOLS_DIR]
Electron only: VS Code version, default stable              [ROOTGUARD_VSCODE_VERSION]`;

const VALUE_FLAGS = ['extension', 'vsix', 'workspace', 'tests', 'env', 'timeout', 'artifacts',
  'trust'];

export class UsageError extends Error {}

/** A missing prerequisite: the message says what to do, a stack trace would only distract. */
export class SetupError extends Error {}

function splitArgs(argv: readonly string[]): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const match = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg);
    if (!match || !VALUE_FLAGS.includes(match[1])) {
      throw new UsageError(`unknown argument: ${arg}`);
    }
    const value = match[2] ?? argv[++i];
    if (value === undefined) {
      throw new UsageError(`--${match[1]} needs a value`);
    }
    values.set(match[1], [...(values.get(match[1]) ?? []), value]);
  }
  return values;
}

function parseEnvPairs(pairs: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) {
      throw new UsageError(`--env expects K=V, got: ${pair}`);
    }
    env[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return env;
}

function parseTrust(text: string): LaunchOptions['trust'] {
  if (text !== 'trusted' && text !== 'untrusted') {
    throw new UsageError(`--trust is trusted or untrusted, got: ${text}`);
  }
  return text;
}

function parseTimeout(text: string): number {
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new UsageError(`timeout must be a positive number of seconds, got: ${text}`);
  }
  return Math.round(seconds * 1000);
}

export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): LaunchOptions {
  const flags = splitArgs(argv);
  const pick = (flag: string, variable: string): string | undefined =>
    flags.get(flag)?.at(-1) ?? (env[variable] || undefined);
  const path = (value: string | undefined): string | undefined =>
    value === undefined ? undefined : resolve(value);

  const options: LaunchOptions = {
    extension: path(pick('extension', 'ROOTGUARD_VSCODE_EXTENSION')) ?? REPO_ROOT,
    vsix: path(pick('vsix', 'ROOTGUARD_VSCODE_VSIX')),
    workspace: path(pick('workspace', 'ROOTGUARD_VSCODE_WORKSPACE')),
    tests:
      path(pick('tests', 'ROOTGUARD_VSCODE_TESTS')) ??
      resolve(REPO_ROOT, 'out', 'test', 'vscode', 'suite', 'index.js'),
    env: parseEnvPairs(flags.get('env') ?? []),
    timeoutMs: parseTimeout(pick('timeout', 'ROOTGUARD_VSCODE_TIMEOUT') ?? '300'),
    artifacts:
      path(pick('artifacts', 'ROOTGUARD_VSCODE_ARTIFACTS')) ??
      resolve(REPO_ROOT, 'artifacts', 'vscode'),
    chromium: env.ROOTGUARD_CHROMIUM || '/usr/bin/chromium',
    trust: parseTrust(pick('trust', 'ROOTGUARD_VSCODE_TRUST') ?? 'trusted'),
  };
  for (const [what, file] of [
    ['tests', options.tests],
    ['vsix', options.vsix],
    ['workspace', options.workspace],
  ] as const) {
    if (file !== undefined && !existsSync(file)) {
      throw new UsageError(`${what} not found: ${file}`);
    }
  }
  if (!options.vsix && !existsSync(resolve(options.extension, 'package.json'))) {
    throw new UsageError(`no package.json in extension folder ${options.extension}`);
  }
  return options;
}

export function wantsHelp(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}
