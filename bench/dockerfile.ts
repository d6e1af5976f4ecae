// Dockerfile lint per file: Rootguard's whole analysis of a Dockerfile against the bare
// dockerfile-ast parse it is built on (the floor) and dockerfile-utils' validator (a peer on
// the same parser), on the examples and on generated files of 1k, 10k and 100k lines.

import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { analyzeImage, type Workspace } from '../server/src/analysis/analyze';
import { DEFAULT_SETTINGS, type AnalysisSettings } from '../server/src/analysis/settings';
import { findFiles, readText } from '../server/src/cli/fsWorkspace';
import { generateDockerfile } from './lib/generate';
import {
  callsFor, growth, measure, median, ms, percentile, round, type Contender, type MeasureOptions,
} from './lib/measure';
import { runSection, type SectionResult, type Table } from './lib/section';

const REPO = path.resolve(__dirname, '..', '..');
const SIZES = [1_000, 10_000, 100_000];
const FULL = process.env.ROOTGUARD_BENCH_FULL === '1';
const PARSE = 'dockerfile-ast parse';
const OURS = 'rootguard analysis';
const UTILS = 'dockerfile-utils validate';

// The default limit (2 MiB) would skip the 100k-line file as RG003; the bench wants it read.
const SETTINGS: AnalysisSettings = { ...DEFAULT_SETTINGS, maxFileBytes: 1 << 30 };
const ALONE: Workspace = { read: () => undefined, candidates: () => [] };

interface Subject {
  name: string;
  file: string;
  lines: number;
  text: string;
  /** With the example's nginx configs, for the paired row; undefined for generated files. */
  paired: Workspace | undefined;
}

function subjects(): Subject[] {
  const list: Subject[] = [];
  for (const example of ['unhardened-nginx', 'hardened-nginx']) {
    const dir = path.join(REPO, 'examples', example);
    const file = path.join(dir, 'Dockerfile');
    const text = readFileSync(file, 'utf8');
    const configs = findFiles(dir, SETTINGS.maxFileBytes).configs;
    list.push({ name: `examples/${example}`, file, lines: text.split('\n').length, text,
      paired: { read: readText, candidates: () => configs } });
  }
  for (const lines of SIZES) {
    list.push({ name: `generated ${lines / 1000}k`, file: `/bench/${lines}/Dockerfile`, lines,
      text: generateDockerfile(lines), paired: undefined });
  }
  return list;
}

/**
 * Texts that differ only by final newlines, used in turn: the analysis caches parses by file
 * and text, and a keystroke always brings a new text, so every call here must miss. Each
 * contender has its own pair (`salt`), so that none is handed the text another just left in
 * the cache.
 */
function alternating(text: string, salt: number): () => string {
  const texts = [`${text}${'\n'.repeat(2 * salt)}`, `${text}${'\n'.repeat(2 * salt + 1)}`];
  let i = 0;
  return () => texts[i++ & 1];
}

function contendersFor(subject: Subject): Contender[] {
  const [a, b, c, d] = [0, 1, 2, 3].map((salt) => alternating(subject.text, salt));
  const list: Contender[] = [
    { name: PARSE, run: () => DockerfileParser.parse(a()) },
    { name: OURS, run: () =>
      analyzeImage(subject.file, b(), ALONE, SETTINGS).findings },
  ];
  // dockerfile-utils takes 20-30 s on 100k lines (it grows faster than linearly): left out
  // there unless asked for, to keep the bench within its few minutes; then one sample.
  if (subject.lines < 100_000 || FULL) {
    list.push({ name: UTILS, run: () => validate(c()),
      maxSamples: subject.lines >= 100_000 ? 1 : undefined });
  }
  const paired = subject.paired;
  if (paired) {
    list.push({ name: 'rootguard + copied configs', run: () =>
      analyzeImage(subject.file, d(), paired, SETTINGS).findings });
  }
  return list;
}

/**
 * Rounds per input size: enough samples for a steady median within a few seconds each; the
 * 100k-line file comes last, when the JIT is warm from the others, and three rounds of it
 * take half a minute.
 */
function roundsFor(lines: number, callsPerSample: number): MeasureOptions {
  if (lines >= 100_000) return { warmupRounds: 0, minRounds: 3, maxRounds: 3, budgetMs: 0 };
  if (lines >= 10_000) return { warmupRounds: 2, minRounds: 7, maxRounds: 50, budgetMs: 5_000 };
  if (lines >= 1_000) return { warmupRounds: 5, minRounds: 15, maxRounds: 200, budgetMs: 3_000 };
  return { warmupRounds: 10, minRounds: 30, maxRounds: 2000, budgetMs: 2_000, callsPerSample };
}

