import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { documentFromJSON } from '../document/index.ts';
import { openStore, type Store } from '../store/index.ts';
import { readInputs } from '../read/index.ts';
import { countReportFiles, expandInputs } from '../read/walk.ts';
import { ingestPaths, type IngestProgress } from './index.ts';
import { processTask } from './process.ts';

const corpusDir = join(import.meta.dirname, '..', '..', 'data', 'corpus');
const corpusFiles = readdirSync(corpusDir)
  .filter((n) => !n.startsWith('.'))
  .sort();

const opened: Store[] = [];
afterEach(async () => {
  while (opened.length) await opened.pop()!.close();
});

async function fresh(): Promise<{ dir: string; store: Store }> {
  const dir = mkdtempSync(join(tmpdir(), 'tc-ingest-'));
  const store = await openStore(join(dir, 'store.db'));
  opened.push(store);
  return { dir, store };
}

/** The bundled reports copied into `dir/in`, so a test can change them. */
function copyCorpus(dir: string): string {
  const input = join(dir, 'in');
  mkdirSync(input);
  for (const name of corpusFiles) copyFileSync(join(corpusDir, name), join(input, name));
  return input;
}

describe('ingestPaths', () => {
  it('records bad input as failed with its reason and ingests the rest', async () => {
    const { dir, store } = await fresh();
    const input = copyCorpus(dir);
    writeFileSync(join(input, 'aaa-empty.txt'), '');
    writeFileSync(join(input, 'aab-binary.html'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
    const missing = join(dir, 'no-such-report.html');

    const summary = await ingestPaths([input, missing], { store, workers: 1 });

    expect(summary).toMatchObject({ read: corpusFiles.length + 3, new: corpusFiles.length, unchanged: 0, replaced: 0, failed: 3 });
    const reasons = Object.fromEntries(summary.failures.map((f) => [f.location.split('/').pop(), f.reason]));
    expect(reasons['aaa-empty.txt']).toMatch(/empty/);
    expect(reasons['aab-binary.html']).toMatch(/not a report/);
    expect(reasons['no-such-report.html']).toMatch(/no such file/);
    // the store keeps them too, for the dashboard and `twincity` to show
    expect((await store.failures()).map((f) => f.location).sort()).toEqual(summary.failures.map((f) => f.location).sort());
    expect((await store.stats()).reports).toBe(corpusFiles.length);
  });

  it('commits in read order, whatever order the workers finish in', async () => {
    const { dir, store } = await fresh();
    const input = copyCorpus(dir);
    await ingestPaths([input], { store, workers: 2, window: 3 });
    const rows = (await store.reports({ limit: 100 })).rows.sort((a, b) => a.id - b.id);
    expect(rows.map((r) => r.source)).toEqual(corpusFiles);
  });

  it('is a no-op on the same content and replaces a changed report', async () => {
    const { dir, store } = await fresh();
    const input = copyCorpus(dir);
    await ingestPaths([input], { store, workers: 2 });
    const before = await store.stats();

    const again = await ingestPaths([input], { store, workers: 2 });
    expect(again).toMatchObject({ new: 0, unchanged: corpusFiles.length, replaced: 0, failed: 0 });
    expect(await store.stats()).toMatchObject({ reports: before.reports, quantities: before.quantities, events: before.events });

    // an edited report at the same place replaces its old version
    const edited = join(input, corpusFiles[1]);
    appendFileSync(edited, '\n\n川渝两地今年新开通跨省城际公交线路6条。\n');
    const third = await ingestPaths([input], { store, workers: 2 });
    expect(third).toMatchObject({ new: 0, replaced: 1, unchanged: corpusFiles.length - 1 });
    expect((await store.stats()).reports).toBe(corpusFiles.length);
  });

  it('reports progress after every report, with the number of files found', async () => {
    const { dir, store } = await fresh();
    const input = copyCorpus(dir);
    const seen: IngestProgress[] = [];
    await ingestPaths([input], { store, workers: 1, onProgress: (p) => seen.push(p) });
    expect(seen.map((p) => p.done)).toEqual(corpusFiles.map((_, i) => i + 1));
    expect(seen.at(-1)).toMatchObject({ new: corpusFiles.length, failed: 0 });
    expect(seen.at(-1)!.bytes).toBeGreaterThan(0);
  });

  it('stops reading when asked, and writes what it has read', async () => {
    const { dir, store } = await fresh();
    const input = copyCorpus(dir);
    const stop = new AbortController();
    stop.abort();
    const summary = await ingestPaths([input], { store, workers: 1, signal: stop.signal });
    expect(summary.stopped).toBe(true);
    expect(summary.read).toBe(1);
    expect((await store.stats()).reports).toBe(1);
  });
});

describe('expandInputs', () => {
  it('lists files in the order and with the filter of the reader', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tc-expand-'));
    mkdirSync(join(dir, 'b', 'Z'), { recursive: true });
    mkdirSync(join(dir, 'a'));
    for (const p of ['b/Z/2.md', 'b/10.html', 'b/9.txt', 'a/x.htm', 'A.txt', 'b/.draft.html', 'b/notes.docx'])
      writeFileSync(join(dir, p), `第${p}号报告：川渝两地新开通跨省公交线路6条。`);
    const listed: string[] = [];
    for await (const entry of expandInputs([dir])) if (!('skipped' in entry)) listed.push(entry.input);
    const read: string[] = [];
    const skipped: string[] = [];
    for await (const result of readInputs([dir])) {
      if (!result.ok && result.error.ruleId === 'read:not-a-report') skipped.push(result.error.message);
      else read.push(result.ok ? result.doc.location : result.error.location);
    }
    expect(skipped).toEqual([expect.stringMatching(/notes\.docx: skipped: \.docx is not a kind of report/)]);
    expect(listed).toEqual(read);
    expect(listed.map((p) => p.slice(dir.length + 1))).toEqual(['A.txt', 'a/x.htm', 'b/10.html', 'b/9.txt', 'b/Z/2.md']);
  });
});

describe('countReportFiles', () => {
  it('counts report files as the reader walks them (hidden entries skipped)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tc-count-'));
    mkdirSync(join(dir, 'a', 'b'), { recursive: true });
    mkdirSync(join(dir, '.cache'));
    for (const p of ['a/x.html', 'a/b/y.md', 'z.txt', '.hidden.html', '.cache/w.html', 'a/photo.png']) writeFileSync(join(dir, p), 'x');
    expect(await countReportFiles([dir, 'https://example.org/feed.xml'])).toBe(4);
  });
});

