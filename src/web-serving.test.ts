import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './testing/app.js';
import { precompress } from './platform/precompress.js';

// A built UI as `npm run build` leaves it (vite's hashed assets, then scripts/precompress.ts), served by the app.
const root = mkdtempSync(join(tmpdir(), 'da06-web-'));
const SCRIPT = `console.log(${JSON.stringify('Cổng dịch vụ công '.repeat(400))});\n`;
const INDEX = `<!doctype html><html lang="vi"><head><script type="module" src="/assets/index-B2x9QeLk.js"></script></head><body>${'<div></div>'.repeat(200)}</body></html>`;
const TINY = 'body{margin:0}';
let t: TestApp;

beforeAll(async () => {
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), INDEX);
  writeFileSync(join(root, 'assets', 'index-B2x9QeLk.js'), SCRIPT);
  writeFileSync(join(root, 'assets', 'tiny-Cq1w2e3R.css'), TINY);
  precompress(root);
  t = await testApp({}, { webRoot: root });
});
afterAll(async () => {
  await t?.close();
  rmSync(root, { recursive: true, force: true });
});

const get = (url: string, acceptEncoding?: string) =>
  t.app.inject({ method: 'GET', url, headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } });
const varies = (vary: unknown) => String(vary).toLowerCase().split(/\s*,\s*/).includes('accept-encoding');

describe('the built web UI', () => {
  it('is precompressed at build: brotli and gzip beside each file worth it, nothing for a tiny one', () => {
    expect(readdirSync(join(root, 'assets')).sort()).toEqual([
      'index-B2x9QeLk.js', 'index-B2x9QeLk.js.br', 'index-B2x9QeLk.js.gz', 'tiny-Cq1w2e3R.css',
    ]);
  });

  it('sends a hashed asset in brotli when the browser takes it, cached for a year as immutable', async () => {
    const res = await get('/assets/index-B2x9QeLk.js', 'gzip, deflate, br, zstd');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/);
    expect(varies(res.headers.vary)).toBe(true);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(SCRIPT);
    expect(res.rawPayload.length).toBeLessThan(Buffer.byteLength(SCRIPT) / 10);
  });

  it('sends gzip to a browser without brotli, and the file as it is to one that takes neither', async () => {
    const gz = await get('/assets/index-B2x9QeLk.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(varies(gz.headers.vary)).toBe(true);
    expect(gunzipSync(gz.rawPayload).toString()).toBe(SCRIPT);
    for (const plain of [await get('/assets/index-B2x9QeLk.js'), await get('/assets/index-B2x9QeLk.js', 'identity')]) {
      expect(plain.headers['content-encoding']).toBeUndefined();
      // The answer still depends on the header: a shared cache must not give it to a browser that takes brotli.
      expect(varies(plain.headers.vary)).toBe(true);
      expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(plain.body).toBe(SCRIPT);
    }
  });

  it('sends a file without a compressed copy as it is, with the same caching', async () => {
    const res = await get('/assets/tiny-Cq1w2e3R.css', 'br, gzip');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.body).toBe(TINY);
  });

  it('sends index.html compressed and checked again on every visit (it names the current assets)', async () => {
    for (const url of ['/', '/index.html']) {
      const res = await get(url, 'br, gzip');
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-encoding'], url).toBe('br');
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(varies(res.headers.vary), url).toBe(true);
      expect(brotliDecompressSync(res.rawPayload).toString(), url).toBe(INDEX);
    }
  });

  it('answers a client-side route with index.html the same way, and an unknown API path with a problem', async () => {
    const res = await get('/officer/people', 'gzip');
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(res.rawPayload).toString()).toBe(INDEX);
    const api = await get('/api/v1/khong-co', 'br');
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
