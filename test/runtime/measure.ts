/**
 * Measurements for the runtime infrastructure (not a test; run by hand):
 *   npx tsx test/runtime/measure.ts
 * Prints compile times (cold incl. compiler import / warm compiler / cache hit),
 * RNG and det_log throughput in WASM vs JS, and how often AssemblyScript's
 * Math.log/exp/expm1 differ from V8's.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { setPlatform } from '../../src/platform/index.ts';
import { createNodePlatform } from '../../src/platform/node.ts';
import { compileAssemblyScript, HOST_HEAP_BASE, loadRuntimeSource } from '../../src/runtime/compile.ts';
import { createJsRuntime, det_log } from '../../src/runtime/jsruntime.ts';
import { compileTestKernel, instantiate } from './testkernel.ts';

/** A ~3 KB kernel in the style of the generator's output. */
const BODY = `
export function step(p: usize, rng: usize, n: i32, nsteps: i32): i32 {
  const v = load<usize>(p, 0);
  const ge = load<usize>(p, 4);
  const gi = load<usize>(p, 8);
  const lastspike = load<usize>(p, 12);
  const spikes = load<usize>(p, 16);
  const dt = load<f64>(p, 24);
  let t = load<f64>(p, 32);
  const taum = 0.02, taue = 0.005, taui = 0.01, vt = -0.05, vr = -0.06, el = -0.049, refr = 0.005;
  const sigma = 0.001;
  let count = 0;
  for (let s = 0; s < nsteps; s++) {
    let ns = 0;
    for (let i = 0; i < n; i++) {
      const o = <usize>i << 3;
      let vv = load<f64>(v + o);
      let e = load<f64>(ge + o);
      let g = load<f64>(gi + o);
      const notref = timestep(t - load<f64>(lastspike + o), dt) >= timestep(refr, dt);
      if (notref) {
        const dv = (e + g - (vv - el)) / taum;
        vv = vv + dt * dv + sigma * Math.sqrt(dt) * randn(rng) / Math.sqrt(taum);
      }
      e = e * Math.exp(-dt / taue);
      g = g * Math.exp(-dt / taui);
      const gate = exprel(-(vv + 0.05) / 0.01);
      if (vv > vt && notref) {
        vv = vr;
        store<f64>(lastspike + o, t);
        store<i32>(spikes + (<usize>ns << 2), i);
        ns++;
      }
      store<f64>(v + o, clip(vv, -0.1, 0.05 + gate * 0.0));
      store<f64>(ge + o, e);
      store<f64>(gi + o, g);
    }
    count += ns;
    t = dt * <f64>(timestep(t, dt) + 1.0);
  }
  store<f64>(p, t, 32);
  return count;
}
`;

