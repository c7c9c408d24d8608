/**
 * AssemblyScript → WebAssembly compilation of generated kernels, in process,
 * cached by content hash in the platform cache.
 *
 * - The compiler (`assemblyscript/asc`, ~1–1.5 s to import) is loaded lazily,
 *   only on a cache miss, and at most once per process.
 * - Cache key: sha256(KEY_SCHEMA, assemblyscript version, flags, appended
 *   epilogue, source). The binaryen version is pinned exactly by the
 *   assemblyscript package, so the assemblyscript version covers it.
 * - A hit costs one cache read plus `WebAssembly.compile` (milliseconds).
 *
 * Compiler flags (see also asconfig.json):
 *   --runtime stub      no GC; kernels must not allocate (no `new`, arrays, strings)
 *   --noAssert          assertions compile to their value
 *   --importMemory      the host creates the WebAssembly.Memory, passed as env.memory
 *   --use abort=        aliases `abort` to nothing: no env.abort import; a would-be
 *                       abort (only possible from explicit throws) becomes `unreachable`
 *   --enable simd       not enabled by default in asc 0.28 (checked); Node ≥ 16 and all
 *                       current browsers support fixed-width SIMD
 *   --optimizeLevel N   default 3; --shrinkLevel default 0
 *   --memoryBase N      only when CompileOptions.memoryBase is given
 *
 * Memory layout (see assembly/README.md): asc places the module's static data
 * (data segments: std-lib lookup tables such as Math.exp's, string literals,
 * static arrays) at `memoryBase` — by default 1024 at -O2/-O3 and 8 at
 * -O0/-O1 — up to `dataEnd`. The stub runtime uses no linear-memory stack.
 * Data segments are (re)written on every instantiation. The host must keep
 * its own arrays at or above `HOST_HEAP_BASE` (64 KiB) and check with
 * `checkHostLayout` that every kernel's static data ends below that.
 */
import ascPackage from 'assemblyscript/package.json' with { type: 'json' };
import { getPlatform, type AscJob, type AscOutcome, type AscRawDiagnostic } from '../platform/index.ts';

/** Version of the AssemblyScript compiler these kernels are built with. */
export const ASC_VERSION: string = (ascPackage as { version: string }).version;

/** Bumped when anything outside (source, asc version, flags) changes the output. */
const KEY_SCHEMA = 'spikeforge-kernel-v1';

/** Appended to every kernel: exports the end of the compiler's static data. */
const EPILOGUE =
  '\n// --- appended by spikeforge compile.ts ---\n' +
  'export function __spikeforge_data_end(): usize { return __heap_base; }\n';

/** Name of the virtual entry file handed to asc (appears in diagnostics). */
const ENTRY = 'kernel.ts';

/** Location of the AssemblyScript runtime prelude (assembly/runtime.ts). */
export const RUNTIME_SOURCE_URL = new URL('../../assembly/runtime.ts', import.meta.url);

let runtimeSourcePromise: Promise<string> | undefined;

/**
 * Text of assembly/runtime.ts, which the code generator puts in front of every
 * generated kernel (read once through the platform: fs under Node, fetch in a browser).
 */
export function loadRuntimeSource(): Promise<string> {
  runtimeSourcePromise ??= getPlatform().then((p) => {
    if (!p.readText) throw new Error(`platform '${p.name}' cannot read ${RUNTIME_SOURCE_URL.href}`);
    return p.readText(RUNTIME_SOURCE_URL);
  });
  runtimeSourcePromise.catch(() => {
    runtimeSourcePromise = undefined;
  });
  return runtimeSourcePromise;
}

/** Lowest address recommended for host allocations; compiler static data must end below it. */
export const HOST_HEAP_BASE = 65536;

