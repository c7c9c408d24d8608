import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { setPlatform } from '../../src/platform/index.ts';
import { createNodePlatform } from '../../src/platform/node.ts';
import {
  ASC_VERSION,
  checkHostLayout,
  compileAssemblyScript,
  compilerFlags,
  HOST_HEAP_BASE,
  KernelCompileError,
  kernelDataEnd,
  loadRuntimeSource,
  type CompiledKernel,
} from '../../src/runtime/compile.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'spikeforge-compile-'));
  setPlatform(createNodePlatform({ cacheDir: dir }));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// Uses Math.exp (a std-lib lookup table → static data) and f64x2 SIMD.
const KERNEL = `
export function lif(v: usize, n: i32, decay: f64, vinf: f64): void {
  const d = f64x2.splat(decay);
  const vi = f64x2.splat(vinf);
  for (let i = 0; i < n; i += 2) {
    const p = v + (<usize>i << 3);
    const x = v128.load(p);
    v128.store(p, f64x2.add(vi, f64x2.mul(f64x2.sub(x, vi), d)));
  }
}
export function expsum(p: usize, n: i32): f64 {
  let s = 0.0;
  for (let i = 0; i < n; i++) s += Math.exp(load<f64>(p + (<usize>i << 3)));
  return s;
}
`;

async function instantiate(k: CompiledKernel, pages = 2) {
  const memory = new WebAssembly.Memory({ initial: Math.max(pages, k.minMemoryPages) });
  const instance = await WebAssembly.instantiate(k.module, { env: { memory } });
  return { memory, instance };
}

