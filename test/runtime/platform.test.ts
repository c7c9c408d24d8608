import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { getPlatform, MemoryCache, setPlatform, sha256Hex, type Platform } from '../../src/platform/index.ts';
import { sha256HexSync } from '../../src/platform/sha256.ts';
import { createNodePlatform, NodeDiskCache, resolveCacheDir } from '../../src/platform/node.ts';
import { createBrowserPlatform, IndexedDbCache } from '../../src/platform/browser.ts';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'spikeforge-platform-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('sha256Hex', () => {
  test('matches node:crypto for strings and bytes, via Web Crypto and the portable fallback', async () => {
    const inputs: Array<string | Uint8Array> = ['', 'abc', 'x'.repeat(55), 'y'.repeat(56), 'z'.repeat(64), 'ü∂ß', new Uint8Array(1000).map((_, i) => i * 7)];
    for (const input of inputs) {
      const expected = createHash('sha256').update(input).digest('hex');
      expect(await sha256Hex(input)).toBe(expected);
      expect(sha256HexSync(input)).toBe(expected);
    }
  });
});

describe('platform selection', () => {
  test('getPlatform is memoized and detects node; setPlatform overrides', async () => {
    const a = await getPlatform();
    const b = await getPlatform();
    expect(a).toBe(b);
    expect(a.name).toBe('node');
    const mine: Platform = { name: 'browser', cache: new MemoryCache(), sha256Hex };
    setPlatform(mine);
    expect(await getPlatform()).toBe(mine);
    setPlatform(a);
    expect(await getPlatform()).toBe(a);
  });
});

describe('cache directory', () => {
  const linux = (env: Record<string, string | undefined>, home = () => '/home/u') => resolveCacheDir(env, 'linux', home);
  test('SPIKEFORGE_CACHE_DIR wins, then XDG_CACHE_HOME, then ~/.cache', () => {
    expect(linux({ SPIKEFORGE_CACHE_DIR: '/x/y', XDG_CACHE_HOME: '/c' })).toBe('/x/y');
    expect(linux({ XDG_CACHE_HOME: '/c' })).toBe('/c/spikeforge');
    expect(linux({ XDG_CACHE_HOME: 'relative' })).toBe('/home/u/.cache/spikeforge');
    expect(linux({})).toBe('/home/u/.cache/spikeforge');
    expect(resolveCacheDir({}, 'darwin', () => '/Users/u')).toBe('/Users/u/Library/Caches/spikeforge');
    expect(resolveCacheDir({ LOCALAPPDATA: 'C:\\L' }, 'win32', () => 'C:\\U')).toContain('spikeforge');
  });
  test('a missing or failing home directory gives no directory, and an in-memory cache', async () => {
    expect(linux({}, () => '')).toBeUndefined();
    expect(
      linux({}, () => {
        throw new Error('no home');
      }),
    ).toBeUndefined();
    const p = createNodePlatform({ env: { HOME: '' }, cacheDir: undefined });
    expect(p.cache.description).toMatch(/disk cache|in-memory/);
  });
});

