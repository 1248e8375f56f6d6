// Subject classes met on real reports (GUIDE §2 `subject`), each on a small GUIDE-style fixture.
import { describe, expect, it } from 'vitest';
import { findQuantities } from './quantities.ts';
import { findParagraphs, findSentences } from './sentences.ts';
import { timeContextFor } from './time.ts';

function subjects(text: string): [string, string][] {
  const found = findQuantities({ text, sentences: findSentences(text), paragraphs: findParagraphs(text), time: timeContextFor(text, '2016-07-20') });
  return found.map((q) => [text.slice(q.span[0], q.span[1]), q.subject]);
}

describe('a statistical analysis’s chain of changes', () => {
  const text =
    '第一产业实现增加值47.5亿元，同比增长4.4%，增速比一季度提高1.3个百分点，拉动GDP增长0.1个百分点；中直投资降幅比同期收窄9.8个百分点，负向拉动全市投资8.7个百分点。';
  it('gives a change of the rate and a contribution to growth the thing the figure before names', () => {
    const found = subjects(text);
    expect(found.find(([s]) => s === '1.3个百分点')?.[1]).toContain('第一产业');
    expect(found.find(([s]) => s === '0.1个百分点')?.[1]).toContain('第一产业');
    expect(found.find(([s]) => s === '8.7个百分点')?.[1]).toContain('中直投资');
  });
  it('does not take a consequence clause (带动社区1809名群众) for a bare change', () => {
    const found = subjects('周边产业园区已入驻企业67家，带动社区1809名搬迁群众实现就业。');
    expect(found.find(([s]) => s === '1809名')?.[1]).toContain('搬迁群众');
  });
});

describe('a document’s numbered sections and bracketed totals', () => {
  it('leaves the section number and the aside’s brackets out of the subject', () => {
    expect(subjects('一、推广的改革举措（共23项）\n\n（一）知识产权保护方面5项：知识产权民事、刑事、行政案件“三合一”审判。')).toEqual([
      ['23项', '推广的改革举措'],
      ['5项', '知识产权保护方面'],
    ]);
  });
});

describe('an aside in brackets before the figure', () => {
  it('names the thing when its words do (特点（GDP实现1.5%…）), not when they only say how it changed (发酵酒（增长87%）)', () => {
    const [gdp] = subjects('全市经济运行呈现“八增长两收窄”特点（GDP实现1.5%的正增长、农村经济稳步增长）。');
    expect(gdp[1]).toMatch(/^GDP/);
    const [wine] = subjects('产量同比增长的产品中，增幅较大的有发酵酒（增长87%）。');
    expect(wine[1]).toContain('发酵酒');
  });
});

describe('an amount named only by its kind after an area', () => {
  it('is of the thing the area before it measured (播种面积18.9万亩，产量43万吨)', () => {
    const found = subjects('全市棚室果蔬类播种面积18.9万亩，产量43万吨。');
    expect(found[1][1]).toContain('棚室果蔬');
  });
});
