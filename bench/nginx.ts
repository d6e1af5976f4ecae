// nginx lint of generated configs (1k, 10k, 100k lines): Rootguard's parse, its parse with
// every rule, and the nginx-conf npm parser, interleaved in one process; then the real
// `nginx -t` on the same files, a whole process each time, reported apart.

import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { NginxParser } from 'nginx-conf';
import { analyzeStandaloneConfig, type Workspace } from '../server/src/analysis/analyze';
import { DEFAULT_SETTINGS, type AnalysisSettings } from '../server/src/analysis/settings';
import { parseNginx } from '../server/src/nginx/parser';
import { generateNginx } from './lib/generate';
import { growth, measure, median, ms, percentile, round, type Contender } from './lib/measure';
import { runSection, type SectionResult, type Table } from './lib/section';

const TMP = path.resolve(__dirname);
const SIZES = [1_000, 10_000, 100_000];
const SETTINGS: AnalysisSettings = { ...DEFAULT_SETTINGS, maxFileBytes: 1 << 30 };
const ALONE: Workspace = { read: () => undefined, candidates: () => [] };
const OURS_PARSE = 'rootguard parse';
const OURS_ALL = 'rootguard parse + rules';
const PEER = 'nginx-conf parse';

/** nginx-conf reports through a callback, which it calls before parse() returns. */
function nginxConfParse(text: string): unknown {
  let tree: unknown;
  new NginxParser().parse(text, (error, result) => {
    if (error) throw error;
    tree = result;
  });
  return tree;
}

/** As in the Dockerfile bench: alternate two texts so that no call hits the parse cache. */
function alternating(text: string): () => string {
  const texts = [text, `${text}\n`];
  let i = 0;
  return () => texts[i++ & 1];
}

interface NginxTest {
  available: boolean;
  version?: string;
  /** Median wall time of `nginx -t` per size, and of an empty config (the process floor). */
  medianMs: Record<string, number>;
  accepted: boolean;
  error?: string;
}

function nginxVersion(): string | undefined {
  const run = spawnSync('nginx', ['-v'], { encoding: 'utf8' });
  return run.error ? undefined : run.stderr.trim().replace(/^nginx version: /, '');
}

