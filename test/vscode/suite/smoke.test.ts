// Proves the harness itself: the suite runs inside a real VS Code extension host with the
// workspace folder open. Independent of the Rootguard extension activating.

import * as assert from 'node:assert/strict';
import { realpathSync } from 'node:fs';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';

describe('VS Code host smoke test', () => {
  it('runs inside VS Code', () => {
    assert.equal(typeof vscode.version, 'string');
    assert.match(vscode.version, /^\d+\.\d+\.\d+/);
  });

  it('has the workspace folder open', () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1, 'exactly one workspace folder');
    const expected = process.env.ROOTGUARD_TEST_WORKSPACE;
    if (expected) {
      assert.equal(realpathSync(folders[0].uri.fsPath), realpathSync(expected));
    }
  });
});
