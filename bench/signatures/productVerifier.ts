// Rootguard's own verification (client/src/signing/verifySignature.ts), as `rootguard
// verify-image` and the extension run it: trusted key, strict payload, digest and identity.
// The two product imports below are all the bench knows of that module.
import openpgp = require('openpgp');
import { parseDockerReference } from '../../client/src/podman/reference';
import { DEFAULT_IDENTITY_RULE } from '../../client/src/signing/identity';
import { verifySignature } from '../../client/src/signing/verifySignature';
import type { ExpectedImage, SignatureVerifier } from './verifier';

export function productVerifier(): SignatureVerifier {
  let keys: openpgp.PublicKey[] = [];
  return {
    implementation: 'client/src/signing/verifySignature.ts',
    async trust(armoredPublicKey) {
      keys = [await openpgp.readKey({ armoredKey: armoredPublicKey })];
    },
    async verify(signature: Uint8Array, expected: ExpectedImage) {
      const result = await verifySignature(signature, 1, {
        reference: parseDockerReference(expected.reference),
        manifestDigest: expected.digest,
        trust: [{ keys, identity: DEFAULT_IDENTITY_RULE, source: 'bench key' }],
      });
      return result.verdict === 'verified';
    },
  };
}