/** Times `nginx -t -c FILE`, a whole process per run, as a user or CI would run it. */
function timeNginxTest(files: Map<string, string>): NginxTest {
  const version = nginxVersion();
  if (!version) return { available: false, medianMs: {}, accepted: false };
  mkdirSync('/tmp/rootguard-bench', { recursive: true });
  const result: NginxTest = { available: true, version, medianMs: {}, accepted: true };
  const samples = new Map<string, number[]>([...files.keys()].map((k) => [k, []]));
  for (let round = 0; round < 9; round++) {
    for (const [name, file] of files) {
      // The 100k-line config costs most; five runs of it are enough for a median.
      if (name === '100000' && round >= 5) continue;
      const t0 = performance.now();
      // stdout is /dev/null: the configs log to /dev/stdout, which nginx opens even with -t,
      // and which cannot be opened when it is a pipe or socket.
      const run = spawnSync('nginx', ['-t', '-q', '-e', 'stderr', '-p', '/tmp/rootguard-bench/',
        '-c', file], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
      const elapsed = performance.now() - t0;
      if (run.status !== 0) {
        result.accepted = false;
        result.error = `${name}: ${run.stderr.trim().split('\n').slice(0, 3).join(' / ')}`;
        return result;
      }
      if (round > 0) samples.get(name)?.push(elapsed);
    }
  }
  for (const [name, values] of samples) result.medianMs[name] = round(median(values), 2);
  return result;
}

async function main(): Promise<SectionResult> {
  const rows: string[][] = [];
  const medians = new Map<number, Map<string, number>>();
  const inputs: Record<string, unknown> = {};
  const files = new Map<string, string>();
  const empty = path.join(TMP, 'nginx-empty.conf');
  writeFileSync(empty, 'pid /tmp/rootguard-bench-nginx.pid;\nerror_log stderr;\nevents {}\n');
  files.set('empty', empty);

  for (const lines of SIZES) {
    const text = generateNginx(lines);
    const file = path.join(TMP, `nginx-${lines}.conf`);
    writeFileSync(file, text);
    files.set(String(lines), file);
    // Each contender has its own alternation: a shared one would hand the analysis the text
    // it saw last whenever the other contenders took an odd number of texts in between.
    const [a, b, c] = [alternating(text), alternating(text), alternating(text)];
    const contenders: Contender[] = [
      { name: OURS_PARSE, run: () => parseNginx(a(), file) },
      { name: OURS_ALL, run: () => analyzeStandaloneConfig(file, b(), ALONE, SETTINGS) },
      { name: PEER, run: () => nginxConfParse(c()) },
    ];
    const big = lines >= 100_000;
    const samples = measure(contenders, { warmupRounds: big ? 2 : 20, minRounds: big ? 7 : 30,
      maxRounds: 3000, budgetMs: big ? 6_000 : 3_000 });
    const byName = new Map<string, number>();
    const entry: Record<string, unknown> = { bytes: text.length,
      findings: analyzeStandaloneConfig(file, text, ALONE, SETTINGS).length };
    for (const [name, values] of samples) {
      const m = median(values);
      byName.set(name, m);
      entry[name] = { medianMs: round(m, 4), p95Ms: round(percentile(values, 95), 4),
        samples: values.length };
      rows.push([`generated ${lines / 1000}k`, name, ms(m), ms(percentile(values, 95)),
        ms((m / lines) * 1000)]);
    }
    medians.set(lines, byName);
    inputs[lines] = entry;
  }

  const at = (lines: number, name: string) => medians.get(lines)?.get(name) ?? Number.NaN;
  const ms10k = at(10_000, OURS_ALL);
  const growthOf = (name: string) => growth(1_000, at(1_000, name), 100_000, at(100_000, name));
  const nginxT = timeNginxTest(files);
  const nginxRows = nginxT.accepted
    ? [...files.keys()].map((k) => [k === 'empty' ? 'empty config' : `generated ${
      Number(k) / 1000}k`, ms(nginxT.medianMs[k] ?? Number.NaN),
    ms((nginxT.medianMs[k] ?? Number.NaN) - (nginxT.medianMs.empty ?? Number.NaN))])
    : [[nginxT.available ? `not accepted: ${nginxT.error ?? ''}` : 'nginx not installed',
      '–', '–']];
  const tables: Table[] = [{
    title: 'nginx lint, in process (median of interleaved samples)',
    header: ['input', 'contender', 'median', 'p95', 'per 1k lines'],
    rows,
    notes: [`growth exponent 1k→100k lines (1 = linear): parse ${
      growthOf(OURS_PARSE).toFixed(2)}, parse + rules ${growthOf(OURS_ALL).toFixed(2)}, ` +
      `nginx-conf ${growthOf(PEER).toFixed(2)}`],
  }, {
    title: `nginx -t -c FILE (${nginxT.version ?? 'nginx'}), one whole process per run`,
    header: ['input', 'median wall time', 'minus the empty config'],
    rows: nginxRows,
  }];
  return {
    results: {
      ms10k: round(ms10k, 3),
      parseMs10k: round(at(10_000, OURS_PARSE), 3),
      nginxConfMs10k: round(at(10_000, PEER), 3),
      growthExponent: { parseAndRules: round(growthOf(OURS_ALL)),
        parse: round(growthOf(OURS_PARSE)), nginxConf: round(growthOf(PEER)) },
      goal: { ms10kMax: 20, met: ms10k <= 20 },
      inputs,
      nginxTest: nginxT,
    },
    tables,
  };
}

runSection(main);
