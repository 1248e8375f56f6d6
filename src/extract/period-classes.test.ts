// Period classes met on real reports (GUIDE §2 `period`), each on a small GUIDE-style fixture.
import { describe, expect, it } from 'vitest';
import { findQuantities } from './quantities.ts';
import { findParagraphs, findSentences } from './sentences.ts';
import { timeContextFor } from './time.ts';

function periods(text: string, published: string): [string, string | null, string | null][] {
  const found = findQuantities({ text, sentences: findSentences(text), paragraphs: findParagraphs(text), time: timeContextFor(text, published) });
  return found.map((q) => [text.slice(q.span[0], q.span[1]), q.period?.start ?? null, q.period?.end ?? null]);
}

describe('a change from a dated starting value', () => {
  it('dates the starting value by its year, and what it rose to (and what follows) by the sentence', () => {
    expect(periods('2025年，青头潜鸭种群数量从2012年的1000只增加到2555只，绿孔雀超过1000只。', '2026-08-14')).toEqual([
      ['1000只', '2012-01-01', '2012-12-31'],
      ['2555只', null, '2025-12-31'],
      ['1000只', '2025-01-01', '2025-12-31'],
    ]);
  });
});

describe('stocks under a span that leads the sentence', () => {
  it('holds a stock at the span’s end when the span leads another clause (全年新开通…，航线增至131条)', () => {
    expect(periods('全年新开通5条国际货运航线，国际航线增至131条。', '2022-03-01').map(([s, a, b]) => [s, a, b])).toEqual([
      ['5条', expect.any(String), expect.any(String)],
      ['131条', null, expect.stringMatching(/-12-31$/)],
    ]);
  });
  it('keeps a total since a day as a span (今年以来…累计…8万架次)', () => {
    expect(periods('今年以来，白云机场累计出入境航班超8万架次。', '2026-08-16')).toEqual([['8万架次', '2026-01-01', '2026-08-16']]);
  });
});
