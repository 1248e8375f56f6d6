// The change log over HTTP: /api/changes and the Atom feeds, read back by the Observatory's own
// feed reader; a conflicting report shows up as a new conflict. And the sources' admin routes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processDocument } from '../pipeline.ts';
import { readBytes } from '../read/index.ts';
import { parseFeed } from '../read/feed.ts';
import { openStore, type Change, type Store } from '../store/index.ts';
import { buildServer } from './app.ts';
import { csrfHeaders } from '../../test/helpers.ts';

const REPORT_A = '成渝汽车产业协同发展取得新进展\n\n2024年6月28日\n\n记者从重庆市经济信息委获悉，截至目前，两地共有130家零部件企业参与对方整车配套。\n';
const REPORT_B = '川渝汽车产业链持续壮大\n\n2024年6月30日\n\n记者获悉，截至目前，两地共有300余家零部件企业参与对方整车配套。\n';

async function ingestText(store: Store, name: string, text: string): Promise<void> {
  const [doc] = readBytes(new TextEncoder().encode(text), { location: `/reports/${name}.txt` });
  await store.ingestDocument(processDocument(doc));
  await store.refreshDerived();
}

describe('changes and feeds', () => {
  let dir: string;
  let store: Store;
  let app: FastifyInstance;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tc-changes-'));
    store = await openStore(join(dir, 'o.db'));
    app = await buildServer({ store, webRoot: null, cacheTtlMs: 0 });
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const feedItems = async (url: string) => {
    const res = await app.inject({ url, headers: { host: 'obs.example' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/atom\+xml/);
    const items = parseFeed(res.body);
    expect(items, 'a feed the reader takes').not.toBeNull();
    return items!;
  };

  it('lists a new conflict in the Atom feed after a conflicting report is ingested', async () => {
    await ingestText(store, 'a', REPORT_A);
    const before = await feedItems('/feeds/changes.xml');
    expect(before.some((i) => i.meta.title?.includes('新报道'))).toBe(true);
    expect(before.some((i) => i.meta.title?.includes('新冲突'))).toBe(false);
    const seenAt = (await store.changes()).at(-1)!.at;

    await ingestText(store, 'b', REPORT_B);
    const after = await feedItems('/feeds/changes.xml');
    const conflict = after.find((i) => i.meta.title?.startsWith('新冲突'));
    expect(conflict?.meta.title).toMatch(/130.*300|300.*130/);
    expect(conflict?.meta.url).toMatch(/^http:\/\/obs\.example\/indicators\//);
    expect(conflict?.meta.published).toBeTruthy();

    // the same through the API, since the moment before the second report
    const res = await app.inject({ url: `/api/changes?since=${encodeURIComponent(seenAt)}` });
    const body = res.json() as { rows: Change[]; latest: string };
    expect(body.rows.map((c) => c.kind)).toEqual(expect.arrayContaining(['report', 'conflict']));
    expect(body.rows.every((c) => c.at > seenAt)).toBe(true);
    expect(body.rows.some((c) => c.kind === 'report' && c.title.includes('川渝汽车产业链'))).toBe(true);
    expect(body.latest).toBe(body.rows.at(-1)!.at);

    // one feed per indicator: the conflict's indicator lists it
    const indicatorId = body.rows.find((c) => c.kind === 'conflict')!.indicatorId!;
    const own = await feedItems(`/feeds/indicators/${encodeURIComponent(indicatorId)}.xml`);
    expect(own.some((i) => i.meta.title?.startsWith('新冲突'))).toBe(true);
    expect(own.every((i) => !i.meta.title?.startsWith('新报道'))).toBe(true);
    expect((await app.inject({ url: '/feeds/indicators/no-such.xml' })).statusCode).toBe(404);

    // ingesting the same report again changes nothing
    const count = (await store.changes()).length;
    await ingestText(store, 'b', REPORT_B);
    expect((await store.changes()).length).toBe(count);
  });

  it('filters changes by kind and refuses a bad moment', async () => {
    const res = await app.inject({ url: '/api/changes?kind=conflict' });
    expect((res.json() as { rows: Change[] }).rows.every((c) => c.kind === 'conflict')).toBe(true);
    const bad = await app.inject({ url: '/api/changes?since=yesterday' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('invalid_request');
  });

  it('adds, lists and removes sources; refuses folders, private addresses and repeats', async () => {
    const csrf = await csrfHeaders(app);
    const add = (body: object) => app.inject({ method: 'POST', url: '/api/sources', payload: body, headers: csrf });
    const created = await add({ location: 'https://www.cq.gov.cn/rss/news.xml', every: '2h', name: '重庆市政府' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ kind: 'feed', everySeconds: 7200, name: '重庆市政府' });
    expect((await add({ location: 'https://www.cq.gov.cn/rss/news.xml' })).statusCode).toBe(409);
    expect((await add({ location: dir })).statusCode).toBe(400);
    expect((await add({ location: 'http://127.0.0.1:5432/' })).statusCode).toBe(403);
    expect((await add({ location: 'https://example.com/', every: 'often' })).statusCode).toBe(400);
    const list = (await app.inject({ url: '/api/sources' })).json() as { rows: { id: number; location: string; errors: unknown[] }[] };
    expect(list.rows.map((s) => s.location)).toEqual(['https://www.cq.gov.cn/rss/news.xml']);
    expect((await app.inject({ method: 'DELETE', url: `/api/sources/${list.rows[0].id}`, headers: csrf })).statusCode).toBe(204);
    expect((await app.inject({ method: 'DELETE', url: `/api/sources/${list.rows[0].id}`, headers: csrf })).statusCode).toBe(404);
    expect(await store.sources()).toEqual([]);
  });
});
