// Runs every test suite and ends with one line, `N passed, N failed`, totalling all of them.
// Suites: the node test runner's (models, rules, fixes, the server over stdio, the CLI) and
// the extension's integration suite in a real VS Code (code-server, offline launcher), run
// once against the development folder and once against the packaged .vsix.
// `--suite NAME` runs one suite only (node, signing, podman, vscode, vscode-vsix); vscode
// includes the restricted-mode (untrusted workspace) run.
import { execFileSync, spawn } from 'node:child_process';
import {
  copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

async function vscodeSuite(launcherArgs) {
  const { code, output } = await run(process.execPath, ['out/test/vscode/launch-code-server.js',
    ...launcherArgs]);
  const match = /^vscode: (\d+) passed, (\d+) failed$/m.exec(output);
  return { code, passed: Number(match?.[1] ?? 0), failed: Number(match?.[2] ?? 0) };
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
  // Image signing against real gpg, podman, skopeo and a registry (test/signing/setup-ci.sh
  // installs them); its tests fail, never skip, when a tool is missing.
  async signing() {
    const tap = 'artifacts/signing-tests.tap';
    const { code } = await run(process.execPath, ['--test', '--test-reporter=spec',
      '--test-reporter-destination=stdout', '--test-reporter=tap',
      `--test-reporter-destination=${tap}`, 'out/test/signing']);
    const text = readFileSync(tap, 'utf8');
    const count = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
    return { code, passed: count('pass'), failed: count('fail') + count('cancelled') };
  },
  // podman for real, rootless (test/podman/setup-ci.sh prepares the test user and the local
  // base images): as root, the tests run as that user through runuser, and the files in
  // asRoot/ run as root to compare the host check of both users. They fail, never skip,
  // when podman is missing.
  async podman() {
    const user = process.env.ROOTGUARD_TEST_USER ?? 'rgtest';
    const isRoot = process.getuid?.() === 0;
    const dir = 'out/test/podman';
    const files = (sub) => readdirSync(join(dir, sub)).filter((f) => f.endsWith('.test.js'))
      .map((f) => join(dir, sub, f));
    const parts = [{ files: files('.'), as: isRoot ? user : undefined, tap: 'podman-tests' }];
    if (isRoot) parts.push({ files: files('asRoot'), as: undefined, tap: 'podman-root-tests' });
    else console.log('podman: the asRoot/ comparison needs root and was not run.');
    const total = { code: 0, passed: 0, failed: 0 };
    for (const part of parts) {
      // The test user writes its TAP report where it may; it is copied to artifacts/ after.
      const scratch = mkdtempSync(join(tmpdir(), 'rootguard-podman-tap-'));
      const tap = join(scratch, `${part.tap}.tap`);
      if (part.as) execFileSync('chown', [part.as, scratch]);
      const node = [process.execPath, '--test', '--test-reporter=spec',
        '--test-reporter-destination=stdout', '--test-reporter=tap',
        `--test-reporter-destination=${tap}`, ...part.files];
      const { code } = part.as
        ? await run('runuser', ['-u', part.as, '--', ...node], { XDG_RUNTIME_DIR: '' })
        : await run(node[0], node.slice(1));
      const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
      if (text) copyFileSync(tap, `artifacts/${part.tap}.tap`);
      rmSync(scratch, { recursive: true, force: true });
      const count = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
      total.code = total.code || code;
      total.passed += count('pass');
      total.failed += count('fail') + count('cancelled');
    }
    return total;
  },
  // The suite, then its restricted-mode part: the same host with workspace trust on and the
  // folder untrusted (suite/untrusted/), where Rootguard may lint but run no program.
  async vscode() {
    const trusted = await vscodeSuite(args.filter((a) => a.startsWith('--vsix')));
    const untrusted = await vscodeSuite(['--trust', 'untrusted',
      '--artifacts', 'artifacts/vscode-untrusted']);
    return { code: trusted.code || untrusted.code, passed: trusted.passed + untrusted.passed,
      failed: trusted.failed + untrusted.failed };
  },
  // The same suite against the .vsix as users install it (bundles, .vscodeignore, manifest).
  async 'vscode-vsix'() {
    const packaged = await run('npm', ['run', 'package']);
    if (packaged.code !== 0) return { code: packaged.code, passed: 0, failed: 0 };
    const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
    return vscodeSuite([`--vsix=rootguard-${version}.vsix`, '--artifacts=artifacts/vscode-vsix']);
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
