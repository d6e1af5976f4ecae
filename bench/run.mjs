// `npm run bench`: builds the server (as `npm test` does) and the bench sections, runs each
// section in a process of its own, prints the tables, and writes bench/results.json with the
// machine, its load while measuring, and the headline figures under stable keys.
//
//   npm run bench                       every section (about 4 minutes)
//   npm run bench -- --only nginx,lsp   some sections
//   npm run bench -- --skip activation  all but some
//   npm run bench -- --docs             also put the tables into docs/benchmarks.md
//   npm run bench:fuzz                  the fuzz bench instead (bench/fuzz.ts)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { buildBench } from './build.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(REPO);
const TMP = path.join(REPO, 'bench', 'tmp');

// In run order: the .vsix comes first, since activation installs it.
const SECTIONS = ['vsix', 'dockerfile', 'nginx', 'lsp', 'startup', 'activation', 'signatures'];
/** Where each section's figures go in results.json; activation joins start-up. */
const KEY = { vsix: 'vsix', dockerfile: 'dockerfile', nginx: 'nginx', lsp: 'lsp',
  startup: 'startup', activation: 'startup', signatures: 'signatures', fuzz: 'fuzz' };

const args = process.argv.slice(2);
const listArg = (flag) => (args.includes(flag) ? args[args.indexOf(flag) + 1].split(',') : []);
const fuzz = args.includes('--fuzz');
const only = listArg('--only');
const skip = listArg('--skip');
const sections = fuzz ? ['fuzz'] : SECTIONS.filter((s) =>
  (only.length === 0 || only.includes(s)) && !skip.includes(s));

function load() {
  const [one, five, fifteen] = os.loadavg();
  return { one: Number(one.toFixed(2)), five: Number(five.toFixed(2)),
    fifteen: Number(fifteen.toFixed(2)) };
}

function machine() {
  const cpus = os.cpus();
  const git = (...a) => spawnSync('git', a, { encoding: 'utf8' }).stdout.trim();
  const osRelease = existsSync('/etc/os-release')
    ? /PRETTY_NAME="([^"]*)"/.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] : undefined;
  return {
    cpu: cpus[0]?.model.trim(), cores: cpus.length,
    memoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
    os: osRelease ?? `${os.type()} ${os.release()}`, kernel: os.release(),
    node: process.version,
    commit: git('rev-parse', '--short', 'HEAD'),
    // Other work edits the tree while the bench runs: say that it measured uncommitted code.
    uncommittedChanges: git('status', '--porcelain', '--untracked-files=no').length > 0,
  };
}

/** A section built from another entry than its name, and why (see signatures-openpgp.ts). */
const substitutes = new Map();

async function build() {
  mkdirSync(TMP, { recursive: true });
  if (!fuzz) execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  const entries = sections.filter((s) => s !== 'signatures');
  if (sections.includes('startup')) entries.push('memprobe');
  await buildBench(entries);
  if (sections.includes('signatures')) {
    // The signing module is the newest part of the product: if it does not build, measure
    // the openpgp stand-in and say so, rather than lose the section.
    try {
      await buildBench(['signatures'], { quiet: true });
    } catch (error) {
      const reason = `the product's signing module did not build (${
        String(error.message ?? error).split('\n')[0]})`;
      console.log(`bench: ${reason}; measuring the openpgp stand-in instead`);
      await buildBench(['signatures-openpgp']);
      substitutes.set('signatures', { entry: 'signatures-openpgp', reason });
    }
  }
  if (sections.includes('activation')) {
    // The project's own code-server launcher and, for the extension host, the timing suite.
    const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20',
      packages: 'external', logLevel: 'warning' };
    await esbuild.build({ ...common, entryPoints: ['test/vscode/launch-code-server.ts'],
      outfile: path.join(TMP, 'launch-code-server.js') });
    await esbuild.build({ ...common, entryPoints: ['bench/vscode/activationSuite.ts'],
      outfile: path.join(TMP, 'activationSuite.js'), external: ['vscode'] });
  }
}

function runSection(name) {
  const out = path.join(TMP, `${name}.json`);
  const before = load();
  const started = Date.now();
  console.log(`bench: ${name} (load ${before.one})`);
  const substitute = substitutes.get(name);
  const entry = substitute?.entry ?? name;
  const run = spawnSync(process.execPath, ['--expose-gc', path.join(TMP, `${entry}.js`), out],
    { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env,
      ...(substitute ? { ROOTGUARD_BENCH_FALLBACK_REASON: substitute.reason } : {}) } });
  const seconds = Number(((Date.now() - started) / 1000).toFixed(1));
  if (run.status !== 0 || !existsSync(out)) {
    return { results: { error: `section ${name} failed (exit ${run.status})` }, tables: [],
      load: { before, after: load() }, seconds };
  }
  const result = JSON.parse(readFileSync(out, 'utf8'));
  return { ...result, load: { before, after: load() }, seconds };
}

