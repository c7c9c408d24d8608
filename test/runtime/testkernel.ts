/**
 * Test kernel: assembly/runtime.ts followed by exported wrappers that fill
 * buffers in linear memory, compiled once per test file.
 */
import { compileAssemblyScript, loadRuntimeSource, type CompiledKernel, type CompileOptions } from '../../src/runtime/compile.ts';

export const WRAPPERS = `
// ---- test wrappers ----
export function t_seed(rng: usize, seed: f64): void { rng_seed(rng, seed); }
export function t_rand(rng: usize): f64 { return rand(rng); }
export function t_randn(rng: usize): f64 { return randn(rng); }
export function t_poisson(rng: usize, lam: f64): i32 { return poisson(rng, lam); }
export function t_binomial(rng: usize, n: i32, p: f64): i32 { return binomial(rng, n, p); }
export function fill_rand(rng: usize, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) store<f64>(out + (<usize>i << 3), rand(rng));
}
export function fill_randn(rng: usize, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) store<f64>(out + (<usize>i << 3), randn(rng));
}
export function fill_poisson(rng: usize, out: usize, n: i32, lam: f64): void {
  for (let i = 0; i < n; i++) store<i32>(out + (<usize>i << 2), poisson(rng, lam));
}
export function fill_binomial(rng: usize, out: usize, n: i32, bn: i32, p: f64): void {
  for (let i = 0; i < n; i++) store<i32>(out + (<usize>i << 2), binomial(rng, bn, p));
}
export function map_f1(which: i32, inp: usize, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const x = load<f64>(inp + (<usize>i << 3));
    let y = 0.0;
    switch (which) {
      case 0: y = det_log(x); break;
      case 1: y = det_exp(x); break;
      case 2: y = det_expm1(x); break;
      case 3: y = det_log1p(x); break;
      case 4: y = exprel(x); break;
      case 5: y = sign(x); break;
      case 6: y = round_half_even(x); break;
      case 7: y = Math.log(x); break;
      case 8: y = Math.exp(x); break;
      case 9: y = Math.expm1(x); break;
      case 10: y = det_sinh(x); break;
      case 11: y = det_cosh(x); break;
      case 12: y = det_tanh(x); break;
    }
    store<f64>(out + (<usize>i << 3), y);
  }
}
export function map_f2(which: i32, a: usize, b: usize, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const x = load<f64>(a + (<usize>i << 3));
    const z = load<f64>(b + (<usize>i << 3));
    let y = 0.0;
    switch (which) {
      case 0: y = pymod(x, z); break;
      case 1: y = pyfloordiv(x, z); break;
      case 2: y = timestep(x, z); break;
      case 3: y = clip(x, z, z + 1.0); break;
    }
    store<f64>(out + (<usize>i << 3), y);
  }
}
export function t_pymod_int(a: i32, b: i32): i32 { return pymod_int(a, b); }
export function t_pyfloordiv_int(a: i32, b: i32): i32 { return pyfloordiv_int(a, b); }
export function t_ta_index(t: f64, eps: f64, K: f64, n: i32): i32 { return timedarray_index(t, eps, K, n); }
export function t_ta_1d(values: usize, t: f64, eps: f64, K: f64, n: i32): f64 { return timedarray_1d(values, t, eps, K, n); }
export function t_ta_2d(values: usize, t: f64, eps: f64, K: f64, nrows: i32, ncols: i32, i: i32): f64 { return timedarray_2d(values, t, eps, K, nrows, ncols, i); }
`;

export interface TestKernelExports {
  t_seed(rng: number, seed: number): void;
  t_rand(rng: number): number;
  t_randn(rng: number): number;
  t_poisson(rng: number, lam: number): number;
  t_binomial(rng: number, n: number, p: number): number;
  fill_rand(rng: number, out: number, n: number): void;
  fill_randn(rng: number, out: number, n: number): void;
  fill_poisson(rng: number, out: number, n: number, lam: number): void;
  fill_binomial(rng: number, out: number, n: number, bn: number, p: number): void;
  map_f1(which: number, inp: number, out: number, n: number): void;
  map_f2(which: number, a: number, b: number, out: number, n: number): void;
  t_pymod_int(a: number, b: number): number;
  t_pyfloordiv_int(a: number, b: number): number;
  t_ta_index(t: number, eps: number, K: number, n: number): number;
  t_ta_1d(values: number, t: number, eps: number, K: number, n: number): number;
  t_ta_2d(values: number, t: number, eps: number, K: number, nrows: number, ncols: number, i: number): number;
}

export async function testKernelSource(): Promise<string> {
  return (await loadRuntimeSource()) + WRAPPERS;
}

export async function compileTestKernel(options?: CompileOptions): Promise<CompiledKernel> {
  return compileAssemblyScript(await testKernelSource(), options);
}

/** Instantiates a kernel against a fresh memory of `pages` pages. */
export async function instantiate(kernel: CompiledKernel, pages = 256): Promise<{ memory: WebAssembly.Memory; instance: WebAssembly.Instance; exports: TestKernelExports }> {
  const memory = new WebAssembly.Memory({ initial: Math.max(pages, kernel.minMemoryPages) });
  const instance = await WebAssembly.instantiate(kernel.module, { env: { memory } });
  return { memory, instance, exports: instance.exports as unknown as TestKernelExports };
}