describe('processTask', () => {
  it('reads, cleans and extracts one file into plain data', async () => {
    const [report] = await processTask({ input: join(corpusDir, corpusFiles[0]) });
    expect(report.ok).toBe(true);
    if (!report.ok || report.unchanged) throw new Error('expected an extracted report');
    const doc = documentFromJSON(structuredClone(report.doc));
    expect(doc.location).toBe(join(corpusDir, corpusFiles[0]));
    expect(doc.quantities.length).toBeGreaterThan(0);
    for (const q of doc.quantities) expect(doc.text.slice(q.span[0], q.span[1])).toMatch(/\d|[一二三四五六七八九十两]/);
    expect(report.bytes.byteLength).toBe(readFileSync(join(corpusDir, corpusFiles[0])).byteLength);
  });

  it('gives one report per feed item, and a reason for what it cannot read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tc-task-'));
    const feed = join(dir, 'feed.xml');
    writeFileSync(
      feed,
      `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>川渝</title>
      <item><title>成渝班列开行</title><link>https://example.org/1</link><pubDate>Tue, 28 Jun 2022 05:08:04 GMT</pubDate>
      <description>1—5月，成渝两地联合开行中欧班列1475列。</description></item>
      <item><title>川渝通办</title><link>https://example.org/2</link><pubDate>Wed, 29 Jun 2022 05:08:04 GMT</pubDate>
      <description>川渝通办事项累计办件量超过1800万件次。</description></item></channel></rss>`,
    );
    const items = await processTask({ input: feed });
    expect(items.map((r) => r.ok)).toEqual([true, true]);

    writeFileSync(join(dir, 'empty.txt'), '');
    const [empty] = await processTask({ input: join(dir, 'empty.txt') });
    expect(empty).toMatchObject({ ok: false, location: join(dir, 'empty.txt') });
    if (!empty.ok) expect(empty.reason).toMatch(/empty/);
  });

  it('skips extracting what the store already holds as it is, and extracts what changed', async () => {
    const { dir, store } = await fresh();
    const input = copyCorpus(dir);
    await ingestPaths([input], { store, workers: 1 });
    const [first, second] = corpusFiles.map((name) => join(input, name));
    appendFileSync(second, '\n2023年，两地新开行班列100列。\n');
    const skipped = await processTask({ input: first, storePath: store.path });
    expect(skipped).toMatchObject([{ ok: true, unchanged: true, location: first }]);
    const [changed] = await processTask({ input: second, storePath: store.path });
    expect(changed.ok && !changed.unchanged && changed.location).toBe(second);
    // a copy of a stored report at a new place is stored already, too
    copyFileSync(first, join(input, 'zz-copy.txt'));
    expect(await processTask({ input: join(input, 'zz-copy.txt'), storePath: store.path })).toMatchObject([{ unchanged: true }]);
    // and the ingest around it counts them
    const again = await ingestPaths([input], { store, workers: 1 });
    expect(again).toMatchObject({ new: 0, replaced: 1, unchanged: corpusFiles.length, failed: 0 });
  });
});
