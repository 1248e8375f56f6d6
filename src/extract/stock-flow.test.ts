import { describe, expect, it } from 'vitest';
import type { Cue } from '../document/index.ts';
import { fitPeriodToMeasure } from './stock-flow.ts';

const cue = (text: string, level: Cue['level'] = 'sentence'): Cue => ({ level, span: null, text });

describe('fitPeriodToMeasure', () => {
  it('reads a flow under a quarter’s end as the year up to it', () => {
    const found = { period: { start: null, end: '2017-03-31' }, cue: cue('一季度末') };
    expect(fitPeriodToMeasure(found, '一季度末，全市生猪出栏', true)?.period).toEqual({ start: '2017-01-01', end: '2017-03-31' });
  });
  it('keeps a cut-off (截至…) and a stock under a period’s end as they are', () => {
    const cutOff = { period: { start: null, end: '2021-12-31' }, cue: cue('截至2021年末') };
    expect(fitPeriodToMeasure(cutOff, '截至2021年末，新增企业', true)).toBe(cutOff);
    const stock = { period: { start: null, end: '2021-12-31' }, cue: cue('年末') };
    expect(fitPeriodToMeasure(stock, '年末金融机构人民币存款余额', true)).toBe(stock);
  });
  it('holds a stock at the end of a span its report sets, but keeps a span its own sentence gives', () => {
    const fromHeadline = { period: { start: '2021-01-01', end: '2021-12-31' }, cue: cue('2021年', 'headline') };
    expect(fitPeriodToMeasure(fromHeadline, '普通中学 在校学生', false)?.period).toEqual({ start: null, end: '2021-12-31' });
    expect(fitPeriodToMeasure(fromHeadline, '全年新设外商投资企业', false)).toBe(fromHeadline);
    const own = { period: { start: '2012-01-01', end: '2012-12-31' }, cue: cue('2012年') };
    expect(fitPeriodToMeasure(own, '种群数量从2012年的 增加到', true)).toBe(own);
  });
});
