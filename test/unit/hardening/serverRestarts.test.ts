// The client restarts a crashed language server and tells the user once; a server that keeps
// crashing stays stopped, with one message saying so, instead of a restart loop.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ServerRestarts } from '../../../client/src/serverRestarts';

const MINUTE = 60_000;

describe('language server restarts', () => {
  test('every crash restarts the server; only the first one is told', () => {
    const restarts = new ServerRestarts();
    const first = restarts.onCrash(0);
    assert.equal(first.restart, true);
    assert.match(first.tell ?? '', /stopped unexpectedly and was restarted/);
    // Spread out, so the crashes never pile up within the window.
    for (let minute = 4; minute <= 40; minute += 4) {
      assert.deepEqual(restarts.onCrash(minute * MINUTE), { restart: true });
    }
  });

  test('five crashes within three minutes leave it stopped, and say how to restart', () => {
    const restarts = new ServerRestarts();
    for (let i = 0; i < 4; i++) assert.equal(restarts.onCrash(i * 10_000).restart, true);
    const fifth = restarts.onCrash(45_000);
    assert.equal(fifth.restart, false);
    assert.match(fifth.tell ?? '', /crashed 5 times within 3 minutes.*Restart Language Server/);
  });
});
