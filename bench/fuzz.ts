// `npm run bench:fuzz`: the robustness properties of test/unit/robustness (and the nginx
// parser's), run for 100k cases each with a fixed seed, timing every case: the slowest case
// says whether any input makes a parser or the analysis hang. Then long inputs of the shapes
// that make parsers slow (long tokens, deep nesting, long continuations...) at growing sizes:
// time per character must stay flat, or some loop or regular expression is not linear.
//
// ROOTGUARD_FUZZ_RUNS and ROOTGUARD_FUZZ_SEED change the count and the seed.

import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { DockerfileParser } from 'dockerfile-ast';
import { parseDockerfile } from '../server/src/dockerfile/parse';
import type { Finding } from '../server/src/core/finding';
import { parseNginx } from '../server/src/nginx/parser';
import { walkDirectives } from '../server/src/nginx/walk';
import { applyEdits, lint, type Files } from '../test/helpers/project';
import { textAt } from '../test/unit/nginx/helpers';
import { anyText, dockerfileText, mutated, nginxText } from '../test/unit/robustness/generators';
import { growth, median, ms, percentile, round } from './lib/measure';
import { runSection, type SectionResult, type Table } from './lib/section';

const RUNS = Number(process.env.ROOTGUARD_FUZZ_RUNS ?? 100_000);
const SEED = Number(process.env.ROOTGUARD_FUZZ_SEED ?? 20261203);
/** The quick-fix property lints once per fix offered: a quarter of the runs, as in the test. */
const FIX_RUNS = Math.max(20, Math.floor(RUNS / 4));

const REAL_DOCKERFILE = [
  'FROM docker.io/library/nginx:mainline-alpine',
  'RUN chown -R nginx:nginx /var/cache/nginx \\',
  '    && touch /var/run/nginx.pid && chown nginx /var/run/nginx.pid',
  'COPY nginx.conf /etc/nginx/nginx.conf',
  'EXPOSE 8080',
  'USER nginx',
  'CMD ["nginx", "-g", "daemon off;"]',
].join('\n');
const REAL_CONFIG = [
  'user nginx;', 'pid /var/run/nginx.pid;', 'events { worker_connections 1024; }', 'http {',
  '  access_log /var/log/nginx/access.log main;',
  '  server { listen 80; location / { content_by_lua_block { ngx.say("}") } } }', '}',
].join('\n');

/** Pieces of nginx syntax, joined at random: quotes, braces, escapes, Lua blocks, NUL. */
const NGINX_PIECES = [' ', '\n', '\r\n', '\r', '\t', ';', '{', '}', '#', '"', "'", '\\', '$',
  '${x}', '(', ')', 'server', 'listen', '80', 'a#b', 'content_by_lua_block', '--', '[[', ']]',
  '\0', '\u{1F600}'];
const nginxPieces = fc.array(fc.constantFrom(...NGINX_PIECES), { maxLength: 80 })
  .map((pieces) => pieces.join(''));

interface PropertyRun {
  name: string;
  cases: number;
  failed: boolean;
  failure?: string;
  totalMs: number;
  medianUs: number;
  p999Us: number;
  slowestMs: number;
  slowestInputChars: number;
}

/** Runs a property, timing each case; fast-check's own shrinking runs are not timed. */
function timed<T>(name: string, arbitrary: fc.Arbitrary<T>, predicate: (value: T) => void,
  runs: number, size: (value: T) => number): PropertyRun {
  const times: number[] = [];
  let slowest = { ms: 0, chars: 0 };
  let shrinking = false;
  const started = performance.now();
  const result = fc.check(fc.property(arbitrary, (value) => {
    const t0 = performance.now();
    try {
      predicate(value);
    } catch (error) {
      shrinking = true;
      throw error;
    }
    const elapsed = performance.now() - t0;
    if (!shrinking) {
      times.push(elapsed);
      if (elapsed > slowest.ms) slowest = { ms: elapsed, chars: size(value) };
    }
  }), { numRuns: runs, seed: SEED });
  const totalMs = performance.now() - started;
  return {
    name, cases: times.length, failed: result.failed,
    failure: result.failed ? describeFailure(result) : undefined,
    totalMs: round(totalMs, 0),
    medianUs: round(median(times) * 1000, 1),
    p999Us: round(percentile(times, 99.9) * 1000, 1),
    slowestMs: round(slowest.ms, 2),
    slowestInputChars: slowest.chars,
  };
}

/** The counterexample and the error it raised, on one line each. */
function describeFailure<T>(result: fc.RunDetails<[T]>): string {
  const error = result.errorInstance instanceof Error ? result.errorInstance.message
    : String(result.errorInstance);
  return `counterexample ${JSON.stringify(result.counterexample)} after ${
    result.numRuns} cases: ${error.split('\n')[0]}`;
}

