// Signature verification bench with Rootguard's own verifier (see signatures/harness.ts).
import { runSection } from './lib/section';
import { signatureBench } from './signatures/harness';
import { productVerifier } from './signatures/productVerifier';

runSection(() => signatureBench(productVerifier()));
