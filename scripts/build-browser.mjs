// Bundles src/browser.ts for pages: ESM with code splitting, so the
// AssemblyScript compiler (~15 MB, mostly binaryen) is a separate chunk
// fetched only when a WASM kernel must be compiled.
import { build } from 'esbuild';

await build({
  entryPoints: { spikeforge: 'src/browser.ts' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  outdir: 'dist/browser',
  // Node-only modules are reached only through dynamic imports the browser never takes.
  external: ['node:*', 'fs', 'path', 'url', 'module', 'os', 'crypto', 'worker_threads', 'child_process'],
  logLevel: 'warning',
  minify: true,
  sourcemap: true,
});
console.log('built dist/browser/spikeforge.js');
