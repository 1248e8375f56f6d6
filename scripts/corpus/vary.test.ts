import { describe, expect, it } from 'vitest';
import { classifyNumbers, figureFactor, scaleFigure, varyParagraph, varyTitle, type Variation } from './vary.ts';

const kinds = (text: string) => classifyNumbers(text).map((n) => [text.slice(n.start, n.end), n.kind]);

describe('classifyNumbers', () => {
  it('tells years, figures and numbers to leave alone apart', () => {
    expect(kinds('2020年1月3日，习近平总书记在中央财经委员会第六次会议上作出部署')).toEqual([
      ['2020', 'year'],
      ['1', 'keep'],
      ['3', 'keep'],
    ]);
    expect(kinds('1—5月，成渝两地联合开行中欧班列（成渝）1475列，约占全国开行量的21%')).toEqual([
      ['1', 'keep'],
      ['5', 'keep'],
      ['1475', 'figure'],
      ['21', 'figure'],
    ]);
    expect(kinds('加快建设5G、PM2.5治理，第4批32项')).toEqual([
      ['5', 'keep'],
      ['2.5', 'keep'],
      ['4', 'keep'],
      ['32', 'figure'],
    ]);
    expect(kinds('时间:2024-06-22 来源')).toEqual([
      ['2024', 'year'],
      ['06', 'keep'],
      ['22', 'keep'],
    ]);
  });
});

describe('scaleFigure', () => {
  it('keeps the printed precision', () => {
    expect(scaleFigure('49.28', 1.1)).toBe('54.21');
    expect(scaleFigure('3000', 1.14)).toBe('3400');
    expect(scaleFigure('1475', 1.1)).toBe('1623');
    expect(scaleFigure('4', 1.2)).toBe('6');
    expect(scaleFigure('4', 0.5)).toBe('1');
  });
});

describe('varyParagraph', () => {
  const source = '截至目前，两地共有130家零部件企业参与对方整车配套，同比增长19.5%，2022年新增48家。';
  const v = (reportYear: number, conflicting = false): Variation => ({ reportYear, conflicting, placeSwaps: [] });

  it('prints the source figures unchanged in the source year', () => {
    expect(varyParagraph(source, 7, 2022, v(2022))).toBe(source);
  });

  it('gives the same figures to every report of a year and other figures in other years (a series)', () => {
    const a = varyParagraph(source, 7, 2022, v(2024));
    expect(varyParagraph(source, 7, 2022, v(2024))).toBe(a);
    expect(a).not.toBe(varyParagraph(source, 7, 2022, v(2025)));
    expect(a).toContain('2024年新增');
    // levels grow with the years: 130家 two years on is more than 130
    expect(Number(/共有(\d+)家/.exec(a)![1])).toBeGreaterThan(130);
  });

  it('gives conflicting reports of a year one misprinted alternative, dates untouched', () => {
    const agreed = varyParagraph(source, 7, 2022, v(2024));
    const conflicting = varyParagraph(source, 7, 2022, v(2024, true));
    expect(conflicting).not.toBe(agreed);
    expect(varyParagraph(source, 7, 2022, v(2024, true))).toBe(conflicting);
    expect(conflicting).toContain('2024年新增');
  });

  it('keeps the figures of a paragraph pinned to a year that does not move', () => {
    const history = '截至2020年12月末，重庆参保人在四川就医累计备案11.54万人。';
    const moved = varyParagraph(history, 9, 2022, v(2025));
    expect(moved).toBe(history);
  });

  it('swaps places whole', () => {
    const text = '成都、重庆两地，成渝中线高铁';
    expect(varyParagraph(text, 1, 2022, { reportYear: 2022, conflicting: false, placeSwaps: [['成都', '绵阳']] })).toBe('绵阳、重庆两地，成渝中线高铁');
  });
});

describe('figureFactor', () => {
  it('is 1 in the source year and grows for levels', () => {
    expect(figureFactor(42, 0, false)).toBe(1);
    expect(figureFactor(42, 3, false)).toBeGreaterThan(1);
    expect(figureFactor(42, -3, false)).toBeLessThan(1);
  });
});

describe('varyTitle', () => {
  it('moves recent years only', () => {
    expect(varyTitle('2022年川渝合作成效 2015年以来', 2022, 2025)).toBe('2025年川渝合作成效 2015年以来');
  });
});