function timeit(fn: () => void, reps = 5): number {
  let best = Infinity;
  for (let r = 0; r < reps; r++) {
    const t = performance.now();
    fn();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'spikeforge-measure-'));
  try {
    setPlatform(createNodePlatform({ cacheDir: dir }));
    const runtime = await loadRuntimeSource();
    console.log(`kernel body ${BODY.length} B, runtime prelude ${runtime.length} B`);
    const src = runtime + BODY;
    const cold = await compileAssemblyScript(src);
    console.log(`cold compile (incl. compiler import, worker thread): ${cold.compileMs.toFixed(0)} ms, ${cold.wasmBytes} B wasm, static data [${cold.dataStart}, ${cold.dataEnd})`);
    const warm = await compileAssemblyScript(src + '\n// variant');
    console.log(`warm compile (compiler loaded, new source):         ${warm.compileMs.toFixed(0)} ms`);
    const o0 = await compileAssemblyScript(src, { optimizeLevel: 0 });
    console.log(`warm compile at -O0:                                 ${o0.compileMs.toFixed(0)} ms`);
    const hits: number[] = [];
    for (let i = 0; i < 5; i++) hits.push((await compileAssemblyScript(src)).compileMs);
    console.log(`cache hit (hash + disk read + WebAssembly.compile):  ${Math.min(...hits).toFixed(2)}–${Math.max(...hits).toFixed(2)} ms`);

    const kernel = await compileTestKernel();
    const { memory, exports: w } = await instantiate(kernel, 512);
    const rt = createJsRuntime(memory);
    const RNG_W = HOST_HEAP_BASE;
    const RNG_J = HOST_HEAP_BASE + 16;
    const OUT = HOST_HEAP_BASE + 4096;
    const N = 1_000_000;
    w.t_seed(RNG_W, 1);
    rt.rng_seed(RNG_J, 1);
    const outF = new Float64Array(memory.buffer, OUT, N);
    const outI = new Int32Array(memory.buffer, OUT, N);
    const rows: Array<[string, () => void, () => void]> = [
      ['rand', () => w.fill_rand(RNG_W, OUT, N), () => { for (let i = 0; i < N; i++) outF[i] = rt.rand(RNG_J); }],
      ['randn', () => w.fill_randn(RNG_W, OUT, N), () => { for (let i = 0; i < N; i++) outF[i] = rt.randn(RNG_J); }],
      ['poisson(0.1)', () => w.fill_poisson(RNG_W, OUT, N, 0.1), () => { for (let i = 0; i < N; i++) outI[i] = rt.poisson(RNG_J, 0.1); }],
      ['poisson(5)', () => w.fill_poisson(RNG_W, OUT, N, 5), () => { for (let i = 0; i < N; i++) outI[i] = rt.poisson(RNG_J, 5); }],
      ['poisson(500)', () => w.fill_poisson(RNG_W, OUT, N, 500), () => { for (let i = 0; i < N; i++) outI[i] = rt.poisson(RNG_J, 500); }],
      ['binomial(100,0.02)', () => w.fill_binomial(RNG_W, OUT, N, 100, 0.02), () => { for (let i = 0; i < N; i++) outI[i] = rt.binomial(RNG_J, 100, 0.02); }],
      ['binomial(1000,0.3)', () => w.fill_binomial(RNG_W, OUT, N, 1000, 0.3), () => { for (let i = 0; i < N; i++) outI[i] = rt.binomial(RNG_J, 1000, 0.3); }],
      ['binomial(1e5,0.01)', () => w.fill_binomial(RNG_W, OUT, N, 100000, 0.01), () => { for (let i = 0; i < N; i++) outI[i] = rt.binomial(RNG_J, 100000, 0.01); }],
    ];
    console.log('\nns per draw (best of 5 × 1e6):        WASM      JS');
    for (const [name, fw, fj] of rows) {
      const tw = timeit(fw);
      const tj = timeit(fj);
      console.log(`  ${name.padEnd(22)} ${((tw * 1e6) / N).toFixed(2).padStart(8)} ${((tj * 1e6) / N).toFixed(2).padStart(8)}`);
    }

    // log speed and agreement
    const IN = OUT + 8 * N;
    const inp = new Float64Array(memory.buffer, IN, N);
    for (let i = 0; i < N; i++) {
      let s: number;
      do {
        const u = 2 * Math.random() - 1;
        const v = 2 * Math.random() - 1;
        s = u * u + v * v;
      } while (s >= 1 || s === 0);
      inp[i] = s;
    }
    const perCall = (ms: number) => ((ms * 1e6) / N).toFixed(2);
    let sink = 0;
    console.log('\nlog of s = u²+v² ∈ (0,1), ns per call:');
    console.log(`  WASM det_log ${perCall(timeit(() => w.map_f1(0, IN, OUT, N)))}   WASM Math.log (AS) ${perCall(timeit(() => w.map_f1(7, IN, OUT, N)))}`);
    console.log(`  JS   det_log ${perCall(timeit(() => { for (let i = 0; i < N; i++) sink += det_log(inp[i]!); }))}   JS   Math.log (V8) ${perCall(timeit(() => { for (let i = 0; i < N; i++) sink += Math.log(inp[i]!); }))}`);

    const differs = (which: number, f: (x: number) => number, gen: () => number): string => {
      for (let i = 0; i < N; i++) inp[i] = gen();
      w.map_f1(which, IN, OUT, N);
      let d = 0;
      for (let i = 0; i < N; i++) if (!Object.is(outF[i], f(inp[i]!))) d++;
      return `${d} / ${N} (${((100 * d) / N).toFixed(2)} %)`;
    };
    console.log('\nAssemblyScript Math.* vs V8 Math.* (results differing in any bit):');
    console.log(`  log, polar-method s ∈ (0,1): ${differs(7, Math.log, () => { let s; do { const u = 2 * Math.random() - 1, v = 2 * Math.random() - 1; s = u * u + v * v; } while (s >= 1 || s === 0); return s; })}`);
    console.log(`  log, x = e^U(-700,700):      ${differs(7, Math.log, () => Math.exp((Math.random() - 0.5) * 1400))}`);
    console.log(`  exp, x ∈ (-50, 50):          ${differs(8, Math.exp, () => (Math.random() - 0.5) * 100)}`);
    console.log(`  expm1, x ∈ (-50, 50):        ${differs(9, Math.expm1, () => (Math.random() - 0.5) * 100)}`);
    console.log(`  det_log (WASM) vs V8 log:    ${differs(0, Math.log, () => Math.exp((Math.random() - 0.5) * 1400))}`);
    if (sink === 42) console.log('');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
