import type { KeyValueCache } from './index.ts';

/** In-memory cache: the fallback everywhere persistent storage is unavailable. */
export class MemoryCache implements KeyValueCache {
  private readonly map = new Map<string, Uint8Array>();
  readonly description: string;

  constructor(reason = 'in-memory cache') {
    this.description = reason;
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    const v = this.map.get(key);
    return v ? v.slice() : undefined;
  }

  async set(key: string, value: Uint8Array): Promise<void> {
    this.map.set(key, value.slice());
  }

  get size(): number {
    return this.map.size;
  }
}
