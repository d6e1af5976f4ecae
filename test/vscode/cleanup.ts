// However the launcher ends (success, exception, Ctrl-C, SIGTERM from CI), code-server's process
// group, the browser and the temp folders must go, or a stray server keeps running and the next
// run collides with it. Everything that needs undoing registers here.

type Task = () => Promise<void> | void;

const tasks = new Map<number, Task>();
const exitHooks = new Map<number, () => void>();
let nextId = 0;
let draining: Promise<void> | undefined;
let signalled: NodeJS.Signals | undefined;

function errorText(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

/** Registers an async undo step; the returned function unregisters it. */
export function onCleanup(task: Task): () => void {
  const id = nextId++;
  tasks.set(id, task);
  return () => {
    tasks.delete(id);
  };
}

/**
 * Registers a synchronous last resort for `process.exit` paths where async steps cannot run
 * (a second Ctrl-C, or an exit while cleanup is still pending).
 */
export function onExitSync(hook: () => void): () => void {
  const id = nextId++;
  exitHooks.set(id, hook);
  return () => {
    exitHooks.delete(id);
  };
}

async function drain(): Promise<void> {
  // Newest first; a step registered while draining still runs.
  while (tasks.size > 0) {
    const [id, task] = [...tasks.entries()][tasks.size - 1];
    tasks.delete(id);
    try {
      await task();
    } catch (err) {
      console.error(`launcher: cleanup step failed: ${errorText(err)}`);
    }
  }
}

/**
 * Runs the registered steps once. A signal and the normal end of `main` can both ask for
 * cleanup: they share one run, so neither exits while the other is still deleting.
 */
export function runCleanup(): Promise<void> {
  draining ??= drain();
  return draining;
}

/** The signal that interrupted the run, if any. */
export function interruptedBy(): NodeJS.Signals | undefined {
  return signalled;
}

const SIGNALS: ReadonlyArray<readonly [NodeJS.Signals, number]> = [
  ['SIGINT', 2],
  ['SIGTERM', 15],
  ['SIGHUP', 1],
];

/** Cleans up, then exits; after a signal the exit code is 128 + its number, like a shell. */
export async function exitAfterCleanup(code: number): Promise<never> {
  await runCleanup();
  const signal = SIGNALS.find(([name]) => name === signalled);
  process.exit(signal ? 128 + signal[1] : code);
}

export function installSignalHandlers(): void {
  for (const [signal, number] of SIGNALS) {
    process.on(signal, () => {
      if (signalled) {
        // A second signal means "now": the exit hooks still SIGKILL the process groups.
        process.exit(128 + number);
      }
      signalled = signal;
      console.error(`\nlauncher: ${signal} received, cleaning up`);
      void exitAfterCleanup(128 + number);
    });
  }
  for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
    process.on(event, (err: unknown) => {
      console.error(`launcher: ${event}: ${errorText(err)}`);
      void exitAfterCleanup(1);
    });
  }
  process.on('exit', () => {
    for (const hook of exitHooks.values()) {
      try {
        hook();
      } catch {
        // Exiting anyway; nothing useful to do with a failure here.
      }
    }
  });
}
