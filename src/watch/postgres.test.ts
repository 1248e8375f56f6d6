// Many watchers, one PostgreSQL database: three `twincity watch` processes over the same sources
// ingest every report exactly once; one killed (SIGKILL) in the middle of a visit has that visit
// finished by the others once its job times out.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, postgresAvailable } from '../../test/postgres.ts';
import { repoRoot, twincityBin } from '../../test/helpers.ts';
import { openStore, type Store } from '../store/index.ts';

const FEEDS = ['cq', 'sc', 'cd'];
const PER_FEED = 2;
const CITY: Record<string, string> = { cq: '重庆', sc: '四川', cd: '成都' };

const articleHtml = (feed: string, n: number) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${CITY[feed]}推进双城经济圈建设第${n}篇</title></head><body><article>` +
  `<h1>${CITY[feed]}推进双城经济圈建设第${n}篇</h1><p>2024年5月${n + 10}日</p><p>${CITY[feed]}今年以来新开工重大项目${n * 37 + FEEDS.indexOf(feed)}个，` +
  `记者从有关部门获悉，${CITY[feed]}将继续推动成渝地区双城经济圈建设走深走实。</p></article></body></html>`;

const feedXml = (base: string, feed: string) =>
  `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>${feed}</title>` +
  Array.from({ length: PER_FEED }, (_, i) => `<item><title>${CITY[feed]}${i + 1}</title><link>${base}/${feed}/${2024100 + i}.html</link></item>`).join('') +
  '</channel></rss>';

describe.skipIf(!postgresAvailable)('three watchers on one PostgreSQL store', () => {
  let server: Server;
  let base: string;
  let url: string;
  let drop: () => Promise<void>;
  let store: Store;
  const children: ChildProcess[] = [];
  /** The feed whose first article is held unanswered until a watcher visiting it has been killed. */
  const held = 'cq';
  let release: (() => void) | null = null;
  const releasing = new Promise<void>((resolve) => (release = resolve));
  let heldRequested: () => void;
  const heldRequest = new Promise<void>((resolve) => (heldRequested = resolve));

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '/';
    const feed = /^\/(\w+)\/feed\.xml$/.exec(path)?.[1];
    if (feed && FEEDS.includes(feed)) return res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feedXml(base, feed));
    const article = /^\/(\w+)\/(\d+)\.html$/.exec(path);
    if (article && FEEDS.includes(article[1])) {
      if (article[1] === held) {
        heldRequested();
        await releasing;
      }
      return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articleHtml(article[1], Number(article[2]) - 2024099));
    }
    res.writeHead(404).end();
  };

  beforeAll(async () => {
    const db = await freshDatabase();
    url = db.url;
    drop = db.drop;
    store = await openStore(url);
    server = createServer((req, res) => void handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const feed of FEEDS) await store.addSource({ kind: 'feed', location: `${base}/${feed}/feed.xml`, name: feed, everySeconds: 3600 });
  }, 60_000);

  afterAll(async () => {
    release?.();
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await store?.close();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await drop?.();
  });

  it('ingest every report exactly once, a killed watcher’s visit finished by the others', async () => {
    const logs: string[] = [];
    for (let n = 0; n < 3; n++) {
      const child = spawn(process.execPath, [twincityBin, 'watch', '--store', url, '--job-timeout', '4s', '--poll', '1s', '--pace', '50'], {
        cwd: repoRoot,
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      logs[n] = '';
      child.stderr!.on('data', (chunk: Buffer) => (logs[n] += chunk.toString()));
      children.push(child);
    }
    // the watcher visiting the held feed is mid-job: kill it there
    await heldRequest;
    const visiting = () => logs.findIndex((log) => log.includes(`${held}: visiting`));
    while (visiting() < 0) await new Promise((resolve) => setTimeout(resolve, 50));
    const victim = children[visiting()];
    const gone = new Promise((resolve) => victim.once('exit', resolve));
    victim.kill('SIGKILL');
    await gone;
    release!();

    const deadline = Date.now() + 45_000;
    while ((await store.reports()).total < FEEDS.length * PER_FEED && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    for (const child of children) if (child !== victim) child.kill('SIGTERM');
    await Promise.all(
      children.filter((c) => c !== victim).map((c) => new Promise((resolve) => (c.exitCode !== null ? resolve(null) : c.once('exit', resolve)))),
    );

    const reports = await store.reports({ limit: 100 });
    const locations = reports.rows.map((r) => r.location).sort();
    const expected = FEEDS.flatMap((feed) => Array.from({ length: PER_FEED }, (_, i) => `${base}/${feed}/${2024100 + i}.html`)).sort();
    expect(locations, logs.join('\n---\n')).toEqual(expected);
    expect(new Set(reports.rows.map((r) => r.contentHash)).size).toBe(expected.length);
    const reportChanges = await store.changes({ kinds: ['report'] });
    expect(reportChanges).toHaveLength(expected.length);
    for (const source of await store.sources()) expect(source, source.name).toMatchObject({ itemsSeen: PER_FEED, consecutiveErrors: 0 });
    // the survivors did the work between them: more than one watcher visited
    const visitors = logs.filter((log, n) => children[n] !== victim && /: visiting /.test(log));
    expect(visitors.length).toBeGreaterThanOrEqual(1);
  }, 60_000);
});
