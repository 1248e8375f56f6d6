import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocument, makeSpan, textOf, type CooperationItem, type Document, type Quantity, type Span } from '../document/index.ts';
import { openStore, type Store } from '../store/index.ts';
import {
  KEY_AREAS,
  type Conflict,
  type IndicatorDetail,
  type Overview,
  type Page,
  type ReportDetail,
  type ReportSummary,
  type SearchHit,
} from '../store/types.ts';
import { buildServer, CONTENT_SECURITY_POLICY } from './app.ts';
import { routes } from './routes.ts';
import { uploadName } from './upload.ts';
import { csrfHeaders } from '../../test/helpers.ts';

/** The session cookie and CSRF token every upload sends. */
let csrf: Record<string, string> = {};

/** The sentence (ending in 。) around an offset. */
function sentenceAt(text: string, offset: number): Span {
  const start = text.lastIndexOf('。', offset - 1) + 1;
  const stop = text.indexOf('。', offset);
  return makeSpan(text, start, stop < 0 ? text.length : stop + 1);
}

function quantity(
  text: string,
  surface: string,
  init: Omit<Quantity, 'span' | 'sentence' | 'stage' | 'status' | 'cues'> & Partial<Pick<Quantity, 'status' | 'cues'>>,
): Quantity {
  const at = text.indexOf(surface);
  if (at < 0) throw new Error(`"${surface}" not in text`);
  return {
    span: makeSpan(text, at, at + surface.length),
    sentence: sentenceAt(text, at),
    stage: 'test@1',
    status: 'actual',
    cues: { period: null, region: null },
    ...init,
  } as Quantity;
}

function itemOf(text: string, surface: string, name: string, total: number, done: number): CooperationItem {
  const at = text.indexOf(surface);
  return { span: makeSpan(text, at, at + surface.length), name, total, done, sentence: sentenceAt(text, at), stage: 'test@1' };
}

function report(name: string, text: string, published: string, quantities: (t: string) => Quantity[], items: CooperationItem[] = []): Document {
  return createDocument({
    source: `${name}.txt`,
    location: `/reports/${name}.txt`,
    format: 'text',
    contentHash: `hash-${name}`,
    charset: 'utf-8',
    raw: text,
    text,
    meta: { title: `报告${name}`, published, author: null, site: null, url: null, categories: [] },
    quantities: quantities(text),
    items,
  });
}

const TEXT_A =
  '截至目前，两地共有130家零部件企业参与对方整车配套。目前已有210项政务服务“川渝通办”事项在两地持续落地。成渝中线高铁开工建设。年度重点工作65项，其中圆满完成35项。';
const TEXT_B = '两地300余家零部件企业参与对方整车配套。311项政务服务“川渝通办”事项持续落地。中欧班列（成渝）开行量保持全国第一。';
const asOf = (end: string) => ({ start: null, end });

let dir: string;
let store: Store;
let app: FastifyInstance;
let webRoot: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'twincity-serve-'));
  store = await openStore(join(dir, 'o.db'));
  await store.ingestDocument(
    report(
      'a',
      TEXT_A,
      '2022-06-28',
      (t) => [
        quantity(t, '130家', {
          value: 130,
          unit: '家',
          approx: 'exact',
          measure: 'level',
          subject: '零部件企业参与对方整车配套',
          period: asOf('2022-06-28'),
          region: '成渝',
        }),
        quantity(t, '210项', {
          value: 210,
          unit: '项',
          approx: 'exact',
          measure: 'level',
          subject: '政务服务“川渝通办”事项',
          period: asOf('2022-06-28'),
          region: '成渝',
        }),
      ],
      [itemOf(TEXT_A, '重点工作65项，其中圆满完成35项', '重点工作', 65, 35)],
    ),
  );
  await store.ingestDocument(
    report('b', TEXT_B, '2022-06-20', (t) => [
      quantity(t, '300余家', {
        value: 300,
        unit: '家',
        approx: 'over',
        measure: 'level',
        subject: '零部件企业参与对方整车配套',
        period: asOf('2022-06-20'),
        region: '成渝',
      }),
      quantity(t, '311项', {
        value: 311,
        unit: '项',
        approx: 'exact',
        measure: 'level',
        subject: '政务服务“川渝通办”事项',
        period: asOf('2022-06-20'),
        region: '成渝',
      }),
    ]),
  );
  await store.refreshDerived();
  webRoot = join(dir, 'web');
  mkdirSync(webRoot);
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>shell</title><div id="root"></div>');
  app = await buildServer({ store, webRoot, rateLimitPerMinute: false, uploadLimitBytes: 4096, cacheTtlMs: 60_000 });
  csrf = await csrfHeaders(app);
});

