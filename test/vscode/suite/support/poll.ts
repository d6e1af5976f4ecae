// Waiting on the language server without fixed sleeps: the host gives no "analysis done"
// event, so tests poll what a user would see until it matches or a deadline passes.

import { setTimeout as delay } from 'node:timers/promises';

/** Long enough for a cold server on a slow CI machine, short of Mocha's 30 s test timeout. */
export const DEADLINE_MS = 20_000;
const INTERVAL_MS = 50;

/**
 * Calls `probe` until it returns something other than undefined. On timeout the error names
 * `what` and the last state `describe` reports, which is what a failing test needs to say.
 */
export async function eventually<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  describe: () => string = () => '',
  timeoutMs = DEADLINE_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      const last = describe();
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}` +
        (last ? `; last seen: ${last}` : ''));
    }
    await delay(INTERVAL_MS);
  }
}
