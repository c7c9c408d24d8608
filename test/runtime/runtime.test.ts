/**
 * The runtime twins: assembly/runtime.ts (compiled to WASM) and
 * src/runtime/jsruntime.ts must produce bit-identical results, and be right.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { setPlatform } from '../../src/platform/index.ts';
import { createNodePlatform } from '../../src/platform/node.ts';
import { HOST_HEAP_BASE, type CompiledKernel } from '../../src/runtime/compile.ts';
import * as js from '../../src/runtime/jsruntime.ts';
import { compileTestKernel, instantiate, type TestKernelExports } from './testkernel.ts';

let dir: string;
let kernel: CompiledKernel;
let memory: WebAssembly.Memory;
let w: TestKernelExports;
let rt: js.JsRuntime;

// Memory map used by these tests (host side, above the compiler's static data)
const RNG_W = HOST_HEAP_BASE; // WASM generator state
const RNG_J = HOST_HEAP_BASE + 16; // JS generator state
const IN_A = HOST_HEAP_BASE + 1024;
const N_MAX = 200_000;
const IN_B = IN_A + 8 * N_MAX;
const OUT = IN_B + 8 * N_MAX;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'spikeforge-runtime-'));
  setPlatform(createNodePlatform({ cacheDir: dir }));
  kernel = await compileTestKernel();
  ({ memory, exports: w } = await instantiate(kernel, 128));
  expect(kernel.dataEnd).toBeLessThanOrEqual(HOST_HEAP_BASE);
  rt = js.createJsRuntime(memory);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const f64 = (ptr: number, n: number) => new Float64Array(memory.buffer, ptr, n);
const i32 = (ptr: number, n: number) => new Int32Array(memory.buffer, ptr, n);
const state = (ptr: number) => Array.from(new Uint32Array(memory.buffer, ptr, 4));

/** Index of the first element whose bits differ (NaN payloads included), or -1. */
function firstBitDifference(a: Float64Array | number[], b: Float64Array | number[]): number {
  const x = new Float64Array(a);
  const y = new Float64Array(b);
  if (x.length !== y.length) return -2;
  const xu = new Uint32Array(x.buffer);
  const yu = new Uint32Array(y.buffer);
  for (let i = 0; i < xu.length; i++) if (xu[i] !== yu[i]) return i >> 1;
  return -1;
}

const SEEDS = [0, 1, 42, 123456789, 2 ** 53];

describe('cache', () => {
  test('second compile of the test kernel is a cache hit', async () => {
    const again = await compileTestKernel();
    expect(again.cached).toBe(true);
    expect(again.key).toBe(kernel.key);
    expect(again.compileMs).toBeLessThan(200);
  });
});

