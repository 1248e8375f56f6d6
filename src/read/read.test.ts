import { mkdtempSync, writeFileSync, openSync, ftruncateSync, closeSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as api from './index.ts';
import { readBytes, readBytesAsync, readInputs, type ReadResult } from './index.ts';
import { decodeBytes } from './charset.ts';
import { parseDate } from '../document/dates.ts';
import { readSimpleYaml } from './markdown.ts';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const fixture = (name: string) => join(fixtures, name);
const bytesOf = (name: string) => new Uint8Array(readFileSync(fixture(name)));

async function collect(inputs: string[], opts?: Parameters<typeof readInputs>[1]): Promise<ReadResult[]> {
  const out: ReadResult[] = [];
  for await (const r of readInputs(inputs, opts)) out.push(r);
  return out;
}

const scratch = () => mkdtempSync(join(tmpdir(), 'twincity-read-'));

describe('read module', () => {
  it('exports its public surface', () => {
    expect(Object.keys(api).sort()).toEqual(
      ['DEFAULT_MAX_BYTES', 'decodeBytes', 'keptBytes', 'parseDate', 'readBytes', 'readBytesAsync', 'readFrontMatter', 'readInputs'].sort(),
    );
  });
});

describe('every reader keeps the same contract', () => {
  const cases = ['gbk-page.html', 'big5-page.html', 'undeclared-gbk.htm', 'front-matter.md', 'feed.rss', 'feed.atom', 'ocr.txt', 'report.pdf'];
  it.each(cases)('%s', async (name) => {
    const docs = await readBytesAsync(bytesOf(name), { location: fixture(name) });
    expect(docs.length).toBeGreaterThan(0);
    for (const doc of docs) {
      expect(doc.source.startsWith(name)).toBe(true);
      expect(doc.location).toBe(fixture(name));
      expect(['html', 'markdown', 'text', 'pdf', 'feed-item']).toContain(doc.format);
      expect(doc.contentHash).toMatch(/^[0-9a-f]{64}$/);
      expect(doc.charset).toBeTruthy();
      expect(doc.raw.trim().length).toBeGreaterThan(0);
      expect(doc.text).toBe(''); // cleaning is the next stage's job
      expect(doc.meta.published === null || /^\d{4}-\d{2}-\d{2}$/.test(doc.meta.published)).toBe(true);
      expect(JSON.parse(JSON.stringify(doc.meta))).toEqual(doc.meta);
    }
    // Reading the same bytes again gives the same documents (hashes included).
    expect((await readBytesAsync(bytesOf(name), { location: fixture(name) })).map((d) => d.contentHash)).toEqual(docs.map((d) => d.contentHash));
  });
});

describe('charsets', () => {
  it('reads a GB2312-declared page (decoded as GB18030, so GBK-only characters survive)', () => {
    const [doc] = readBytes(bytesOf('gbk-page.html'), { location: fixture('gbk-page.html') });
    expect(doc.format).toBe('html');
    expect(doc.charset).toBe('gb18030');
    expect(doc.raw).toContain('中欧班列（成渝）累计开行突破5000列');
    expect(doc.raw).toContain('镕、珺等生僻字');
    expect(doc.raw).not.toContain('\uFFFD');
  });

  it('reads Big5', () => {
    const [doc] = readBytes(bytesOf('big5-page.html'), { location: 'big5-page.html' });
    expect(doc.charset).toMatch(/big5/);
    expect(doc.raw).toContain('成渝雙城經濟圈建設取得新進展');
  });

  it('detects GBK when the page declares nothing', () => {
    const [doc] = readBytes(bytesOf('undeclared-gbk.htm'), { location: 'undeclared-gbk.htm' });
    expect(doc.raw).toContain('两江新区今年上半年新签约项目120个');
    expect(doc.messages.map((m) => m.ruleId)).toContain('charset:detected');
  });

  it('lets a byte-order mark and the transport charset outrank the page', () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('<meta charset="gbk"><p>成渝</p>')]);
    expect(decodeBytes(bom)).toMatchObject({ charset: 'utf-8', evidence: 'bom' });
    const gbk = iconv.encode('<p>重庆</p>', 'gbk');
    expect(decodeBytes(gbk, { transportCharset: 'GBK' })).toMatchObject({ text: '<p>重庆</p>', evidence: 'transport' });
  });

  it('trusts valid UTF-8 over a stale legacy declaration', () => {
    const bytes = Buffer.from('<meta charset="gb2312"><p>成渝地区双城经济圈</p>');
    expect(decodeBytes(bytes)).toMatchObject({ charset: 'utf-8', text: '<meta charset="gb2312"><p>成渝地区双城经济圈</p>' });
  });
});

