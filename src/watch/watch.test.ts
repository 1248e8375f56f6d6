// Watching feeds against a local HTTP server (127.0.0.1 only): a feed's items ingested once, a 304
// fetching nothing, a new item picked up; a 404, a timeout, a redirect loop, a 50 MB body, a
// malformed feed and a robots.txt disallow each an error on their source while the others go on.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Source, type Store } from '../store/index.ts';
import { Watcher } from './watcher.ts';

const ARTICLES = [
  ['2024001', '成渝地区双城经济圈建设推进会召开', '今年1—5月，成都市地区生产总值同比增长6.1%。'],
  ['2024002', '川渝共建高竹新区进展', '截至5月底，高竹新区累计签约项目120个。'],
  ['2024003', '重庆西部科学城建设提速', '2023年重庆技术合同成交额达到309.6亿元。'],
  ['2024004', '成渝中线高铁加快建设', '成渝中线高铁全长292公里，设计时速350公里。'],
] as const;

function article(id: string): string {
  const [, title, body] = ARTICLES.find((a) => a[0] === id)!;
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><article><h1>${title}</h1>
<p>2024年6月${id.slice(-1)}日 来源：川观新闻</p><p>${body}这是关于成渝地区双城经济圈的报道正文，记者从有关部门获悉上述情况。</p></article></body></html>`;
}

function feed(base: string, count: number): string {
  const items = ARTICLES.slice(0, count)
    .map(
      ([id, title]) => `<item><title>${title}</title><link>${base}/a/${id}.html</link><pubDate>Mon, 0${id.slice(-1)} Jun 2024 08:00:00 +0800</pubDate></item>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>川观</title>${items}</channel></rss>`;
}

describe('watching feeds over HTTP', () => {
  let server: Server;
  let base: string;
  let dir: string;
  let store: Store;
  let items = 3;
  const requests: { path: string; ifNoneMatch?: string; status?: number }[] = [];

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '/';
    const entry: (typeof requests)[number] = { path, ifNoneMatch: req.headers['if-none-match'] };
    requests.push(entry);
    const send = (status: number, body: string | Buffer, headers: Record<string, string> = {}) => {
      entry.status = status;
      res.writeHead(status, headers).end(body);
    };
    if (path === '/robots.txt') return send(200, 'User-agent: *\nDisallow: /private/\n', { 'content-type': 'text/plain' });
    if (path === '/feed.xml') {
      const etag = `"v${items}"`;
      if (req.headers['if-none-match'] === etag) return send(304, '', { etag });
      return send(200, feed(base, items), { 'content-type': 'application/rss+xml; charset=utf-8', etag });
    }
    const id = /^\/a\/(\d+)\.html$/.exec(path)?.[1];
    if (id && ARTICLES.some((a) => a[0] === id)) return send(200, article(id), { 'content-type': 'text/html; charset=utf-8' });
    if (path === '/slow.xml') return void (entry.status = 0); // never answers: the fetcher's time limit ends it
    if (path === '/loop-a') return send(302, '', { location: '/loop-b' });
    if (path === '/loop-b') return send(302, '', { location: '/loop-a' });
    if (path === '/huge.xml') {
      // 50 MB in 1 MB pieces, no Content-Length: the limit must stop it as it streams in
      entry.status = 200;
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      const piece = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const more = () => {
        while (sent < 50 && !res.destroyed) {
          sent++;
          if (!res.write(piece)) return void res.once('drain', more);
        }
        if (!res.destroyed) res.end();
      };
      res.on('error', () => undefined);
      return more();
    }
    if (path === '/list.html')
      return send(
        200,
        `<html><body><a href="/">首页</a><a href="/a/2024003.html">${ARTICLES[2][1]}</a><a href="http://other.invalid/2024/0601/1.html">外站</a></body></html>`,
        { 'content-type': 'text/html; charset=utf-8' },
      );
    if (path === '/broken.xml') return send(200, 'this is no feed <<< &&', { 'content-type': 'application/rss+xml' });
    return send(404, 'not found');
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tc-watch-'));
    store = await openStore(join(dir, 'o.db'));
    server = createServer(handle);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const add = (location: string, name: string, kind: Source['kind'] = 'feed') =>
      store.addSource({ kind, location: `${base}${location}`, name, everySeconds: 1 });
    await add('/feed.xml', 'good');
    await add('/missing.xml', 'missing');
    await add('/slow.xml', 'slow');
    await add('/loop-a', 'loop');
    await add('/huge.xml', 'huge');
    await add('/broken.xml', 'broken');
    await add('/private/feed.xml', 'private');
    await add('/list.html', 'list', 'page');
  });

  afterAll(async () => {
    await store?.close();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  const round = async () => {
    const watcher = await Watcher.open({ store, fetcher: { hostIntervalMs: 0, timeoutMs: 400, maxBytes: 2 * 1024 * 1024 } });
    try {
      return await watcher.once();
    } finally {
      await watcher.close();
    }
  };
  const byName = async (name: string) => (await store.sources()).find((s) => s.name === name)!;
  /** Waits until the named sources (default: all) are due again. */
  const untilDue = async (...names: string[]) => {
    const sources = (await store.sources()).filter((s) => !names.length || names.includes(s.name));
    const latest = Math.max(...sources.map((s) => Date.parse(s.nextDueAt)));
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, latest - Date.now() + 20)));
  };

  it('ingests a feed’s items once, and lands each broken source as an error on it', async () => {
    const summary = await round();
    expect(summary.visits).toHaveLength(8);
    const reports = await store.reports();
    expect(reports.rows.map((r) => r.title).sort()).toEqual(
      ARTICLES.slice(0, 3)
        .map((a) => a[1])
        .sort(),
    );
    expect(reports.rows.every((r) => r.location.startsWith(`${base}/a/`))).toBe(true);
    const good = await byName('good');
    expect(good).toMatchObject({ itemsSeen: 3, consecutiveErrors: 0, lastError: null, etag: '"v3"' });
    const reasons: Record<string, RegExp> = {
      missing: /HTTP 404/,
      slow: /no answer within 0\.4 s/,
      loop: /redirect loop/,
      huge: /passed the 2\.0 MB limit/,
      broken: /malformed feed/,
      private: /robots\.txt .* disallows/,
    };
    for (const [name, reason] of Object.entries(reasons)) {
      const source = await byName(name);
      expect(source.lastError, name).toMatch(reason);
      expect(source.consecutiveErrors, name).toBe(1);
      expect((await store.sourceErrors(source.id))[0].reason, name).toMatch(reason);
    }
    expect(requests.some((r) => r.path.startsWith('/private/'))).toBe(false);
    // a list page: its same-site article followed (already stored by the feed: no second copy), the other site's not
    expect(await byName('list')).toMatchObject({ itemsSeen: 1, consecutiveErrors: 0 });
    expect(reports.total).toBe(3);
    const changes = await store.changes({ kinds: ['report'] });
    expect(changes.map((c) => c.title).sort()).toEqual(
      ARTICLES.slice(0, 3)
        .map((a) => a[1])
        .sort(),
    );
  });

  it('asks again with the validators: a 304 fetches nothing', async () => {
    await untilDue();
    const before = requests.length;
    const summary = await round();
    const asked = requests.slice(before);
    expect(asked.find((r) => r.path === '/feed.xml')).toMatchObject({ ifNoneMatch: '"v3"', status: 304 });
    expect(asked.some((r) => r.path.startsWith('/a/'))).toBe(false);
    expect(summary.visits.find((v) => v.location.endsWith('/feed.xml'))?.status).toBe('not-modified');
    expect((await store.reports()).total).toBe(3);
    // the broken ones failed again, backing off
    expect((await byName('missing')).consecutiveErrors).toBe(2);
  });

  it('picks up a new item, fetching only its article', async () => {
    items = 4;
    await untilDue('good');
    const before = requests.length;
    await round();
    const articles = requests.slice(before).filter((r) => r.path.startsWith('/a/'));
    expect(articles.map((r) => r.path)).toEqual(['/a/2024004.html']);
    expect((await store.reports()).total).toBe(4);
    expect(await byName('good')).toMatchObject({ itemsSeen: 4, etag: '"v4"' });
  });
});