describe('compileAssemblyScript', () => {
  let first: CompiledKernel;

  test('cold compile, then a cache hit that only runs WebAssembly.compile', async () => {
    first = await compileAssemblyScript(KERNEL);
    expect(first.cached).toBe(false);
    expect(first.key).toMatch(/^[0-9a-f]{64}$/);
    expect(first.wasmBytes).toBeGreaterThan(100);
    const again = await compileAssemblyScript(KERNEL);
    expect(again.cached).toBe(true);
    expect(again.key).toBe(first.key);
    expect(again.compileMs).toBeLessThan(200);
    // a fresh platform on the same directory (≈ another process) also hits
    setPlatform(createNodePlatform({ cacheDir: dir }));
    const other = await compileAssemblyScript(KERNEL);
    expect(other.cached).toBe(true);
    // different flags → different key
    const o0 = await compileAssemblyScript(KERNEL, { optimizeLevel: 0 });
    expect(o0.key).not.toBe(first.key);
    expect(o0.cached).toBe(false);
  });

  test('imports only env.memory (no abort), SIMD works, kernel runs', async () => {
    const imports = WebAssembly.Module.imports(first.module);
    expect(imports).toEqual([{ module: 'env', name: 'memory', kind: 'memory' }]);
    const { memory, instance } = await instantiate(first);
    const base = HOST_HEAP_BASE;
    const v = new Float64Array(memory.buffer, base, 4);
    v.set([0, 1, 2, 3]);
    (instance.exports.lif as (p: number, n: number, d: number, vi: number) => void)(base, 4, 0.5, 10);
    expect(Array.from(v)).toEqual([5, 5.5, 6, 6.5]);
    v.set([0, 1, 0, 0]);
    expect((instance.exports.expsum as (p: number, n: number) => number)(base, 2)).toBeCloseTo(1 + Math.E, 12);
  });

  test('static data layout: reported before instantiation, agrees with the kernel, below the host heap', async () => {
    expect(first.dataStart).toBeGreaterThanOrEqual(1024); // asc's default at -O3
    expect(first.dataEnd).toBeGreaterThan(first.dataStart); // Math.exp's table
    expect(first.dataEnd % 16).toBe(0);
    expect(first.minMemoryPages).toBeGreaterThanOrEqual(1);
    const { instance } = await instantiate(first);
    expect(kernelDataEnd(instance)).toBe(first.dataEnd);
    expect(() => checkHostLayout([first])).not.toThrow();
    expect(() => checkHostLayout([first], first.dataEnd - 16)).toThrow(/above the host heap base/);
  });

  test("the runtime prelude's only static data is exp's table, far below the host's arrays", async () => {
    const rt = await loadRuntimeSource();
    const k = await compileAssemblyScript(rt + '\nexport function f(p: usize): f64 { return randn(p) + exprel(load<f64>(p)) + <f64>poisson(p, 3.0) + det_exp(load<f64>(p)); }\n');
    expect(k.dataEnd).toBeGreaterThan(0);
    expect(k.dataEnd).toBeLessThan(4096);
    expect(k.dataEnd).toBeLessThan(HOST_HEAP_BASE);
  });

  test('memoryBase moves the static data; overlapping different data is detected', async () => {
    const other = `export function g(p: usize): f64 { return Math.log(load<f64>(p)) + Math.exp(load<f64>(p)); }`;
    const a = first;
    const b = await compileAssemblyScript(other);
    expect(b.dataStart).toBe(a.dataStart);
    expect(() => checkHostLayout([a, b])).toThrow(/different static data/);
    const moved = await compileAssemblyScript(other, { memoryBase: a.dataEnd });
    expect(moved.dataStart).toBeGreaterThanOrEqual(a.dataEnd);
    expect(() => checkHostLayout([a, moved])).not.toThrow();
    expect(() => compilerFlags({ memoryBase: 3 })).toThrow(RangeError);
  });

  test('compiler errors become KernelCompileError with diagnostics and the source line', async () => {
    const src = ['export function g(x: f64): f64 {', '  let y = x * 2.0;', '  return y + undefinedThing;', '}'].join('\n');
    let err: unknown;
    try {
      await compileAssemblyScript(src);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(KernelCompileError);
    const e = err as KernelCompileError;
    const d = e.diagnostics[0]!;
    expect(d.category).toBe('error');
    expect(d.code).toBe(2304);
    expect(d.line).toBe(3);
    expect(d.column).toBe(14);
    expect(d.lineText).toContain('undefinedThing');
    expect(e.message).toContain('kernel.ts:3:14');
    expect(e.message).toContain('> 3 |   return y + undefinedThing;');
    expect(e.sourceExcerpt).toContain('^ TS2304');
    expect(e.diagnosticsText).toContain('undefinedThing');
    expect(e.source).toBe(src);
    // syntax errors too
    await expect(compileAssemblyScript('export function h(: f64 {')).rejects.toThrow(KernelCompileError);
  });

  test('concurrent compiles of one source share one compiler run', async () => {
    const src = KERNEL + '\n// concurrent';
    const [x, y] = await Promise.all([compileAssemblyScript(src), compileAssemblyScript(src)]);
    expect(x.key).toBe(y.key);
    expect(x.wasmBytes).toBe(y.wasmBytes);
  });

  test('the in-thread compiler path (no worker) gives the same bytes', async () => {
    const dir2 = await mkdtemp(path.join(tmpdir(), 'spikeforge-compile2-'));
    try {
      setPlatform(createNodePlatform({ cacheDir: dir2, ascWorker: false }));
      const k = await compileAssemblyScript(KERNEL);
      expect(k.cached).toBe(false);
      expect(k.key).toBe(first.key);
      expect(k.wasmBytes).toBe(first.wasmBytes);
    } finally {
      setPlatform(createNodePlatform({ cacheDir: dir }));
      await rm(dir2, { recursive: true, force: true });
    }
  });

  test('version and flags', () => {
    expect(ASC_VERSION).toMatch(/^0\.28\./);
    expect(compilerFlags()).toEqual(expect.arrayContaining(['--runtime', 'stub', '--noAssert', '--importMemory', '--enable', 'simd']));
  });
});
