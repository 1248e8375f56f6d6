import { describe, expect, it } from 'vitest';
import { findTimeExpressions, inferReportYear, resolveTime, shiftDate, timeContextFor, type TimeContext } from './time.ts';

const june2022: TimeContext = { anchor: '2022-06-28', year: 2022 };
const period = (expression: string, context = june2022) => {
  const t = resolveTime(expression, context);
  return t ? [t.period.start, t.period.end] : null;
};

describe('resolveTime', () => {
  it.each([
    ['今年1—5月', ['2022-01-01', '2022-05-31']],
    ['1-5月', ['2022-01-01', '2022-05-31']],
    ['1至4月', ['2022-01-01', '2022-04-30']],
    ['去年12月', ['2021-12-01', '2021-12-31']],
    ['今年上半年', ['2022-01-01', '2022-06-30']],
    ['一季度', ['2022-01-01', '2022-03-31']],
    ['前三季度', ['2022-01-01', '2022-09-30']],
    ['截至一季度末', [null, '2022-03-31']],
    ['前五个月', ['2022-01-01', '2022-05-31']],
    ['2024年', ['2024-01-01', '2024-12-31']],
    ['2020年1月3日', ['2020-01-03', '2020-01-03']],
    ['截至2020年12月末', [null, '2020-12-31']],
    ['截至目前', [null, '2022-06-28']],
    ['到2025年', [null, '2025-12-31']],
    ['2020年以来', ['2020-01-01', null]],
    ['5年来', ['2017-06-28', '2022-06-28']],
    ['2019/04/19', ['2019-04-19', '2019-04-19']],
    ['98年4月', ['1998-04-01', '1998-04-30']],
  ])('%s', (expression, expected) => {
    expect(period(expression)).toEqual(expected);
  });

  it('gives day and month dates for events', () => {
    expect(resolveTime('2021年12月', june2022)?.date).toBe('2021-12');
    expect(resolveTime('6月27日', june2022)?.date).toBe('2022-06-27');
    expect(resolveTime('今年1—5月', june2022)?.date).toBeNull();
  });

  it('needs an anchor for 截至目前 and a year for 今年', () => {
    expect(period('截至目前', { anchor: null, year: 2021 })).toEqual([null, null]);
    expect(resolveTime('今年', { anchor: null, year: null })).toBeNull();
  });
});

describe('findTimeExpressions', () => {
  it('finds the lead phrase and the date in running text, with their spans', () => {
    const text = '今年1—5月，成渝两地联合开行中欧班列1475列；6月27日，记者获悉。';
    const found = findTimeExpressions(text, june2022).map((t) => text.slice(t.start, t.end));
    expect(found).toEqual(['今年1—5月', '6月27日']);
  });
  it('does not read words that only look like time (初步, 十四五, 2021年来自)', () => {
    for (const text of ['初步建立', '十四五期间', '总规模50亿元']) expect(findTimeExpressions(text, june2022)).toEqual([]);
  });
});

describe('the report year', () => {
  it('is the published year when there is one', () => {
    expect(timeContextFor('……', '2024-06-22')).toEqual({ anchor: '2024-06-22', year: 2024 });
  });
  it('is the latest year the report names otherwise, targets and plan spans left out', () => {
    const text = '2020年7月，两地签订方案，提出到2035年建成；《行动方案（2020-2022年）》。2021年1月1日，首趟班列开行。';
    expect(inferReportYear(text)).toBe(2021);
  });
  it('shifts dates by years and months, clamping the day', () => {
    expect(shiftDate('2024-02-29', -1)).toBe('2023-02-28');
    expect(shiftDate('2022-01-31', 0, -2)).toBe('2021-11-30');
  });
});
