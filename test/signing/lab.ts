// A signing lab for the tests: a real registry (Debian's docker-registry) on loopback with its
// own config and storage, a temporary GNUPGHOME, rootful podman with its own storage, and a
// tiny image built FROM scratch with busybox-static. Everything lives in one temporary folder
// and is stopped by close(). A missing tool fails the suite: these tests never skip.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateKey } from '../../client/src/gpg/generate';
import type { GpgContext } from '../../client/src/gpg/gpg';
import type { PodmanOptions } from '../../client/src/podman/podman';
import { runProgram, type ProgramResult } from '../../client/src/system/execute';
import { freePort } from '../helpers/freePort';

export interface SigningLab {
  root: string;
  gnupgHome: string;
  gpgContext: GpgContext;
  /** `127.0.0.1:PORT`. */
  registry: string;
  /** HOME for podman: its registries.d sends signatures to `staging`. */
  home: string;
  registriesDir: string;
  /** Where podman writes signatures (lookaside-staging). */
  staging: string;
  podman(args: string[]): Promise<ProgramResult>;
  /** The same podman for the product's podman layer. */
  podmanAccess: PodmanOptions;
  gpg(args: string[], options?: { input?: string | Uint8Array; home?: string }):
    Promise<ProgramResult>;
  /** A new passphrase-less Ed25519 key in the lab keyring; returns its fingerprint. */
  newKey(name: string): Promise<string>;
  /** Builds the busybox image as `localhost/rootguard-test/busybox:1`. */
  buildImage(): Promise<string>;
  close(): Promise<void>;
}

export const LOCAL_IMAGE = 'localhost/rootguard-test/busybox:1';

export async function startLab(name: string): Promise<SigningLab> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `rg-${name}-`));
  const gnupgHome = path.join(root, 'gnupg');
  const home = path.join(root, 'home');
  const staging = path.join(root, 'staging');
  const registriesDir = path.join(home, '.config', 'containers', 'registries.d');
  fs.mkdirSync(gnupgHome, { mode: 0o700 });
  fs.mkdirSync(registriesDir, { recursive: true });
  fs.mkdirSync(staging);

  const registry = await startRegistry(root);
  fs.writeFileSync(path.join(registriesDir, 'lab.yaml'),
    `docker:\n  ${registry.address}:\n    lookaside-staging: file://${staging}\n`);
  const gpgContext: GpgContext = { gnupgHome };
  const podmanGlobal = ['--root', path.join(root, 'storage'), '--runroot',
    path.join(root, 'run'), '--runtime', 'runc', '--cgroup-manager', 'cgroupfs',
    '--storage-driver', 'vfs', '--events-backend', 'none'];
  const env = { GNUPGHOME: gnupgHome, HOME: home, TMPDIR: root };

  const lab: SigningLab = {
    root, gnupgHome, gpgContext, registry: registry.address, home, registriesDir, staging,
    podman: (args) => runProgram('podman', [...podmanGlobal, ...args],
      { env, timeoutMs: 300_000 }),
    podmanAccess: { path: 'podman', globalArgs: podmanGlobal, env },
    gpg: (args, options = {}) => runProgram('gpg', ['--batch', '--no-tty', ...args],
      { env: { GNUPGHOME: options.home ?? gnupgHome }, input: options.input }),
    newKey: (keyName) => generateKey(gpgContext, { name: keyName,
      email: `${keyName.toLowerCase().replace(/\W+/g, '.')}@rootguard.invalid`,
      algorithm: 'ed25519', expiry: '0', protection: 'none' }),
    buildImage: async () => {
      const context = path.join(root, 'context');
      fs.mkdirSync(context, { recursive: true });
      fs.copyFileSync('/bin/busybox', path.join(context, 'busybox'));
      fs.writeFileSync(path.join(context, 'Containerfile'),
        'FROM scratch\nCOPY busybox /bin/busybox\nCMD ["/bin/busybox", "true"]\n');
      await lab.podman(['build', '--isolation', 'chroot', '--ulimit', 'nofile=1024:1024',
        '--ulimit', 'nproc=1024:1024', '-t', LOCAL_IMAGE, context]);
      return LOCAL_IMAGE;
    },
    close: async () => {
      await registry.stop();
      for (const home of [gnupgHome, ...extraHomes(root)]) {
        await runProgram('gpgconf', ['--kill', 'all'], { env: { GNUPGHOME: home } })
          .catch(() => undefined);
      }
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
  return lab;
}

/** Other GnuPG homes a test made inside the lab (their agents must stop too). */
function extraHomes(root: string): string[] {
  return fs.readdirSync(root).filter((name) => name.startsWith('gnupg-'))
    .map((name) => path.join(root, name));
}

interface Registry {
  address: string;
  stop(): Promise<void>;
}

async function startRegistry(root: string): Promise<Registry> {
  const port = await freePort();
  const config = path.join(root, 'registry.yml');
  fs.writeFileSync(config, ['version: 0.1', 'log:', '  level: warn', 'storage:',
    '  filesystem:', `    rootdirectory: ${path.join(root, 'registry')}`, 'http:',
    `  addr: 127.0.0.1:${port}`, ''].join('\n'));
  const log = fs.openSync(path.join(root, 'registry.log'), 'a');
  // Its own process group, so that stopping it cannot miss a child.
  const child = spawn('docker-registry', ['serve', config],
    { detached: true, stdio: ['ignore', log, log] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const failed = new Promise<never>((_, reject) => child.once('error', reject));
  const stopper = (): void => stopGroup(child);
  process.once('exit', stopper);
  const address = `127.0.0.1:${port}`;
  await Promise.race([waitForRegistry(address), failed]);
  return {
    address,
    stop: async () => {
      process.removeListener('exit', stopper);
      stopGroup(child);
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      fs.closeSync(log);
    },
  };
}

function stopGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
}

async function waitForRegistry(address: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      const response = await fetch(`http://${address}/v2/`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`the registry on ${address} did not start`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
