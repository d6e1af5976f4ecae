// Extension activation time in a real VS Code: the project's code-server launcher
// (test/vscode/) opens a workbench in headless Chromium with the packaged .vsix installed, and
// bench/vscode/activationSuite.ts, run as the extension tests, times `activate()` and the
// first diagnostics. Each run is a fresh VS Code, so each gives one sample.

import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { median, ms, round } from './lib/measure';
import { runSection, type SectionResult } from './lib/section';
import { ACTIVATION_TAG } from './vscode/tag';

const REPO = path.resolve(__dirname, '..', '..');
const RUNS = Number(process.env.ROOTGUARD_BENCH_ACTIVATION_RUNS ?? 3);

interface Sample {
  activationMs: number;
  openToDiagnosticsMs: number;
  wasActive: boolean;
  vscode: string;
  node: string;
}

/** Installed by the launcher's first run (test:vscode); the bench does not install it. */
function toolsInstalled(): boolean {
  const dir = process.env.ROOTGUARD_TOOLS_DIR ?? path.join(process.env.XDG_CACHE_HOME ??
    path.join(homedir(), '.cache'), 'rootguard-test');
  return existsSync(dir) && existsSync('/usr/bin/chromium');
}

function launch(vsix: string, workspace: string): Promise<{ sample?: Sample; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(__dirname, 'launch-code-server.js'),
      '--vsix', vsix, '--workspace', workspace,
      '--tests', path.join(__dirname, 'activationSuite.js'),
      '--artifacts', path.join(__dirname, 'vscode-artifacts'), '--timeout', '120'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
    child.on('close', () => {
      const match = new RegExp(`${ACTIVATION_TAG} (\\{[^\\n]*\\})`).exec(output);
      resolve({ sample: match ? JSON.parse(match[1]) as Sample : undefined, output });
    });
  });
}

async function main(): Promise<SectionResult> {
  const vsix = path.join(__dirname, 'rootguard-0.1.0.vsix');
  const skip = (why: string): SectionResult => ({
    results: { activationMs: null, measured: false, why },
    tables: [{ title: 'Extension activation in VS Code (code-server)', header: ['measure',
      'value'], rows: [['not measured', why]] }],
  });
  if (!existsSync(vsix)) return skip('no .vsix (the vsix section did not run)');
  if (!toolsInstalled()) return skip('code-server or Chromium missing: run npm run test:vscode');

  const workspace = path.join(__dirname, 'activation-workspace');
  rmSync(workspace, { recursive: true, force: true });
  mkdirSync(workspace, { recursive: true });
  cpSync(path.join(REPO, 'examples', 'hardened-nginx'), workspace, { recursive: true });

  const samples: Sample[] = [];
  let lastOutput = '';
  for (let i = 0; i < RUNS; i++) {
    const { sample, output } = await launch(vsix, workspace);
    lastOutput = output;
    if (sample) samples.push(sample);
  }
  if (samples.length === 0) {
    const tail = lastOutput.trim().split('\n').slice(-5).join(' / ');
    return skip(`the launcher reported no activation: ${tail}`);
  }
  const activation = median(samples.map((s) => s.activationMs));
  const firstDiagnostics = median(samples.map((s) => s.openToDiagnosticsMs));
  const first = samples[0];
  return {
    results: {
      activationMs: round(activation, 1),
      openToDiagnosticsMs: round(firstDiagnostics, 1),
      measured: true,
      runs: samples.map((s) => ({ activationMs: round(s.activationMs, 1),
        openToDiagnosticsMs: round(s.openToDiagnosticsMs, 1), wasActive: s.wasActive })),
      host: { vscode: first.vscode, node: first.node, via: 'code-server + headless Chromium' },
    },
    tables: [{
      title: `Extension activation in VS Code ${first.vscode} (code-server, extension host ${
        first.node}), .vsix installed`,
      header: ['measure', 'median', 'runs'],
      rows: [
        ['activate() (loads dist/client.js, starts the server, LSP initialize)', ms(activation),
          String(samples.length)],
        ['open a Dockerfile → its first diagnostics', ms(firstDiagnostics),
          String(samples.length)],
      ],
    }],
  };
}

runSection(main);