describe('readers', () => {
  it('reads Markdown front matter into meta (YAML, dates read literally)', () => {
    const [doc] = readBytes(bytesOf('front-matter.md'), { location: 'front-matter.md' });
    expect(doc.format).toBe('markdown');
    expect(doc.meta).toMatchObject({ title: '成渝共建西部金融中心取得阶段性成效', published: '2023-11-02', author: '四川日报', categories: ['金融', '成渝'] });
  });

  it('finds front matter by content, whatever the extension', () => {
    const text = '---\ntitle: 标题\ndate: Tue, 28 Jun 2022 05:08:04 GMT\n---\n<p>正文</p>';
    const [doc] = readBytes(Buffer.from(text), { location: 'report.txt' });
    expect(doc.format).toBe('markdown');
    expect(doc.meta.published).toBe('2022-06-28');
  });

  it('reads every RSS item as a report with its link, date, author and content', () => {
    const docs = readBytes(bytesOf('feed.rss'), { location: fixture('feed.rss') });
    expect(docs.map((d) => d.source)).toEqual(['feed.rss#1', 'feed.rss#2']);
    expect(docs[0]).toMatchObject({ format: 'feed-item' });
    expect(docs[0].meta).toMatchObject({
      title: '成渝中线高铁建设提速',
      url: 'https://example.org/a/1',
      published: '2024-03-05',
      author: '记者王五',
      categories: ['交通'],
    });
    expect(docs[0].raw).toContain('<p>成渝中线高铁全长292公里');
    expect(docs[1].raw).toBe('两地推出精品旅游线路70余条，年接待游客超过1亿人次。');
    expect(new Set(docs.map((d) => d.contentHash)).size).toBe(2);
  });

  it('reads Atom entries (link href, published, escaped HTML content)', () => {
    const [doc] = readBytes(bytesOf('feed.atom'), { location: 'feed.atom' });
    expect(doc.meta).toMatchObject({ title: '西部陆海新通道班列开行量增长', url: 'https://example.net/n/7', published: '2024-01-15', author: '新华社' });
    expect(doc.raw).toBe('<p>今年以来，西部陆海新通道铁海联运班列开行9000列，同比增长15%。</p>');
  });

  it('reads plain text as text', () => {
    const [doc] = readBytes(bytesOf('ocr.txt'), { location: 'ocr.txt' });
    expect(doc).toMatchObject({ format: 'text', charset: 'utf-8', source: 'ocr.txt' });
    expect(doc.raw).toBe(readFileSync(fixture('ocr.txt'), 'utf8'));
  });

  it('reads a PDF text layer (async path) and refuses it on the sync path', async () => {
    const bytes = bytesOf('report.pdf');
    expect(() => readBytes(bytes, { location: 'report.pdf' })).toThrow(/readBytesAsync/);
    const [doc] = await readBytesAsync(bytes, { location: 'report.pdf' });
    expect(doc.format).toBe('pdf');
    expect(doc.raw).toContain('Chengdu-Chongqing rail freight grew 12.5% in 2023.');
    expect(doc.meta.title).toBe('Rail freight report');
  });

  it('reads gzipped pages, hashing the bytes as stored', () => {
    const raw = bytesOf('gbk-page.html');
    const gz = gzipSync(raw);
    const [doc] = readBytes(gz, { location: '/x/page.html.gz' });
    expect(doc.format).toBe('html');
    expect(doc.source).toBe('page.html.gz');
    expect(doc.raw).toContain('中欧班列');
    const [plain] = readBytes(raw, { location: '/x/page.html' });
    expect(doc.contentHash).not.toBe(plain.contentHash);
  });

  it('reads dates as printed', () => {
    expect(parseDate('2024年6月22日')).toBe('2024-06-22');
    expect(parseDate('2022-06-28T23:30:00+08:00')).toBe('2022-06-28');
    expect(parseDate('June 3, 2019')).toBe('2019-06-03');
    expect(parseDate('2023-02-30')).toBeNull();
    expect(parseDate('第二季度')).toBeNull();
  });

  it('reads month-first dates and does not take a date range for a date', () => {
    expect(parseDate('9/17/2004 5:54:13 AM')).toBe('2004-09-17');
    expect(parseDate('2023-5-6')).toBe('2023-05-06');
    expect(parseDate('2023年05月06日 10:12')).toBe('2023-05-06');
    expect(parseDate('2023.5.6')).toBe('2023-05-06');
    // The end of "12/01/2004 - 01/01/2005" is 2005-01-01 (month first), never "2004 - 01/01".
    expect(parseDate('12/01/2004 - 01/01/2005')).toBe('2004-12-01');
    expect(parseDate('档案 2004 - 01/01')).toBeNull();
    expect(parseDate('2004-01/01')).toBeNull();
  });
});