export interface CompiledKernel {
  module: WebAssembly.Module;
  /** True when the bytes came from the cache (no compiler run). */
  cached: boolean;
  /** Wall time of this call in ms (cold: includes importing the compiler). */
  compileMs: number;
  /** sha256 hex of (schema, asc version, flags, source): the cache key. */
  key: string;
  wasmBytes: number;
  /** Lowest byte address written by the module's data segments (0 when none). */
  dataStart: number;
  /** One past the last byte of static data, rounded up to 16 (0 when none). */
  dataEnd: number;
  /** Minimum pages the imported memory must have. */
  minMemoryPages: number;
  /** Active data segments (address and bytes), for layout checks. */
  dataSegments: ReadonlyArray<{ offset: number; bytes: Uint8Array }>;
  /** Non-error diagnostics (warnings) of the compiler run; empty on cache hits. */
  warnings: readonly KernelDiagnostic[];
}

export interface CompileOptions {
  optimizeLevel?: 0 | 1 | 2 | 3;
  shrinkLevel?: 0 | 1 | 2;
  /** Start address of the static data (asc --memoryBase). Default: asc's (1024 at -O2/-O3, 8 below). */
  memoryBase?: number;
}

export interface KernelDiagnostic {
  category: 'error' | 'warning' | 'info' | 'pedantic';
  /** asc diagnostic code, e.g. 2304 for "Cannot find name". */
  code: number;
  message: string;
  /** File the diagnostic points into ('kernel.ts' = the kernel source, '~lib/…' = std lib), or null. */
  file: string | null;
  /** 1-based line and column in `file` (0 when unknown). */
  line: number;
  column: number;
  /** The text of that line, when it is in the kernel source. */
  lineText: string;
}

/** The compiler rejected a (generated) kernel: a bug in the code generator, reported readably. */
export class KernelCompileError extends Error {
  /** All diagnostics, errors first. */
  readonly diagnostics: readonly KernelDiagnostic[];
  /** The compiler's own formatted diagnostics (what `asc` would print). */
  readonly diagnosticsText: string;
  /** The offending source line(s) with line numbers and two lines of context. */
  readonly sourceExcerpt: string;
  /** The full source that was compiled (without the appended epilogue). */
  readonly source: string;

  constructor(source: string, diagnostics: KernelDiagnostic[], diagnosticsText: string, cause?: unknown) {
    const errors = diagnostics.filter((d) => d.category === 'error');
    const first = errors[0];
    const where = first && first.line > 0 ? ` at ${first.file ?? ENTRY}:${first.line}:${first.column}` : '';
    const excerpt = excerptFor(source, errors);
    const head = first
      ? `AssemblyScript kernel failed to compile (${errors.length} error${errors.length === 1 ? '' : 's'}): ${codeName(first.code)}: ${first.message}${where}`
      : `AssemblyScript kernel failed to compile: ${String((cause as Error)?.message ?? cause ?? 'unknown error')}`;
    super(excerpt ? `${head}\n${excerpt}` : head);
    this.name = 'KernelCompileError';
    this.diagnostics = diagnostics;
    this.diagnosticsText = diagnosticsText;
    this.sourceExcerpt = excerpt;
    this.source = source;
  }
}

type AscModule = typeof import('assemblyscript/asc');
let ascPromise: Promise<AscModule> | undefined;

/** Imports the compiler once (≈1–1.5 s). */
function loadAsc(): Promise<AscModule> {
  ascPromise ??= import('assemblyscript/asc').then((m) => ((m as unknown as { default?: AscModule }).default ?? m) as AscModule);
  ascPromise.catch(() => {
    ascPromise = undefined;
  });
  return ascPromise;
}

/** asc runs are serialized: the compiler shares global state between runs. */
let ascQueue: Promise<unknown> = Promise.resolve();
/** Concurrent requests for the same kernel share one compilation. */
const inflight = new Map<string, Promise<Uint8Array>>();

/** The asc command-line flags (without file names) used for these options. */
export function compilerFlags(options: CompileOptions = {}): string[] {
  const optimizeLevel = options.optimizeLevel ?? 3;
  const shrinkLevel = options.shrinkLevel ?? 0;
  const flags = [
    '--runtime', 'stub',
    '--noAssert',
    '--importMemory',
    '--use', 'abort=',
    '--enable', 'simd',
    '--optimizeLevel', String(optimizeLevel),
    '--shrinkLevel', String(shrinkLevel),
  ];
  if (options.memoryBase !== undefined) {
    if (!Number.isInteger(options.memoryBase) || options.memoryBase < 0 || options.memoryBase % 16 !== 0) {
      throw new RangeError(`memoryBase must be a non-negative multiple of 16, got ${options.memoryBase}`);
    }
    flags.push('--memoryBase', String(options.memoryBase));
  }
  return flags;
}