describe('NodeDiskCache', () => {
  test('round trip, shared between instances, atomic writes leave no temp files', async () => {
    const dir = path.join(tmp, 'c1', 'nested');
    const a = new NodeDiskCache(dir);
    expect(await a.get('k1')).toBeUndefined(); // directory does not exist yet: a miss, no crash
    const value = new Uint8Array([1, 2, 3, 250]);
    await a.set('k1', value);
    expect(Array.from((await a.get('k1'))!)).toEqual([1, 2, 3, 250]);
    const b = new NodeDiskCache(dir); // "another process"
    expect(Array.from((await b.get('k1'))!)).toEqual([1, 2, 3, 250]);
    await Promise.all(Array.from({ length: 20 }, (_, i) => b.set('k2', new Uint8Array(1000).fill(i))));
    const got = (await a.get('k2'))!;
    expect(got.length).toBe(1000);
    expect(got.every((x) => x === got[0])).toBe(true);
    await a.set('weird/key with spaces', new Uint8Array([9]));
    expect(Array.from((await b.get('weird/key with spaces'))!)).toEqual([9]);
    const files = await readdir(dir);
    expect(files.some((f) => f.includes('.tmp-'))).toBe(false);
    expect(a.description).toContain(dir);
  });

  test('an unwritable location degrades to memory without throwing', async () => {
    const file = path.join(tmp, 'not-a-dir');
    await writeFile(file, 'x');
    const c = new NodeDiskCache(path.join(file, 'sub')); // mkdir fails with ENOTDIR, even as root
    expect(await c.get('a')).toBeUndefined();
    await c.set('a', new Uint8Array([5]));
    expect(c.degraded).toBe(true);
    expect(c.description).toMatch(/in-memory/);
    expect(Array.from((await c.get('a'))!)).toEqual([5]);
  });

  test('createNodePlatform honours SPIKEFORGE_CACHE_DIR', async () => {
    const dir = path.join(tmp, 'envdir');
    const p = createNodePlatform({ env: { SPIKEFORGE_CACHE_DIR: dir } });
    expect(p.name).toBe('node');
    await p.cache.set('e', new Uint8Array([7]));
    expect(await readdir(dir)).toContain('e');
  });
});

/** Just enough of IndexedDB for IndexedDbCache. */
function fakeIndexedDB(failOpen = false): IDBFactory {
  const stores = new Map<string, Map<string, unknown>>();
  const request = <T>(fn: () => T) => {
    const r: { result?: T; error?: unknown; onsuccess?: () => void; onerror?: () => void } = {};
    queueMicrotask(() => {
      try {
        r.result = fn();
        r.onsuccess?.();
      } catch (e) {
        r.error = e;
        r.onerror?.();
      }
    });
    return r;
  };
  const db = {
    objectStoreNames: { contains: (n: string) => stores.has(n) },
    createObjectStore: (n: string) => stores.set(n, new Map()),
    transaction(name: string) {
      const tx: { oncomplete?: () => void; objectStore: () => unknown } = {
        objectStore: () => ({
          get: (k: string) => request(() => stores.get(name)!.get(k)),
          put: (v: unknown, k: string) => {
            const r = request(() => stores.get(name)!.set(k, v));
            setTimeout(() => tx.oncomplete?.(), 0);
            return r;
          },
        }),
      };
      return tx;
    },
  };
  return {
    open() {
      const r: { result?: unknown; error?: unknown; onsuccess?: () => void; onerror?: () => void; onupgradeneeded?: () => void } = {};
      queueMicrotask(() => {
        if (failOpen) {
          r.error = new Error('denied');
          r.onerror?.();
          return;
        }
        r.result = db;
        if (!stores.size) r.onupgradeneeded?.();
        r.onsuccess?.();
      });
      return r;
    },
  } as unknown as IDBFactory;
}

describe('browser platform', () => {
  test('IndexedDB round trip', async () => {
    const p = createBrowserPlatform(fakeIndexedDB());
    expect(p.name).toBe('browser');
    expect(await p.cache.get('k')).toBeUndefined();
    await p.cache.set('k', new Uint8Array([4, 5]));
    expect(Array.from((await p.cache.get('k'))!)).toEqual([4, 5]);
    expect(p.cache.description).toMatch(/IndexedDB/);
  });
  test('no IndexedDB, or a failing one, falls back to memory', async () => {
    const none = new IndexedDbCache(undefined);
    await none.set('a', new Uint8Array([1]));
    expect(Array.from((await none.get('a'))!)).toEqual([1]);
    expect(none.description).toMatch(/in-memory/);
    const failing = new IndexedDbCache(fakeIndexedDB(true));
    expect(await failing.get('b')).toBeUndefined();
    await failing.set('b', new Uint8Array([2]));
    expect(Array.from((await failing.get('b'))!)).toEqual([2]);
    expect(failing.degraded).toBe(true);
  });
});