describe('bad input never stops a batch', () => {
  const dir = scratch();
  const files = {
    empty: join(dir, 'a-empty.html'),
    binary: join(dir, 'b-binary.html'),
    truncatedGz: join(dir, 'c-truncated.html.gz'),
    truncatedHtml: join(dir, 'd-truncated.html'),
    undecodable: join(dir, 'e-undecodable.txt'),
    huge: join(dir, 'f-huge.html'),
    good: join(dir, 'g-good.txt'),
    whitespace: join(dir, 'h-blank.txt'),
  };
  writeFileSync(files.empty, '');
  writeFileSync(files.binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
  writeFileSync(files.truncatedGz, gzipSync(Buffer.from('<html><body><p>成渝双城经济圈</p></body></html>')).subarray(0, 20));
  writeFileSync(files.truncatedHtml, '<html><body><div id="content"><p>成渝两地联合开行中欧班列1475列，约占全国开行量的21%，合作不断深化');
  // Declared UTF-8, but the body is bytes no UTF-8 text contains.
  writeFileSync(
    files.undecodable,
    Buffer.concat([Buffer.from('<meta charset="utf-8">'), Buffer.from(Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 0xff : 0xfe)))]),
  );
  // A 100 MB page as a sparse file: refused from its size, never read.
  const fd = openSync(files.huge, 'w');
  ftruncateSync(fd, 100 * 1024 * 1024);
  closeSync(fd);
  writeFileSync(files.good, '成渝地区双城经济圈建设稳步推进。');
  writeFileSync(files.whitespace, '  \n\n \t ');

  it('gives each bad file one clear reason and reads the rest', async () => {
    const results = await collect([dir, join(dir, 'missing.html')]);
    const errors = results.flatMap((r) => (r.ok ? [] : [r.error.message]));
    const docs = results.flatMap((r) => (r.ok ? [r.doc] : []));
    expect(errors).toEqual([
      `${files.empty}: empty file (0 bytes)`,
      `${files.binary}: PNG image, not a report`,
      `${files.truncatedGz}: truncated gzip data`,
      expect.stringMatching(new RegExp(`^${files.undecodable}: undecodable bytes`)),
      `${files.huge}: file is 100.0 MB, over the 64.0 MB limit (--max-bytes)`,
      `${files.whitespace}: file has no text (only whitespace)`,
      `${join(dir, 'missing.html')}: no such file or folder`,
    ]);
    expect(docs.map((d) => d.source)).toEqual(['d-truncated.html', 'g-good.txt']);
    expect(docs[0].messages.map((m) => m.ruleId)).toContain('html:truncated');
  });

  it('walks folders recursively in a fixed order, naming the files it skips', async () => {
    const root = scratch();
    mkdirSync(join(root, 'b'));
    mkdirSync(join(root, 'a'));
    writeFileSync(join(root, 'b', '2.txt'), '第二篇报道。');
    writeFileSync(join(root, 'a', '1.md'), '第一篇报道。');
    writeFileSync(join(root, 'z.txt'), '第三篇报道。');
    writeFileSync(join(root, 'image.png'), Buffer.from([0x89, 0x50]));
    writeFileSync(join(root, '.hidden.txt'), '隐藏');
    const results = await collect([root]);
    expect(results.map((r) => (r.ok ? r.doc.source : r.error.ruleId))).toEqual(['1.md', '2.txt', 'read:not-a-report', 'z.txt']);
    const skipped = results.find((r) => !r.ok);
    expect(skipped && !skipped.ok && skipped.error.message).toMatch(/image\.png: skipped: \.png is not a kind of report/);
  });
});

