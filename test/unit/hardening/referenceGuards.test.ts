// One docker reference grammar guards every place a name reaches a program: podman's commands,
// the signed push, and verification (skopeo). Hostile names are refused before anything runs.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { signedPushArguments } from '../../../client/src/podman/push';
import {
  checkContainerName, checkImage, checkImageReference, InvalidNameError, parseDockerReference,
} from '../../../client/src/podman/reference';
import { RequestError, verifyImage } from '../../../client/src/signing/verifyImage';
import { HOSTILE_NAMES } from '../../helpers/hostileNames';

const FINGERPRINT = 'A'.repeat(40);

describe('hostile names', () => {
  test('are not docker references, image names or container names', () => {
    for (const name of HOSTILE_NAMES) {
      const shown = JSON.stringify(name.slice(0, 40));
      assert.throws(() => parseDockerReference(name), InvalidNameError, shown);
      assert.throws(() => checkImageReference(name), InvalidNameError, shown);
      assert.throws(() => checkImage(name), InvalidNameError, shown);
      assert.throws(() => checkContainerName(name), InvalidNameError, shown);
    }
  });

  test('never reach a signed push, as source or destination', () => {
    const destination = parseDockerReference('registry.example/team/app:1');
    for (const name of HOSTILE_NAMES) {
      assert.throws(() => signedPushArguments(name, destination, FINGERPRINT), InvalidNameError);
      assert.throws(() => signedPushArguments('localhost/app:1',
        parseDockerReference(name), FINGERPRINT), InvalidNameError);
    }
  });

  test('are refused by verification before the registry or skopeo is asked', async () => {
    const asked: string[] = [];
    for (const name of HOSTILE_NAMES) {
      await assert.rejects(verifyImage({ reference: name, policyFile: null,
        lookupDigest: async (ref) => {
          asked.push(ref.path);
          return `sha256:${'0'.repeat(64)}`;
        } }), RequestError);
    }
    assert.deepEqual(asked, []);
  });

  test('are normalised the same way for podman and for signing', () => {
    const ref = parseDockerReference('nginx');
    assert.deepEqual(ref, { domain: 'docker.io', path: 'library/nginx', tag: 'latest' });
    assert.equal(checkImageReference('nginx'), 'nginx');
    assert.equal(checkImage('0123456789ab'), '0123456789ab');
  });
});
