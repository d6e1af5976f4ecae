// In an untrusted workspace every command that would run podman, gpg or skopeo explains why it
// does not and how to trust the workspace. The gate is tested with fake workspaces: the test
// host cannot make a real VS Code workspace untrusted (its launcher turns trust off).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  MANAGE_TRUST, mayRunPrograms, TOOL_COMMANDS, type WorkspaceTrust,
} from '../../../client/src/commands/workspaceTrust';
import { field, packageJson, sourceFiles } from './sourceTree';

const FakeUntrustedWorkspace: WorkspaceTrust = { isTrusted: false };
const FakeTrustedWorkspace: WorkspaceTrust = { isTrusted: true };

/** Contributed commands that start no program: they work in an untrusted workspace too. */
const PROGRAM_FREE_COMMANDS = [
  'rootguard.fixAll', 'rootguard.restartServer', 'rootguard.showOutput',
  'rootguard.newHardenedProject', 'rootguard.signing.refreshKeys',
  'rootguard.signing.refreshImages', 'rootguard.signing.showSignatureDetails',
];

function contributedCommands(): string[] {
  const commands = field(field(packageJson(), 'contributes'), 'commands');
  return (Array.isArray(commands) ? commands : []).map((c) => String(field(c, 'command')));
}

describe('workspace trust', () => {
  test('an untrusted workspace: every program-running command explains and runs nothing', () => {
    for (const [command, what] of Object.entries(TOOL_COMMANDS)) {
      const told: string[] = [];
      assert.equal(mayRunPrograms(FakeUntrustedWorkspace, what, (m) => told.push(m)), false,
        command);
      assert.equal(told.length, 1, `${command} explains once`);
      assert.match(told[0], new RegExp(`^Rootguard does not ${what} in an untrusted workspace`));
      assert.match(told[0], /cloned repository could make it run programs/, 'why');
      assert.match(told[0], /Linting and quick-fixes still work/);
      assert.match(told[0], new RegExp(`trust this workspace \\(${MANAGE_TRUST}\\)`), 'how');
    }
  });

  test('a trusted workspace runs the command and tells nothing', () => {
    const told: string[] = [];
    assert.equal(mayRunPrograms(FakeTrustedWorkspace, 'build images', (m) => told.push(m)), true);
    assert.deepEqual(told, []);
  });

  test('every contributed command either runs no program or is behind the gate', () => {
    const contributed = contributedCommands();
    const gated = Object.keys(TOOL_COMMANDS);
    assert.deepEqual(contributed.filter((c) => !gated.includes(c) &&
      !PROGRAM_FREE_COMMANDS.includes(c)), [], 'commands the test does not know about');
    assert.deepEqual(gated.filter((c) => !contributed.includes(c)), [], 'gated, not contributed');
  });

  test('program-running commands are registered only through registerToolCommand', () => {
    const sources = sourceFiles('client/src');
    for (const command of Object.keys(TOOL_COMMANDS)) {
      const quoted = `'${command.replace(/\./g, '\\.')}'`;
      const direct = sources.filter((s) => new RegExp(`registerCommand\\(\\s*${quoted}`)
        .test(s.text));
      assert.deepEqual(direct.map((s) => s.file), [], `${command} bypasses the gate`);
      const registered = sources.some((s) => s.file.startsWith('client/src/commands/') &&
        !s.file.endsWith('workspaceTrust.ts') && s.text.includes(`'${command}'`));
      assert.ok(registered, `${command} is registered`);
    }
    const helper = sources.find((s) => s.file === 'client/src/commands/toolAccess.ts');
    assert.match(helper?.text ?? '', /if \(mayRunTools\(TOOL_COMMANDS\[id\], log\)\) await body/);
  });

  test('the views explain an untrusted workspace instead of running gpg or podman', () => {
    const welcome = field(field(packageJson(), 'contributes'), 'viewsWelcome');
    const entries = Array.isArray(welcome) ? welcome : [];
    for (const view of ['rootguard.keys', 'rootguard.images']) {
      const untrusted = entries.find((e) => field(e, 'view') === view &&
        /State == untrusted$/.test(String(field(e, 'when'))));
      assert.match(String(field(untrusted, 'contents')),
        /untrusted workspace.*\n\[Manage Workspace Trust\]\(command:workbench\.trust\.manage\)/s,
        view);
    }
    const gate = /if \(!vscode\.workspace\.isTrusted\) return this\.showState\('untrusted'\);/;
    for (const view of ['keysTree', 'imagesTree']) {
      const source = sourceFiles('client/src/views').find((s) => s.file.endsWith(`${view}.ts`));
      assert.match(source?.text ?? '', gate, `${view} checks trust before running anything`);
    }
  });
});