afterAll(async () => {
  await app?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = async <T>(url: string) => {
  const response = await app.inject({ method: 'GET', url });
  return { response, status: response.statusCode, body: response.json() as T };
};

/** A multipart/form-data body with one file part. */
function multipart(field: string, filename: string, content: string | Buffer, type = 'text/plain') {
  const boundary = '----twincity-test-boundary';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...csrf } };
}

describe('routing table', () => {
  it('every route of the issue is in the table and in the OpenAPI description', async () => {
    const table = routes.map((r) => `${r.method} ${r.url}`);
    for (const needed of [
      'GET /api/reports',
      'GET /api/reports/:id',
      'POST /api/reports',
      'GET /api/indicators',
      'GET /api/indicators/:id',
      'GET /api/indicators/:id/points/:ord/sources',
      'GET /api/conflicts',
      'GET /api/conflicts/:id/members',
      'GET /api/timeline',
      'GET /api/items',
      'GET /api/search',
      'GET /api/export',
      'GET /api/overview',
    ]) {
      expect(table).toContain(needed);
    }
    const { body } = await get<{ openapi: string; paths: Record<string, Record<string, { parameters?: { name: string }[] }>> }>('/api/openapi.json');
    expect(body.openapi).toMatch(/^3\./);
    expect(Object.keys(body.paths)).toEqual(expect.arrayContaining(['/api/reports', '/api/reports/{id}', '/api/search', '/api/export']));
    expect(body.paths['/api/search'].get.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(['q', 'limit', 'offset']));
    const upload = body.paths['/api/reports'].post as unknown as { requestBody: { content: Record<string, { schema: { required: string[] } }> } };
    expect(upload.requestBody.content['multipart/form-data'].schema.required).toEqual(['file']);
  });
});

