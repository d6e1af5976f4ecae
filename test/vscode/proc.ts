// Child processes run in their own process group so that stopping them also stops whatever
// they spawned (code-server's extension host and file watchers, npm's node-gyp compilers).

import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';
import { onCleanup, onExitSync } from './cleanup';

export interface GroupOptions {
  cwd?: string;
  env: NodeJS.ProcessEnv;
  /** Receives every output line of stdout and stderr. */
  onLine: (line: string) => void;
}

export interface Group {
  readonly child: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  /** Stops the whole group: SIGTERM, then SIGKILL after `graceMs`. Safe to call twice. */
  stop(graceMs?: number): Promise<void>;
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

async function waitGroupGone(pgid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!groupAlive(pgid)) {
      return true;
    }
    await delay(100);
  }
  return !groupAlive(pgid);
}

export function spawnGroup(command: string, args: readonly string[], opts: GroupOptions): Group {
  // detached makes Node call setsid(2): the child leads a new session and process group whose
  // id is its pid, and it no longer gets the terminal's Ctrl-C directly (we forward the stop).
  const child = spawn(command, args, {
    cwd: opts.cwd,
    env: opts.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pgid = child.pid;
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve(code));
  });
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) {
      createInterface({ input: stream, crlfDelay: Infinity }).on('line', opts.onLine);
    }
  }
  let stopping: Promise<void> | undefined;
  const stop = (graceMs = 5000): Promise<void> => {
    stopping ??= (async () => {
      if (pgid === undefined) {
        return;
      }
      signalGroup(pgid, 'SIGTERM');
      if (!(await waitGroupGone(pgid, graceMs))) {
        signalGroup(pgid, 'SIGKILL');
        // Zombies of reparented children can linger where PID 1 does not reap; don't hang.
        await waitGroupGone(pgid, 2000);
      }
      unregister();
      unregisterSync();
    })();
    return stopping;
  };
  const unregister = onCleanup(() => stop());
  const unregisterSync = onExitSync(() => {
    if (pgid !== undefined) {
      signalGroup(pgid, 'SIGKILL');
    }
  });
  return { child, exited, stop };
}

/** Runs a command to completion in its own group; returns its exit code. */
export async function runGroup(
  command: string,
  args: readonly string[],
  opts: GroupOptions,
): Promise<number | null> {
  const group = spawnGroup(command, args, opts);
  try {
    return await group.exited;
  } finally {
    // The leader is done; stragglers (e.g. a compiler it left behind) go with the group.
    await group.stop(1000);
  }
}
