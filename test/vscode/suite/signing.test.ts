// Image signing in the real host: the Keys view lists a real gpg key with its markers, "Use as
// Signing Key" marks it, and policy.json / registries.d files get their diagnostics.
// Needs gpg (test/signing/setup-ci.sh installs it); the keyring is a temporary GNUPGHOME.

import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { generateKey } from '../../../client/src/gpg/generate';
import { listKeys } from '../../../client/src/gpg/keyring';
import { rootguard } from './support/extension';
import { eventually } from './support/poll';

interface Snapshot {
  keys: { label: string; description: string; contextValue: string }[];
  images: { label: string; description: string; contextValue: string }[];
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-vscode-signing-'));
const gnupgHome = path.join(root, 'gnupg');
const settings = () => vscode.workspace.getConfiguration('rootguard.signing');
const snapshot = () => vscode.commands.executeCommand<Snapshot>('rootguard.signing.viewSnapshot');

function diagnosticsOf(uri: vscode.Uri): string[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'rootguard')
    .map((d) => `${vscode.DiagnosticSeverity[d.severity]}: ${d.message}`);
}

describe('image signing', () => {
  let fingerprint: string;

  before(async () => {
    fs.mkdirSync(gnupgHome, { mode: 0o700 });
    fingerprint = await generateKey({ gnupgHome }, { name: 'Host Tester',
      email: 'host@rootguard.invalid', algorithm: 'ed25519', expiry: '2y', protection: 'none' });
    await rootguard().activate();
    await settings().update('gnupgHome', gnupgHome, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await settings().update('gnupgHome', undefined, vscode.ConfigurationTarget.Global);
    await settings().update('signingKey', undefined, vscode.ConfigurationTarget.Global);
    try {
      execFileSync('gpgconf', ['--kill', 'all'], { env: { ...process.env, GNUPGHOME: gnupgHome } });
    } catch {
      // No agent was left running.
    }
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('lists the keyring in the Keys view with algorithm, secret marker and fingerprint',
    async () => {
      const { keys } = await eventually('the key in the Keys view', async () => {
        const state = await snapshot();
        return state.keys.length > 0 ? state : undefined;
      });
      assert.deepEqual(keys.map((k) => k.label), ['Host Tester']);
      assert.equal(keys[0].contextValue, 'rootguard.key.secret');
      assert.equal(keys[0].description, `secret · ${fingerprint.slice(-16)} · Ed25519`);
    });

  it('marks the key chosen with Use as Signing Key', async () => {
    const [key] = await listKeys({ gnupgHome });
    await vscode.commands.executeCommand('rootguard.signing.useAsSigningKey', { key });
    assert.equal(settings().get('signingKey'), fingerprint);
    await eventually('the signing key marker', async () =>
      (await snapshot()).keys[0]?.description.includes('signing key') || undefined);
  });

  it('lists podman images (or an empty view) without failing', async () => {
    const { images } = await snapshot();
    assert.ok(Array.isArray(images));
  });

  it('checks policy.json: insecure default, missing key file, unknown member', async () => {
    const file = path.join(root, 'containers', 'policy.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ default: [{ type: 'insecureAcceptAnything' }],
      transports: { docker: { 'reg.example': [{ type: 'signedBy', keyType: 'GPGKeys',
        keyPath: '/nonexistent/key.asc', extra: true }] } } }, null, 2));
    const document = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(document);
    const found = await eventually('policy.json diagnostics', () => {
      const list = diagnosticsOf(document.uri);
      return list.length >= 3 ? list : undefined;
    }, () => diagnosticsOf(document.uri).join('; '));
    assert.deepEqual(found.map((d) => d.split(':')[0]).sort(), ['Error', 'Warning', 'Warning']);
    assert.ok(found.some((d) => /the default accepts any image/.test(d)));
    assert.ok(found.some((d) => /\/nonexistent\/key\.asc does not exist/.test(d)));
    assert.ok(found.some((d) => /unknown member "extra"/.test(d)));
  });

  it('checks registries.d YAML: a deprecated key', async () => {
    const file = path.join(root, 'registries.d', 'old.yaml');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, 'docker:\n  reg.example:\n    sigstore: https://sigs.example\n');
    const document = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(document);
    const found = await eventually('registries.d diagnostics', () =>
      diagnosticsOf(document.uri)[0], () => 'none');
    assert.equal(found, 'Warning: "sigstore" is deprecated; use "lookaside" (same meaning)');
  });
});