describe('JSON records', () => {
  const read = (name: string, value: unknown) => readBytes(Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)), { location: `/x/${name}` });

  it('reads an object holding a list of records as one report per record, numbered', () => {
    const docs = read('list.json', {
      total: 2,
      videoList: [
        { video_title: '[视频]川渝通办事项再扩容', pub_date: '2022-06-18 19:24:02', video_detail: { content: '<p>川渝通办事项达到311项。</p>' } },
        { video_title: '第二条', pub_date: '2022-06-18 19:30:00', brief: '新开通跨省公交6条。' },
      ],
    });
    expect(docs.map((d) => [d.source, d.format, d.meta.title, d.meta.published])).toEqual([
      ['list.json#1', 'feed-item', '川渝通办事项再扩容', '2022-06-18'],
      ['list.json#2', 'feed-item', '第二条', '2022-06-18'],
    ]);
    expect(docs[0].raw).toContain('<p>川渝通办');
    expect(docs[1].raw).toBe('新开通跨省公交6条。');
  });

  it('takes the publication date, not the crawl time, and falls back to the date in the link', () => {
    const [a, b] = read('arr.json', [
      { title: '甲', content: '正文甲。', timestamp: '2026-03-11T11:46:20', publish_time: 'Fri, 08 Sep 2023 00:00:00 GMT' },
      { title: '乙', summary: '正文乙。', link: '/realtime/china/story20230317-1373585' },
    ]);
    expect([a.meta.published, b.meta.published]).toEqual(['2023-09-08', '2023-03-17']);
  });

  it('reads a single record object as one report named by the file, and JSON Lines one per line', () => {
    const [one] = read('item.json', { id: 'x', date: '2025-11-23', title: '重大工程', content: '正文。', scrapedAt: '2025-12-01' });
    expect([one.source, one.meta.published]).toEqual(['item.json', '2025-11-23']);
    const lines = read('feed.jsonl', '{"title":"一","content":"甲。"}\n{"title":"二","content":"乙。"}\n');
    expect(lines.map((d) => d.source)).toEqual(['feed.jsonl#1', 'feed.jsonl#2']);
  });

  it('refuses broken JSON and JSON without records, naming the file', () => {
    expect(() => read('bad.json', '{"title": "x",')).toThrow(/\/x\/bad\.json: not valid JSON/);
    expect(() => read('nums.json', '[1, 2, 3]')).toThrow(/\/x\/nums\.json: JSON holds no record with a title or text/);
  });
});

