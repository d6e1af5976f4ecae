import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..', '..');
const BIN = path.join(REPO, 'bin', 'rootguard.js');

function rootguard(args: string[], cwd = REPO) {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

interface JsonFinding {
  rule: string; severity: string; message: string; file: string;
  line: number; column: number; endLine: number; endColumn: number;
  port?: number; path?: string; isDefault?: boolean;
}

describe('rootguard lint', () => {
  test('text output lists each finding as file:line:column and exits 1', () => {
    const run = rootguard(['lint', 'examples/unhardened-nginx']);
    assert.equal(run.code, 1);
    assert.match(run.stdout,
      /^examples\/unhardened-nginx\/Dockerfile:6:8: warning RG104 EXPOSE port 80/m);
    assert.match(run.stdout, /6 findings \(6 warning\)\.$/m);
  });

  test('JSON gives 1-based positions, relative files, port, path and isDefault', () => {
    const run = rootguard(['lint', 'examples', '--format', 'json']);
    assert.equal(run.code, 1);
    const findings = JSON.parse(run.stdout) as JsonFinding[];
    const summary = findings.map((f) => `${f.file} ${f.rule}`);
    assert.deepEqual(summary, [
      'examples/hardened-nginx/nginx.conf RG205',
      'examples/unhardened-nginx/Dockerfile RG101',
      'examples/unhardened-nginx/Dockerfile RG104',
      'examples/unhardened-nginx/nginx.conf RG205',
      'examples/unhardened-nginx/nginx.conf RG202',
      'examples/unhardened-nginx/nginx.conf RG203',
      'examples/unhardened-nginx/nginx.conf RG201',
    ]);
    const listen = findings.find((f) => f.rule === 'RG201');
    assert.deepEqual(listen && { line: listen.line, column: listen.column,
      endLine: listen.endLine, endColumn: listen.endColumn, port: listen.port },
    { line: 13, column: 16, endLine: 13, endColumn: 18, port: 80 });
    const pid = findings.find((f) => f.rule === 'RG202');
    assert.equal(pid?.path, '/var/run/nginx.pid');
    assert.equal(pid?.isDefault, true);
    assert.equal(findings.find((f) => f.rule === 'RG104')?.port, 80);
  });

  test('SARIF 2.1.0 carries every rule with docs and one result per finding', () => {
    const run = rootguard(['lint', 'examples', '--format', 'sarif']);
    assert.equal(run.code, 1);
    const log = JSON.parse(run.stdout);
    assert.equal(log.version, '2.1.0');
    const driver = log.runs[0].tool.driver;
    assert.equal(driver.name, 'Rootguard');
    assert.ok(driver.rules.some((r: { id: string }) => r.id === 'RG301'));
    assert.ok(driver.rules.every((r: { help: { markdown: string } }) =>
      r.help.markdown.includes('## Why it matters')));
    const results = log.runs[0].results;
    assert.equal(results.length, 7);
    const first = results[0];
    assert.equal(driver.rules[first.ruleIndex].id, first.ruleId);
    assert.equal(first.locations[0].physicalLocation.artifactLocation.uriBaseId, '%SRCROOT%');
  });

  test('the hardened example has RG205 as its one finding', () => {
    const run = rootguard(['lint', 'examples/hardened-nginx', '--format', 'json']);
    assert.deepEqual((JSON.parse(run.stdout) as JsonFinding[]).map((f) => f.rule), ['RG205']);
  });

  test('exits 0 when nothing of warning severity is left', () => {
    const run = rootguard(['lint', 'examples/hardened-nginx', '--severity', 'RG205=off']);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /No rootless hazards found/);
  });

  test('a Dockerfile-only folder walks Containerfile and *.Dockerfile, skipping node_modules',
    () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rootguard-cli-'));
      fs.writeFileSync(path.join(dir, 'Containerfile'), 'FROM alpine\nUSER root\n');
      fs.writeFileSync(path.join(dir, 'api.Dockerfile'), 'FROM alpine\nEXPOSE 443\nUSER 1\n');
      fs.mkdirSync(path.join(dir, 'node_modules'));
      fs.writeFileSync(path.join(dir, 'node_modules', 'Dockerfile'), 'FROM alpine\n');
      const run = rootguard(['lint', '--format', 'json'], dir);
      const rules = (JSON.parse(run.stdout) as JsonFinding[]).map((f) => `${f.file} ${f.rule}`);
      assert.deepEqual(rules.sort(), ['Containerfile RG102', 'api.Dockerfile RG104']);
      fs.rmSync(dir, { recursive: true, force: true });
    });

  test('bad usage exits 2 with a clear message', () => {
    const format = rootguard(['lint', '--format', 'xml']);
    assert.equal(format.code, 2);
    assert.match(format.stderr, /--format must be text, json or sarif/);
    const missing = rootguard(['lint', 'no/such/dir']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read no\/such\/dir: no such file or folder/);
    assert.equal(rootguard(['frobnicate']).code, 2);
    assert.equal(rootguard(['lint', '--severity', 'RG1=loud']).code, 2);
  });

  test('rules lists every rule id with its severity', () => {
    const run = rootguard(['rules']);
    assert.equal(run.code, 0);
    for (const id of ['RG101', 'RG105', 'RG201', 'RG205', 'RG301']) {
      assert.match(run.stdout, new RegExp(`^${id} `, 'm'));
    }
  });

  test('lint never writes into the folders it reads', () => {
    const before = fs.readdirSync(path.join(REPO, 'examples', 'unhardened-nginx'));
    rootguard(['lint', 'examples/unhardened-nginx', '--format', 'sarif']);
    assert.deepEqual(fs.readdirSync(path.join(REPO, 'examples', 'unhardened-nginx')), before);
  });
});

describe('rootguard lint on what it cannot read, and on one named file', () => {
  test('an unreadable file or folder inside a walked folder is named and exits 2', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rootguard-unreadable-'));
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM nginx\nUSER root\n');
    fs.writeFileSync(path.join(dir, 'sub', 'nginx.conf'), 'events {}\n');
    // Root reads anything; the unreadable case needs a folder root cannot list either, so a
    // dangling symlink stands for a file that vanished or cannot be opened.
    fs.symlinkSync(path.join(dir, 'missing'), path.join(dir, 'app.Dockerfile'));
    fs.chmodSync(path.join(dir, 'sub'), 0o000);
    const run = rootguard(['lint', dir]);
    fs.chmodSync(path.join(dir, 'sub'), 0o755);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /cannot read .*app\.Dockerfile: permission denied; not checked/);
    assert.match(run.stdout, /RG102/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a config named alone is judged in the image of the Dockerfile beside it', () => {
    const run = rootguard(['lint', 'examples/unhardened-nginx/nginx.conf', '--format', 'json']);
    const findings = JSON.parse(run.stdout) as JsonFinding[];
    assert.deepEqual(findings.map((f) => f.rule), ['RG205', 'RG202', 'RG203', 'RG201']);
    assert.ok(findings.every((f) => f.file === 'examples/unhardened-nginx/nginx.conf'));
  });
});

test('--help works after every lint subcommand, and an unknown rule id is bad usage', () => {
  for (const command of ['lint', 'rules', 'docs']) {
    const run = rootguard([command, '--help']);
    assert.equal(run.code, 0, command);
    assert.match(run.stdout, /^Usage:/);
  }
  const unknown = rootguard(['lint', 'examples', '--severity', 'RG999=off']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /RG999, which is no rule/);
});