/**
 * Compiles an AssemblyScript kernel (runtime prelude + generated code, one
 * source text) to a WebAssembly.Module, using the platform cache.
 * Throws KernelCompileError when the compiler rejects the source.
 */
export async function compileAssemblyScript(source: string, options: CompileOptions = {}): Promise<CompiledKernel> {
  const t0 = performance.now();
  const flags = compilerFlags(options);
  const platform = await getPlatform();
  const key = await platform.sha256Hex([KEY_SCHEMA, ASC_VERSION, flags.join(' '), EPILOGUE, source].join('\0'));
  const cacheKey = `kernel-${key}.wasm`;

  let bytes: Uint8Array | undefined;
  try {
    bytes = await platform.cache.get(cacheKey);
  } catch {
    bytes = undefined;
  }
  if (bytes) {
    try {
      const module = await WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>);
      return finish(module, bytes, true, key, t0, []);
    } catch {
      bytes = undefined; // corrupt entry: recompile and overwrite
    }
  }

  let warnings: KernelDiagnostic[] = [];
  let pending = inflight.get(cacheKey);
  if (!pending) {
    pending = (async () => {
      const result = await runAsc(source, flags);
      warnings = result.warnings;
      try {
        await platform.cache.set(cacheKey, result.binary);
      } catch {
        // an unwritable cache only costs speed
      }
      return result.binary;
    })();
    inflight.set(cacheKey, pending);
    pending.then(
      () => inflight.delete(cacheKey),
      () => inflight.delete(cacheKey),
    );
  }
  bytes = await pending;
  const module = await WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>);
  return finish(module, bytes, false, key, t0, warnings);
}

function finish(
  module: WebAssembly.Module,
  bytes: Uint8Array,
  cached: boolean,
  key: string,
  t0: number,
  warnings: KernelDiagnostic[],
): CompiledKernel {
  const layout = wasmMemoryLayout(bytes);
  return {
    module,
    cached,
    compileMs: performance.now() - t0,
    key,
    wasmBytes: bytes.byteLength,
    dataStart: layout.dataStart,
    dataEnd: layout.dataEnd,
    minMemoryPages: layout.minMemoryPages,
    dataSegments: layout.segments,
    warnings,
  };
}

interface AscResult {
  binary: Uint8Array;
  warnings: KernelDiagnostic[];
}

async function runAsc(source: string, flags: string[]): Promise<AscResult> {
  const platform = await getPlatform();
  const run = ascQueue.then(async (): Promise<AscResult> => {
    const job: AscJob = { entry: ENTRY, source: source + EPILOGUE, flags };
    let outcome: AscOutcome | undefined;
    try {
      outcome = platform.runAsc ? await platform.runAsc(job) : undefined;
      outcome ??= await ascInThisThread(job);
    } catch (err) {
      throw new KernelCompileError(source, [], '', err);
    }
    const sourceLines = job.source.split('\n');
    const lineStarts = computeLineStarts(job.source);
    const diagnostics = outcome.diagnostics.map((d) => toDiagnostic(d, sourceLines, lineStarts));
    if (outcome.error || !outcome.binary) {
      throw new KernelCompileError(source, sortDiagnostics(diagnostics), outcome.stderr, outcome.error ?? 'no output');
    }
    return { binary: outcome.binary, warnings: diagnostics.filter((d) => d.category !== 'error') };
  });
  ascQueue = run.catch(() => undefined);
  return run;
}