describe('API over a store', () => {
  it('lists reports a page at a time', async () => {
    const { body } = await get<Page<ReportSummary>>('/api/reports?limit=1');
    expect(body.total).toBe(2);
    expect(body.rows).toHaveLength(1);
    const second = await get<Page<ReportSummary>>('/api/reports?limit=1&offset=1');
    expect(second.body.rows[0].id).not.toBe(body.rows[0].id);
  });

  it('gives a report with text and facts whose spans read the figures in their sentences', async () => {
    const list = await get<Page<ReportSummary>>('/api/reports');
    const a = list.body.rows.find((r) => r.source === 'a.txt')!;
    const { body } = await get<ReportDetail>(`/api/reports/${a.id}`);
    expect(body.text).toBe(TEXT_A);
    expect(body.quantities.map((q) => textOf(body.text, q.span))).toEqual(['130家', '210项']);
    for (const q of body.quantities) {
      expect(textOf(body.text, q.sentence)).toBe(q.sentenceText);
      expect(q.sentenceText).toContain(q.text);
    }
  });

  it('gives an indicator series whose sources point back at their sentences', async () => {
    const { body: indicators } = await get<Page<{ id: string; nameZh: string; conflictCount: number }>>('/api/indicators?limit=1000');
    const tongban = indicators.rows.find((i) => i.id === 'chuanyu_tongban_items');
    const { body: firstTwo } = await get<Page<{ id: string }>>('/api/indicators?limit=2');
    expect(firstTwo.rows.map((r) => r.id)).toEqual(indicators.rows.slice(0, 2).map((r) => r.id));
    expect(firstTwo.total).toBe(indicators.total);
    expect(tongban).toBeDefined();
    const { body } = await get<IndicatorDetail>(`/api/indicators/${encodeURIComponent(tongban!.id)}`);
    expect(body.series.map((p) => p.value).sort()).toEqual([210, 311]);
    for (const [ord, point] of body.series.entries()) {
      for (const source of point.sources) {
        const { body: doc } = await get<ReportDetail>(`/api/reports/${source.reportId}`);
        expect(textOf(doc.text, source.span)).toBe(source.text);
        expect(source.sentence).toContain(source.text);
      }
      // the point's full list of sources, paged
      const { body: all } = await get<Page<{ quantityId: number }>>(`/api/indicators/${encodeURIComponent(tongban!.id)}/points/${ord}/sources?limit=10`);
      expect(all.total).toBe(point.sourceTotal);
      expect(all.rows.map((s) => s.quantityId)).toEqual(expect.arrayContaining(point.sources.map((s) => s.quantityId)));
    }
  });

  it('shows the key areas on the overview and the 130 vs 300余 conflict', async () => {
    const { body } = await get<Overview>('/api/overview');
    expect(body.stats.reports).toBe(2);
    expect(body.areas.map((a) => a.area)).toContain('公共服务/国际都市');
    const { body: conflicts } = await get<Page<Conflict>>('/api/conflicts');
    // one group per indicator, region and date, its values inline
    const groups = conflicts.rows.map((c) =>
      c.members
        .map((m) => m.value)
        .sort((x, y) => x - y)
        .join('/'),
    );
    expect(groups).toContain('130/300');
    const parts = conflicts.rows.find((c) => c.members.some((m) => m.value === 300))!;
    expect(parts).toMatchObject({ memberCount: 2, reportCount: 2 });
    expect(parts.reason).toMatch(/^同期 2 个数值相互矛盾：/);
    expect(parts.members.every((m) => m.sources.length > 0 && m.pointId > 0)).toBe(true);
    const { body: members } = await get<Page<Conflict['members'][number]>>(`/api/conflicts/${parts.id}/members?limit=1`);
    expect(members.total).toBe(2);
    expect(members.rows).toEqual([parts.members[0]]);
    const { body: second } = await get<Page<Conflict['members'][number]>>(`/api/conflicts/${parts.id}/members?limit=1&offset=1`);
    expect(second.rows).toEqual([parts.members[1]]);
    expect((await app.inject({ url: '/api/conflicts/999999/members' })).statusCode).toBe(404);
  });

  it('answers a repeated read with 304 when the client holds the same answer', async () => {
    const first = await app.inject({ method: 'GET', url: '/api/overview' });
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await app.inject({ method: 'GET', url: '/api/overview', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const stale = await app.inject({ method: 'GET', url: '/api/overview', headers: { 'if-none-match': '"something-else"' } });
    expect(stale.statusCode).toBe(200);
    expect(stale.json()).toEqual(first.json());
  });

  it('searches Chinese words of two characters with highlighted snippets', async () => {
    const { body } = await get<Page<SearchHit>>(`/api/search?q=${encodeURIComponent('高铁')}`);
    expect(body.total).toBeGreaterThan(0);
    const hit = body.rows[0];
    expect(hit.highlights.map((h) => hit.snippet.slice(h[0], h[1]))).toContain('高铁');
  });

  it('pages cooperation items, each with its progress and the text under its span', async () => {
    const { body } = await get<Page<{ name: string; total: number; done: number; text: string; areas: string[] }>>('/api/items?limit=1');
    expect(body.total).toBe(1);
    expect(body.rows[0]).toMatchObject({ name: '重点工作', total: 65, done: 35, text: '重点工作65项，其中圆满完成35项' });
    expect((await get<Page<unknown>>('/api/items?limit=1&offset=1')).body.rows).toEqual([]);
    const otherArea = KEY_AREAS.find((a) => !body.rows[0].areas.includes(a))!;
    expect((await get<Page<unknown>>(`/api/items?area=${encodeURIComponent(otherArea)}`)).body.total).toBe(0);
    const { body: timeline } = await get<{ rows: { kind: string; summary: string }[] }>('/api/timeline');
    expect(timeline.rows.some((r) => r.kind === 'item')).toBe(true);
  });

  it('exports CSV with a BOM, XLSX, JSON and JSON Lines as downloads', async () => {
    const csv = await app.inject({ method: 'GET', url: '/api/export?format=csv&table=series' });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="twincity-series\.csv"/);
    expect(csv.body.charCodeAt(0)).toBe(0xfeff);
    expect(csv.body).toContain('311');
    const xlsx = await app.inject({ method: 'GET', url: '/api/export?format=xlsx' });
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const json = await app.inject({ method: 'GET', url: '/api/export?format=json' });
    expect(Object.keys(json.json())).toEqual(expect.arrayContaining(['reports', 'quantities', 'series', 'conflicts']));
    const lines = await app.inject({ method: 'GET', url: '/api/export?format=jsonl&table=quantities' });
    expect(lines.headers['content-type']).toMatch(/application\/x-ndjson/);
    expect(lines.headers['content-disposition']).toMatch(/attachment; filename="twincity-quantities\.jsonl"/);
    const records = lines.body
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { table: string; row: { id: number } });
    expect(records.length).toBe((json.json() as { quantities: unknown[] }).quantities.length);
    expect(records.every((r) => r.table === 'quantities' && typeof r.row.id === 'number')).toBe(true);
  });
});

