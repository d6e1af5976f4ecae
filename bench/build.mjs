// Bundles the bench sections (TypeScript, importing the product's sources) into bench/tmp/
// with the same esbuild the product ships with, so the bench measures the code as bundled.
// Packages stay external: dockerfile-ast, the peers and fast-check load from node_modules.
import * as esbuild from 'esbuild';

export async function buildBench(entries, { quiet = false } = {}) {
  await esbuild.build({
    entryPoints: entries.map((name) => ({ in: `bench/${name}.ts`, out: name })),
    outdir: 'bench/tmp',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    sourcemap: true,
    logLevel: quiet ? 'silent' : 'warning',
  });
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  await buildBench(process.argv.slice(2));
}