describe('RNG streams are bit-identical in WASM and JS', () => {
  test('seeding', () => {
    for (const seed of [...SEEDS, -5, NaN, 1e30, 0.7, 2 ** 32 + 3]) {
      w.t_seed(RNG_W, seed);
      rt.rng_seed(RNG_J, seed);
      expect(state(RNG_J)).toEqual(state(RNG_W));
      expect(state(RNG_W).some((x) => x !== 0)).toBe(true);
    }
    w.t_seed(RNG_W, 1);
    const s1 = state(RNG_W);
    w.t_seed(RNG_W, 2);
    expect(state(RNG_W)).not.toEqual(s1);
  });

  test('rand: 100k draws × 5 seeds', () => {
    const n = 100_000;
    for (const seed of SEEDS) {
      w.t_seed(RNG_W, seed);
      rt.rng_seed(RNG_J, seed);
      w.fill_rand(RNG_W, OUT, n);
      const mine = new Float64Array(n);
      for (let i = 0; i < n; i++) mine[i] = rt.rand(RNG_J);
      expect(firstBitDifference(f64(OUT, n), mine)).toBe(-1);
      expect(state(RNG_J)).toEqual(state(RNG_W));
      let min = 1;
      let max = 0;
      for (const x of mine) {
        if (x < min) min = x;
        if (x > max) max = x;
      }
      expect(min).toBeGreaterThanOrEqual(0);
      expect(max).toBeLessThan(1);
    }
  });

  test('randn: 100k draws × 3 seeds', () => {
    const n = 100_000;
    for (const seed of [1, 42, 2 ** 53]) {
      w.t_seed(RNG_W, seed);
      rt.rng_seed(RNG_J, seed);
      w.fill_randn(RNG_W, OUT, n);
      const mine = new Float64Array(n);
      for (let i = 0; i < n; i++) mine[i] = rt.randn(RNG_J);
      expect(firstBitDifference(f64(OUT, n), mine)).toBe(-1);
      expect(state(RNG_J)).toEqual(state(RNG_W));
    }
  });

  test('poisson: 100k draws for λ ∈ {0.1, 5, 9.99, 10, 50, 500, 1e6} × 2 seeds', () => {
    const n = 100_000;
    for (const seed of [7, 99]) {
      for (const lam of [0.1, 5, 9.99, 10, 50, 500, 1e6]) {
        w.t_seed(RNG_W, seed);
        rt.rng_seed(RNG_J, seed);
        w.fill_poisson(RNG_W, OUT, n, lam);
        const mine = new Int32Array(n);
        for (let i = 0; i < n; i++) mine[i] = rt.poisson(RNG_J, lam);
        expect(Array.from(i32(OUT, n)).findIndex((x, i) => x !== mine[i])).toBe(-1);
        expect(state(RNG_J)).toEqual(state(RNG_W));
      }
    }
  });

  test('binomial: 100k draws for several (n, p) × 2 seeds', () => {
    const n = 100_000;
    const cases: Array<[number, number]> = [[10, 0.3], [1000, 0.005], [1000, 0.3], [100_000, 0.01], [100_000, 0.7], [50, 0.9], [1, 0.5], [30, 0.34]];
    for (const seed of [3, 2024]) {
      for (const [bn, p] of cases) {
        w.t_seed(RNG_W, seed);
        rt.rng_seed(RNG_J, seed);
        w.fill_binomial(RNG_W, OUT, n, bn, p);
        const mine = new Int32Array(n);
        for (let i = 0; i < n; i++) mine[i] = rt.binomial(RNG_J, bn, p);
        expect(Array.from(i32(OUT, n)).findIndex((x, i) => x !== mine[i])).toBe(-1);
        expect(state(RNG_J)).toEqual(state(RNG_W));
      }
    }
  });

  test('edge parameters agree', () => {
    for (const lam of [0, -1, NaN, 1e-300, Infinity, 3e9]) {
      w.t_seed(RNG_W, 5);
      rt.rng_seed(RNG_J, 5);
      expect(rt.poisson(RNG_J, lam)).toBe(w.t_poisson(RNG_W, lam));
    }
    expect(rt.poisson(RNG_J, 0)).toBe(0);
    expect(rt.poisson(RNG_J, Infinity)).toBe(2147483647);
    for (const [bn, p] of [[0, 0.5], [-3, 0.5], [10, 0], [10, -1], [10, NaN], [10, 1], [10, 2], [7, 1e-300], [2147483647, 0.5]] as Array<[number, number]>) {
      w.t_seed(RNG_W, 5);
      rt.rng_seed(RNG_J, 5);
      expect(rt.binomial(RNG_J, bn, p)).toBe(w.t_binomial(RNG_W, bn, p));
    }
    expect(rt.binomial(RNG_J, 10, 1)).toBe(10);
    expect(rt.binomial(RNG_J, 10, 0)).toBe(0);
  });

  test('state lives in linear memory: WASM and JS can continue each other', () => {
    w.t_seed(RNG_W, 11);
    const straight: number[] = [];
    for (let i = 0; i < 20; i++) straight.push(w.t_randn(RNG_W));
    w.t_seed(RNG_W, 11);
    const mixed: number[] = [];
    for (let i = 0; i < 20; i++) mixed.push(i % 2 ? rt.randn(RNG_W) : w.t_randn(RNG_W));
    expect(firstBitDifference(mixed, straight)).toBe(-1);
  });
});

// ---------------------------------------------------------------------------
// Statistics
// ---------------------------------------------------------------------------

function moments(xs: ArrayLike<number>): { mean: number; variance: number } {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  const mean = s / xs.length;
  let v = 0;
  for (let i = 0; i < xs.length; i++) v += (xs[i]! - mean) ** 2;
  return { mean, variance: v / (xs.length - 1) };
}

/** Mean within 5 standard errors; variance within 5 standard errors (using the excess kurtosis). */
function expectMoments(xs: ArrayLike<number>, mu: number, sigma2: number, excessKurtosis: number) {
  const n = xs.length;
  const { mean, variance } = moments(xs);
  expect(Math.abs(mean - mu)).toBeLessThan(5 * Math.sqrt(sigma2 / n));
  expect(Math.abs(variance - sigma2)).toBeLessThan(5 * sigma2 * Math.sqrt((2 + excessKurtosis) / n));
}

