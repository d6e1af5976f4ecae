// The stand-in verifier: a simple-signing signature checked with openpgp alone (signed message,
// trusted key, critical payload naming the expected digest and reference).
import openpgp = require('openpgp');
import type { ExpectedImage, SignatureVerifier } from './verifier';

interface Critical {
  critical?: {
    type?: unknown;
    image?: { 'docker-manifest-digest'?: unknown };
    identity?: { 'docker-reference'?: unknown };
  };
}

export function openpgpVerifier(): SignatureVerifier {
  let key: openpgp.PublicKey | undefined;
  return {
    implementation: 'openpgp directly (stand-in for client/src/signing)',
    async trust(armoredPublicKey) {
      key = await openpgp.readKey({ armoredKey: armoredPublicKey });
    },
    async verify(signature: Uint8Array, expected: ExpectedImage) {
      if (!key) throw new Error('no trusted key');
      const message = await openpgp.readMessage({ binaryMessage: signature });
      const result = await openpgp.verify({ message, verificationKeys: [key],
        format: 'binary' });
      try {
        await result.signatures[0]?.verified;
      } catch {
        return false;
      }
      const payload = JSON.parse(Buffer.from(result.data).toString('utf8')) as Critical;
      const critical = payload.critical;
      return critical?.type === 'atomic container signature' &&
        critical.image?.['docker-manifest-digest'] === expected.digest &&
        critical.identity?.['docker-reference'] === expected.reference;
    },
  };
}
