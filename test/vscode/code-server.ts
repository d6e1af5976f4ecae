// Starting, probing and stopping code-server (VS Code's server with a Node extension host).

import type { WriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { delimiter, join } from 'node:path';
import type { Profile } from './profile';
import { runGroup, spawnGroup, type Group } from './proc';
import type { Tools } from './tools';

export interface CodeServer {
  port: number;
  group: Group;
  /** The last lines of its output, for error messages. */
  recent: string[];
}

/** Asks the kernel for a free loopback port (tiny race window until code-server binds it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') {
          resolve(address.port);
        } else {
          reject(new Error('could not read the port of a probe socket'));
        }
      });
    });
  });
}

function serverEnv(tools: Tools, profile: Profile): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    // Variables of an outer VS Code (when run from its terminal) would redirect CLI calls and
    // make Electron binaries act as Node; code-server's password variables make no sense here.
    if (!/^(VSCODE_|ELECTRON_)/.test(key) && !/^(HASHED_)?PASSWORD$/.test(key)) {
      env[key] = value;
    }
  }
  return {
    ...env,
    PATH: `${join(tools.nodeHome, 'bin')}${delimiter}${process.env.PATH ?? ''}`,
    // code-server keeps config.yaml and state under these, VS Code a device id in the cache
    // folder: never touch the user's.
    XDG_CONFIG_HOME: profile.xdgConfig,
    XDG_DATA_HOME: profile.xdgData,
    XDG_CACHE_HOME: profile.xdgCache,
  };
}

function profileArgs(profile: Profile): string[] {
  return ['--user-data-dir', profile.userData, '--extensions-dir', profile.extensions];
}

function lineWriter(log: WriteStream, echo?: (line: string) => void): (line: string) => void {
  return (line) => {
    log.write(`${line}\n`);
    echo?.(line);
  };
}

/** `code-server --install-extension file.vsix` into the profile's extensions folder. */
export async function installVsix(
  tools: Tools,
  profile: Profile,
  vsix: string,
  log: WriteStream,
): Promise<void> {
  const args = [tools.codeServer, ...profileArgs(profile), '--force', '--install-extension', vsix];
  const code = await runGroup(tools.node, args, {
    env: serverEnv(tools, profile),
    onLine: lineWriter(log, (line) => console.log(`[install] ${line}`)),
  });
  if (code !== 0) {
    throw new Error(`installing ${vsix} failed (exit ${String(code)}), see code-server.log`);
  }
}

export function startCodeServer(
  tools: Tools,
  profile: Profile,
  port: number,
  idleTimeoutSeconds: number,
  log: WriteStream,
): CodeServer {
  const args = [
    tools.codeServer,
    ...profileArgs(profile),
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    ...(profile.untrusted ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--reconnection-grace-time', '5',
    // If the launcher dies without cleaning up (SIGKILL), the server still goes away once the
    // browser is gone; set above the test timeout so it never fires during a run.
    '--idle-timeout-seconds', String(idleTimeoutSeconds),
    // Without the smoke-test driver the workbench ignores the `payload` URL parameter that
    // carries extensionTestsPath, and never calls codeAutomationExit.
    '--vscode-option=--enable-smoke-test-driver',
  ];
  const recent: string[] = [];
  const group = spawnGroup(tools.node, args, {
    cwd: profile.root,
    env: serverEnv(tools, profile),
    onLine: lineWriter(log, (line) => {
      recent.push(line);
      recent.splice(0, recent.length - 20);
    }),
  });
  return { port, group, recent };
}

/** Polls /healthz until it answers 200; fails early when the server exits. */
export async function waitHealthy(server: CodeServer, timeoutMs: number): Promise<void> {
  let exited: number | null | undefined;
  let spawnError: unknown;
  server.group.exited.then(
    (code) => (exited = code),
    (err: unknown) => {
      spawnError = err;
      exited = null;
    },
  );
  const url = `http://127.0.0.1:${server.port}/healthz`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited !== undefined) {
      const why = spawnError instanceof Error ? `: ${spawnError.message}` : '';
      throw new Error(`code-server exited early (code ${String(exited)})${why}\n` +
        server.recent.join('\n'));
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) {
        return;
      }
    } catch {
      // Not listening yet.
    }
    await delay(200);
  }
  throw new Error(`code-server did not answer ${url} within ${timeoutMs / 1000} s\n` +
    server.recent.join('\n'));
}
