/**
 * Node platform: a disk cache shared by all processes of the user.
 * Loaded only through a dynamic import from ./index.ts, so browser bundles never see `node:fs`.
 *
 * Location: `$SPIKEFORGE_CACHE_DIR` if set, else the OS cache directory
 * (`$XDG_CACHE_HOME/spikeforge` or `~/.cache/spikeforge` on Linux,
 * `~/Library/Caches/spikeforge` on macOS, `%LOCALAPPDATA%\spikeforge\Cache` on Windows).
 * Writes go to a temporary file in the same directory and are renamed into place,
 * so concurrent processes never see a partial entry. When the directory cannot be
 * created or written (read-only or missing home), the cache silently degrades to memory.
 */
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createHash, randomBytes } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AscJob, AscOutcome, KeyValueCache, Platform } from './index.ts';
import { MemoryCache } from './memory.ts';
import { sha256Hex } from './sha256.ts';

export interface NodePlatformOptions {
  /** Cache directory; overrides the environment. */
  cacheDir?: string;
  /** Environment to read SPIKEFORGE_CACHE_DIR / XDG_CACHE_HOME / LOCALAPPDATA from (default process.env). */
  env?: Record<string, string | undefined>;
  /** Run the compiler in a worker thread (default true); false = in the calling thread. */
  ascWorker?: boolean;
}

/** The cache directory for an environment, or undefined when none can be determined. */
export function resolveCacheDir(
  env: Record<string, string | undefined> = process.env,
  platform: NodeJS.Platform = process.platform,
  homedir: () => string = os.homedir,
): string | undefined {
  const explicit = env['SPIKEFORGE_CACHE_DIR'];
  if (explicit) return path.resolve(explicit);
  let home: string | undefined;
  try {
    home = homedir() || undefined;
  } catch {
    home = undefined;
  }
  if (platform === 'win32') {
    const local = env['LOCALAPPDATA'] || (home ? path.join(home, 'AppData', 'Local') : undefined);
    return local ? path.join(local, 'spikeforge', 'Cache') : undefined;
  }
  if (platform === 'darwin') {
    return home ? path.join(home, 'Library', 'Caches', 'spikeforge') : undefined;
  }
  const xdg = env['XDG_CACHE_HOME'];
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'spikeforge');
  return home ? path.join(home, '.cache', 'spikeforge') : undefined;
}

const SAFE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,150}$/;

/** Disk-backed cache with an in-memory fallback once the disk proves unusable. */
export class NodeDiskCache implements KeyValueCache {
  readonly dir: string;
  private fallback: MemoryCache | undefined;
  private fallbackReason = '';
  private ready: Promise<boolean> | undefined;

  constructor(dir: string) {
    this.dir = dir;
  }

  get description(): string {
    return this.fallback
      ? `in-memory cache (disk cache at ${this.dir} unusable: ${this.fallbackReason})`
      : `disk cache at ${this.dir}`;
  }

  /** True once writes failed and entries are kept in memory only. */
  get degraded(): boolean {
    return this.fallback !== undefined;
  }

  private fileFor(key: string): string {
    const name = SAFE_NAME.test(key) ? key : `h-${createHash('sha256').update(key).digest('hex')}`;
    return path.join(this.dir, name);
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    if (this.fallback) {
      const v = await this.fallback.get(key);
      if (v) return v;
    }
    try {
      const buf = await readFile(this.fileFor(key));
      return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    } catch {
      return undefined; // missing, unreadable, or no directory: a miss
    }
  }

  async set(key: string, value: Uint8Array): Promise<void> {
    if (!this.fallback) {
      try {
        this.ready ??= mkdir(this.dir, { recursive: true }).then(() => true);
        await this.ready;
        const file = this.fileFor(key);
        const tmp = `${file}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`;
        try {
          await writeFile(tmp, value);
          await rename(tmp, file);
        } catch (err) {
          await unlink(tmp).catch(() => undefined);
          throw err;
        }
        return;
      } catch (err) {
        this.ready = undefined;
        this.fallbackReason = (err as { code?: string }).code ?? String(err);
        this.fallback = new MemoryCache();
      }
    }
    await this.fallback.set(key, value);
  }
}

/**
 * Runs asc in a worker thread (started on first use, kept for later compiles,
 * unref'd while idle so it never keeps the process alive). The worker gets an
 * empty execArgv so a parent TypeScript loader (tsx) does not intercept the
 * compiler's 14 MB of JavaScript.
 */
export class AscWorkerHost {
  private worker: Worker | undefined;
  private broken = false;
  private stopping = false;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (o: AscOutcome | undefined) => void }>();

  private start(): Worker | undefined {
    if (this.worker) return this.worker;
    if (this.broken) return undefined;
    try {
      const w = new Worker(new URL('./asc-worker.mjs', import.meta.url), { execArgv: [] });
      w.on('message', (msg: AscOutcome & { id: number }) => {
        const p = this.pending.get(msg.id);
        if (!p) return;
        this.pending.delete(msg.id);
        if (this.pending.size === 0) w.unref();
        p.resolve({ binary: msg.binary, stderr: msg.stderr, diagnostics: msg.diagnostics, error: msg.error });
      });
      const fail = () => {
        if (this.worker === w) this.worker = undefined;
        if (!this.stopping) this.broken = true;
        for (const p of this.pending.values()) p.resolve(undefined);
        this.pending.clear();
      };
      w.on('error', fail);
      w.on('exit', fail);
      w.unref();
      this.worker = w;
      return w;
    } catch {
      this.broken = true;
      return undefined;
    }
  }

  run(job: AscJob): Promise<AscOutcome | undefined> {
    const w = this.start();
    if (!w) return Promise.resolve(undefined);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, { resolve });
      w.ref();
      w.postMessage({ id, entry: job.entry, source: job.source, flags: job.flags });
    });
  }

  /** Stops the worker (it is unref'd while idle, so this is optional). */
  async terminate(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    this.stopping = true;
    try {
      if (w) await w.terminate();
    } finally {
      this.stopping = false;
    }
  }
}

let sharedAscHost: AscWorkerHost | undefined;

export function createNodePlatform(options: NodePlatformOptions = {}): Platform {
  const dir = options.cacheDir ?? resolveCacheDir(options.env ?? process.env);
  const cache: KeyValueCache = dir
    ? new NodeDiskCache(dir)
    : new MemoryCache('in-memory cache (no cache directory: set SPIKEFORGE_CACHE_DIR)');
  return {
    name: 'node',
    cache,
    sha256Hex,
    ...(options.ascWorker === false ? {} : { runAsc: (job: AscJob) => (sharedAscHost ??= new AscWorkerHost()).run(job) }),
    readText: (url: URL) => readFile(url.protocol === 'file:' ? fileURLToPath(url) : url.pathname, 'utf8'),
  };
}
