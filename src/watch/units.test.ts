// The watcher's pure parts: intervals and back-off, what a source's body points at, what a user may add.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chineseMagnitude } from '../store/changes.ts';
import { pageArticleLinks, sourceItems } from './items.ts';
import { MAX_BACKOFF_SECONDS, formatInterval, nextWaitSeconds, parseInterval } from './schedule.ts';
import { describeSource, isPrivateAddress } from './sources.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('schedule', () => {
  it('reads and writes intervals, refusing what it cannot read', () => {
    expect([parseInterval('90s'), parseInterval('30m'), parseInterval('2h'), parseInterval('1d'), parseInterval('45')]).toEqual([90, 1800, 7200, 86_400, 45]);
    expect(formatInterval(1800)).toBe('30m');
    expect(formatInterval(90)).toBe('90s');
    expect(() => parseInterval('often')).toThrow(/cannot read the interval "often"/);
    expect(() => parseInterval('0s')).toThrow(/under a second/);
  });
  it('backs off after failures, doubling, within a ceiling', () => {
    expect(nextWaitSeconds(600, 0)).toBe(600);
    expect(nextWaitSeconds(600, 1)).toBe(600);
    expect(nextWaitSeconds(600, 3)).toBe(2400);
    expect(nextWaitSeconds(600, 30)).toBe(MAX_BACKOFF_SECONDS);
    expect(nextWaitSeconds(86_400, 5)).toBe(86_400);
  });
});

describe('source items', () => {
  const page = `<html><body><nav><a href="/">首页</a><a href="/news/">要闻</a><a href="https://other.example/2024/0601/1.html">外站</a></nav>
    <ul><li><a href="/news/202406/t20240601_123456.html">成渝一</a></li><li><a href="t20240602_123457.html#top">成渝二</a></li>
    <li><a href="https://www.site.example/news/202406/t20240601_123456.html">成渝一（重复）</a></li><li><a href="/files/202406/plan.docx">附件</a></li>
    <li><a href="javascript:void(0)">更多</a></li></ul></body></html>`;
  it('follows a list page’s article links on its own site only', () => {
    expect(pageArticleLinks(page, 'https://site.example/news/index.html')).toEqual([
      'https://site.example/news/202406/t20240601_123456.html',
      'https://site.example/news/t20240602_123457.html',
      'https://www.site.example/news/202406/t20240601_123456.html',
    ]);
  });
  it('takes a feed’s item links, and reads a page that answers with a feed as a feed', () => {
    const rss =
      '<rss version="2.0"><channel><item><title>一</title><link>/a/1.html</link></item><item><title>二</title><link>https://x.example/b/2.html</link></item></channel></rss>';
    expect(sourceItems(bytes(rss), 'https://x.example/feed.xml', 'page')).toEqual({
      kind: 'feed',
      urls: ['https://x.example/a/1.html', 'https://x.example/b/2.html'],
    });
  });
  it('names what is wrong with a malformed feed or a page without articles', () => {
    expect(() => sourceItems(bytes('<html><body>no feed</body></html>'), 'https://x.example/feed.xml', 'feed')).toThrow(/malformed feed: no <rss>/);
    expect(() => sourceItems(bytes('<rss><channel><item><title>无链接</title></item></channel></rss>'), 'https://x.example/f', 'feed')).toThrow(
      /item 1 \(无链接\) has no http\(s\) link/,
    );
    expect(() => sourceItems(bytes('<html><body><a href="/about">关于</a></body></html>'), 'https://x.example/', 'page')).toThrow(/no links to articles/);
  });
});

describe('adding a source', () => {
  it('tells feeds, pages and folders apart, and refuses what cannot be watched', async () => {
    expect(await describeSource({ location: 'https://www.cq.gov.cn/rss/ywdt.xml', every: '2h' })).toMatchObject({
      kind: 'feed',
      everySeconds: 7200,
      name: 'www.cq.gov.cn/rss/ywdt.xml',
    });
    expect(await describeSource({ location: 'https://www.sc.gov.cn/10462/c105962/list.shtml#x', name: '四川要闻' })).toMatchObject({
      kind: 'page',
      location: 'https://www.sc.gov.cn/10462/c105962/list.shtml',
      name: '四川要闻',
      everySeconds: 1800,
    });
    const dir = mkdtempSync(join(tmpdir(), 'tc-src-'));
    try {
      expect(await describeSource({ location: dir })).toMatchObject({ kind: 'folder', location: dir });
      await expect(describeSource({ location: join(dir, 'missing') })).rejects.toThrow(/no such folder/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await expect(describeSource({ location: 'ftp://example.com/feed' })).rejects.toThrow(/only http\(s\)/);
    await expect(describeSource({ location: 'https://example.com/', every: 'weekly' })).rejects.toThrow(/cannot read the interval/);
  });
  it('knows addresses of this machine and of private networks', () => {
    for (const url of [
      'http://localhost:8080/',
      'http://127.0.0.1/',
      'http://10.1.2.3/',
      'http://192.168.0.1/',
      'http://172.20.0.1/',
      'http://[::1]/',
      'http://169.254.169.254/',
    ])
      expect(isPrivateAddress(url), url).toBe(true);
    for (const url of ['https://www.cq.gov.cn/', 'http://172.32.0.1/', 'http://8.8.8.8/']) expect(isPrivateAddress(url), url).toBe(false);
  });
});

describe('change titles', () => {
  it('writes large figures with 万 and 亿', () => {
    expect([
      chineseMagnitude(280_000_000_000),
      chineseMagnitude(3_430_000),
      chineseMagnitude(30_960_000_000),
      chineseMagnitude(745),
      chineseMagnitude(12_345),
    ]).toEqual(['2800亿', '343万', '309.6亿', '745', '12345']);
  });
});
