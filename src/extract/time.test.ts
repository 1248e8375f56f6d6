import { describe, expect, it } from 'vitest';
import { findTimeExpressions, inferReportYear, resolveTime, timeContextFor, type TimeContext } from './time.ts';
import { shiftDate } from './time-calendar.ts';

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
    ['2020年以来', ['2020-01-01', '2022-06-28']],
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

describe('resolveTime on a standalone expression (loose forms)', () => {
  const monday = { anchor: '2021-06-14', year: 2021 };
  it.each([
    ['20240307', ['2024-03-07', '2024-03-07']],
    ['2022 11 23', ['2022-11-23', '2022-11-23']],
    ['1994.01-19', ['1994-01-19', '1994-01-19']],
    ['6·30', ['2021-06-30', '2021-06-30']],
    ['09-01', ['2021-09-01', '2021-09-01']],
    ['2018', ['2018-01-01', '2018-12-31']],
    ['1月3', ['2021-01-03', '2021-01-03']],
    ['十月31', ['2021-10-31', '2021-10-31']],
    ['四月十三', ['2021-04-13', '2021-04-13']],
    ['30日', ['2021-06-30', '2021-06-30']],
    ['今天', ['2021-06-14', '2021-06-14']],
    ['本日', ['2021-06-14', '2021-06-14']],
    ['全天', ['2021-06-14', '2021-06-14']],
    ['20天后', ['2021-07-04', '2021-07-04']],
    ['上一年', ['2020-01-01', '2020-12-31']],
    ['这一年', ['2021-01-01', '2021-12-31']],
    ['两年前', ['2019-01-01', '2019-12-31']],
    ['3年后', ['2024-01-01', '2024-12-31']],
    ['24年', ['2024-01-01', '2024-12-31']],
    ['三三年', ['1933-01-01', '1933-12-31']],
    ['上一个月', ['2021-05-01', '2021-05-31']],
    ['上季度末', ['2021-03-01', '2021-03-31']],
    ['本季度', ['2021-04-01', '2021-06-30']],
    ['2020年3月左右', ['2020-03-01', '2020-03-31']],
    ['前年9月2号左右', ['2019-09-02', '2019-09-02']],
    ['2005年首月', ['2005-01-01', '2005-01-31']],
    ['二零二二年伊始', ['2022-01-01', '2022-01-31']],
    ['70年第8个月', ['1970-08-01', '1970-08-31']],
    ['从2015年1月至12月', ['2015-01-01', '2015-12-31']],
    ['2015年3月至5月', ['2015-03-01', '2015-05-31']],
    ['2024年内', ['2024-01-01', '2024-12-31']],
    ['周一', ['2021-06-14', '2021-06-14']],
    ['星期天', ['2021-06-20', '2021-06-20']],
    ['下周六', ['2021-06-26', '2021-06-26']],
    ['上个礼拜天', ['2021-06-13', '2021-06-13']],
    ['元旦', ['2021-01-01', '2021-01-01']],
    ['去年国庆', ['2020-10-01', '2020-10-01']],
    ['2019年劳动节', ['2019-05-01', '2019-05-01']],
    ['教师节', ['2021-09-10', '2021-09-10']],
    ['半年后', ['2021-12-01', '2021-12-31']],
    ['一年半后', ['2022-12-01', '2022-12-31']],
    ['3年半前', ['2017-12-01', '2017-12-31']],
    ['三个季度后', ['2022-03-01', '2022-03-31']],
    ['5个月前', ['2021-01-01', '2021-01-31']],
    ['大后天', ['2021-06-17', '2021-06-17']],
    ['大大后天', ['2021-06-18', '2021-06-18']],
    ['6月第3个星期日', ['2021-06-20', '2021-06-20']],
    ['八月份的第一个周二', ['2021-08-03', '2021-08-03']],
    ['明年母亲节', ['2022-05-08', '2022-05-08']],
    ['2019年感恩节', ['2019-11-28', '2019-11-28']],
  ])('%s', (expression, expected) => {
    const t = resolveTime(expression, monday);
    expect(t ? [t.period.start, t.period.end] : null).toEqual(expected);
    expect(t && expression.slice(t.start, t.end)).toBe(expression);
  });
  it('rejects impossible and unknown loose forms', () => {
    for (const text of ['20241340', '13-45', '32日', '2月30', '周八', '端', '十五', '农历正月卅', '中秋月', '2月第5个周一'])
      expect(resolveTime(text, monday)).toBeNull();
  });
  it.each([
    ['1991年农历8月23号', ['1991-09-30', '1991-09-30']],
    ['二零一二年农历正月十五', ['2012-02-06', '2012-02-06']],
    ['2012年正月初8', ['2012-01-30', '2012-01-30']],
    ['去年五月初五', ['2020-06-25', '2020-06-25']],
    ['腊月初十', ['2022-01-12', '2022-01-12']],
    ['初八', ['2021-06-17', '2021-06-17']],
    ['去年春节', ['2020-01-25', '2020-01-25']],
    ['零六年端午', ['2006-05-31', '2006-05-31']],
    ['中秋节', ['2021-09-21', '2021-09-21']],
    ['农历元宵', ['2021-02-26', '2021-02-26']],
    ['大年初十', ['2021-02-21', '2021-02-21']],
    ['2023年大年三十', ['2024-02-09', '2024-02-09']],
    ['2023年除夕', ['2024-02-09', '2024-02-09']],
    ['芒种', ['2021-06-05', '2021-06-05']],
    ['2024年冬至', ['2024-12-21', '2024-12-21']],
    ['2017年大寒', ['2018-01-20', '2018-01-20']],
    ['2024年立春', ['2024-02-04', '2024-02-04']],
    ['去年中秋节前后', ['2020-10-01', '2020-10-01']],
  ])('lunar and solar-term form %s', (expression, expected) => {
    const t = resolveTime(expression, monday);
    expect(t ? [t.period.start, t.period.end] : null).toEqual(expected);
  });
  it('reads 二月十五 as a solar date unless 农历 says otherwise', () => {
    expect(resolveTime('二月十五', monday)?.date).toBe('2021-02-15');
    expect(resolveTime('农历二月十五', monday)?.date).toBe('2021-03-27');
  });
  it('never reads the loose forms in running text', () => {
    const text = '全年开行2018列，编号09-01，周一至周五均有班次，20240307号文件，30日内完成。';
    const found = findTimeExpressions(text, monday).map((t) => text.slice(t.start, t.end));
    expect(found).toEqual(['全年']);
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

describe('relative spans in running text', () => {
  const spans = (text: string, context = june2022) => findTimeExpressions(text, context).map((t) => [text.slice(t.start, t.end), t.period.start, t.period.end]);

  it('reads 去年同期 as the span spoken of before, one year earlier', () => {
    const text = '今年1—5月，川渝两地进出口总值达4200亿元，较去年同期增长9.1%。';
    expect(spans(text)).toEqual([
      ['今年1—5月', '2022-01-01', '2022-05-31'],
      ['去年同期', '2021-01-01', '2021-05-31'],
    ]);
  });
  it('keeps a month end a month end (上年同期 of 截至2024年2月末)', () => {
    const text = '截至2024年2月末，成都市金融机构贷款余额同比增长8%，上年同期为7.5%。';
    expect(spans(text, { anchor: '2024-03-20', year: 2024 })[1]).toEqual(['上年同期', null, '2023-02-28']);
  });
  it('gives 今年以来 a same span ending a year before the report date', () => {
    expect(spans('今年以来，两地累计开行班列2000列，比去年同期多300列。')[1]).toEqual(['去年同期', '2021-01-01', '2021-06-28']);
  });
  it('does not take a base of comparison as the span of 同期, nor reach across paragraphs', () => {
    const text = '上半年，重庆外贸增长5%，比2021年多；\n\n去年同期，四川外贸增长3%。';
    expect(spans(text).at(-1)).toEqual(['去年同期', null, null]);
    expect(spans('一季度，比2021年增长2%，与去年同期持平。').at(-1)).toEqual(['去年同期', '2021-01-01', '2021-03-31']);
  });
  it('reads 近五年, 过去3年, 这两年来 and 最近两个月 up to the report date', () => {
    expect(spans('近五年，成都新增高新技术企业5000家。')[0]).toEqual(['近五年', '2017-06-28', '2022-06-28']);
    expect(spans('过去3年，重庆引进项目300个。')[0]).toEqual(['过去3年', '2019-06-28', '2022-06-28']);
    expect(spans('这两年来，双城合作提速。')[0]).toEqual(['这两年来', '2020-06-28', '2022-06-28']);
    expect(spans('最近两个月，川渝开行班列500列。')[0]).toEqual(['最近两个月', '2022-04-28', '2022-06-28']);
  });
  it('reads 过去一年 and 一年来 of a report early or late in a year as the calendar year it reviews, and its 全年 too', () => {
    const march: TimeContext = { anchor: '2024-03-11', year: 2024 };
    const review = findTimeExpressions('过去一年全面建设社会主义现代化国家迈出坚实步伐\n\n财政政策加力提效，全年新增税费优惠超过2.2万亿元。', march);
    expect(review.map((t) => [t.period.start, t.period.end])).toEqual([
      ['2023-01-01', '2023-12-31'],
      ['2023-01-01', '2023-12-31'],
    ]);
    expect(findTimeExpressions('一年来，重庆、四川两地签署协议近300个。', { anchor: '2021-01-03', year: 2021 })[0].period).toEqual({
      start: '2020-01-01',
      end: '2020-12-31',
    });
    expect(findTimeExpressions('过去一年，川渝合作提速。', { anchor: '2024-12-20', year: 2024 })[0].period).toEqual({ start: '2024-01-01', end: '2024-12-31' });
    // in mid-year it is the last twelve months, and 过去5年平均 stays a base, not a time
    expect(spans('过去一年，川渝合作提速。')[0]).toEqual(['过去一年', '2021-06-28', '2022-06-28']);
    expect(spans('需求在过去5年平均消费量的基础上减少15%。')).toEqual([]);
  });
  it('leaves 近 before a duration that is no time phrase (工期近五年)', () => {
    expect(spans('该项目工期近五年。')).toEqual([]);
  });
  it('reads 两年前 and 3个月前 as the calendar year and month, not inside a larger number', () => {
    expect(spans('两年前，这里还是一片荒地。')[0]).toEqual(['两年前', '2020-01-01', '2020-12-31']);
    expect(spans('3个月前，园区刚刚开园。')[0]).toEqual(['3个月前', '2022-03-01', '2022-03-31']);
    expect(spans('2020年前，两地尚无直达班列。').map((t) => t[0])).toEqual(['2020年']);
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
  it('does not take the start of an open span (2020年以来) for the report year', () => {
    expect(inferReportYear('2020年以来，川渝两地共同建设了10个合作平台。去年，新区工业总产值415亿元。')).toBeNull();
    expect(inferReportYear('2020年以来，两地共建平台10个。2022年，新区产值增长18%。')).toBe(2022);
  });
  it('shifts dates by years and months, clamping the day', () => {
    expect(shiftDate('2024-02-29', -1)).toBe('2023-02-28');
    expect(shiftDate('2022-01-31', 0, -2)).toBe('2021-11-30');
  });
});

describe('a day written alone', () => {
  const ctx = { anchor: '2022-06-18', year: 2022 };
  it('is a day of the report month, and the end of a range is no day of its own', () => {
    expect(findTimeExpressions('普京17日在圣彼得堡国际经济论坛上讲话。', ctx).map((t) => t.date)).toEqual(['2022-06-17']);
    expect(findTimeExpressions('10月1日至3日，景区接待游客30万人次。', ctx).map((t) => t.date)).toEqual(['2022-10-01']);
    expect(findTimeExpressions('30日内完成，3日游。', ctx).map((t) => t.date)).toEqual([]);
  });
});

describe('spans of days, since and mid-year', () => {
  const spans = (text: string, context: TimeContext = { anchor: '2024-10-07', year: 2024 }) =>
    findTimeExpressions(text, context).map((t) => [text.slice(t.start, t.end), t.period.start, t.period.end]);

  it('reads a range of days as one span, the second day in the first one’s month when it names none', () => {
    expect(spans('据统计，10月1日至3日，浏阳13家景区')).toEqual([['10月1日至3日', '2024-10-01', '2024-10-03']]);
    expect(spans('9月30日至10月4日，三亚全市')).toEqual([['9月30日至10月4日', '2024-09-30', '2024-10-04']]);
    // a day after its month's last is no range
    expect(spans('2月28日至31日')[0]).toEqual(['2月28日', '2024-02-28', '2024-02-28']);
  });

  it('runs …以来 to the report’s date', () => {
    expect(spans('今年以来，大连已开展')).toEqual([['今年以来', '2024-01-01', '2024-10-07']]);
    expect(spans('今年以来', { anchor: null, year: 2024 })).toEqual([['今年以来', '2024-01-01', null]]);
  });

  it('reads 2011年年中 as a stock at mid-year, and 年中 alone or 今年中国 as nothing of the kind', () => {
    expect(spans('2011年年中达到了7681家')).toEqual([['2011年年中', null, '2011-06-30']]);
    expect(spans('今年中国经济')).toEqual([['今年', '2024-01-01', '2024-12-31']]);
    expect(spans('近年中央财政')).toEqual([]);
  });
});

describe('今天 in a broadcast', () => {
  it('is the report’s day when a time of day, a bracketed date or a clause follows, and no period otherwise', () => {
    const context: TimeContext = { anchor: '2026-08-13', year: 2026 };
    const dates = (text: string) => findTimeExpressions(text, context).map((t) => [text.slice(t.start, t.end), t.date]);
    expect(dates('今天凌晨2时，河南省启用泥河洼蓄滞洪区')).toEqual([['今天', '2026-08-13']]);
    expect(dates('今天的中国')).toEqual([]);
  });
});

describe('the year a paragraph speaks of', () => {
  it('is not a year a record is counted from (为2013年有监测以来最低)', () => {
    const text = '2019年，北京PM2.5年均浓度为42微克/立方米，为2013年有监测以来最低。全年优良天数为240天。';
    const all = findTimeExpressions(text, { anchor: '2020-01-03', year: 2020 });
    expect(all.at(-1)?.period).toEqual({ start: '2019-01-01', end: '2019-12-31' });
  });
});

describe('a list of consecutive months', () => {
  it('is one span (今年4月、5月连续两个月), but months read apart stay apart (3月、6月分别)', () => {
    const context: TimeContext = { anchor: '2026-08-12', year: 2026 };
    expect(findTimeExpressions('自今年4月、5月连续两个月汽车出口超过90万辆。', context).map((t) => t.period)).toEqual([
      { start: '2026-04-01', end: '2026-05-31' },
    ]);
    expect(findTimeExpressions('3月、6月分别增长5%和6%。', context)).toHaveLength(2);
    expect(findTimeExpressions('4月、5月分别增长5%和6%。', context)).toHaveLength(2);
  });
});

describe('a day of the month without its month', () => {
  it('reads 截至13日晚 as what stood by that day, and keeps 1日至3日 a range', () => {
    const context: TimeContext = { anchor: '2026-08-14', year: 2026 };
    expect(findTimeExpressions('截至13日晚，这三个州仍有超过30万用户断电。', context).map((t) => t.period)).toEqual([{ start: null, end: '2026-08-13' }]);
    expect(findTimeExpressions('10月1日至3日，景区接待游客。', context).map((t) => t.period)).toEqual([{ start: '2026-10-01', end: '2026-10-03' }]);
  });
});
