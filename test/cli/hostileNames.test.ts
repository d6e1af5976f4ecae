// The CLI's verify-image and verify-container refuse hostile names with exit status 2 before
// any program runs: fake podman and skopeo executables record every start, and stay silent.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { HOSTILE_NAMES } from '../helpers/hostileNames';

const BIN = path.resolve(__dirname, '..', '..', '..', 'bin', 'rootguard.js');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-cli-hostile-'));
const fakeBin = path.join(root, 'bin');
const started = path.join(root, 'started');
after(() => fs.rmSync(root, { recursive: true, force: true }));

/** A stand-in for a real program that only records that it was started, and fails. */
function fakeProgram(name: string): string {
  const file = path.join(fakeBin, name);
  fs.mkdirSync(fakeBin, { recursive: true });
  fs.writeFileSync(file, `#!/bin/sh\necho "${name} $*" >> '${started}'\nexit 1\n`,
    { mode: 0o755 });
  return file;
}

const fakePodman = fakeProgram('podman');
fakeProgram('skopeo');

function rootguard(args: string[]): { code: number | null; stderr: string } {
  const run = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8',
    env: { ...process.env, PATH: `${fakeBin}:${process.env.PATH ?? ''}`, HOME: root } });
  return { code: run.status, stderr: run.stderr };
}

function programsStarted(): string[] {
  return fs.existsSync(started) ? fs.readFileSync(started, 'utf8').trim().split('\n') : [];
}

// A NUL cannot be part of a command-line argument at all, so the OS refuses it first.
const PASSABLE = HOSTILE_NAMES.filter((name) => !name.includes('\u0000'));

describe('the CLI and hostile names', () => {
  test('verify-image refuses each with exit 2 and starts no program', () => {
    for (const name of PASSABLE) {
      const run = rootguard(['verify-image', '--', name]);
      assert.equal(run.code, 2, `${JSON.stringify(name.slice(0, 40))}: ${run.stderr}`);
      assert.match(run.stderr, /is not a valid image reference/);
    }
    assert.deepEqual(programsStarted(), []);
  });

  test('verify-container refuses each with exit 2 and starts no podman', () => {
    for (const name of PASSABLE) {
      const run = rootguard(['verify-container', '--podman', fakePodman, '--', name]);
      assert.equal(run.code, 2, `${JSON.stringify(name.slice(0, 40))}: ${run.stderr}`);
      assert.match(run.stderr, /is not a container name/);
    }
    assert.deepEqual(programsStarted(), []);
  });

  test('the fakes do record a start: a valid name reaches them', () => {
    assert.equal(rootguard(['verify-container', '--podman', fakePodman, 'web']).code, 1);
    assert.equal(rootguard(['verify-image', 'localhost:5000/app:1']).code, 1);
    assert.deepEqual(programsStarted().map((line) => line.split(' ').slice(0, 2).join(' ')),
      ['podman container', 'skopeo inspect']);
  });
});