/** Pearson chi-square against a pmf given in log space; bins merged so each expects ≥ 10. */
function chiSquare(samples: ArrayLike<number>, logPmf: (k: number) => number, kmin: number, kmax: number): { stat: number; df: number } {
  const n = samples.length;
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) counts.set(samples[i]!, (counts.get(samples[i]!) ?? 0) + 1);
  for (const k of counts.keys()) expect(k >= kmin && k <= kmax).toBe(true);
  const bins: Array<{ obs: number; exp: number }> = [];
  let cur = { obs: 0, exp: 0 };
  for (let k = kmin; k <= kmax; k++) {
    cur.obs += counts.get(k) ?? 0;
    cur.exp += n * Math.exp(logPmf(k));
    if (cur.exp >= 10) {
      bins.push(cur);
      cur = { obs: 0, exp: 0 };
    }
  }
  if (bins.length) {
    bins[bins.length - 1]!.obs += cur.obs;
    bins[bins.length - 1]!.exp += cur.exp;
  }
  let stat = 0;
  for (const b of bins) stat += (b.obs - b.exp) ** 2 / b.exp;
  return { stat, df: bins.length - 1 };
}

/** log Γ(x) for x > 0 (Lanczos, g = 7), test-only reference. */
function lgamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lgamma(1 - x);
  x -= 1;
  let a = c[0]!;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

const chiLimit = (df: number) => df + 6 * Math.sqrt(2 * df) + 10; // far tail: p ≪ 1e-6

describe('distributions', () => {
  const N = 200_000;

  test('rand uniform and randn normal', () => {
    w.t_seed(RNG_W, 1234);
    w.fill_rand(RNG_W, OUT, N);
    expectMoments(f64(OUT, N), 0.5, 1 / 12, -1.2);
    w.fill_randn(RNG_W, OUT, N);
    const z = f64(OUT, N);
    expectMoments(z, 0, 1, 0);
    // tail fractions
    let beyond2 = 0;
    for (const x of z) if (Math.abs(x) > 2) beyond2++;
    expect(Math.abs(beyond2 / N - 0.0455)).toBeLessThan(0.003);
  });

  test.each([0.1, 5, 50, 500])('poisson λ=%s: moments and chi-square', (lam) => {
    w.t_seed(RNG_W, 77 + lam);
    w.fill_poisson(RNG_W, OUT, N, lam);
    const xs = i32(OUT, N);
    expectMoments(xs, lam, lam, 1 / lam);
    const kmax = Math.ceil(lam + 12 * Math.sqrt(lam) + 25);
    const { stat, df } = chiSquare(xs, (k) => -lam + k * Math.log(lam) - lgamma(k + 1), 0, kmax);
    expect(stat).toBeLessThan(chiLimit(df));
  });

  test.each([
    [10, 0.3],
    [1000, 0.005],
    [1000, 0.3],
    [1000, 0.8],
    [100_000, 0.01],
    [100_000, 0.5],
  ])('binomial n=%s p=%s: moments and chi-square', (bn, p) => {
    w.t_seed(RNG_W, bn + p);
    w.fill_binomial(RNG_W, OUT, N, bn, p);
    const xs = i32(OUT, N);
    const q = 1 - p;
    expectMoments(xs, bn * p, bn * p * q, (1 - 6 * p * q) / (bn * p * q));
    const logC = (k: number) => lgamma(bn + 1) - lgamma(k + 1) - lgamma(bn - k + 1);
    const { stat, df } = chiSquare(xs, (k) => logC(k) + k * Math.log(p) + (bn - k) * Math.log(q), 0, bn);
    expect(stat).toBeLessThan(chiLimit(df));
  });
});

// ---------------------------------------------------------------------------
// Math functions
// ---------------------------------------------------------------------------

function specials(): number[] {
  return [0, -0, 1, -1, 0.5, -0.5, 1.5, 2.5, -2.5, Infinity, -Infinity, NaN, 5e-324, -5e-324, 2.2250738585072014e-308, 1e-300, 1e300, Number.MAX_VALUE, 709.78, 709.79, -745.1, -745.2, 717, 718, 1e-16, 9e-17, -1e-16, 2 ** 52, 2 ** 52 + 1, 2 ** 53, 0.49999999999999994, 4503599627370495.5, 1 - 2 ** -53, 1 + 2 ** -52, Math.LN2, 56 * Math.LN2, -56 * Math.LN2];
}