const chars = (text: string) => text.length;
const pairChars = ([a, b]: [string, string]) => a.length + b.length;

function properties(): PropertyRun[] {
  const runs: PropertyRun[] = [];
  runs.push(timed('Dockerfile model never throws',
    fc.oneof(anyText, dockerfileText, mutated(REAL_DOCKERFILE)),
    (text) => {
      if (parseDockerfile(text, '/p/Dockerfile').lineCount < 1) throw new Error('no lines');
    }, RUNS, chars));

  runs.push(timed('nginx parser: no exception, every range covers its text',
    fc.oneof(nginxPieces, nginxText, mutated(REAL_CONFIG), anyText),
    (text) => checkRanges(text), RUNS, chars));

  runs.push(timed('whole analysis (Dockerfile + configs) never throws',
    fc.tuple(fc.oneof(dockerfileText, mutated(REAL_DOCKERFILE), anyText),
      fc.oneof(nginxText, mutated(REAL_CONFIG), anyText)),
    ([dockerfile, config]) => {
      const findings = lint({ Dockerfile: dockerfile, 'nginx.conf': config,
        'conf.d/app.conf': config });
      const failed = findings.find((f) => /failed on this file/.test(f.message));
      if (failed) throw new Error(`${failed.rule} threw: ${failed.message}`);
    }, RUNS, pairChars));

  runs.push(timed('every quick-fix is safe and idempotent',
    fc.tuple(dockerfileText, nginxText),
    ([dockerfile, config]) => checkFixes({ Dockerfile: dockerfile, 'nginx.conf': config }),
    FIX_RUNS, pairChars));
  return runs;
}

/** The nginx robustness test's invariant: ranges point at exactly the text they claim. */
function checkRanges(original: string): void {
  const text = original.startsWith('\uFEFF') ? original.slice(1) : original;
  const config = parseNginx(original, '/etc/nginx/nginx.conf');
  walkDirectives(config, (directive) => {
    for (const word of directive.args) {
      const seen = textAt(text, word.span);
      if (seen !== word.raw) {
        throw new Error(`word ${JSON.stringify(word.raw)} spans ${JSON.stringify(seen)}`);
      }
    }
  });
}

/** The quick-fix property of test/unit/robustness/fixes-property.test.ts, as a predicate. */
function checkFixes(files: Files): void {
  const key = (f: Finding) => `${f.rule}@${f.span.start.line}:${f.span.start.character}`;
  const count = (list: Finding[], rule: string) => list.filter((f) => f.rule === rule).length;
  const findings = lint(files);
  for (const finding of findings) {
    for (const fix of finding.fixes) {
      const fixed = applyEdits(files, fix.edits);
      const before = parseNginx(files['nginx.conf'], 'nginx.conf').errors.length;
      if (parseNginx(fixed['nginx.conf'], 'nginx.conf').errors.length > before) {
        throw new Error(`${fix.title} broke the config`);
      }
      const after = lint(fixed);
      const cleared = count(after, finding.rule) < count(findings, finding.rule) ||
        !after.some((f) => key(f) === key(finding) && f.message === finding.message);
      if (!cleared) throw new Error(`${fix.title} did not clear ${key(finding)}`);
      for (const rule of new Set(after.map((f) => f.rule))) {
        if (rule !== finding.rule && count(after, rule) > count(findings, rule)) {
          throw new Error(`${fix.title} added ${rule}`);
        }
      }
    }
  }
}

/** Long inputs: each a shape that makes a careless parser or regular expression slow. */
const SHAPES: { name: string; kind: 'nginx' | 'dockerfile'; make: (n: number) => string }[] = [
  { name: 'one long bare word', kind: 'nginx', make: (n) => `a ${'x'.repeat(n)};` },
  { name: 'one unterminated quote', kind: 'nginx', make: (n) => `a "${'x '.repeat(n / 2)}` },
  { name: 'deep nesting', kind: 'nginx', make: (n) => 'a {'.repeat(n / 4) + '}'.repeat(n / 4) },
  { name: 'escapes and $', kind: 'nginx', make: (n) => `a ${'\\$'.repeat(n / 2)};` },
  { name: 'one long comment', kind: 'nginx', make: (n) => `#${'x'.repeat(n)}\nuser a;` },
  { name: 'unclosed Lua block', kind: 'nginx',
    make: (n) => `content_by_lua_block { ${'"}" [[ '.repeat(n / 8)}` },
  { name: 'many short lines', kind: 'nginx', make: (n) => 'a b;\n'.repeat(n / 5) },
  { name: 'one long RUN line', kind: 'dockerfile',
    make: (n) => `FROM a\nRUN ${'echo x && '.repeat(n / 10)}true\n` },
  { name: 'long continuation', kind: 'dockerfile',
    make: (n) => `FROM a\nRUN ${'x \\\n'.repeat(n / 4)}y\n` },
  { name: 'long heredoc', kind: 'dockerfile',
    make: (n) => `FROM a\nRUN <<EOF\n${'sudo ls\n'.repeat(n / 8)}EOF\n` },
  { name: 'many variables', kind: 'dockerfile',
    make: (n) => `FROM a\nARG A=1\nENV B=${'${A}'.repeat(n / 4)}\n` },
  { name: 'unclosed JSON form', kind: 'dockerfile',
    make: (n) => `FROM a\nRUN ["${'a", "'.repeat(n / 5)}` },
  { name: 'many stages', kind: 'dockerfile',
    make: (n) => 'FROM a AS b\nUSER root\n'.repeat(n / 22) },
  { name: 'a chain of stages', kind: 'dockerfile',
    make: (n) => Array.from({ length: Math.floor(n / 24) },
      (_, i) => `FROM s${i - 1} AS s${i}\n`).join('') },
];
const LONG_SIZES = [10_000, 100_000, 1_000_000];

