// Start-up and memory of the built language server: from spawning `node dist/server.js` to the
// first diagnostics of an opened Dockerfile, and the server's memory after 200 files are open.
// (The extension's activation in a real VS Code is bench/activation.ts.)

import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { BenchLspClient } from './lib/lspClient';
import { median, ms, round } from './lib/measure';
import { runSection, type SectionResult } from './lib/section';

const REPO = path.resolve(__dirname, '..', '..');
const WORK = path.join(__dirname, 'startup');
const EXAMPLES = ['hardened-nginx', 'unhardened-nginx'].map((e) =>
  path.join(REPO, 'examples', e));
const RUNS = 7;
const OPEN_FILES = 200;

interface StartRun {
  initializedMs: number;
  firstDiagnosticsMs: number;
}

/** Spawn → initialize answered → first publishDiagnostics of the example's Dockerfile. */
async function startOnce(): Promise<StartRun> {
  const dir = EXAMPLES[0];
  const client = new BenchLspClient();
  await client.initialize(dir);
  const initializedMs = performance.now() - client.spawnedAt;
  const file = path.join(dir, 'Dockerfile');
  const published = client.diagnostics(`file://${file}`, 1);
  await client.open(`file://${file}`, 'dockerfile', readFileSync(file, 'utf8'));
  await published;
  const firstDiagnosticsMs = performance.now() - client.spawnedAt;
  await client.stop();
  return { initializedMs, firstDiagnosticsMs };
}

/** 100 folders of a Dockerfile and the nginx.conf it copies: 200 files. */
function makeWorkspace(): { file: string; languageId: string; text: string }[] {
  rmSync(WORK, { recursive: true, force: true });
  const docs: { file: string; languageId: string; text: string }[] = [];
  for (let i = 0; docs.length < OPEN_FILES; i++) {
    const example = EXAMPLES[i % EXAMPLES.length];
    const dir = path.join(WORK, `image${i}`);
    mkdirSync(path.join(dir, 'conf.d'), { recursive: true });
    for (const name of ['Dockerfile', 'nginx.conf', 'conf.d/app.conf']) {
      const from = path.join(example, name);
      if (!existsSync(from)) continue;
      // Each file differs a little, as files of different projects would.
      const text = `# image ${i}\n${readFileSync(from, 'utf8')}`;
      writeFileSync(path.join(dir, name), text);
      if (name !== 'conf.d/app.conf') {
        docs.push({ file: path.join(dir, name), text,
          languageId: name === 'Dockerfile' ? 'dockerfile' : 'nginx' });
      }
    }
  }
  return docs;
}

interface Memory {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
}

/** RSS as the kernel counts it now, and the live heap after a full GC (from memprobe). */
async function memoryOf(client: BenchLspClient, file: string): Promise<Memory> {
  const pid = client.process.pid ?? 0;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  rmSync(file, { force: true });
  client.process.kill('SIGUSR2');
  for (let i = 0; i < 100 && !existsSync(file); i++) await sleep(20);
  await sleep(20);
  const usage = JSON.parse(readFileSync(file, 'utf8')) as NodeJS.MemoryUsage;
  return { rss: rssKb * 1024, heapUsed: usage.heapUsed, heapTotal: usage.heapTotal,
    external: usage.external };
}

async function memoryAfterOpening(): Promise<{ before: Memory; after: Memory; openMs: number }> {
  const docs = makeWorkspace();
  const memFile = path.join(__dirname, 'server-memory.json');
  process.env.ROOTGUARD_BENCH_MEM_FILE = memFile;
  const client = new BenchLspClient(['--expose-gc', '-r', path.join(__dirname, 'memprobe.js')]);
  await client.initialize(WORK);
  const before = await memoryOf(client, memFile);
  const t0 = performance.now();
  for (const doc of docs) {
    const published = client.diagnostics(`file://${doc.file}`, 1);
    await client.open(`file://${doc.file}`, doc.languageId, doc.text);
    await published;
  }
  const openMs = performance.now() - t0;
  const after = await memoryOf(client, memFile);
  await client.stop();
  return { before, after, openMs };
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

async function main(): Promise<SectionResult> {
  const runs: StartRun[] = [];
  // One untimed start first: it pulls the bundle into the page cache.
  await startOnce();
  for (let i = 0; i < RUNS; i++) runs.push(await startOnce());
  const initialized = median(runs.map((r) => r.initializedMs));
  const first = median(runs.map((r) => r.firstDiagnosticsMs));
  const memory = await memoryAfterOpening();
  return {
    results: {
      serverInitializeMs: round(initialized, 1),
      serverFirstDiagnosticsMs: round(first, 1),
      runs: runs.map((r) => ({ initializedMs: round(r.initializedMs, 1),
        firstDiagnosticsMs: round(r.firstDiagnosticsMs, 1) })),
      memory: {
        openFiles: OPEN_FILES,
        openAllMs: round(memory.openMs, 0),
        idle: memory.before,
        after200Files: memory.after,
      },
    },
    tables: [{
      title: 'Server start-up and memory (node dist/server.js --stdio)',
      header: ['measure', 'value'],
      rows: [
        ['spawn → initialize answered (median of 7)', ms(initialized)],
        ['spawn → first diagnostics of a Dockerfile (median of 7)', ms(first)],
        ['RSS idle → after opening 200 files', `${mib(memory.before.rss)} → ${
          mib(memory.after.rss)}`],
        ['live heap after GC, idle → after 200 files', `${mib(memory.before.heapUsed)} → ${
          mib(memory.after.heapUsed)}`],
        ['opening the 200 files, one after another', ms(memory.openMs)],
      ],
    }],
  };
}

runSection(main);
