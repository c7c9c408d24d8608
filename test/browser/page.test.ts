import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const CHROMIUM = '/usr/bin/chromium';
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.ts': 'text/plain', '.map': 'application/json', '.json': 'application/json' };

/** A static file server for the repository root (the page imports dist/ and fetches assembly/). */
function serve(): Promise<{ server: Server; url: string }> {
  return new Promise((resolve) => {
    const server = createServer((req, res) => {
      const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
      const file = join(ROOT, path);
      if (!file.startsWith(ROOT) || !existsSync(file) || statSync(file).isDirectory()) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
    });
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
    });
  });
}

describe.skipIf(!existsSync(CHROMIUM))('the browser build', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    execFileSync('node', [join(ROOT, 'scripts', 'build-browser.mjs')], { cwd: ROOT });
    ({ server, url } = await serve());
  }, 120_000);
  afterAll(() => server?.close());

  it('runs a network in a page with the JS and the WASM backend, with the same spikes', async () => {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`${url}/examples/browser/index.html`);
      const js = await page.evaluate(async () => {
        await (window as unknown as { __go(b: string): Promise<void> }).__go('js');
        return (window as unknown as { __result: { spikes: number; first: number[]; error?: string } }).__result;
      });
      expect(js.error).toBeUndefined();
      expect(js.spikes).toBeGreaterThan(1000);
      const wasm = await page.evaluate(async () => {
        await (window as unknown as { __go(b: string): Promise<void> }).__go('wasm');
        return (window as unknown as { __result: { spikes: number; first: number[]; error?: string } }).__result;
      });
      expect(wasm.error).toBeUndefined();
      expect(wasm.spikes).toBe(js.spikes);
      expect(wasm.first).toEqual(js.first);
      await page.screenshot({ path: join(ROOT, 'out', 'browser-example.png') });
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 180_000);
});
