// The .vsix as `npm run package` makes it (a production build, then vsce), made in a scratch
// copy so that the shared dist/ and the repository's own .vsix, which other work uses at the
// same time, are left alone. The copy is outside the repository: it links the sources, and
// tsconfig.json type-checks everything under bench/.

import { execFileSync } from 'node:child_process';
import {
  cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { round } from './lib/measure';
import { runSection, verdict, type SectionResult } from './lib/section';

const REPO = path.resolve(__dirname, '..', '..');
const PACKAGE_DIR = path.join(tmpdir(), 'rootguard-bench-package');
const GOAL_BYTES = 2 * 1024 * 1024;

/** What the .vsix is made from: the manifest's files, and the sources the build bundles. */
const COPIED = ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', '.vscodeignore', 'bin',
  'syntaxes', 'language-configuration.json', 'docs/rules', 'images/icon.png'];
const LINKED = ['server', 'client', 'scripts', 'node_modules'];

async function main(): Promise<SectionResult> {
  rmSync(PACKAGE_DIR, { recursive: true, force: true });
  mkdirSync(PACKAGE_DIR, { recursive: true });
  for (const entry of COPIED) {
    const from = path.join(REPO, entry);
    if (existsSync(from)) cpSync(from, path.join(PACKAGE_DIR, entry), { recursive: true });
  }
  // Linked, not copied: esbuild follows the links to the real files, and resolves their
  // packages from the repository's node_modules.
  for (const entry of LINKED) symlinkSync(path.join(REPO, entry), path.join(PACKAGE_DIR, entry));
  const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as
    { name: string; version: string };
  const out = path.join(PACKAGE_DIR, `${pkg.name}-${pkg.version}.vsix`);

  const t0 = performance.now();
  execFileSync(process.execPath, [path.join(REPO, 'scripts', 'build.mjs'), '--production'],
    { cwd: PACKAGE_DIR, stdio: 'ignore' });
  const built = performance.now();
  execFileSync(path.join(REPO, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies',
    '--no-rewrite-relative-links', '--out', out], { cwd: PACKAGE_DIR, stdio: 'ignore' });
  const packaged = performance.now();

  // Kept beside the other bench outputs: the activation section installs it.
  const kept = path.join(__dirname, path.basename(out));
  cpSync(out, kept);
  const bytes = statSync(kept).size;
  const bundles = Object.fromEntries(['client.js', 'server.js', 'cli.js'].map((name) =>
    [name, statSync(path.join(PACKAGE_DIR, 'dist', name)).size]));
  const met = bytes <= GOAL_BYTES;
  return {
    results: {
      bytes,
      file: path.relative(REPO, kept),
      bundleBytes: bundles,
      buildMs: round(built - t0, 0),
      vsceMs: round(packaged - built, 0),
      goal: { maxBytes: GOAL_BYTES, met },
    },
    tables: [{
      title: '.vsix (npm run package: production build + vsce)',
      header: ['what', 'size', 'goal'],
      rows: [
        ['rootguard .vsix', `${(bytes / 1024).toFixed(0)} KiB`, `≤ 2048 KiB: ${verdict(met)}`],
        ...Object.entries(bundles).map(([name, size]) =>
          [`  dist/${name} (inside, before zip)`, `${(size / 1024).toFixed(0)} KiB`, '']),
      ],
    }],
  };
}

runSection(main);
