// A cloned repository must not be able to point Rootguard at its own binary or add arguments
// to the programs it runs: such settings are machine-scoped, which VS Code never reads from a
// workspace's .vscode/settings.json, and they are named as restricted in an untrusted one.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { field, packageJson } from './sourceTree';

/** Settings that name a program, add arguments to one, or choose its keys and keyring. */
const PROGRAM_SETTINGS = [
  'rootguard.podman.path', 'rootguard.podman.globalArgs', 'rootguard.run.capAdd',
  'rootguard.run.userns', 'rootguard.run.extraArgs', 'rootguard.signing.gpgPath',
  'rootguard.signing.gnupgHome', 'rootguard.signing.skopeoPath',
  'rootguard.signing.trustedKeys',
];

function settings(): Map<string, unknown> {
  const configuration = field(field(packageJson(), 'contributes'), 'configuration');
  const sections = Array.isArray(configuration) ? configuration : [configuration];
  return new Map(sections.flatMap((section) => {
    const properties = field(section, 'properties');
    return typeof properties === 'object' && properties !== null
      ? Object.entries(properties) : [];
  }));
}

describe('settings that name programs or add arguments', () => {
  test('are machine-scoped', () => {
    const all = settings();
    for (const name of PROGRAM_SETTINGS) {
      assert.ok(all.has(name), `${name} is contributed`);
      assert.equal(field(all.get(name), 'scope'), 'machine', name);
    }
  });

  test('every podman, run and signing setting is machine-scoped, not just the listed ones', () => {
    const loose = [...settings()].filter(([name]) => /^rootguard\.(podman|run|signing)\./
      .test(name)).filter(([, schema]) => field(schema, 'scope') !== 'machine');
    assert.deepEqual(loose.map(([name]) => name), []);
  });

  test('the extension declares limited support for untrusted workspaces and names them', () => {
    const untrusted = field(field(packageJson(), 'capabilities'), 'untrustedWorkspaces');
    assert.equal(field(untrusted, 'supported'), 'limited');
    assert.match(String(field(untrusted, 'description')), /lints.*no podman and no gpg/);
    const restricted = field(untrusted, 'restrictedConfigurations');
    assert.deepEqual([...(Array.isArray(restricted) ? restricted : [])].sort(),
      [...PROGRAM_SETTINGS].sort());
  });
});