function markdownTable(table) {
  const lines = [`**${table.title}**`, '', `| ${table.header.join(' | ')} |`,
    `|${table.header.map(() => '---').join('|')}|`,
    ...table.rows.map((row) => `| ${row.join(' | ')} |`)];
  for (const note of table.notes ?? []) lines.push('', note);
  return lines.join('\n');
}

function goals(results) {
  const get = (p) => p.split('.').reduce((o, k) => (o == null ? undefined : o[k]), results);
  const line = (what, value, goal, met, unit = '') => `| ${what} | ${
    value == null ? 'not measured' : `${value}${unit}`} | ${goal} | ${
    value == null ? '–' : met ? 'met' : 'MISSED'} |`;
  const v = (p) => get(p);
  return ['| headline | value | goal | |', '|---|---|---|---|',
    line('dockerfile.ratioToParse (10k lines)', v('dockerfile.ratioToParse'), '≤ 1.3×',
      v('dockerfile.ratioToParse') <= 1.3, '×'),
    line('dockerfile.ratioToDockerfileUtils (10k lines)', v('dockerfile.ratioToDockerfileUtils'),
      '(peer)', true, '×'),
    line('nginx.ms10k (parse + all rules)', v('nginx.ms10k'), '≤ 20 ms', v('nginx.ms10k') <= 20,
      ' ms'),
    line('lsp.p95ms1000 (worst 1k-line case)', v('lsp.p95ms1000'), '≤ 25 ms',
      v('lsp.p95ms1000') <= 25, ' ms'),
    line('startup.activationMs', v('startup.activationMs'), '(report)', true, ' ms'),
    line('vsix.bytes', v('vsix.bytes'), '≤ 2 MB (2,097,152)', v('vsix.bytes') <= 2 * 2 ** 20),
    line('signatures.speedupVsGpg', v('signatures.speedupVsGpg'), '≥ 20×',
      v('signatures.speedupVsGpg') >= 20, '×'),
  ].join('\n');
}

await build();
const startedAt = new Date();
const runs = {};
for (const name of sections) runs[name] = runSection(name);

const resultsFile = path.join(REPO, 'bench', fuzz ? 'fuzz-results.json' : 'results.json');
const previous = existsSync(resultsFile) && (only.length > 0 || skip.length > 0)
  ? JSON.parse(readFileSync(resultsFile, 'utf8')) : {};
const results = { ...previous, generated: startedAt.toISOString(), machine: machine(),
  load: { atEnd: load(), bySection: { ...(previous.load?.bySection ?? {}) } } };
for (const [name, run] of Object.entries(runs)) {
  const key = KEY[name];
  results[key] = { ...(key === 'startup' ? results[key] ?? {} : {}), ...run.results };
  if (name === 'startup' && runs.activation === undefined && previous.startup) {
    // --only startup keeps the activation figures of the last full run.
    results[key] = { ...previous.startup, ...run.results };
  }
  results.load.bySection[name] = { ...run.load, seconds: run.seconds };
}
writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);

const m = results.machine;
const header = `Ran ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC on ${m.cpu}, ${
  m.cores} cores, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}, commit ${m.commit}${
  m.uncommittedChanges ? ' + uncommitted changes' : ''}; load average (1 min) ${
  Object.entries(results.load.bySection).map(([s, l]) => `${s} ${l.before.one}`).join(', ')}.`;
const tables = Object.values(runs).flatMap((r) => r.tables).map(markdownTable);
const report = [header, '', ...(fuzz ? [] : [goals(results), '']), tables.join('\n\n')]
  .join('\n');
console.log(`\n${report}\n`);
writeFileSync(path.join(TMP, fuzz ? 'fuzz-report.md' : 'report.md'), `${report}\n`);
console.log(`bench: wrote ${path.relative(REPO, resultsFile)}`);

if (args.includes('--docs')) {
  const docs = path.join(REPO, 'docs', 'benchmarks.md');
  const marker = fuzz ? 'fuzz' : 'bench';
  const begin = `<!-- ${marker}:begin -->`;
  const end = `<!-- ${marker}:end -->`;
  const text = readFileSync(docs, 'utf8');
  const from = text.indexOf(begin);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`docs/benchmarks.md has no ${begin} … ${end}`);
  writeFileSync(docs, `${text.slice(0, from + begin.length)}\n${report}\n${text.slice(to)}`);
  console.log('bench: updated docs/benchmarks.md');
}
if (Object.values(runs).some((r) => r.results.error)) process.exitCode = 1;
