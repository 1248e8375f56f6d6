/**
 * The dashboard's pure text helpers, without a browser: how a report's text is cut into highlighted
 * runs, how search snippets lose the store's match brackets, how values and periods read.
 */
import { describe, expect, it } from 'vitest';
import { cutRuns, unbracket, type FactRef } from '../../web/src/fact-runs.ts';
import { formatNumber, formatPeriod, formatValue } from '../../web/src/format.ts';

const TEXT = '重点工作65项，其中圆满完成35项。2022年6月24日，氢能产业联盟成立。';
const at = (s: string): [number, number] => {
  const i = TEXT.indexOf(s);
  if (i < 0) throw new Error(`"${s}" not in text`);
  return [i, i + s.length];
};

describe('cutRuns', () => {
  const facts: FactRef[] = [
    { kind: 'item', index: 0, span: at('重点工作65项，其中圆满完成35项') },
    { kind: 'quantity', index: 0, span: at('65项') },
    { kind: 'quantity', index: 1, span: at('35项') },
    { kind: 'event', index: 0, span: at('2022年6月24日') },
  ];

  it('covers the text exactly once, in order', () => {
    const runs = cutRuns(TEXT.length, facts);
    expect(runs.map((r) => TEXT.slice(r.start, r.end)).join('')).toBe(TEXT);
    for (let i = 1; i < runs.length; i++) expect(runs[i].start).toBe(runs[i - 1].end);
  });

  it('gives each run the facts whose spans cover it, outermost first', () => {
    const runs = cutRuns(TEXT.length, facts);
    const covering = (piece: string) => {
      const run = runs.find((r) => TEXT.slice(r.start, r.end) === piece);
      if (!run) throw new Error(`no run reads "${piece}"`);
      return run.facts.map((f) => `${f.kind}:${TEXT.slice(f.span[0], f.span[1])}`);
    };
    expect(covering('65项')).toEqual(['item:重点工作65项，其中圆满完成35项', 'quantity:65项']);
    expect(covering('，其中圆满完成')).toEqual(['item:重点工作65项，其中圆满完成35项']);
    expect(covering('2022年6月24日')).toEqual(['event:2022年6月24日']);
    expect(covering('，氢能产业联盟成立。')).toEqual([]);
  });

  it('marks the runs of the arrival sentence and the target figure', () => {
    const sentence = at('重点工作65项，其中圆满完成35项。');
    const runs = cutRuns(TEXT.length, facts, [sentence], at('35项'));
    const marked = runs
      .filter((r) => r.marked)
      .map((r) => TEXT.slice(r.start, r.end))
      .join('');
    expect(marked).toBe('重点工作65项，其中圆满完成35项。');
    expect(runs.filter((r) => r.target).map((r) => TEXT.slice(r.start, r.end))).toEqual(['35项']);
  });

  it('ignores empty and out-of-range spans instead of failing', () => {
    const runs = cutRuns(TEXT.length, [
      { kind: 'quantity', index: 9, span: [5, 5] },
      { kind: 'quantity', index: 8, span: [TEXT.length + 3, TEXT.length + 9] },
    ]);
    expect(runs).toEqual([{ start: 0, end: TEXT.length, facts: [], marked: false, target: false }]);
  });
});

describe('unbracket', () => {
  it("drops the store's match brackets and keeps the report's own", () => {
    const snippet = '…两地[中欧班列]开行[1475]列（见[附表]）';
    const highlights: [number, number][] = [
      [4, 8],
      [12, 16],
    ];
    const { text, ranges } = unbracket(snippet, highlights);
    expect(text).toBe('…两地中欧班列开行1475列（见[附表]）');
    expect(ranges.map(([s, e]) => text.slice(s, e))).toEqual(['中欧班列', '1475']);
  });
});

describe('formatting', () => {
  it('prints values as a Chinese report would', () => {
    expect(formatValue({ value: 300, unit: '家', approx: 'over' }, 'zh')).toBe('300余家');
    expect(formatValue({ value: 21, unit: '%', approx: 'about' }, 'zh')).toBe('约21%');
    expect(formatValue({ value: 492800, unit: '人次', approx: 'exact' }, 'zh')).toBe('49.28万人次');
    expect(formatValue({ value: 1.0545e11, unit: '元', approx: 'exact' }, 'zh')).toBe('1054.5亿元');
    expect(formatValue({ value: 3, valueMax: 5, unit: '万', approx: 'exact' }, 'zh')).toBe('3—5万');
    expect(formatNumber(1475, 'zh')).toBe('1,475');
    expect(formatValue({ value: 300, unit: '家', approx: 'over' }, 'en')).toBe('> 300 家');
  });

  it('says periods the way they are written', () => {
    expect(formatPeriod({ start: '2024-01-01', end: '2024-12-31' }, 'zh')).toBe('2024年');
    expect(formatPeriod({ start: '2022-01-01', end: '2022-05-31' }, 'zh')).toBe('2022年1—5月');
    expect(formatPeriod({ start: null, end: '2020-12-31' }, 'zh')).toBe('截至2020年12月末');
    expect(formatPeriod({ start: null, end: '2022-06-28' }, 'zh')).toBe('截至2022年6月28日');
    expect(formatPeriod({ start: '2022-01-01', end: '2022-05-31' }, 'en')).toBe('Jan–May 2022');
    expect(formatPeriod(null, 'zh')).toBe('—');
  });
});