describe('URLs', () => {
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/gbk') {
        res.writeHead(200, { 'content-type': 'text/html; charset=GBK' });
        res.end(iconv.encode('<html><body><p>重庆两江新区新签约项目120个。</p></body></html>', 'gbk'));
      } else if (req.url === '/big') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(Buffer.alloc(4096, 0x61));
      } else {
        res.writeHead(404, 'Not Found');
        res.end();
      }
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('fetches a page, honouring the transport charset, keeping the response bytes', async () => {
    const [result] = await collect([`${base}/gbk`]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.doc.source).toBe(`${base}/gbk`);
    expect(result.doc.raw).toContain('重庆两江新区新签约项目120个');
    expect(Buffer.from(result.bytes)).toEqual(iconv.encode('<html><body><p>重庆两江新区新签约项目120个。</p></body></html>', 'gbk'));
  });

  it('reports HTTP errors, oversized responses and unreachable hosts, and goes on', async () => {
    const results = await collect([`${base}/missing`, `${base}/big`, 'http://127.0.0.1:9/', `${base}/gbk`], { maxBytes: 1024, timeoutMs: 2000 });
    expect(results.map((r) => (r.ok ? 'ok' : r.error.reason))).toEqual([
      'HTTP 404 Not Found',
      'response passed the 0.0 MB limit',
      expect.stringMatching(/^unreachable \(/),
      'ok',
    ]);
  });
});

describe('front matter without the YAML library', () => {
  it('reads the shape feed archives write as the library does', () => {
    const source = [
      "title: '围绕五大领域 成渝双核联动不断提速'",
      'categories: ',
      ' - 金融',
      ' - 新浪财经－国內',
      'author: 新浪财经',
      'comments: false',
      'date: Tue, 28 Jun 2022 05:08:04 GMT',
      'link: https://app.cqrb.cn/2024/05/16/0000081.html',
      'tags:',
      'note: "双城 经济圈"',
    ].join('\n');
    expect(readSimpleYaml(source)).toEqual(parseYaml(source));
    expect(readSimpleYaml(source)?.categories).toEqual(['金融', '新浪财经－国內']);
  });

  it('leaves to the library what it does not read', () => {
    for (const source of [
      'title: 1.0',
      'a: [1, 2]',
      'a: |\n  text',
      'a: b # note',
      'a:\n  b: c',
      'a: x\na: y',
      'a: x\n  more',
      "a: 'open",
      'a: &x 1',
      'true: x',
      'a:\tb',
    ]) {
      expect(readSimpleYaml(source), source).toBeNull();
    }
  });

  it('agrees with the library on every document it accepts (generated)', () => {
    const words = [
      '标题',
      'a',
      'b c',
      "it's",
      "''",
      '"',
      ':',
      ': ',
      ' #',
      '#',
      '-',
      '- x',
      '1',
      '1.5',
      '0x1F',
      'true',
      'False',
      'null',
      '~',
      'yes',
      'on',
      '2024-05-16',
      'Tue, 28 Jun 2022',
      'http://a.b/c',
      '[x]',
      '{y}',
      '&a',
      '*a',
      '!t',
      '|',
      '>',
      '%',
      '@',
      '`',
      ',',
      '?',
      ' ',
      '  ',
      '\u3000',
      '－',
    ];
    const scalar = fc.array(fc.constantFrom(...words), { minLength: 0, maxLength: 4 }).map((parts) => parts.join(''));
    const key = fc.constantFrom('title', 'date', 'categories', 'tags', 'x-y', '_k', 'true', 'null', '1', 'k k', '__proto__');
    const line = fc.oneof(
      fc.tuple(key, scalar).map(([k, v]) => `${k}: ${v}`),
      fc.tuple(key, fc.constantFrom('', ' ')).map(([k, sp]) => `${k}:${sp}`),
      fc.tuple(fc.constantFrom('', ' ', '  '), scalar).map(([indent, v]) => `${indent}- ${v}`),
      fc
        .tuple(
          scalar.map((v) => `'${v}'`),
          key,
        )
        .map(([v, k]) => `${k}: ${v}`),
      fc
        .tuple(
          scalar.map((v) => `"${v}"`),
          key,
        )
        .map(([v, k]) => `${k}: ${v}`),
      fc.constant(''),
    );
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), (lines) => {
        const source = lines.join('\n');
        const simple = readSimpleYaml(source);
        if (simple === null) return;
        let library: unknown;
        try {
          library = parseYaml(source);
        } catch {
          throw new Error(`accepted what the library refuses:\n${source}`);
        }
        expect(simple, source).toEqual(library && typeof library === 'object' ? library : {});
      }),
      { numRuns: 3000 },
    );
  });
});
