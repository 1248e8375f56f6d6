/**
 * Hostile and large input (issue 16), with the bounds asserted: numbers that overflow, damaged
 * UTF-8, a text without sentence breaks, a feed of 3,000 items, and a fuzz run over the corpora.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { processDocument } from '../src/pipeline.ts';
import { keptBytes, readBytes } from '../src/read/index.ts';
import { buildServer } from '../src/serve/app.ts';
import { openStore } from '../src/store/index.ts';
import { runFuzz } from '../scripts/fuzz/run.ts';
import { hasShared, sharedDir } from './helpers.ts';

const scratch = mkdtempSync(join(tmpdir(), 'twincity-hostile-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const read = (text: string | Uint8Array, location = '/hostile/report.txt') =>
  readBytes(typeof text === 'string' ? new TextEncoder().encode(text) : text, { location }).map(processDocument);

/** Bytes of a SQLite store on disk, its WAL included. */
const storeBytes = (path: string) =>
  readdirSync(scratch)
    .filter((f) => f.startsWith(path.split('/').pop()!))
    .reduce((n, f) => n + statSync(join(scratch, f)).size, 0);

describe('finite numbers only', () => {
  it('drops a figure that overflows with a message, and keeps the rest of the report', () => {
    const [doc] = read(`2023年成都地区生产总值达到1${'亿'.repeat(60)}元，同比增长6%。`);
    expect(doc.quantities.map((q) => [q.value, q.unit])).toEqual([[6, '%']]);
    expect(doc.messages).toContainEqual(expect.objectContaining({ ruleId: 'extract:number-overflow', severity: 'warning' }));
    const [digits] = read(`成都地区生产总值达到${'9'.repeat(100_000)}元，增长6%。`);
    expect(digits.quantities.every((q) => Number.isFinite(q.value))).toBe(true);
    expect(digits.messages.map((m) => m.ruleId)).toContain('extract:number-overflow');
  });
});

describe('deep nesting', () => {
  // The DOM walks are iterative (src/clean/html-dom.ts): nesting depth is never call-stack depth.
  // 50,000 levels: far past any call stack; deeper costs only parse time (htmlparser2's is quadratic in depth).
  it('reads a page of 50,000 nested <div>s, closed, to its text without overflowing the stack', { timeout: 120_000 }, () => {
    const [doc] = read(
      `<html><body>${'<div>'.repeat(50_000)}<p>川渝两地今年共同实施重大合作项目300个。</p>${'</div>'.repeat(50_000)}</body></html>`,
      '/hostile/deep.html',
    );
    expect(doc.text).toBe('川渝两地今年共同实施重大合作项目300个。');
    expect(doc.quantities.length).toBeGreaterThan(0);
  });
});

describe('tolerant decoding', () => {
  const text = '成渝地区双城经济圈建设稳步推进，两地联合开行中欧班列1475列，约占全国开行量的21%。'.repeat(4);
  it('reads UTF-8 with a few damaged bytes as UTF-8, naming the offsets', () => {
    const bytes = new TextEncoder().encode(text);
    bytes[30] = 0xff;
    bytes[100] = 0x41; // a lead byte turned into ASCII leaves its continuation bytes stray
    const [doc] = read(bytes);
    expect(doc.charset).toBe('utf-8');
    expect(doc.text).toContain('\uFFFD');
    expect(doc.text).toContain('中欧班列1475列');
    const warning = doc.messages.find((m) => m.ruleId === 'charset:damaged-utf8');
    expect(warning?.reason).toMatch(/bytes 30, 10[01]/);
  });
  it('still reads GB18030 and Big5 as themselves', () => {
    expect(read(iconv.encode(text, 'gb18030'))[0]).toMatchObject({ charset: 'gb18030', text: expect.stringContaining('中欧班列') });
    const traditional = '成渝地區雙城經濟圈建設穩步推進，兩地聯合開行中歐班列1475列，約占全國開行量的21%。'.repeat(4);
    expect(read(iconv.encode(traditional, 'big5'))[0]).toMatchObject({ charset: 'big5-hkscs', text: expect.stringContaining('中歐班列') });
  });
});

describe.skipIf(!hasShared)('storage bounds', () => {
  // The shipped corpus run together as one sentence: every 。！？ and line break a comma.
  const corpus = join(sharedDir, 'corpus');
  const endless = readdirSync(corpus)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(join(corpus, f), 'utf8'))
    .join('')
    .replace(/[。！？!?\n\r；;]+/g, '，')
    .slice(0, 40_000);

  it('stores a text without sentence breaks in at most 20× its bytes, and fetches it fast', async () => {
    const path = join(scratch, 'endless.db');
    const store = await openStore(path);
    const [doc] = read(endless, '/hostile/endless.txt');
    expect(doc.quantities.length).toBeGreaterThan(50);
    const { reportId } = await store.ingestDocument(doc, new TextEncoder().encode(endless));
    await store.refreshDerived();
    const app = await buildServer({ store, webRoot: null, rateLimitPerMinute: false });
    const started = performance.now();
    const response = await app.inject({ method: 'GET', url: `/api/reports/${reportId}` });
    const ms = performance.now() - started;
    expect(response.statusCode).toBe(200);
    const detail = response.json<{ quantities: { span: [number, number]; sentenceText: string; text: string }[] }>();
    // every fact still shows its sentence, cut around it, with the figure inside
    for (const q of detail.quantities) {
      expect(q.sentenceText.length).toBeLessThanOrEqual(242);
      expect(q.sentenceText).toContain(q.text);
    }
    expect(ms).toBeLessThan(1000);
    await app.close();
    await store.close();
    const bytes = Buffer.byteLength(endless);
    expect(storeBytes(path)).toBeLessThanOrEqual(20 * bytes);
  });

  it('stores a feed of 3,000 small items in at most 20× its bytes, each item keeping its own bytes', async () => {
    const items = Array.from(
      { length: 3_000 },
      (_, i) =>
        `<item><title>成渝报道${i}</title><link>http://example.com/${i}</link><pubDate>Mon, 01 May 2023 08:00:00 GMT</pubDate>` +
        `<description>重庆新开工项目${(i % 97) + 1}个。</description></item>`,
    );
    const feed = new TextEncoder().encode(
      `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>测试</title>${items.join('')}</channel></rss>`,
    );
    const docs = readBytes(feed, { location: '/hostile/feed.xml' });
    expect(docs).toHaveLength(3_000);
    const own = keptBytes(docs[41], feed);
    expect(own.length).toBeLessThan(400);
    // the item's own bytes read back as that item alone
    expect(readBytes(own, { location: '/hostile/feed.xml' }).map((d) => d.meta.title)).toEqual(['成渝报道41']);
    const path = join(scratch, 'feed.db');
    const store = await openStore(path);
    await store.writeBatch(async () => {
      for (const doc of docs) await store.ingestDocument(processDocument(doc), keptBytes(doc, feed));
    });
    await store.close();
    expect(storeBytes(path)).toBeLessThanOrEqual(20 * feed.length);
  });
});

describe.skipIf(!hasShared)('fuzz', () => {
  it('reads mutated corpus files with 0 crashes, 0 hangs and 0 non-finite values', () => {
    const summary = runFuzz({ cases: 40, seed: 16, hangMs: 20_000, corpora: [join(sharedDir, 'corpus'), join(sharedDir, 'devcorpus')] });
    expect(summary.findings).toEqual([]);
    expect(summary.read + summary.refused).toBe(40);
  });
});
