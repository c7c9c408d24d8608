/**
 * Measures compile time in a fresh process: builds a benchmark model and
 * runs one step with the WASM backend, reporting how the kernel was obtained.
 * Run with SPIKEFORGE_CACHE_DIR pointing at an empty directory for a cold
 * compile, and again with the same directory for a cached one.
 */
import { MODELS } from './models.ts';

const model = MODELS.find((m) => m.name === process.argv[2]);
if (!model) throw new Error(`unknown model ${process.argv[2]}`);
const started = performance.now();
const { network } = model.build();
await network.run('0.1*ms', { backend: 'wasm' });
console.log(JSON.stringify({ model: model.name, compileMs: network.lastCompile?.compileMs, cached: network.lastCompile?.cached, firstRunMs: performance.now() - started }));
