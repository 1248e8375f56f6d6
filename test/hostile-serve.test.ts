/**
 * Hostile requests and reports at the edges (issue 16): every error in the envelope, the rate
 * limit on the API only and behind a proxy, library warnings as one named line, and the time
 * budget per report in the extraction workers.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ingestPaths } from '../src/ingest/index.ts';
import { loadCatalog } from '../src/reconcile/catalog.ts';
import { buildServer } from '../src/serve/app.ts';
import { parseTrustProxy } from '../src/cli/serve.ts';
import { openStore, type Store } from '../src/store/index.ts';
import { csrfHeaders, repoRoot } from './helpers.ts';

const scratch = mkdtempSync(join(tmpdir(), 'twincity-hostile-serve-'));
let store: Store;
let app: FastifyInstance;
beforeAll(async () => {
  store = await openStore(join(scratch, 'store.db'));
  app = await buildServer({ store, webRoot: null, rateLimitPerMinute: false });
});
afterAll(async () => {
  await app.close();
  await store.close();
  rmSync(scratch, { recursive: true, force: true });
});

const expectEnvelope = (response: { statusCode: number; json: () => unknown }, status: number) => {
  expect(response.statusCode).toBe(status);
  expect(response.json()).toEqual({ error: { status, code: expect.any(String), message: expect.any(String) } });
};

describe('every error in the envelope', () => {
  it('answers a malformed multipart body with 400', async () => {
    for (const payload of ['--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nabc', 'no boundary here']) {
      const csrf = await csrfHeaders(app);
      const response = await app.inject({
        method: 'POST',
        url: '/api/reports',
        headers: { 'content-type': 'multipart/form-data; boundary=xyz', ...csrf },
        payload,
      });
      expectEnvelope(response, 400);
    }
  });
  it('answers broken percent-encoding with 400, in the path and in the query', async () => {
    expectEnvelope(await app.inject({ method: 'GET', url: '/api/indicators/%E4%ZZ' }), 400);
    expectEnvelope(await app.inject({ method: 'GET', url: '/api/search?q=%E4%ZZ' }), 400);
  });
  it('refuses numbers that are not finite', async () => {
    for (const url of ['/api/reports?offset=Infinity', '/api/reports?limit=Infinity', '/api/timeline?limit=-Infinity', '/api/items?limit=NaN']) {
      expectEnvelope(await app.inject({ method: 'GET', url }), 400);
    }
    expect((await app.inject({ method: 'GET', url: '/api/reports?limit=5' })).statusCode).toBe(200);
  });
});

describe('the rate limit', () => {
  it("counts the API only, not the dashboard's own files", async () => {
    const web = join(scratch, 'web');
    mkdirSync(join(web, 'assets'), { recursive: true });
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>双城观察</title>');
    writeFileSync(join(web, 'assets', 'app.js'), 'console.log(1)');
    const limited = await buildServer({ store, webRoot: web, rateLimitPerMinute: 2 });
    try {
      const assets = await Promise.all([1, 2, 3, 4].map(() => limited.inject({ method: 'GET', url: '/assets/app.js' })));
      expect(assets.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
      const api = [];
      for (let i = 0; i < 3; i++) api.push((await limited.inject({ method: 'GET', url: '/api/stats' })).statusCode);
      expect(api).toEqual([200, 200, 429]);
    } finally {
      await limited.close();
    }
  });
  it('tells the clients behind a trusted proxy apart', async () => {
    const proxied = await buildServer({ store, webRoot: null, rateLimitPerMinute: 1, trustProxy: parseTrustProxy('127.0.0.1') });
    try {
      const from = (ip: string) => proxied.inject({ method: 'GET', url: '/api/stats', headers: { 'x-forwarded-for': ip } });
      expect([(await from('10.0.0.1')).statusCode, (await from('10.0.0.2')).statusCode, (await from('10.0.0.1')).statusCode]).toEqual([200, 200, 429]);
    } finally {
      await proxied.close();
    }
    expect(() => parseTrustProxy('10.0.0.0/8, not-an-address')).toThrow(/--trust-proxy: .*not-an-address/);
  });
});

describe('library warnings', () => {
  it('prints a catalogue YAML warning as one line naming the file', () => {
    const path = join(scratch, 'catalog.yaml');
    writeFileSync(path, readFileSync(join(repoRoot, 'data', 'indicators.yaml'), 'utf8').replace(/\n {4}zh: /, '\n    zh: !zh '));
    const lines: string[] = [];
    const write = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (lines.push(String(chunk)), true));
    const emit = vi.spyOn(process, 'emitWarning');
    try {
      expect(loadCatalog(path).entries.length).toBeGreaterThan(10);
    } finally {
      write.mockRestore();
      emit.mockRestore();
    }
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^twincity: warning: ${path}: 1 YAML warning\\(s\\): Unresolved tag: !zh at line \\d+`))]);
    expect(emit).not.toHaveBeenCalled();
  });
});

describe('a time budget per report', () => {
  it('fails a report past it with that reason and reads the others', async () => {
    const dir = join(scratch, 'deep');
    mkdirSync(dir);
    // Parsing nests this deep costs htmlparser2 time quadratic in the depth (its open-element stack
    // shifts), far past the budget; the watchdog stops it at the budget, so depth costs the test nothing.
    writeFileSync(join(dir, 'a-deep.html'), `<html><body>${'<div>'.repeat(200_000)}<p>成都。</p>${'</div>'.repeat(200_000)}</body></html>`);
    writeFileSync(join(dir, 'b-small.txt'), '2023年成都地区生产总值增长6%。');
    const budgeted = await openStore(join(scratch, 'budget.db'));
    try {
      const summary = await ingestPaths([dir], { store: budgeted, workers: 1, reportBudgetMs: 1500 });
      expect(summary.failures).toEqual([{ location: join(dir, 'a-deep.html'), reason: expect.stringMatching(/time budget per report/) }]);
      expect(summary.new).toBe(1);
    } finally {
      await budgeted.close();
    }
  });
});