async function main(): Promise<SectionResult> {
  const perSubject: Record<string, Record<string, unknown>> = {};
  const rows: string[][] = [];
  const medians = new Map<string, Map<string, number>>();
  for (const subject of subjects()) {
    const contenders = contendersFor(subject);
    // The examples take microseconds: several calls make one sample of about 2 ms, as many
    // for each contender (counted on the slowest).
    const calls = subject.lines < 1_000
      ? Math.min(...contenders.map((c) => callsFor(c.run, 2))) : 1;
    const samples = measure(contenders, roundsFor(subject.lines, calls));
    const parse = median(samples.get(PARSE) ?? []);
    const byName = new Map<string, number>();
    const entry: Record<string, unknown> = { lines: subject.lines, bytes: subject.text.length,
      samples: samples.get(PARSE)?.length, callsPerSample: calls };
    for (const [name, values] of samples) {
      const m = median(values);
      byName.set(name, m);
      entry[name] = { medianMs: round(m, 4), p95Ms: round(percentile(values, 95), 4),
        ratioToParse: round(m / parse) };
      rows.push([subject.name, name, ms(m), ms(percentile(values, 95)),
        `${(m / parse).toFixed(2)}×`, ms((m / subject.lines) * 1000)]);
    }
    if (!samples.has(UTILS)) {
      rows.push([subject.name, UTILS, 'skipped', '', '', 'ROOTGUARD_BENCH_FULL=1 runs it']);
    }
    medians.set(subject.name, byName);
    perSubject[subject.name] = entry;
  }

  const at = (size: number, name: string) =>
    medians.get(`generated ${size / 1000}k`)?.get(name) ?? Number.NaN;
  // The headline ratios are those of the 10k-line file: large enough that per-call overhead
  // does not dominate, small enough to be a file someone edits.
  const ratioToParse = at(10_000, OURS) / at(10_000, PARSE);
  const ratioToUtils = at(10_000, OURS) / at(10_000, UTILS);
  /** From 1k to the largest size measured (dockerfile-utils may stop at 10k). */
  const growthOf = (name: string) => {
    const big = Number.isFinite(at(100_000, name)) ? 100_000 : 10_000;
    return { exponent: growth(1_000, at(1_000, name), big, at(big, name)), upTo: big };
  };
  const describeGrowth = (label: string, name: string) => {
    const { exponent, upTo } = growthOf(name);
    return `${label} ${exponent.toFixed(2)}${upTo === 100_000 ? '' : ' (1k→10k)'}`;
  };
  // What the analysis adds to the parse it cannot avoid, and how that part grows.
  const extra = (size: number) => at(size, OURS) - at(size, PARSE);
  const extraGrowth = growth(1_000, extra(1_000), 100_000, extra(100_000));
  const ratioTable: Table = {
    title: 'Dockerfile lint per file (median of interleaved samples; ratio to the bare parse)',
    header: ['input', 'contender', 'median', 'p95', '× parse', 'per 1k lines'],
    rows,
    notes: [
      `growth exponent 1k→100k lines (1 = linear): ${describeGrowth('rootguard', OURS)}, ${
        describeGrowth('parse', PARSE)}, ${describeGrowth('dockerfile-utils', UTILS)}; ` +
      `rootguard beyond the parse ${extraGrowth.toFixed(2)}`,
    ],
  };
  return {
    results: {
      ratioToParse: round(ratioToParse),
      ratioToDockerfileUtils: round(ratioToUtils),
      ratioToParseBySize: Object.fromEntries(SIZES.map((s) => [s,
        round(at(s, OURS) / at(s, PARSE))])),
      growthExponent: {
        rootguard: round(growthOf(OURS).exponent),
        parse: round(growthOf(PARSE).exponent),
        rootguardBeyondParse: round(extraGrowth),
        dockerfileUtils: round(growthOf(UTILS).exponent),
        dockerfileUtilsUpTo: growthOf(UTILS).upTo,
      },
      goal: { ratioToParseMax: 1.3, met: ratioToParse <= 1.3 },
      inputs: perSubject,
    },
    tables: [ratioTable],
  };
}

runSection(main);
