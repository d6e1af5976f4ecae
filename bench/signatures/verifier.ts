// What the signature bench needs of a verifier. The product's (productVerifier.ts) is the one
// measured; openpgpVerifier.ts does the same checks with openpgp directly, and stands in when
// the product module cannot be built (bench/run.mjs then says so in the results).

export interface ExpectedImage {
  /** The docker reference the signature must name, e.g. `registry.example/team/app:1`. */
  reference: string;
  /** The manifest digest it must name, `sha256:…`. */
  digest: string;
}

export interface SignatureVerifier {
  /** What is measured, for the table: the product module or the stand-in. */
  implementation: string;
  /** Loads the trusted public key (armored), once, before anything is timed. */
  trust(armoredPublicKey: string): Promise<void>;
  /** True when the signature is good, made by the trusted key, and names `expected`. */
  verify(signature: Uint8Array, expected: ExpectedImage): Promise<boolean>;
}
