// Signature verification: N real simple-signing signatures, made with gpg as podman makes them
// (a signed OpenPGP message whose literal data is the JSON payload), verified in-process by a
// SignatureVerifier, by one `gpg --verify` process per signature, and by `skopeo
// standalone-verify` (which also digests the manifest and checks the identity, as ours does).
// Interleaved: in each round all three verify every signature, in a rotating order.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { median, ms, percentile, round } from '../lib/measure';
import type { SectionResult, Table } from '../lib/section';
import type { ExpectedImage, SignatureVerifier } from './verifier';

const SIGNATURES = Number(process.env.ROOTGUARD_BENCH_SIGNATURES ?? 40);
const ROUNDS = 3;
const KEY_TYPES = ['ed25519', 'rsa3072'] as const;

interface Signed extends ExpectedImage {
  manifestFile: string;
  signatureFile: string;
  signature: Uint8Array;
}

interface KeyRun {
  keyType: string;
  fingerprint: string;
  oursMs: number[];
  gpgMs: number[];
  skopeoMs: number[];
  skopeoError?: string;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, input?: string):
  { status: number | null; stdout: string; stderr: string; error?: Error } {
  const result = spawnSync(command, args, { env: { ...process.env, ...env }, input,
    encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '',
    error: result.error };
}

function available(command: string): boolean {
  return !run(command, ['--version'], {}).error;
}

/** A passphrase-less signing key of the type, in the bench's own keyring. */
function newKey(home: string, keyType: string): { fingerprint: string; armored: string } {
  const env = { GNUPGHOME: home };
  const uid = `Rootguard Bench ${keyType} <${keyType}@rootguard.invalid>`;
  const made = run('gpg', ['--batch', '--pinentry-mode', 'loopback', '--passphrase', '',
    '--quick-gen-key', uid, keyType, 'sign', '0'], env);
  if (made.status !== 0) throw new Error(`gpg could not make a ${keyType} key: ${made.stderr}`);
  const listed = run('gpg', ['--batch', '--with-colons', '--list-keys', uid], env).stdout;
  const fingerprint = /^fpr:+([0-9A-F]{40}):/m.exec(listed)?.[1];
  if (!fingerprint) throw new Error(`no fingerprint for ${uid}`);
  const armored = run('gpg', ['--batch', '--armor', '--export', fingerprint], env).stdout;
  return { fingerprint, armored };
}

/** Signs a podman-style payload for a made-up manifest, as `podman push --sign-by` does. */
function sign(home: string, dir: string, fingerprint: string, i: number): Signed {
  const manifest = JSON.stringify({ schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { digest: `sha256:${createHash('sha256').update(`config ${i}`).digest('hex')}` },
    layers: [] });
  const manifestFile = path.join(dir, `manifest-${i}.json`);
  writeFileSync(manifestFile, manifest);
  const digest = `sha256:${createHash('sha256').update(manifest).digest('hex')}`;
  const reference = `registry.example/team/app${i}:1`;
  const payload = JSON.stringify({
    critical: { identity: { 'docker-reference': reference },
      image: { 'docker-manifest-digest': digest }, type: 'atomic container signature' },
    optional: { creator: 'rootguard bench', timestamp: 1_790_000_000 + i },
  });
  const signatureFile = path.join(dir, `signature-${i}`);
  const signed = run('gpg', ['--batch', '--yes', '--pinentry-mode', 'loopback', '--passphrase',
    '', '--local-user', fingerprint, '--sign', '--output', signatureFile], { GNUPGHOME: home },
  payload);
  if (signed.status !== 0) throw new Error(`gpg could not sign: ${signed.stderr}`);
  return { reference, digest, manifestFile, signatureFile,
    signature: new Uint8Array(readFileSync(signatureFile)) };
}

function timedProcess(command: string, args: string[], env: NodeJS.ProcessEnv):
  { ms: number; ok: boolean; stderr: string } {
  const t0 = performance.now();
  const result = spawnSync(command, args, { env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'] });
  return { ms: performance.now() - t0, ok: result.status === 0,
    stderr: result.stderr?.toString() ?? '' };
}

async function benchKey(verifier: SignatureVerifier, home: string, keyType: string):
  Promise<KeyRun> {
  const dir = mkdtempSync(path.join(home, `${keyType}-`));
  const { fingerprint, armored } = newKey(home, keyType);
  const signed = Array.from({ length: SIGNATURES }, (_, i) => sign(home, dir, fingerprint, i));
  await verifier.trust(armored);
  const env = { GNUPGHOME: home };

  // Every verifier must accept every signature, and ours must refuse a wrong digest, before
  // any of it is timed: a fast "no" would be no result.
  for (const s of signed) {
    if (!await verifier.verify(s.signature, s)) throw new Error(`ours rejected ${s.reference}`);
  }
  const other = signed[1] ?? signed[0];
  if (await verifier.verify(signed[0].signature, { ...signed[0], digest: other.digest }) &&
    signed.length > 1) {
    throw new Error('ours accepted a signature for another digest');
  }
  const gpgArgs = (s: Signed) => ['--batch', '--no-tty', '--status-fd', '1', '--verify',
    s.signatureFile];
  const skopeoArgs = (s: Signed) => ['standalone-verify', s.manifestFile, s.reference,
    fingerprint, s.signatureFile];
  const result: KeyRun = { keyType, fingerprint, oursMs: [], gpgMs: [], skopeoMs: [] };
  const skopeo = available('skopeo');
  if (skopeo) {
    const check = timedProcess('skopeo', skopeoArgs(signed[0]), env);
    if (!check.ok) result.skopeoError = check.stderr.trim().split('\n')[0];
  }
  const gpgCheck = timedProcess('gpg', gpgArgs(signed[0]), env);
  if (!gpgCheck.ok) throw new Error(`gpg --verify failed: ${gpgCheck.stderr}`);

  // Warm-up of the in-process verifier (JIT, openpgp's lazy set-up); processes are cold
  // every time anyway, which is what a process per signature costs.
  for (let i = 0; i < 5; i++) for (const s of signed) await verifier.verify(s.signature, s);
  // Interleaved by batch: in each round the three verify all N signatures, in turn, in a
  // rotating order. Ours runs its batch back to back, as it verifies an image's signatures;
  // a spawnSync between two of its calls would leave it a cold thread pool every time.
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < 3; k++) {
      const which = (k + round) % 3;
      if (which === 0) {
        for (const s of signed) {
          const t0 = performance.now();
          const ok = await verifier.verify(s.signature, s);
          result.oursMs.push(performance.now() - t0);
          if (!ok) throw new Error('ours changed its mind');
        }
      } else if (which === 1) {
        for (const s of signed) {
          const timed = timedProcess('gpg', gpgArgs(s), env);
          if (!timed.ok) throw new Error(`gpg --verify failed: ${timed.stderr}`);
          result.gpgMs.push(timed.ms);
        }
      } else if (skopeo && !result.skopeoError) {
        for (const s of signed) {
          const timed = timedProcess('skopeo', skopeoArgs(s), env);
          if (timed.ok) result.skopeoMs.push(timed.ms);
          else result.skopeoError = timed.stderr.trim().split('\n')[0];
        }
      }
    }
  }
  return result;
}

export async function signatureBench(verifier: SignatureVerifier, fallbackReason?: string):
  Promise<SectionResult> {
  if (!available('gpg')) {
    return { results: { speedupVsGpg: null, measured: false, why: 'gpg is not installed' },
      tables: [] };
  }
  const home = mkdtempSync(path.join(tmpdir(), 'rootguard-bench-gpg-'));
  const runs: KeyRun[] = [];
  try {
    for (const keyType of KEY_TYPES) runs.push(await benchKey(verifier, home, keyType));
  } finally {
    run('gpgconf', ['--kill', 'gpg-agent'], { GNUPGHOME: home });
    rmSync(home, { recursive: true, force: true });
  }

  const rows: string[][] = [];
  const byKey: Record<string, unknown> = {};
  for (const r of runs) {
    const ours = median(r.oursMs);
    const gpg = median(r.gpgMs);
    const skopeo = r.skopeoMs.length > 0 ? median(r.skopeoMs) : Number.NaN;
    rows.push([r.keyType, `ours in-process (${verifier.implementation})`, ms(ours),
      ms(percentile(r.oursMs, 95)), '1×']);
    rows.push([r.keyType, 'gpg --verify, a process per signature', ms(gpg),
      ms(percentile(r.gpgMs, 95)), `${(gpg / ours).toFixed(0)}× slower`]);
    rows.push([r.keyType, 'skopeo standalone-verify, a process per signature',
      r.skopeoError ? `failed: ${r.skopeoError}` : ms(skopeo),
      r.skopeoError ? '' : ms(percentile(r.skopeoMs, 95)),
      r.skopeoError ? '' : `${(skopeo / ours).toFixed(0)}× slower`]);
    byKey[r.keyType] = { fingerprint: r.fingerprint, samples: r.oursMs.length,
      oursMedianMs: round(ours, 4), gpgMedianMs: round(gpg, 3),
      skopeoMedianMs: Number.isFinite(skopeo) ? round(skopeo, 3) : null,
      skopeoError: r.skopeoError ?? null,
      speedupVsGpg: round(gpg / ours, 1),
      speedupVsSkopeo: Number.isFinite(skopeo) ? round(skopeo / ours, 1) : null };
  }
  // The headline is the worse of the key types: a user's key may be either.
  const speedups = runs.map((r) => median(r.gpgMs) / median(r.oursMs));
  const speedupVsGpg = Math.min(...speedups);
  const table: Table = {
    title: `Signature verification: ${SIGNATURES} real simple-signing signatures per key ` +
      `type, ${ROUNDS} interleaved rounds (median per signature)`,
    header: ['key', 'verifier', 'median', 'p95', 'vs ours'],
    rows,
    notes: [
      'gpg --verify checks the OpenPGP signature only; ours and skopeo also check the signed ' +
      'payload (digest, identity) against the image.',
      ...(fallbackReason ? [`Measured the stand-in, not the product: ${fallbackReason}`] : []),
    ],
  };
  return {
    results: {
      speedupVsGpg: round(speedupVsGpg, 1),
      goal: { speedupVsGpgMin: 20, met: speedupVsGpg >= 20 },
      implementation: verifier.implementation,
      fallbackReason: fallbackReason ?? null,
      signaturesPerKeyType: SIGNATURES,
      byKeyType: byKey,
    },
    tables: [table],
  };
}