function randomArgs(n: number, seed: number): number[] {
  const xs = specials();
  let s = seed >>> 0;
  const u = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  while (xs.length < n) {
    const r = u();
    if (r < 0.25) xs.push((u() - 0.5) * 4); // near 0 / ±1
    else if (r < 0.5) xs.push((u() - 0.5) * 1500); // exp range
    else if (r < 0.75) xs.push(Math.exp((u() - 0.5) * 1400)); // log range
    else if (r < 0.85) xs.push(Math.round((u() - 0.5) * 64) / 2); // halves
    else xs.push((u() - 0.5) * 2 ** (u() * 60 - 30));
  }
  return xs;
}

const F1 = ['det_log', 'det_exp', 'det_expm1', 'det_log1p', 'exprel', 'sign', 'round_half_even'] as const;

describe('math functions are bit-identical in WASM and JS', () => {
  test.each(F1.map((name, i) => [name, i] as const))('%s over 200k arguments', (name, which) => {
    const xs = randomArgs(N_MAX, 17 + which);
    f64(IN_A, N_MAX).set(xs);
    w.map_f1(which, IN_A, OUT, N_MAX);
    const fn = js[name] as (x: number) => number;
    const mine = xs.map((x) => fn(x));
    const at = firstBitDifference(f64(OUT, N_MAX), mine);
    expect(at === -1 ? 'identical' : `differs at x=${xs[at]}: wasm ${f64(OUT, N_MAX)[at]} js ${mine[at]}`).toBe('identical');
  });

  test.each([
    ['det_sinh', 10],
    ['det_cosh', 11],
    ['det_tanh', 12],
  ] as const)('%s over 200k arguments', (name, which) => {
    const xs = randomArgs(N_MAX, 31 + which);
    f64(IN_A, N_MAX).set(xs);
    w.map_f1(which, IN_A, OUT, N_MAX);
    const fn = js[name] as (x: number) => number;
    const mine = xs.map((x) => fn(x));
    const at = firstBitDifference(f64(OUT, N_MAX), mine);
    expect(at === -1 ? 'identical' : `differs at x=${xs[at]}: wasm ${f64(OUT, N_MAX)[at]} js ${mine[at]}`).toBe('identical');
    // And correct: within an ulp or two of the platform's own functions.
    const ref = { det_sinh: Math.sinh, det_cosh: Math.cosh, det_tanh: Math.tanh }[name];
    for (const x of xs.slice(0, 20000)) {
      const a = fn(x);
      const b = ref(x);
      if (Number.isFinite(b) && b !== 0) expect(Math.abs(a - b) / Math.abs(b)).toBeLessThan(5e-16);
    }
  });

  test.each([
    ['pymod', 0],
    ['pyfloordiv', 1],
    ['timestep', 2],
  ] as const)('%s over 200k argument pairs', (name, which) => {
    const xs = randomArgs(N_MAX, 5);
    const ys = randomArgs(N_MAX, 6).reverse();
    if (name === 'timestep') for (let i = 0; i < ys.length; i++) ys[i] = Math.abs(ys[i]!) + 1e-6;
    f64(IN_A, N_MAX).set(xs);
    f64(IN_B, N_MAX).set(ys);
    w.map_f2(which, IN_A, IN_B, OUT, N_MAX);
    const fn = js[name] as (a: number, b: number) => number;
    const mine = xs.map((x, i) => fn(x, ys[i]!));
    expect(firstBitDifference(f64(OUT, N_MAX), mine)).toBe(-1);
  });

  test('clip', () => {
    const xs = randomArgs(10_000, 8);
    const ys = randomArgs(10_000, 9);
    f64(IN_A, 10_000).set(xs);
    f64(IN_B, 10_000).set(ys);
    w.map_f2(3, IN_A, IN_B, OUT, 10_000);
    expect(firstBitDifference(f64(OUT, 10_000), xs.map((x, i) => js.clip(x, ys[i]!, ys[i]! + 1)))).toBe(-1);
  });

  test('integer pymod / pyfloordiv', () => {
    const vals = [0, 1, -1, 2, -2, 3, -3, 7, -7, 10, -10, 2147483647, -2147483648, 12345, -98765];
    for (const a of vals) {
      for (const b of vals) {
        expect(js.pymod_int(a, b)).toBe(w.t_pymod_int(a, b));
        expect(js.pyfloordiv_int(a, b)).toBe(w.t_pyfloordiv_int(a, b));
        if (b !== 0 && !(a === -2147483648 && b === -1)) {
          expect(js.pyfloordiv_int(a, b)).toBe(Math.floor(a / b) + 0);
          expect(js.pymod_int(a, b)).toBe(a - b * Math.floor(a / b) + 0);
        }
      }
    }
  });
});

