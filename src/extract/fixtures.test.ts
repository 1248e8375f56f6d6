/**
 * Whole reports of our own, in four styles (a government-site news item, a press-conference
 * transcript, a newspaper piece with a dateline, a statistical review), read by GUIDE.md by hand.
 * The texts are in `fixtures/` as the clean stage would hand them on (paragraphs parted by a blank
 * line); none is taken from the bundled corpus.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findEvents } from './events.ts';
import { findQuantities } from './quantities.ts';
import { findParagraphs, findSentences } from './sentences.ts';
import { findTimeExpressions, timeContextFor } from './time.ts';

function read(name: string, published: string | null) {
  const text = readFileSync(join(import.meta.dirname, 'fixtures', `${name}.txt`), 'utf8');
  const time = timeContextFor(text, published);
  const input = { text, sentences: findSentences(text), paragraphs: findParagraphs(text), time, times: findTimeExpressions(text, time) };
  const quantities = findQuantities(input).map((q) => ({
    ...q,
    surface: text.slice(q.span[0], q.span[1]),
    when: q.period ? `${q.period.start ?? '…'}..${q.period.end ?? '…'}` : null,
  }));
  return { quantities, events: findEvents(input) };
}
const core = (qs: ReturnType<typeof read>['quantities']) => qs.map((q) => [q.surface, q.value, q.unit, q.approx, q.measure, q.region]);
const bySurface = (qs: ReturnType<typeof read>['quantities'], surface: string, nth = 0) => qs.filter((q) => q.surface === surface)[nth];

describe('a government-site news item on the half year', () => {
  const { quantities, events } = read('news-half-year', '2023-07-25');
  it('finds every figure with its unit, qualifier, kind and region', () => {
    expect(core(quantities)).toEqual([
      ['3.8万亿元', 3.8e12, '元', 'exact', 'level', '成渝'],
      ['6.1%', 6.1, '%', 'exact', 'change', '成渝'],
      ['0.6个百分点', 0.6, '百分点', 'exact', 'change', '成渝'],
      ['1.46万亿元', 1.46e12, '元', 'exact', 'level', '重庆'],
      ['4.6%', 4.6, '%', 'exact', 'change', '重庆'],
      ['2.85万亿元', 2.85e12, '元', 'exact', 'level', '四川'],
      ['4.8%', 4.8, '%', 'exact', 'change', '四川'],
      ['2800列', 2800, '列', 'over', 'level', '成渝'],
      ['15%', 15, '%', 'about', 'change', '成渝'],
      ['27万标箱', 270000, '标箱', 'about', 'level', '成渝'],
      ['3.2万标箱', 32000, '标箱', 'exact', 'change', '成渝'],
      ['7300亿元', 7.3e11, '元', 'about', 'level', '成渝'],
      ['4500亿元', 4.5e11, '元', 'exact', 'level', '成渝'],
      ['2800亿元', 2.8e11, '元', 'exact', 'level', '成渝'],
      ['13条', 13, '条', 'exact', 'level', '成渝'],
      ['7条', 7, '条', 'exact', 'level', '成渝'],
      ['120亿元', 1.2e10, '元', 'over', 'level', '成渝'],
      ['100对', 100, '对', 'about', 'level', '成渝'],
      ['5万人次', 50000, '人次', 'over', 'level', '成渝'],
      ['311项', 311, '项', 'exact', 'level', '成渝'],
      ['1500万件', 1.5e7, '件', 'over', 'level', '成渝'],
    ]);
  });
  it('gives the lead paragraph its half year, 截至6月末 its end, and other paragraphs none', () => {
    expect(bySurface(quantities, '1.46万亿元').when).toBe('2023-01-01..2023-06-30');
    expect(bySurface(quantities, '2800列').when).toBeNull();
    expect(bySurface(quantities, '311项').when).toBe('…..2023-06-30');
  });
  it('names the parts of a whole and the rates after their figures', () => {
    expect(bySurface(quantities, '4500亿元').subject).toContain('进出口总值');
    expect(bySurface(quantities, '2800亿元').subject).toContain('进口');
    expect(bySurface(quantities, '4.8%').subject).toContain('地区生产总值');
    expect(bySurface(quantities, '15%').subject).toContain('中欧班列');
    expect(bySurface(quantities, '7条').subject).toContain('在建');
  });
  it('dates the meeting', () => {
    expect(events.map((e) => e.date)).toEqual(['2023-07-18']);
    expect(events[0].summary).toContain('党政联席会议第七次会议');
  });
});

describe('a press-conference transcript with no date', () => {
  const { quantities } = read('press-conference', null);
  it('finds every figure, with 不少于 as over and a range read from its low end', () => {
    expect(core(quantities)).toEqual([
      ['10个', 10, '个', 'exact', 'level', '成渝'],
      ['10个', 10, '个', 'exact', 'level', '成渝'],
      ['630余个', 630, '个', 'over', 'level', '成渝'],
      ['5400亿元', 5.4e11, '元', 'about', 'level', '成渝'],
      ['1800亿元', 1.8e11, '元', 'about', 'level', '成渝'],
      ['262平方公里', 262, '平方公里', 'exact', 'level', '成渝'],
      ['218家', 218, '家', 'exact', 'level', '成渝'],
      ['89家', 89, '家', 'exact', 'level', '成渝'],
      ['415亿元', 4.15e10, '元', 'exact', 'level', '成渝'],
      ['18.6%', 18.6, '%', 'exact', 'change', '成渝'],
      ['2.3个百分点', 2.3, '百分点', 'exact', 'change', '成渝'],
      ['100个', 100, '个', 'over', 'level', '成渝'],
      ['30—40亿元', 3e9, '元', 'exact', 'level', '成渝'],
    ]);
    expect(bySurface(quantities, '30—40亿元').valueMax).toBe(4e9);
  });
  it('leaves 去年 and 今年 unresolved: 2020年以来 does not date the report', () => {
    expect(bySurface(quantities, '415亿元').when).toBeNull();
    expect(bySurface(quantities, '100个').when).toBeNull();
    expect(bySurface(quantities, '10个').when).toBe('2020-01-01..…');
  });
  it("gives a part (其中规上工业企业89家) the whole's subject", () => {
    expect(bySurface(quantities, '89家').subject).toContain('入驻企业');
    expect(bySurface(quantities, '100个').subject).toBe('新开工项目');
  });
});

describe('a newspaper piece with a dateline', () => {
  const { quantities, events } = read('newspaper-dateline', '2023-08-13');
  it('finds every figure; 近三年 and 两年前 are times, not figures', () => {
    expect(core(quantities)).toEqual([
      ['1250.6亿元', 1.2506e11, '元', 'exact', 'level', '成渝'],
      ['12.3%', 12.3, '%', 'exact', 'change', '成渝'],
      ['三成', 30, '%', 'about', 'share', '重庆'],
      ['25项', 25, '项', 'exact', 'level', '成渝'],
      ['1200余家', 1200, '家', 'over', 'level', '重庆'],
      ['8万人次', 80000, '人次', 'over', 'level', '重庆'],
      ['86亿元', 8.6e9, '元', 'about', 'level', '成渝'],
      ['40余万平方米', 400000, '平方米', 'over', 'level', '成渝'],
    ]);
  });
  it('reads the periods: 今年1—7月, 7月, and 近三年 up to the report date', () => {
    expect(quantities.map((q) => q.when)).toEqual([
      '2023-01-01..2023-07-31',
      '2023-01-01..2023-07-31',
      '2023-01-01..2023-07-31',
      '2023-07-01..2023-07-31',
      '2023-08-10..2023-08-10',
      '2023-08-10..2023-08-10',
      '2020-08-13..2023-08-13',
      '2020-08-13..2023-08-13',
    ]);
  });
  it('dates the fair', () => {
    expect(events.some((e) => e.date === '2023-08-10' && e.summary.includes('消费品博览会'))).toBe(true);
  });
});

describe('a statistical review published the year after', () => {
  const { quantities } = read('statistical-review', '2024-02-20');
  it('finds every figure; 两成 is 20 %', () => {
    expect(core(quantities)).toEqual([
      ['2.77万亿元', 2.77e12, '元', 'exact', 'level', '成都'],
      ['6.0%', 6, '%', 'exact', 'change', '成都'],
      ['3020万人', 3.02e7, '人', 'exact', 'level', '成都'],
      ['70.2%', 70.2, '%', 'exact', 'share', '成都'],
      ['12条', 12, '条', 'exact', 'level', '成都'],
      ['14万人次', 140000, '人次', 'exact', 'level', '成都'],
      ['两成', 20, '%', 'exact', 'change', '成都'],
      ['265公里', 265, '公里', 'exact', 'level', '成都'],
      ['326个', 326, '个', 'exact', 'level', '成都'],
      ['182个', 182, '个', 'exact', 'level', '成都'],
      ['97个', 97, '个', 'exact', 'level', '成都'],
      ['1.2亿吨', 1.2e8, '吨', 'exact', 'level', '成都'],
      ['88万标箱', 880000, '标箱', 'exact', 'level', '成都'],
      ['3.1%', 3.1, '%', 'exact', 'change', '成都'],
      ['7.4%', 7.4, '%', 'exact', 'change', '成都'],
    ]);
  });
  it('reads 全年 in later paragraphs as 2023, the year reviewed', () => {
    expect(bySurface(quantities, '12条').when).toBe('2023-01-01..2023-12-31');
    expect(bySurface(quantities, '326个').when).toBe('2023-01-01..2023-12-31');
  });
  it('pairs 分别增长3.1%和7.4% with the two throughputs, and parts with their whole', () => {
    expect(bySurface(quantities, '3.1%').subject).toContain('货物吞吐量');
    expect(bySurface(quantities, '7.4%').subject).toContain('集装箱吞吐量');
    expect(bySurface(quantities, '97个').subject).toContain('重大产业化项目');
  });
});