interface LongRun {
  shape: string;
  kind: string;
  msBySize: Record<string, number>;
  exponent: number;
  /** The bare dockerfile-ast parse of the same text, for the Dockerfile shapes. */
  parseMsBySize?: Record<string, number>;
}

/**
 * Best of a few calls: a long input is one slow call, and the least disturbed one is the
 * truth. Each call gets its own text (one more final newline), so the analysis's parse cache
 * never answers instead of the parser.
 */
function timeBest(text: string, calls: number, run: (text: string) => unknown): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < calls; i++) {
    const variant = `${text}${'\n'.repeat(i + 1)}`;
    const t0 = performance.now();
    run(variant);
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

function longInputs(): LongRun[] {
  return SHAPES.map((shape) => {
    const msBySize: Record<string, number> = {};
    const parseMsBySize: Record<string, number> = {};
    for (const size of LONG_SIZES) {
      const text = shape.make(size);
      // Two calls of the 1M-character inputs: dockerfile-ast takes seconds on some.
      const calls = size >= 1_000_000 ? 2 : 3;
      msBySize[size] = round(timeBest(text, calls, (t) => (shape.kind === 'nginx'
        ? parseNginx(t, '/p/nginx.conf')
        : lint({ Dockerfile: t }, { maxFileBytes: 1 << 30 }))), 2);
      if (shape.kind === 'dockerfile') {
        parseMsBySize[size] = round(timeBest(text, calls, (t) => DockerfileParser.parse(t)), 2);
      }
    }
    // From 100k: below that, fixed costs and a young heap flatter the small size (a parse of
    // 10k characters never meets a full garbage collection).
    const first = LONG_SIZES[1];
    const last = LONG_SIZES[LONG_SIZES.length - 1];
    return { shape: shape.name, kind: shape.kind, msBySize,
      exponent: round(growth(first, Math.max(msBySize[first], 0.01), last, msBySize[last]), 2),
      parseMsBySize: shape.kind === 'dockerfile' ? parseMsBySize : undefined };
  });
}

async function main(): Promise<SectionResult> {
  const props = properties();
  const long = longInputs();
  const tables: Table[] = [{
    title: `Fuzz properties (fast-check, seed ${SEED}), every case timed`,
    header: ['property', 'cases', 'result', 'median', 'p99.9', 'slowest (input size)', 'total'],
    rows: props.map((p) => [p.name, String(p.cases), p.failed ? 'FAILED' : 'held',
      ms(p.medianUs / 1000), ms(p.p999Us / 1000),
      `${ms(p.slowestMs)} (${p.slowestInputChars} chars)`, ms(p.totalMs)]),
    notes: props.filter((p) => p.failure).map((p) => `${p.name}: ${p.failure ?? ''}`),
  }, {
    title: 'Long inputs: best of 3 calls (2 at 1M; nginx: our parse; Dockerfile: our whole ' +
      'analysis, and the bare dockerfile-ast parse)',
    header: ['shape', ...LONG_SIZES.map((s) => `${s / 1000}k chars`), 'growth 100k→1M',
      'dockerfile-ast at 1M'],
    rows: long.map((l) => [`${l.kind}: ${l.shape}`,
      ...LONG_SIZES.map((s) => ms(l.msBySize[s])), l.exponent.toFixed(2),
      l.parseMsBySize ? ms(l.parseMsBySize[1_000_000]) : '']),
  }];
  const slowest = props.reduce((a, b) => (b.slowestMs > a.slowestMs ? b : a));
  return {
    results: {
      seed: SEED,
      runs: RUNS,
      allHeld: props.every((p) => !p.failed),
      slowestCaseMs: slowest.slowestMs,
      slowestCaseProperty: slowest.name,
      worstGrowthExponent: Math.max(...long.map((l) => l.exponent)),
      properties: props,
      longInputs: long,
    },
    tables,
  };
}

runSection(main);
