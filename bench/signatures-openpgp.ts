// The same bench with the stand-in verifier, which bench/run.mjs builds instead when the
// product's signing module does not build (it is the newest part of the product).
import { runSection } from './lib/section';
import { signatureBench } from './signatures/harness';
import { openpgpVerifier } from './signatures/openpgpVerifier';

runSection(() => signatureBench(openpgpVerifier(),
  process.env.ROOTGUARD_BENCH_FALLBACK_REASON ?? 'asked for the stand-in'));
