import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeAction, Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lspClient';
import { applyWorkspaceEdit } from '../helpers/lspEdits';

const EXAMPLES = path.resolve(__dirname, '..', '..', '..', 'examples');

function copyExample(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rootguard-lsp-'));
  fs.cpSync(path.join(EXAMPLES, name), dir, { recursive: true });
  return dir;
}

const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => String(d.code)).sort();

describe('the language server over stdio, on the unhardened example', () => {
  let client: LspClient;
  let dir: string;
  let dockerUri: string;
  let configUri: string;
  const texts: Record<string, string> = {};

  before(async () => {
    dir = copyExample('unhardened-nginx');
    dockerUri = `file://${dir}/Dockerfile`;
    configUri = `file://${dir}/nginx.conf`;
    texts[dockerUri] = fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
    texts[configUri] = fs.readFileSync(path.join(dir, 'nginx.conf'), 'utf8');
    client = new LspClient();
    await client.initialize(dir);
  });

  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('publishes the Dockerfile findings with source, code and docs link', async () => {
    const config = client.nextDiagnostics(configUri);
    await client.open(dockerUri, 'dockerfile', texts[dockerUri]);
    await client.open(configUri, 'nginx', texts[configUri]);
    const docker = await client.diagnostics(dockerUri);
    assert.deepEqual(codes(docker.diagnostics), ['RG101', 'RG104']);
    const expose = docker.diagnostics.find((d) => d.code === 'RG104');
    assert.deepEqual(expose?.range, { start: { line: 5, character: 7 },
      end: { line: 5, character: 9 } });
    assert.equal(expose?.source, 'rootguard');
    assert.match(expose?.codeDescription?.href ?? '', /docs\/rules\/RG104\.md$/);
    await config;
  });

  test('judges the copied nginx.conf inside the image', async () => {
    const config = await client.diagnostics(configUri);
    assert.deepEqual(codes(config.diagnostics), ['RG201', 'RG202', 'RG203', 'RG205']);
    const listen = config.diagnostics.find((d) => d.code === 'RG201');
    assert.deepEqual(listen?.range, { start: { line: 12, character: 15 },
      end: { line: 12, character: 17 } });
  });

  test('hover on a finding shows the rule docs, on a directive the nginx reference', async () => {
    const onFinding = await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: configUri }, position: { line: 12, character: 16 } }) as Hover;
    assert.match(JSON.stringify(onFinding.contents), /RG201/);
    const onDirective = await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: configUri }, position: { line: 13, character: 10 } }) as Hover;
    assert.match(JSON.stringify(onDirective.contents), /server_name/);
  });

  test('the RG201 quick-fix edits the config and the Dockerfile, and both findings go',
    async () => {
      const config = await client.diagnostics(configUri);
      const listen = config.diagnostics.filter((d) => d.code === 'RG201');
      const actions = await client.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri: configUri }, range: listen[0].range,
        context: { diagnostics: listen } }) as CodeAction[];
      const fix = actions.find((a) => a.kind === 'quickfix');
      assert.ok(fix?.edit?.changes, 'a quick-fix with edits');
      assert.deepEqual(Object.keys(fix.edit.changes).sort(), [dockerUri, configUri].sort());

      Object.assign(texts, applyWorkspaceEdit(texts, fix.edit));
      await client.change(dockerUri, 2, texts[dockerUri]);
      await client.change(configUri, 2, texts[configUri]);
      // The config's change re-analyses the image, publishing the Dockerfile's first.
      const fixedConfig = await client.until(configUri, (p) => p.version === 2);
      const fixedDocker = await client.diagnostics(dockerUri);
      assert.deepEqual(codes(fixedDocker.diagnostics), ['RG101']);
      assert.deepEqual(codes(fixedConfig.diagnostics), ['RG202', 'RG203', 'RG205']);
    });

  test('a chmod added to the Dockerfile clears the paired config\'s RG203', async () => {
    const nextConfig = client.nextDiagnostics(configUri);
    texts[dockerUri] = texts[dockerUri].replace('EXPOSE', 'RUN chmod -R a+w /var/cache/nginx\n' +
      'EXPOSE');
    await client.change(dockerUri, 3, texts[dockerUri]);
    assert.deepEqual(codes((await nextConfig).diagnostics), ['RG202', 'RG205']);
  });

  test('fix-all offers every safe fix of the file in one action', async () => {
    const actions = await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: configUri }, range: { start: { line: 0, character: 0 },
        end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] } }) as CodeAction[];
    const fixAll = actions.find((a) => a.kind === 'source.fixAll.rootguard');
    assert.ok(fixAll?.edit);
    Object.assign(texts, applyWorkspaceEdit(texts, fixAll.edit));
    const nextConfig = client.nextDiagnostics(configUri);
    await client.change(configUri, 3, texts[configUri]);
    assert.deepEqual(codes((await nextConfig).diagnostics), []);
  });
});

describe('the language server on bad input', () => {
  let client: LspClient;
  let dir: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rootguard-bad-'));
    client = new LspClient({ severity: { RG205: 'off' } });
    await client.initialize(dir);
  });

  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const cases: [string, string, string, string[]][] = [
    ['an empty nginx.conf', 'nginx.conf', '', []],
    ['binary bytes', 'bin.nginx', '\u0000\u0001\u0002ELF\u0000\uFFFD{{{', ['RG001']],
    ['unbalanced braces', 'open.nginx', 'server {\n  listen 8080;\n', ['RG001']],
    ['a Dockerfile with no FROM', 'Dockerfile', 'RUN echo hi\n', ['RG002']],
    ['an empty Dockerfile', 'Empty.Dockerfile', '', ['RG002']],
    ['a 5 MB config', 'big.nginx', 'server { listen 8080; }\n'.repeat(220_000), ['RG003']],
  ];

  for (const [label, name, text, expected] of cases) {
    test(`${label} gets a clear diagnostic and the server lives on`, async () => {
      const uri = `file://${dir}/${name}`;
      const language = name.includes('Dockerfile') ? 'dockerfile' : 'nginx';
      const published = client.nextDiagnostics(uri);
      await client.open(uri, language, text);
      const rules = codes((await published).diagnostics);
      for (const rule of expected) assert.ok(rules.includes(rule), `${rule} in ${rules}`);
      assert.ok(client.alive());
    });
  }

  test('severity settings take effect: RG205 is off', async () => {
    const uri = `file://${dir}/user.nginx`;
    const published = client.nextDiagnostics(uri);
    await client.open(uri, 'nginx', 'user nginx;\n');
    assert.deepEqual(codes((await published).diagnostics), []);
  });

  test('nothing was written to the workspace', () => {
    assert.deepEqual(fs.readdirSync(dir), []);
  });
});

describe('the language server, a config opened before its Dockerfile', () => {
  test('judges the config in the image that copies it from the first diagnostics', async () => {
    const dir = copyExample('unhardened-nginx');
    const client = new LspClient();
    try {
      await client.initialize(dir);
      const configUri = `file://${dir}/nginx.conf`;
      const published = client.nextDiagnostics(configUri);
      await client.open(configUri, 'nginx', fs.readFileSync(path.join(dir, 'nginx.conf'),
        'utf8'));
      assert.deepEqual(codes((await published).diagnostics), ['RG201', 'RG202', 'RG203',
        'RG205']);
    } finally {
      await client.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