describe('upload', () => {
  it('reads, extracts and stores an uploaded report, returns its record and refreshes cached answers', async () => {
    const before = (await get<{ reports: number }>('/api/stats')).body.reports;
    const text = '渝西地区新建物流园区\n\n2024年，渝西地区新建物流园区7个，新增仓储面积120万平方米。\n';
    const { payload, headers } = multipart('file', '物流园区.txt', text);
    const response = await app.inject({ method: 'POST', url: '/api/reports', payload, headers });
    expect(response.statusCode).toBe(201);
    const body = response.json() as { reports: { status: string; report: ReportSummary }[] };
    expect(body.reports).toHaveLength(1);
    expect(body.reports[0].status).toBe('new');
    expect(body.reports[0].report.source).toBe('物流园区.txt');
    expect((await get<{ reports: number }>('/api/stats')).body.reports).toBe(before + 1);
    const { body: doc } = await get<ReportDetail>(`/api/reports/${body.reports[0].report.id}`);
    expect(doc.text).toContain('新建物流园区7个');
    const again = await app.inject({ method: 'POST', url: '/api/reports', payload, headers });
    expect(again.statusCode).toBe(200);
    expect((again.json() as { reports: { status: string }[] }).reports[0].status).toBe('unchanged');
  });

  it('keeps answering while a large upload is read and extracted in its worker thread', async () => {
    const roomy = await buildServer({ store, webRoot: null, rateLimitPerMinute: false, cacheTtlMs: 0 });
    try {
      const paragraph = '2024年，成渝两地新开通跨省公交线路12条，累计开通跨省公交线路达到58条，日均客流超过1.2万人次。\n\n';
      const { payload, headers } = multipart('file', '大文件.txt', '大文件测试\n\n' + paragraph.repeat(2500));
      const started = performance.now();
      let finished = false;
      const upload = roomy.inject({ method: 'POST', url: '/api/reports', payload, headers }).finally(() => void (finished = true));
      // While the upload runs, the API goes on answering: no answer waits for the extraction.
      let last = performance.now();
      let longestWait = 0;
      while (!finished) {
        await roomy.inject({ method: 'GET', url: '/api/stats' });
        const now = performance.now();
        longestWait = Math.max(longestWait, now - last);
        last = now;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const response = await upload;
      const took = performance.now() - started;
      expect(response.statusCode).toBe(201);
      expect(took).toBeGreaterThan(1000); // the upload is heavy enough for the check to mean something
      expect(longestWait).toBeLessThan(took / 3);
    } finally {
      await roomy.close();
    }
  });

  it('files an upload under its base name only', async () => {
    expect(uploadName('C:\\Users\\analyst\\报告.html')).toBe('报告.html');
    expect(uploadName('../../etc/passwd')).toBe('passwd');
    expect(uploadName('a\u0000b\u001fc.txt')).toBe('abc.txt');
    expect(uploadName('   ')).toBe('upload');
  });

  it('records an unreadable upload as failed and answers 422', async () => {
    const { payload, headers } = multipart('file', 'blob.bin', Buffer.from([0, 1, 2, 3, 0, 0, 255, 0, 7, 0]), 'application/octet-stream');
    const response = await app.inject({ method: 'POST', url: '/api/reports', payload, headers });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ error: { status: 422, code: 'unreadable_report' } });
    expect((await store.failures()).some((f) => f.location === 'upload:blob.bin')).toBe(true);
  });
});

