import { describe, expect, it } from 'vitest';
import { formatNumber, formatValue, periodKind } from './format.ts';

describe('chart helpers', () => {
  it('tells the kind of period a point covers, so unlike kinds are never one line', () => {
    expect(periodKind({ start: '2022-01-01', end: '2022-05-31' })).toBe('year-to-date');
    expect(periodKind({ start: '2022-01-01', end: '2022-12-31' })).toBe('year');
    expect(periodKind({ start: '2022-04-01', end: '2022-06-30' })).toBe('quarter');
    expect(periodKind({ start: '2022-06-01', end: '2022-06-30' })).toBe('month');
    expect(periodKind({ start: null, end: '2022-06-28' })).toBe('cumulative');
    expect(periodKind(null)).toBe('undated');
  });

  it('says 超 after a magnitude or a percentage and 余 after a whole count', () => {
    expect(formatValue({ value: 2.8e11, unit: '元', approx: 'over' }, 'zh')).toBe('超2800亿元');
    expect(formatValue({ value: 30, unit: '%', approx: 'over' }, 'zh')).toBe('超30%');
    expect(formatValue({ value: 300, unit: '家', approx: 'over' }, 'zh')).toBe('300余家');
  });

  it('prints money and counts with 万 and 亿', () => {
    expect(formatNumber(4e11, 'zh')).toBe('4000亿');
    expect(formatNumber(492800, 'zh')).toBe('49.28万');
  });
});