/** Runs asc in the calling thread (browser, or when the platform offers no runAsc). */
async function ascInThisThread(job: AscJob): Promise<AscOutcome> {
  const asc = await loadAsc();
  let binary: Uint8Array | null = null;
  let stderr = '';
  const diagnostics: AscRawDiagnostic[] = [];
  const decoder = new TextDecoder();
  const result = await asc.main([job.entry, '--outFile', 'kernel.wasm', '--noColors', ...job.flags], {
    readFile: (name: string) => (name === job.entry ? job.source : null),
    writeFile: (name: string, contents: Uint8Array | string) => {
      if (name === 'kernel.wasm' && contents instanceof Uint8Array) binary = contents.slice();
    },
    listFiles: () => [],
    stdout: { write: () => undefined },
    stderr: { write: (chunk: Uint8Array | string) => void (stderr += typeof chunk === 'string' ? chunk : decoder.decode(chunk)) },
    reportDiagnostic: (d) =>
      diagnostics.push({
        code: d.code,
        category: d.category,
        message: d.message,
        file: d.range ? d.range.source.normalizedPath : null,
        start: d.range ? d.range.start : null,
      }),
  });
  return { binary: result.error ? null : binary, stderr, diagnostics, error: result.error ? String(result.error.message) : null };
}

const CATEGORIES = ['pedantic', 'info', 'warning', 'error'] as const;

function toDiagnostic(d: AscRawDiagnostic, sourceLines: string[], lineStarts: number[]): KernelDiagnostic {
  const category = CATEGORIES[d.category] ?? 'error';
  const file = d.file;
  let line = 0;
  let column = 0;
  let lineText = '';
  if (d.start !== null && file === ENTRY) {
    line = lineOf(lineStarts, d.start);
    column = d.start - lineStarts[line - 1]! + 1;
    lineText = sourceLines[line - 1] ?? '';
  }
  return { category, code: d.code, message: d.message, file, line, column, lineText };
}

function sortDiagnostics(ds: KernelDiagnostic[]): KernelDiagnostic[] {
  const rank = (d: KernelDiagnostic) => (d.category === 'error' ? 0 : 1);
  return [...ds].sort((a, b) => rank(a) - rank(b));
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function lineOf(lineStarts: number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** Numbered excerpt of the lines with errors (±2 lines of context, '>' marks an error line). */
function excerptFor(source: string, errors: KernelDiagnostic[]): string {
  const lines = source.split('\n');
  const marked = new Set(errors.filter((d) => d.file === ENTRY && d.line > 0 && d.line <= lines.length).map((d) => d.line));
  if (marked.size === 0) return '';
  const shown = new Set<number>();
  for (const l of marked) for (let k = l - 2; k <= l + 2; k++) if (k >= 1 && k <= lines.length) shown.add(k);
  const order = [...shown].sort((a, b) => a - b);
  const width = String(order[order.length - 1]).length;
  const out: string[] = [];
  let prev = 0;
  for (const l of order) {
    if (prev && l !== prev + 1) out.push(' '.repeat(width + 2) + '…');
    out.push(`${marked.has(l) ? '>' : ' '} ${String(l).padStart(width)} | ${lines[l - 1]}`);
    const msgs = errors.filter((d) => d.file === ENTRY && d.line === l);
    for (const d of msgs) out.push(`${' '.repeat(width + 2)} | ${' '.repeat(Math.max(0, d.column - 1))}^ ${codeName(d.code)}: ${d.message}`);
    prev = l;
  }
  return out.join('\n');
}

// ---------------------------------------------------------------------------
// Memory layout
// ---------------------------------------------------------------------------

export interface WasmMemoryLayout {
  dataStart: number;
  dataEnd: number;
  minMemoryPages: number;
  segments: Array<{ offset: number; bytes: Uint8Array }>;
}

/** Reads the active data segments and the memory import's minimum size from a module binary. */
export function wasmMemoryLayout(bytes: Uint8Array): WasmMemoryLayout {
  let pos = 8; // magic + version
  const u32 = (): number => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[pos++]!;
      result += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) return result;
      shift += 7;
    }
  };
  const s32 = (): number => {
    let result = 0;
    let shift = 0;
    let b: number;
    do {
      b = bytes[pos++]!;
      result |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    if (shift < 32 && b & 0x40) result |= -1 << shift;
    return result;
  };
  const skipName = () => {
    const n = u32();
    pos += n;
  };
  const limits = (): number => {
    const flags = bytes[pos++]!;
    const min = u32();
    if (flags & 1) u32();
    return min;
  };
  let minMemoryPages = 0;
  const segments: Array<{ offset: number; bytes: Uint8Array }> = [];
  while (pos < bytes.length) {
    const id = bytes[pos++]!;
    const size = u32();
    const end = pos + size;
    if (id === 2) {
      const count = u32();
      for (let i = 0; i < count; i++) {
        skipName();
        skipName();
        const kind = bytes[pos++]!;
        if (kind === 0) u32();
        else if (kind === 1) {
          pos++;
          limits();
        } else if (kind === 2) minMemoryPages = limits();
        else if (kind === 3) pos += 2;
        else if (kind === 4) {
          pos++;
          u32();
        }
      }
    } else if (id === 5) {
      if (u32() > 0) minMemoryPages = limits();
    } else if (id === 11) {
      const count = u32();
      for (let i = 0; i < count; i++) {
        const flags = u32();
        if (flags === 1) {
          pos += u32(); // passive: not placed in memory
          continue;
        }
        if (flags === 2) u32();
        const op = bytes[pos++]!;
        if (op !== 0x41) throw new Error(`unsupported data segment offset expression (opcode 0x${op.toString(16)})`);
        const offset = s32() >>> 0;
        if (bytes[pos++] !== 0x0b) throw new Error('malformed data segment offset expression');
        const n = u32();
        segments.push({ offset, bytes: bytes.slice(pos, pos + n) });
        pos += n;
      }
    }
    pos = end;
  }
  let dataStart = 0;
  let dataEnd = 0;
  if (segments.length) {
    dataStart = Math.min(...segments.map((s) => s.offset));
    dataEnd = Math.max(...segments.map((s) => s.offset + s.bytes.length));
    dataEnd = Math.ceil(dataEnd / 16) * 16;
  }
  return { dataStart, dataEnd, minMemoryPages, segments };
}

