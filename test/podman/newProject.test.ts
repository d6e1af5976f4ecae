import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after } from 'node:test';
import {
  existingFiles, HARDENED_NGINX_PROJECT, writeProjectFile,
} from '../../client/src/commands/hardenedProject';
import { passed } from '../../client/src/podman/report';
import { hardenedRunArgs, runContainer } from '../../client/src/podman/run';
import { verifyContainer } from '../../client/src/podman/verify';
import {
  build, cleanUpAfterAll, healthUrl, onFreeHostPorts, podman, profileOf, requirePodman,
  rootguard, track, uniqueName,
} from './helpers';

cleanUpAfterAll();

const folders: string[] = [];
after(() => folders.forEach((f) => fs.rmSync(f, { recursive: true, force: true })));

function newFolder(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'rootguard-project-'));
  folders.push(folder);
  return folder;
}

describe('New Hardened nginx Project', () => {
  let folder: string;

  before(async () => {
    await requirePodman();
    folder = newFolder();
    for (const file of HARDENED_NGINX_PROJECT) assert.ok(writeProjectFile(folder, file, false));
  });

  test('writes the four files, and they lint clean', () => {
    assert.deepEqual(existingFiles(folder).map((f) => f.path),
      ['Dockerfile', 'nginx.conf', 'conf.d/app.conf', '.dockerignore']);
    const lint = rootguard(['lint', folder]);
    assert.equal(lint.code, 0, lint.stdout);
    assert.match(lint.stdout, /No rootless hazards found\./);
    assert.deepEqual(fs.readdirSync(folder).filter((f) => f.endsWith('.tmp')), []);
  });

  test('never replaces an existing file unless told to', () => {
    const other = newFolder();
    fs.writeFileSync(path.join(other, 'nginx.conf'), 'mine\n');
    const [, nginxConf] = HARDENED_NGINX_PROJECT;
    assert.equal(writeProjectFile(other, nginxConf, false), false);
    assert.equal(fs.readFileSync(path.join(other, 'nginx.conf'), 'utf8'), 'mine\n');
    assert.equal(writeProjectFile(other, nginxConf, true), true);
    assert.equal(fs.readFileSync(path.join(other, 'nginx.conf'), 'utf8'), nginxConf.content);
  });

  test('builds, runs with its profile (no tmpfs needed) and passes verification', async () => {
    const profile = profileOf(path.join(folder, 'Dockerfile'));
    assert.deepEqual(profile.writableDirs, [], 'nginx writes only to /tmp and its output');
    assert.deepEqual(profile.notes, []);
    const image = `localhost/${uniqueName('project')}:test`;
    await build(path.join(folder, 'Dockerfile'), image);

    const name = uniqueName('project');
    track({ container: name });
    const run = await onFreeHostPorts(profile);
    await runContainer(podman, hardenedRunArgs(run, { name, image }));
    const report = await verifyContainer(podman, name, { url: healthUrl(run) });
    assert.ok(passed(report), JSON.stringify(report, null, 2));
  });
});