describe('errors, limits and headers', () => {
  it('answers every failure with the JSON envelope and never a stack trace', async () => {
    const cases: [string, number, string][] = [
      ['/api/reports/999999', 404, 'not_found'],
      ['/api/reports/abc', 400, 'invalid_request'],
      ['/api/reports?limit=100000', 400, 'invalid_request'],
      ['/api/search', 400, 'invalid_request'],
      ['/api/search?q=%20', 400, 'invalid_request'],
      ['/api/indicators?area=nowhere', 400, 'invalid_request'],
      ['/api/timeline?from=yesterday', 400, 'invalid_request'],
      ['/api/export?format=pdf', 400, 'invalid_request'],
      ['/api/indicators/no-such-indicator', 404, 'not_found'],
      ['/api/indicators/chuanyu_tongban_items/points/9999/sources', 404, 'not_found'],
      ['/api/indicators/chuanyu_tongban_items/points/-1/sources', 400, 'invalid_request'],
      ['/api/nothing-here', 404, 'not_found'],
    ];
    for (const [url, status, code] of cases) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(status);
      const body = response.json() as { error: { status: number; code: string; message: string } };
      expect(body.error, url).toMatchObject({ status, code });
      expect(body.error.message.length, url).toBeGreaterThan(0);
      expect(response.body, url).not.toMatch(/\bat .+\.(ts|js):\d+/);
    }
  });

  it('sends the Content Security Policy and serves the app shell for dashboard routes', async () => {
    const page = await app.inject({ method: 'GET', url: '/indicators/chuanyu_tongban_items' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('<div id="root">');
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toMatch(/script-src 'self'(;|$)/);
    const missingAsset = await app.inject({ method: 'GET', url: '/assets/index-gone.js' });
    expect(missingAsset.statusCode).toBe(404);
    const api = await app.inject({ method: 'GET', url: '/api/stats' });
    expect(api.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(api.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses an upload over the size limit with 413', async () => {
    const { payload, headers } = multipart('file', 'big.txt', 'x'.repeat(10_000));
    const response = await app.inject({ method: 'POST', url: '/api/reports', payload, headers });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ error: { status: 413, code: 'payload_too_large' } });
  });

  it('refuses an upload that is not multipart, or has no file', async () => {
    const json = await app.inject({ method: 'POST', url: '/api/reports', payload: { text: 'x' }, headers: csrf });
    expect(json.statusCode).toBe(415);
    const wrongField = multipart('document', 'a.txt', 'text');
    const response = await app.inject({ method: 'POST', url: '/api/reports', ...wrongField });
    expect(response.statusCode).toBe(400);
  });

  it('limits the request rate per client with 429 in the envelope', async () => {
    const limited = await buildServer({ store, webRoot: null, rateLimitPerMinute: 3 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await limited.inject({ method: 'GET', url: '/api/stats' })).statusCode);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const response = await limited.inject({ method: 'GET', url: '/api/stats' });
      expect(response.json()).toMatchObject({ error: { status: 429, code: 'rate_limited' } });
      expect(response.json().error.message).toMatch(/at most 3 a minute/);
      expect(response.headers['retry-after']).toBeDefined();
    } finally {
      await limited.close();
    }
  });
});
