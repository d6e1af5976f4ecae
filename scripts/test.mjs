// Runs every test suite and ends with one line, `N passed, N failed`, totalling all of them.
// Suites: the node test runner's (models, rules, fixes, the server over stdio, the CLI) and
// the extension's integration suite in a real VS Code (code-server, offline launcher).
// `--suite NAME` runs one suite only (node, vscode).
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const only = args.includes('--suite') ? args[args.indexOf('--suite') + 1] : undefined;
mkdirSync('artifacts', { recursive: true });

function run(command, commandArgs, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, ...env } });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

const suites = {
  async node() {
    const tap = 'artifacts/node-tests.tap';
    const { code } = await run(process.execPath, ['--test', '--test-reporter=spec',
      '--test-reporter-destination=stdout', '--test-reporter=tap',
      `--test-reporter-destination=${tap}`, 'out/test/unit', 'out/test/protocol', 'out/test/cli']);
    const text = readFileSync(tap, 'utf8');
    const count = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
    return { code, passed: count('pass'), failed: count('fail') + count('cancelled') };
  },
  async vscode() {
    const { code, output } = await run(process.execPath, ['out/test/vscode/launch-code-server.js',
      ...args.filter((a) => a.startsWith('--vsix'))]);
    const match = /^vscode: (\d+) passed, (\d+) failed$/m.exec(output);
    return { code, passed: Number(match?.[1] ?? 0), failed: Number(match?.[2] ?? 0) };
  },
};

let passed = 0;
let failed = 0;
let broken = false;
for (const [name, suite] of Object.entries(suites)) {
  if (only && only !== name) continue;
  const result = await suite();
  console.log(`suite ${name}: ${result.passed} passed, ${result.failed} failed` +
    (result.code !== 0 ? ` (exit ${result.code})` : ''));
  passed += result.passed;
  failed += result.failed;
  // A suite that fails without a failed test (crashed, timed out) still fails the run.
  if (result.code !== 0 && result.failed === 0) {
    failed += 1;
    broken = true;
  }
}
if (broken) console.log('A suite ended abnormally; it is counted as one failure.');
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