describe('math functions: known values', () => {
  test('det_log / det_expm1 equal V8 (fdlibm) here; the table-driven det_exp is within one ulp of it', () => {
    const bad: string[] = [];
    const ulp = (x: number): number => {
      const b = new Float64Array([Math.abs(x)]);
      new BigInt64Array(b.buffer)[0]! += 1n;
      return b[0]! - Math.abs(x);
    };
    for (const x of randomArgs(100_000, 3)) {
      if (!Object.is(js.det_log(x), Math.log(x))) bad.push(`log(${x})`);
      const e = js.det_exp(x);
      const v8 = Math.exp(x);
      if (!Object.is(e, v8) && !(Number.isFinite(v8) && v8 !== 0 && Math.abs(e - v8) <= ulp(v8))) bad.push(`exp(${x}): ${e} vs ${v8}`);
      if (!Object.is(js.det_expm1(x), Math.expm1(x))) bad.push(`expm1(${x})`);
    }
    expect(bad.slice(0, 5)).toEqual([]);
    for (const x of [0, 1, -1, 709.78, -745.13, -740, NaN, Infinity, -Infinity, 1e-20]) expect(js.det_exp(x)).toBe(Math.exp(x));
    expect(Math.abs(js.det_log1p(1e-10) - 9.9999999995e-11)).toBeLessThan(1e-25);
    expect(js.det_log1p(-1)).toBe(-Infinity);
  });

  test('python-style modulo and floor division', () => {
    expect(js.pymod(-7, 3)).toBe(2);
    expect(js.pymod(7, -3)).toBe(-2);
    expect(js.pymod(7.5, -2)).toBe(-0.5);
    expect(js.pymod(-7.5, 2)).toBe(0.5);
    expect(Object.is(js.pymod(6, -3), -0)).toBe(true);
    expect(Object.is(js.pymod(-6, 3), 0)).toBe(true);
    expect(js.pymod(5, 0)).toBeNaN();
    expect(js.pymod(0.1 * 3, 0.1)).toBe(2.7755575615628914e-17); // Python: (0.1*3) % 0.1
    expect(js.pyfloordiv(-7, 2)).toBe(-4);
    expect(js.pyfloordiv(7, 2)).toBe(3);
    expect(js.pyfloordiv(7.5, -2)).toBe(-4);
    expect(Object.is(js.pyfloordiv(-0, 1), -0)).toBe(true);
    expect(Object.is(js.pyfloordiv(0, -1), -0)).toBe(true);
    expect(js.pyfloordiv(1, 0)).toBe(Infinity);
    expect(js.pyfloordiv(1, 0.1)).toBe(9); // Python: 1 // 0.1 == 9.0
    expect(js.pymod(1, 0.1)).toBe(0.09999999999999995); // Python: 1 % 0.1
  });

  test('exprel, sign, clip', () => {
    expect(js.exprel(0)).toBe(1);
    expect(js.exprel(-0)).toBe(1);
    expect(js.exprel(9e-17)).toBe(1);
    expect(js.exprel(1)).toBe(Math.expm1(1));
    expect(js.exprel(-1)).toBe(Math.expm1(-1) / -1);
    expect(js.exprel(1e-10)).toBe(1.00000000005);
    expect(js.exprel(717)).toBe(Math.expm1(717) / 717);
    expect(js.exprel(717.5)).toBe(Infinity);
    expect(js.exprel(-1000)).toBe(0.001);
    expect(js.exprel(NaN)).toBeNaN();
    expect([js.sign(-3), js.sign(0), js.sign(2)]).toEqual([-1, 0, 1]);
    expect(Object.is(js.sign(-0), 0)).toBe(true);
    expect(js.sign(NaN)).toBeNaN();
    expect([js.clip(-1, 0, 1), js.clip(0.5, 0, 1), js.clip(3, 0, 1), js.clip(5, 2, 1)]).toEqual([0, 0.5, 1, 1]);
    expect(js.clip(NaN, 0, 1)).toBeNaN();
  });

  test('timestep (Brian2 int64 cast with the 1e-3*dt guard)', () => {
    expect(0.3 / 0.1).toBeLessThan(3);
    expect(js.timestep(0.3, 0.1)).toBe(3);
    expect(js.timestep(0.29, 0.1)).toBe(2);
    expect(js.timestep(0, 1e-4)).toBe(0);
    expect(js.timestep(-1e4, 1e-4)).toBe(-99999999); // lastspike = -1e4 s: trunc toward zero
    expect(js.timestep(2e-3, 1e-4)).toBe(20);
    for (let k = 0; k <= 100_000; k++) if (js.timestep(k * 1e-4, 1e-4) !== k) throw new Error(`timestep(${k}*dt) = ${js.timestep(k * 1e-4, 1e-4)}`);
  });

  test('round_half_even', () => {
    const cases: Array<[number, number]> = [[0.5, 0], [1.5, 2], [2.5, 2], [3.5, 4], [-1.5, -2], [-2.5, -2], [0.49999999999999994, 0], [2.4, 2], [-2.6, -3], [4503599627370495.5, 4503599627370496], [2 ** 53 + 2, 2 ** 53 + 2]];
    for (const [x, y] of cases) expect(js.round_half_even(x)).toBe(y);
    expect(Object.is(js.round_half_even(-0.5), -0)).toBe(true);
    expect(Object.is(js.round_half_even(-0.2), -0)).toBe(true);
    expect(Object.is(js.round_half_even(0.5), 0)).toBe(true);
    expect(js.round_half_even(Infinity)).toBe(Infinity);
    expect(js.round_half_even(NaN)).toBeNaN();
  });
});

