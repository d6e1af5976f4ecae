// The client restarts a language server that dies, and the diagnostics come back: the server
// process is killed from outside, as a crash would end it.

import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { waitForRules } from './support/diagnostics';
import { rootguardLog } from './support/extension';
import { eventually } from './support/poll';
import { insertLineBefore, restoreExamples, show, UNHARDENED } from './support/workspace';

/**
 * The language server: a Node child of this extension host running dist/server.js. Read from
 * /proc, since the client does not expose its process.
 */
function serverProcesses(): number[] {
  return readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).filter((pid) => {
    try {
      // The parent pid is the 4th field, after the command name in parentheses.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      return parent === process.pid && /[/\\]dist[/\\]server\.js\0/.test(command);
    } catch {
      return false;
    }
  }).map(Number);
}

const count = (pattern: RegExp) => () => rootguardLog()?.match(pattern)?.length ?? 0;

describe('a crashed language server', () => {
  afterEach(restoreExamples);

  it('is restarted by the client, logged, and publishes diagnostics again', async () => {
    const editor = await show(UNHARDENED.dockerfile);
    await waitForRules(UNHARDENED.dockerfile, ['RG101', 'RG104']);
    await vscode.commands.executeCommand('rootguard.showOutput');
    const crashes = count(/language server exited unexpectedly; restarting it/g);
    const starts = count(/language server started/g);
    const [crashesBefore, startsBefore] = [crashes(), starts()];

    const servers = serverProcesses();
    assert.equal(servers.length, 1, `one language server runs: ${servers.join(' ')}`);
    process.kill(servers[0], 'SIGKILL');

    await eventually('the crash and a new server start in the Rootguard log', () =>
      crashes() > crashesBefore && starts() > startsBefore || undefined,
    () => rootguardLog() ?? '');
    assert.notDeepEqual(serverProcesses(), servers, 'a new server process');
    // A change only the new server can have analysed.
    await insertLineBefore(editor.document, 'EXPOSE 80', '# rootguard-ignore RG104');
    await waitForRules(UNHARDENED.dockerfile, ['RG101']);
  });
});
