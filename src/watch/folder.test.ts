// Folder sources: files written while watching — one of them slowly, in pieces — are each ingested
// once and complete; an unchanged file is not read again, a changed one is; a --once scan leaves a
// file still being written for later.
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Source, type Store } from '../store/index.ts';
import { scanFolder } from './folder.ts';
import { Watcher } from './watcher.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const PIECES = [
  '川渝共建西部金融中心取得新进展\n\n2024年5月20日\n\n',
  '记者从重庆市地方金融管理局获悉，今年一季度，',
  '川渝两地跨境人民币结算量达到1234亿元，',
  '同比增长15.2%。两地将继续深化金融合作。\n',
];

async function until(check: () => Promise<boolean>, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe('folder sources', () => {
  let dir: string;
  let inbox: string;
  let store: Store;
  let source: Source;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tc-folder-'));
    inbox = join(dir, 'inbox');
    mkdirSync(inbox);
    store = await openStore(join(dir, 'o.db'));
    source = await store.addSource({ kind: 'folder', location: inbox, name: 'inbox', everySeconds: 3600 });
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ingests files written while watching once each, the slow one complete', async () => {
    const log: string[] = [];
    const stop = new AbortController();
    const watcher = await Watcher.open({ store, settleMs: 400, tickMs: 50, log: (line) => log.push(line) });
    const running = watcher.run(stop.signal);
    try {
      await until(async () => log.some((l) => l.includes('following')), 'the folder to be followed');
      await sleep(200); // chokidar's first scan
      writeFileSync(join(inbox, 'quick.txt'), '成渝中线高铁加快建设\n\n2024年5月21日\n\n成渝中线高铁全长292公里，设计时速350公里。\n');
      const slow = join(inbox, 'slow.txt');
      for (const piece of PIECES) {
        appendFileSync(slow, piece);
        await sleep(150); // under the settle time: the file is still being written
      }
      await until(async () => (await store.reports()).total === 2, 'both reports');
      await watcher.foldersIdle();
      const reports = (await store.reports()).rows;
      const slowReport = await store.report(reports.find((r) => r.location === slow)!.id);
      expect(slowReport!.text).toContain('同比增长15.2%');
      expect(slowReport!.quantities.map((q) => q.text)).toEqual(expect.arrayContaining(['1234亿元']));
      // once each: a half-read file would have been stored, then replaced (two report changes)
      expect((await store.changes({ kinds: ['report'] })).map((c) => c.reportId).sort()).toEqual(reports.map((r) => r.id).sort());
      expect(await store.source(source.id)).toMatchObject({ itemsSeen: 2, consecutiveErrors: 0 });
    } finally {
      stop.abort();
      await running;
      await watcher.close();
    }
  });

  it('never reads an unchanged file again; a changed one is read again', async () => {
    const log: string[] = [];
    const current = (await store.source(source.id))!;
    const again = await scanFolder(current, { store, settleMs: 0, log: (line) => log.push(line) });
    expect(again).toMatchObject({ files: 2, fresh: 0, stored: 0 });
    expect(log).toEqual([]);

    const quick = join(inbox, 'quick.txt');
    writeFileSync(quick, '成渝中线高铁加快建设\n\n2024年5月21日\n\n成渝中线高铁全长292公里，设计时速350公里，预计2027年建成。\n');
    const changed = await scanFolder(current, { store, settleMs: 0 });
    expect(changed).toMatchObject({ fresh: 1, stored: 1 });
    expect((await store.reports()).total).toBe(2);
  });

  it('a scan leaves a file modified within the settle time for later', async () => {
    const late = join(inbox, 'late.txt');
    writeFileSync(late, '川渝两地加快建设\n\n2024年5月22日\n\n川渝合作项目有序推进。\n');
    const current = (await store.source(source.id))!;
    expect(await scanFolder(current, { store, settleMs: 60_000 })).toMatchObject({ fresh: 0, settling: 1 });
    const past = new Date(Date.now() - 120_000);
    utimesSync(late, past, past);
    expect(await scanFolder(current, { store, settleMs: 60_000 })).toMatchObject({ fresh: 1, settling: 0, stored: 1 });
  });
});
