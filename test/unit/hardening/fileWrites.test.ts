// Files Rootguard writes (scaffolds here; policy.json, registries.d and keys in the signing
// suite) go in atomically, never over an existing file unless the user said so, and a replaced
// file is kept as a backup.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import {
  HARDENED_NGINX_PROJECT, writeProjectFile,
} from '../../../client/src/commands/hardenedProject';
import { replaceFile } from '../../../client/src/system/safeWrite';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-writes-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

function folder(name: string): string {
  const dir = path.join(root, name);
  fs.mkdirSync(dir);
  return dir;
}

/** Everything in a folder tree, relative, sorted. */
function listing(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

describe('scaffold files', () => {
  const [, nginxConf] = HARDENED_NGINX_PROJECT;

  test('a new project is written whole, with no temporary files left', () => {
    const dir = folder('new');
    for (const file of HARDENED_NGINX_PROJECT) {
      assert.equal(writeProjectFile(dir, file, false), true, file.path);
    }
    assert.deepEqual(listing(dir), ['.dockerignore', 'Dockerfile', 'conf.d', 'conf.d/app.conf',
      'nginx.conf']);
    assert.equal(fs.statSync(path.join(dir, 'conf.d')).mode & 0o777, 0o755 & ~process.umask());
  });

  test('an existing file is kept unless replacing was chosen, then backed up', () => {
    const dir = folder('existing');
    fs.writeFileSync(path.join(dir, 'nginx.conf'), 'mine\n');
    assert.equal(writeProjectFile(dir, nginxConf, false), false);
    assert.deepEqual(listing(dir), ['nginx.conf']);

    assert.equal(writeProjectFile(dir, nginxConf, true), true);
    assert.equal(fs.readFileSync(path.join(dir, 'nginx.conf'), 'utf8'), nginxConf.content);
    const backups = listing(dir).filter((f) =>
      /^nginx\.conf\.rootguard-\d{8}T\d{6}Z\.bak$/.test(f));
    assert.equal(backups.length, 1, listing(dir).join(' '));
    assert.equal(fs.readFileSync(path.join(dir, backups[0]), 'utf8'), 'mine\n');
  });

  test('a file that appears while the user decides is not overwritten', () => {
    const dir = folder('raced');
    const target = path.join(dir, 'nginx.conf');
    // Seen as absent; then someone else writes it before Rootguard does.
    fs.writeFileSync(target, 'someone else\n');
    assert.throws(() => replaceFile(target, 'rootguard\n', undefined), /changed on disk/);
    assert.equal(fs.readFileSync(target, 'utf8'), 'someone else\n');
    assert.deepEqual(listing(dir), ['nginx.conf']);
  });
});
