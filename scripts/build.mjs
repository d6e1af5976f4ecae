// Bundles the extension client, the language server and the CLI into dist/ with esbuild, so
// the .vsix and the npm package carry no node_modules.
import * as esbuild from 'esbuild';
import { readFileSync, existsSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const production = process.argv.includes('--production');

const entries = [
  { in: 'server/src/server.ts', out: 'server' },
  { in: 'server/src/cli/bin.ts', out: 'cli' },
  { in: 'client/src/extension.ts', out: 'client' },
].filter((entry) => existsSync(entry.in));

await esbuild.build({
  entryPoints: entries,
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  external: ['vscode'],
  // jsonc-parser's main file is UMD, whose inner requires esbuild cannot follow; its ES module
  // build bundles cleanly.
  alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
  sourcemap: !production,
  minify: production,
  define: { ROOTGUARD_VERSION: JSON.stringify(pkg.version) },
  logLevel: 'warning',
});
console.log(`built ${entries.map((e) => `dist/${e.out}.js`).join(', ')}`);