describe('TimedArray lookup (Brian2 2.5.1)', () => {
  test('K and eps as Brian2 computes them', () => {
    expect(js.timedarray_params(1e-3, 1e-4)).toEqual({ K: 128, eps: 1e-3 / 128 });
    expect(js.timedarray_params(1e-4, 1e-4).K).toBe(8);
    expect(js.timedarray_params(1e-5, 1e-3).K).toBe(1); // ta_dt ≪ dt
  });

  test('dt 0.1 ms, ta_dt 1 ms: index at t = k*dt is floor(k/10), clipped', () => {
    const dt = 1e-4;
    const { K, eps } = js.timedarray_params(1e-3, dt);
    const n = 150;
    for (let k = 0; k <= 2000; k++) {
      const t = k * dt;
      const expected = Math.min(Math.floor(k / 10), n - 1);
      expect(js.timedarray_index(t, eps, K, n)).toBe(expected);
      expect(w.t_ta_index(t, eps, K, n)).toBe(expected);
      // multi-stage integrators evaluate at t + dt/2 and t + dt
      expect(w.t_ta_index(t + dt / 2, eps, K, n)).toBe(js.timedarray_index(t + dt / 2, eps, K, n));
    }
    expect(js.timedarray_index(-1, eps, K, n)).toBe(0);
    expect(js.timedarray_index(NaN, eps, K, n)).toBe(0);
    expect(w.t_ta_index(-1, eps, K, n)).toBe(0);
  });

  test('1-D and 2-D values read from linear memory', () => {
    const dt = 1e-4;
    const { K, eps } = js.timedarray_params(1e-3, dt);
    const rows = 20;
    const cols = 3;
    const vals = f64(IN_A, rows * cols);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) vals[r * cols + c] = r * 100 + c;
    for (let k = 0; k < 300; k++) {
      const t = k * dt;
      const row = Math.min(Math.floor(k / 10), rows - 1);
      for (let c = 0; c < cols; c++) {
        expect(w.t_ta_2d(IN_A, t, eps, K, rows, cols, c)).toBe(row * 100 + c);
        expect(rt.timedarray_2d(IN_A, t, eps, K, rows, cols, c)).toBe(row * 100 + c);
      }
      expect(w.t_ta_1d(IN_A, t, eps, K, rows * cols)).toBe(rt.timedarray_1d(IN_A, t, eps, K, rows * cols));
    }
    expect(w.t_ta_2d(IN_A, 0, eps, K, rows, cols, 3)).toBeNaN();
    expect(rt.timedarray_2d(IN_A, 0, eps, K, rows, cols, -1)).toBeNaN();
  });

  test('JS views survive memory.grow', () => {
    const m = new WebAssembly.Memory({ initial: 1 });
    const r = js.createJsRuntime(m);
    r.rng_seed(0, 9);
    const a = r.rand(0);
    m.grow(1); // detaches the old buffer
    r.rng_seed(0, 9);
    expect(r.rand(0)).toBe(a);
  });
});