/**
 * End of the compiler's static data as the instantiated kernel reports it
 * (asc's `__heap_base`, exported by the appended epilogue). Host arrays must
 * lie at or above this address (and at or above CompiledKernel.dataEnd, which
 * gives the same bound before instantiation).
 */
export function kernelDataEnd(instance: WebAssembly.Instance): number {
  const f = instance.exports['__spikeforge_data_end'];
  if (typeof f !== 'function') throw new Error('not a spikeforge kernel: __spikeforge_data_end export missing');
  return (f as () => number)() >>> 0;
}

/**
 * Checks that kernels sharing one memory can coexist with host data starting at
 * `hostBase`: every kernel's static data ends at or below hostBase, and where two
 * kernels' data segments overlap, their bytes agree (each instantiation rewrites
 * its segments, so differing bytes would corrupt the other kernel's tables).
 * Throws an Error describing the first conflict.
 */
export function checkHostLayout(kernels: readonly CompiledKernel[], hostBase: number = HOST_HEAP_BASE): void {
  for (const k of kernels) {
    if (k.dataEnd > hostBase) {
      throw new Error(
        `kernel ${k.key.slice(0, 12)} has static data up to ${k.dataEnd}, above the host heap base ${hostBase}; ` +
          'raise the host base or reduce the static data',
      );
    }
  }
  for (let a = 0; a < kernels.length; a++) {
    for (let b = a + 1; b < kernels.length; b++) {
      for (const sa of kernels[a]!.dataSegments) {
        for (const sb of kernels[b]!.dataSegments) {
          const lo = Math.max(sa.offset, sb.offset);
          const hi = Math.min(sa.offset + sa.bytes.length, sb.offset + sb.bytes.length);
          for (let addr = lo; addr < hi; addr++) {
            if (sa.bytes[addr - sa.offset] !== sb.bytes[addr - sb.offset]) {
              throw new Error(
                `kernels ${kernels[a]!.key.slice(0, 12)} and ${kernels[b]!.key.slice(0, 12)} place different static data at address ${addr}; ` +
                  'compile them as one module or give them disjoint memoryBase regions',
              );
            }
          }
        }
      }
    }
  }
}

/** asc's naming: codes below 1000 are AssemblyScript's own (AS…), the others TypeScript's (TS…). */
function codeName(code: number): string {
  return `${code < 1000 ? 'AS' : 'TS'}${code}`;
}
