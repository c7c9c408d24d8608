/**
 * Browser platform: an IndexedDB-backed cache (database "spikeforge", object
 * store "kv"), degrading to memory when IndexedDB is missing or fails (private
 * browsing, blocked storage, quota). Uses web APIs only.
 */
import type { KeyValueCache, Platform } from './index.ts';
import { MemoryCache } from './memory.ts';
import { sha256Hex } from './sha256.ts';

const DB_NAME = 'spikeforge';
const STORE = 'kv';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

export class IndexedDbCache implements KeyValueCache {
  private readonly factory: IDBFactory | undefined;
  private readonly dbName: string;
  private db: Promise<IDBDatabase | undefined> | undefined;
  private fallback: MemoryCache | undefined;
  private fallbackReason = '';

  constructor(factory?: IDBFactory, dbName = DB_NAME) {
    this.factory = factory ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
    this.dbName = dbName;
    if (!this.factory) this.degrade('IndexedDB not available');
  }

  get description(): string {
    return this.fallback
      ? `in-memory cache (IndexedDB unusable: ${this.fallbackReason})`
      : `IndexedDB cache (database "${this.dbName}")`;
  }

  get degraded(): boolean {
    return this.fallback !== undefined;
  }

  private degrade(reason: string): MemoryCache {
    this.fallbackReason ||= reason;
    this.fallback ??= new MemoryCache();
    return this.fallback;
  }

  private open(): Promise<IDBDatabase | undefined> {
    this.db ??= new Promise<IDBDatabase | undefined>((resolve) => {
      try {
        const req = this.factory!.open(this.dbName, 1);
        req.onupgradeneeded = () => {
          if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE);
        };
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => {
          this.degrade(String(req.error?.message ?? 'open failed'));
          resolve(undefined);
        };
        req.onblocked = () => {
          this.degrade('open blocked');
          resolve(undefined);
        };
      } catch (err) {
        this.degrade(String(err));
        resolve(undefined);
      }
    });
    return this.db;
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    if (this.fallback) {
      const v = await this.fallback.get(key);
      if (v || !this.factory) return v;
    }
    const db = await this.open();
    if (!db) return undefined;
    try {
      const value = await request(db.transaction(STORE, 'readonly').objectStore(STORE).get(key));
      if (value instanceof Uint8Array) return value;
      if (value instanceof ArrayBuffer) return new Uint8Array(value);
      return undefined;
    } catch {
      return undefined;
    }
  }

  async set(key: string, value: Uint8Array): Promise<void> {
    if (!this.fallback) {
      const db = await this.open();
      if (db) {
        try {
          const tx = db.transaction(STORE, 'readwrite');
          const done = new Promise<void>((resolve, reject) => {
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
            tx.onabort = () => reject(tx.error ?? new Error('IndexedDB write aborted'));
          });
          tx.objectStore(STORE).put(value.slice(), key);
          await done;
          return;
        } catch (err) {
          this.degrade(String((err as Error)?.message ?? err));
        }
      }
    }
    await this.degrade('unavailable').set(key, value);
  }
}

export function createBrowserPlatform(factory?: IDBFactory): Platform {
  return {
    name: 'browser',
    cache: new IndexedDbCache(factory),
    sha256Hex,
    readText: async (url: URL) => {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`cannot load ${url.href}: HTTP ${res.status}`);
      return res.text();
    },
  };
}
