// Side-by-side timing: contenders run interleaved (one call each per round, the starting one
// rotating), so that a burst of load from other processes on this shared machine, a GC or a
// CPU frequency change lands on all of them alike and their ratio stays honest.

import { performance } from 'node:perf_hooks';

export interface Contender {
  name: string;
  run: () => unknown;
  /**
   * At most this many timed samples and no warm-up: for a contender so slow on an input
   * (seconds a call) that one sample is all the time budget allows.
   */
  maxSamples?: number;
}

export interface MeasureOptions {
  /** Rounds run before any is timed: lets the JIT settle on the hot paths. */
  warmupRounds: number;
  minRounds: number;
  maxRounds: number;
  /** Timing stops after this much wall time once minRounds are done. */
  budgetMs: number;
  /** Each sample times this many calls, so that calls of a few microseconds are measurable. */
  callsPerSample?: number;
}

const collect = (globalThis as { gc?: (options?: { type: 'minor' | 'major' }) => void }).gc;

/**
 * A young-generation collection ends each sample, inside its time (when node runs with
 * --expose-gc, as bench/run.mjs starts the sections): so each contender pays for collecting
 * its own garbage, and none for another's. Without it, the garbage one contender leaves is
 * collected during the next one's sample, and which pays for whose depends on the order, not
 * on the code; and with the collection outside the time, nobody pays for what is left over,
 * which a server handling one keystroke after another does. (A full collection would be
 * wrong too: it makes the JIT start over, and 8-line inputs ran ten times slower after each.)
 */
function collectGarbage(): void {
  if (collect) collect({ type: 'minor' });
}

/** Per contender, ms per call of each sample. */
export type Samples = Map<string, number[]>;

// Results go here so that no optimiser can decide a call is dead code.
let sink: unknown;
export function keep(value: unknown): void {
  sink = value;
}

export function measure(contenders: Contender[], options: MeasureOptions): Samples {
  const samples: Samples = new Map(contenders.map((c) => [c.name, []]));
  const calls = options.callsPerSample ?? 1;
  for (let round = 0; round < options.warmupRounds; round++) {
    for (const c of contenders) {
      if (c.maxSamples === undefined) for (let k = 0; k < calls; k++) keep(c.run());
    }
  }
  const started = performance.now();
  for (let round = 0; round < options.maxRounds; round++) {
    if (round >= options.minRounds && performance.now() - started > options.budgetMs) break;
    for (let j = 0; j < contenders.length; j++) {
      const c = contenders[(round + j) % contenders.length];
      if (c.maxSamples !== undefined && round >= c.maxSamples) continue;
      collectGarbage();
      const t0 = performance.now();
      for (let k = 0; k < calls; k++) keep(c.run());
      collectGarbage();
      const t1 = performance.now();
      samples.get(c.name)?.push((t1 - t0) / calls);
    }
  }
  void sink;
  return samples;
}

/**
 * How many calls make a sample of about `targetMs`: one call timed alone after a few untimed
 * ones. Tiny inputs take microseconds, and a timer read costs about as much.
 */
export function callsFor(run: () => unknown, targetMs: number): number {
  for (let i = 0; i < 5; i++) keep(run());
  const t0 = performance.now();
  keep(run());
  const one = Math.max(performance.now() - t0, 0.001);
  return Math.max(1, Math.min(1000, Math.round(targetMs / one)));
}

export function median(values: number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile: a value that was actually observed. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/**
 * Growth exponent between two sizes: 1 is linear, 2 quadratic. From medians, so one slow
 * sample does not tilt it.
 */
export function growth(smallSize: number, smallMs: number, bigSize: number, bigMs: number):
  number {
  return Math.log(bigMs / smallMs) / Math.log(bigSize / smallSize);
}

export function round(value: number, digits = 3): number {
  if (!Number.isFinite(value)) return value;
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** Formats milliseconds with enough precision for both microseconds and seconds. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (value < 0.1) return `${(value * 1000).toFixed(1)} µs`;
  if (value < 10) return `${value.toFixed(2)} ms`;
  if (value < 1000) return `${value.toFixed(1)} ms`;
  return `${(value / 1000).toFixed(2)} s`;
}
