/**
 * Platform layer: the only place in spikeforge that knows whether it runs under
 * Node or in a browser. Everything else asks `getPlatform()` for a key-value
 * cache and a SHA-256 function.
 *
 * The Node implementation (./node.ts, which imports `node:fs`) is loaded with a
 * dynamic `import()` whose specifier is not a string literal, so browser
 * bundlers never follow it; the browser implementation (./browser.ts) uses
 * only web APIs.
 */
export interface KeyValueCache {
  get(key: string): Promise<Uint8Array | undefined>;
  set(key: string, value: Uint8Array): Promise<void>;
  /** Human-readable: where the entries live ("disk cache at …", "in-memory cache (…)"). */
  readonly description: string;
}

export interface Platform {
  readonly name: 'node' | 'browser';
  cache: KeyValueCache;
  sha256Hex(data: string | Uint8Array): Promise<string>;
  /**
   * Reads a text file shipped with the package (e.g. assembly/runtime.ts), given its
   * URL relative to a module (`new URL('../../assembly/runtime.ts', import.meta.url)`).
   * Node: file system; browser: fetch. Optional so that test platforms may omit it.
   */
  readText?(url: URL): Promise<string>;
  /**
   * Runs the AssemblyScript compiler on one in-memory source somewhere other than
   * this thread (Node: a worker thread started without the parent's loader hooks,
   * so a TypeScript loader such as tsx does not slow the 14 MB compiler import
   * from ~0.4 s to ~8 s). Resolves undefined when unavailable; the caller then
   * imports the compiler in this thread. Optional.
   */
  runAsc?(job: AscJob): Promise<AscOutcome | undefined>;
}

/** One compiler run: entry file name, its source text, and asc command-line flags. */
export interface AscJob {
  entry: string;
  source: string;
  flags: string[];
}

/** A diagnostic as asc reports it (offset into the file named by `file`). */
export interface AscRawDiagnostic {
  code: number;
  /** 0 pedantic, 1 info, 2 warning, 3 error */
  category: number;
  message: string;
  file: string | null;
  start: number | null;
}

export interface AscOutcome {
  /** The .wasm bytes, or null when compilation failed. */
  binary: Uint8Array | null;
  /** asc's formatted diagnostics output. */
  stderr: string;
  diagnostics: AscRawDiagnostic[];
  /** asc's error message (e.g. "1 compile error(s)"), or null. */
  error: string | null;
}

export { MemoryCache } from './memory.ts';
export { sha256Hex } from './sha256.ts';

let current: Platform | undefined;
let pending: Promise<Platform> | undefined;

/** True when running under Node (also Node-compatible runtimes such as Bun/Deno with process.versions.node). */
export function isNodeRuntime(): boolean {
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof proc?.versions?.node === 'string';
}

/** The platform for this process (detected once, memoized). */
export async function getPlatform(): Promise<Platform> {
  if (current) return current;
  pending ??= detect().then((p) => {
    current ??= p;
    return current;
  });
  return pending;
}

/** Replaces the platform (tests, embedding). Affects subsequent getPlatform() calls. */
export function setPlatform(p: Platform): void {
  current = p;
  pending = undefined;
}

async function detect(): Promise<Platform> {
  if (isNodeRuntime()) {
    // A non-literal specifier keeps browser bundlers from pulling node.ts (and node:fs) in.
    const spec = './node.ts';
    const mod = (await import(/* @vite-ignore */ spec)) as typeof import('./node.ts');
    return mod.createNodePlatform();
  }
  const mod = await import('./browser.ts');
  return mod.createBrowserPlatform();
}
