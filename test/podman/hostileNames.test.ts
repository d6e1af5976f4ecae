import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { buildImage } from '../../client/src/podman/build';
import { containerExists, inspectContainer, inspectImage } from '../../client/src/podman/inspect';
import type { PodmanOptions } from '../../client/src/podman/podman';
import {
  checkContainerName, checkImageReference, InvalidNameError,
} from '../../client/src/podman/reference';
import { hardenedRunArgs, removeContainer, removeImage } from '../../client/src/podman/run';
import { verifyContainer } from '../../client/src/podman/verify';
import { HOSTILE_NAMES } from '../helpers/hostileNames';
import { EXAMPLES, profileOf } from './helpers';

/**
 * A podman that records what would have run. The path does not exist: were a command started,
 * the error would be "podman was not found", not the validation error the tests expect.
 */
function recordingPodman(): { options: PodmanOptions; ran: string[] } {
  const ran: string[] = [];
  return { ran, options: { path: '/nonexistent/podman', globalArgs: [],
    log: (line) => ran.push(line) } };
}

describe('hostile names are rejected before anything runs', () => {
  test('container names and image references outside the grammar', () => {
    for (const name of HOSTILE_NAMES) {
      assert.throws(() => checkContainerName(name), InvalidNameError, JSON.stringify(name));
      assert.throws(() => checkImageReference(name), InvalidNameError, JSON.stringify(name));
    }
    assert.throws(() => checkImageReference('Upper/Case'), /must be lowercase/);
    assert.equal(checkImageReference('localhost:5000/team/app:1.0-rc_1'),
      'localhost:5000/team/app:1.0-rc_1');
    assert.equal(checkContainerName('web_1.test-2'), 'web_1.test-2');
  });

  test('the run arguments reject a hostile name, image, capability or userns', () => {
    const profile = profileOf(path.join(EXAMPLES, 'hardened-nginx', 'Dockerfile'));
    const image = 'localhost/web:1';
    for (const bad of HOSTILE_NAMES) {
      assert.throws(() => hardenedRunArgs(profile, { name: bad, image }), InvalidNameError);
      assert.throws(() => hardenedRunArgs(profile, { name: 'web', image: bad }),
        InvalidNameError);
    }
    assert.throws(() => hardenedRunArgs(profile, { name: 'web', image,
      capAdd: ['ALL --privileged'] }), InvalidNameError);
    assert.throws(() => hardenedRunArgs(profile, { name: 'web', image, userns: '--host' }),
      InvalidNameError);
  });

  test('no podman command starts for a hostile tag or container name', async () => {
    const { options, ran } = recordingPodman();
    const dockerfile = path.join(EXAMPLES, 'hardened-nginx', 'Dockerfile');
    for (const bad of HOSTILE_NAMES) {
      await assert.rejects(buildImage(options, { dockerfile, tag: bad }), InvalidNameError);
      await assert.rejects(inspectContainer(options, bad), InvalidNameError);
      await assert.rejects(containerExists(options, bad), InvalidNameError);
      await assert.rejects(removeContainer(options, bad), InvalidNameError);
      await assert.rejects(removeImage(options, bad), InvalidNameError);
      await assert.rejects(inspectImage(options, bad), InvalidNameError);
      await assert.rejects(verifyContainer(options, bad), InvalidNameError);
    }
    assert.deepEqual(ran, []);
  });
});
