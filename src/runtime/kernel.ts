import { kernelAssemblyScript, kernelJavaScript, type KernelPlan } from '../codegen/kernel.ts';
import { compileAssemblyScript, HOST_HEAP_BASE } from './compile.ts';
import { createJsRuntime } from './jsruntime.ts';
import { runtimeLibrarySource } from './library.ts';

export type Backend = 'wasm' | 'js';

/** A compiled network step, bound to one memory. */
export interface KernelInstance {
  readonly backend: Backend;
  /** Advance up to n steps; returns steps completed, or −status on failure. */
  run(n: number): number;
  /** Re-create views after the memory grew (JS backend). */
  refresh(): void;
}

export interface KernelSource {
  backend: Backend;
  source: string;
}

export interface CompileReport {
  backend: Backend;
  cached: boolean;
  compileMs: number;
}

/** The source a backend compiles for a plan (also what `spikeforge codegen` shows). */
export async function kernelSource(plan: KernelPlan, backend: Backend): Promise<KernelSource> {
  return backend === 'wasm' ? { backend, source: kernelAssemblyScript(plan, await runtimeLibrarySource()) } : { backend, source: kernelJavaScript(plan) };
}

type JsFactory = (memory: WebAssembly.Memory, P: number, RNG: number, R: unknown) => { run(n: number): number; refresh(): void };

/**
 * Compiled code, reusable across instances with the same source (WASM
 * modules are cached on disk by the compiler; JS factories in memory).
 */
export class KernelProgram {
  private constructor(
    readonly backend: Backend,
    readonly source: string,
    private readonly wasm: WebAssembly.Module | undefined,
    private readonly js: JsFactory | undefined,
    readonly report: CompileReport,
  ) {}

  static async compile(src: KernelSource): Promise<KernelProgram> {
    if (src.backend === 'wasm') {
      const compiled = await compileAssemblyScript(src.source);
      if (compiled.dataEnd > HOST_HEAP_BASE) throw new Error(`Internal error: kernel static data (${compiled.dataEnd} bytes) overlaps simulation memory`);
      return new KernelProgram('wasm', src.source, compiled.module, undefined, { backend: 'wasm', cached: compiled.cached, compileMs: compiled.compileMs });
    }
    const started = performance.now();
    // The source is printed from the IR only: user text appears as checked identifiers and numbers.
    const factory = new Function(src.source)() as JsFactory;
    return new KernelProgram('js', src.source, undefined, factory, { backend: 'js', cached: false, compileMs: performance.now() - started });
  }

  async instantiate(memory: WebAssembly.Memory, paramAddress: number, rngAddress: number): Promise<KernelInstance> {
    if (this.wasm) {
      const instance = await WebAssembly.instantiate(this.wasm, { env: { memory } });
      const exports = instance.exports as { init(p: number, rng: number): void; run(n: number): number };
      exports.init(paramAddress, rngAddress);
      return { backend: 'wasm', run: (n) => exports.run(n), refresh: () => {} };
    }
    const k = this.js!(memory, paramAddress, rngAddress, createJsRuntime(memory));
    return { backend: 'js', run: (n) => k.run(n), refresh: () => k.refresh() };
  }
}
