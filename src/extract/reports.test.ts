/**
 * Paragraphs written in the style of government and news reporting on 成渝地区双城经济圈 (none taken
 * from the bundled corpus), with their reading by GUIDE.md written by hand. Each check reads the text
 * under the quantity's span, so a right value on a wrong span fails.
 */
import { describe, expect, it } from 'vitest';
import { findQuantities } from './quantities.ts';
import { findParagraphs, findSentences } from './sentences.ts';
import { timeContextFor } from './time.ts';

const PUBLISHED = '2023-07-20';

interface Reading {
  surface: string;
  value: number;
  unit: string;
  approx: string;
  measure: string;
  region: string | null;
  subject: string;
  period: string | null;
}

function read(text: string, published: string | null = PUBLISHED): Reading[] {
  const found = findQuantities({ text, sentences: findSentences(text), paragraphs: findParagraphs(text), time: timeContextFor(text, published) });
  return found.map((q) => ({
    surface: text.slice(q.span[0], q.span[1]),
    value: q.value,
    unit: q.unit,
    approx: q.approx,
    measure: q.measure,
    region: q.region,
    subject: q.subject,
    period: q.period ? `${q.period.start ?? '…'}..${q.period.end ?? '…'}` : null,
  }));
}

/** [surface, value, unit, approx, measure] of every quantity, in order. */
const core = (rs: Reading[]) => rs.map((r) => [r.surface, r.value, r.unit, r.approx, r.measure]);

describe('respective lists: places named one by one, then 分别', () => {
  it('川渝两地 + two figures: 川 is 四川, 渝 is 重庆, in order, for both lists of the sentence', () => {
    const rs = read('今年上半年，川渝两地规模以上工业增加值同比增长6.6%、7.3%，分别高于全国0.8、1.5个百分点。');
    expect(core(rs)).toEqual([
      ['6.6%', 6.6, '%', 'exact', 'change'],
      ['7.3%', 7.3, '%', 'exact', 'change'],
      ['0.8', 0.8, '百分点', 'exact', 'change'],
      ['1.5个百分点', 1.5, '百分点', 'exact', 'change'],
    ]);
    expect(rs.map((r) => r.region)).toEqual(['四川', '重庆', '四川', '重庆']);
    for (const r of rs) {
      expect(r.subject).toContain('规模以上工业增加值');
      expect(r.period).toBe('2023-01-01..2023-06-30');
    }
  });
  it('重庆、四川 + 分别: each figure its place and its own subject, across the sentence', () => {
    const rs = read('今年1—6月，重庆、四川进出口总额分别为3651.9亿元、4693.7亿元，同比分别下降12.5%和增长2.1%。');
    expect(core(rs)).toEqual([
      ['3651.9亿元', 365190000000, '元', 'exact', 'level'],
      ['4693.7亿元', 469370000000, '元', 'exact', 'level'],
      ['12.5%', 12.5, '%', 'exact', 'change'],
      ['2.1%', 2.1, '%', 'exact', 'change'],
    ]);
    expect(rs.map((r) => r.region)).toEqual(['重庆', '四川', '重庆', '四川']);
    expect(rs.map((r) => r.subject.startsWith(r.region!))).toEqual([true, true, true, true]);
    for (const r of rs) expect(r.subject).toContain('进出口总额');
  });
  it('three places and three figures (重庆、四川、成都三地分别…120个、95个和60个)', () => {
    const rs = read('重庆、四川、成都三地分别签约项目120个、95个和60个。');
    expect(rs.map((r) => [r.surface, r.region])).toEqual([
      ['120个', '重庆'],
      ['95个', '四川'],
      ['60个', '成都'],
    ]);
    for (const r of rs) expect(r.subject).toContain('签约项目');
    expect(rs.map((r) => r.subject)).not.toContain(expect.stringContaining('和'));
  });
  it('coordinated names + 分别: 旅客 / 货邮 each with the shared head', () => {
    const rs = read('上半年，成渝地区双城经济圈机场群旅客和货邮吞吐量分别增长14%和30%以上。');
    expect(core(rs)).toEqual([
      ['14%', 14, '%', 'exact', 'change'],
      ['30%', 30, '%', 'over', 'change'],
    ]);
    expect(rs[0].subject).toContain('旅客吞吐量');
    expect(rs[0].subject).not.toContain('货邮');
    expect(rs[1].subject).toContain('货邮吞吐量');
    expect(rs.map((r) => r.region)).toEqual(['成渝', '成渝']);
  });
  it('complete nouns share only the place before them; a shared head goes to each (产量)', () => {
    const rs = read('1—9月，四川规上工业增加值、固定资产投资分别增长6.1%、4.3%，锂电池、光伏组件产量分别增长45%、62%。');
    expect(rs.map((r) => [r.surface, r.region])).toEqual([
      ['6.1%', '四川'],
      ['4.3%', '四川'],
      ['45%', '四川'],
      ['62%', '四川'],
    ]);
    expect(rs[0].subject).toContain('四川规上工业增加值');
    expect(rs[1].subject).toContain('四川固定资产投资');
    expect(rs[1].subject).not.toContain('增加值');
    expect(rs[2].subject).toContain('锂电池产量');
    expect(rs[3].subject).toContain('光伏组件产量');
    expect(rs[3].subject).not.toContain('锂电池');
  });
  it('a rate with no words of its own, first in its sentence, takes the clause before (…均居西部前列，分别增长)', () => {
    const rs = read('前三季度，川渝两地港口集装箱和商品汽车吞吐量均居西部前列，分别增长9%和12%。');
    expect(rs.map((r) => r.surface)).toEqual(['9%', '12%']);
    expect(rs[0].subject).toContain('集装箱吞吐量');
    expect(rs[1].subject).toContain('商品汽车吞吐量');
    expect(rs[0].subject).not.toContain('前列');
    // The list runs over the two things, so the places are not distributed.
    expect(rs.map((r) => r.region)).toEqual(['成渝', '成渝']);
  });
  it('a figure list after one place is not distributed (重庆…签约项目12个、平台5个)', () => {
    const rs = read('重庆与四川共建产业园区12个、合作平台5个。');
    expect(rs.map((r) => [r.surface, r.region])).toEqual([
      ['12个', '成渝'],
      ['5个', '成渝'],
    ]);
  });
  it('a name that only begins with 成渝 is no pair of places (成渝中线高铁)', () => {
    const rs = read('成渝中线高铁和渝西高铁全长分别为292公里和174公里。');
    expect(rs.map((r) => [r.surface, r.region])).toEqual([
      ['292公里', '成渝'],
      ['174公里', '成渝'],
    ]);
  });
});

describe('the actor of a sentence carries to its later clauses', () => {
  it('重庆参保人 … 备案11.54万人，住院结算9.42万人次', () => {
    const rs = read('截至5月底，重庆参保人在四川就医累计备案11.54万人，住院结算9.42万人次。');
    expect(core(rs)).toEqual([
      ['11.54万人', 115400, '人', 'exact', 'level'],
      ['9.42万人次', 94200, '人次', 'exact', 'level'],
    ]);
    expect(rs[1].subject).toContain('重庆参保人');
    expect(rs[1].subject).toContain('住院结算');
    expect(rs.map((r) => r.region)).toEqual(['重庆', '重庆']);
    expect(rs.map((r) => r.period)).toEqual(['…..2023-05-31', '…..2023-05-31']);
  });
  it('two places joined are one actor (重庆市与四川省签署…，涉及金额…)', () => {
    const rs = read('重庆市与四川省签署合作协议12份，涉及金额超过3000亿元。');
    expect(core(rs)).toEqual([
      ['12份', 12, '份', 'exact', 'level'],
      ['3000亿元', 3e11, '元', 'over', 'level'],
    ]);
    expect(rs[1].subject).toContain('重庆市与四川省');
    expect(rs.map((r) => r.region)).toEqual(['成渝', '成渝']);
  });
  it('a clause naming its own place keeps it (；四川…)', () => {
    const rs = read('前三季度，重庆实现地区生产总值21918.22亿元，同比增长5.1%；四川实现地区生产总值43322.1亿元，同比增长6.5%。');
    expect(rs.map((r) => [r.surface, r.value, r.region, r.period])).toEqual([
      ['21918.22亿元', 2191822000000, '重庆', '2023-01-01..2023-09-30'],
      ['5.1%', 5.1, '重庆', '2023-01-01..2023-09-30'],
      ['43322.1亿元', 4332210000000, '四川', '2023-01-01..2023-09-30'],
      ['6.5%', 6.5, '四川', '2023-01-01..2023-09-30'],
    ]);
    expect(rs[3].subject).toContain('四川');
    expect(rs[3].subject).not.toContain('重庆');
  });
  it('川渝两地 carries across a list of figures (西部陆海新通道)', () => {
    const rs = read('截至今年6月底，川渝两地累计开行西部陆海新通道班列1.2万列，运输货物超过60万标箱，货值约600亿元。');
    expect(core(rs)).toEqual([
      ['1.2万列', 12000, '列', 'exact', 'level'],
      ['60万标箱', 600000, '标箱', 'over', 'level'],
      ['600亿元', 6e10, '元', 'about', 'level'],
    ]);
    expect(rs.map((r) => r.region)).toEqual(['成渝', '成渝', '成渝']);
    expect(rs[0].subject).toContain('西部陆海新通道');
    expect(rs[2].subject).toContain('货值');
    for (const r of rs) expect(r.period).toBe('…..2023-06-30');
  });
});

describe('成 and 倍 rates, shares of a named whole', () => {
  it('增长近三成 is 30 %, about, a change; 增长1.5倍 keeps 倍', () => {
    const rs = read('一季度，中欧班列（成渝）开行量增长近三成，西部陆海新通道运输货物增长1.5倍。');
    expect(core(rs)).toEqual([
      ['三成', 30, '%', 'about', 'change'],
      ['1.5倍', 1.5, '倍', 'exact', 'change'],
    ]);
    expect(rs[0].subject).toContain('中欧班列');
    expect(rs[1].subject).toContain('西部陆海新通道');
    expect(rs[1].subject).not.toContain('企业');
    expect(rs.map((r) => r.period)).toEqual(['2023-01-01..2023-03-31', '2023-01-01..2023-03-31']);
  });
  it('七成以上的企业 is a share; 一成 with its rate word is a number; 成员, 一成不变 are words', () => {
    const rs = read('七成以上的企业实现盈利，外贸占比提高一成，三成员单位一成不变。');
    expect(core(rs)).toEqual([
      ['七成', 70, '%', 'over', 'share'],
      ['一成', 10, '%', 'exact', 'change'],
    ]);
  });
  it('增长两倍 and 翻番 wording: a Chinese numeral before 倍', () => {
    expect(core(read('跨境电商交易额增长两倍。'))).toEqual([['两倍', 2, '倍', 'exact', 'change']]);
  });
  it('已完成年度计划的28% is a share; 完成投资1820亿元 a level', () => {
    const rs = read('今年以来，160个重大项目完成投资1820亿元，已完成年度计划的28%。');
    expect(core(rs)).toEqual([
      ['160个', 160, '个', 'exact', 'level'],
      ['1820亿元', 182000000000, '元', 'exact', 'level'],
      ['28%', 28, '%', 'exact', 'share'],
    ]);
    expect(rs[0].subject).toContain('重大项目');
    expect(rs[2].subject).toContain('年度计划');
    for (const r of rs) expect(r.period).toBe('2023-01-01..2023-07-20');
  });
  it('约占全国的7% is a share, about; 比上年末提高0.6个百分点 a change', () => {
    const rs = read('双城经济圈常住人口9853.5万人，约占全国的7%，城镇化率为67.2%，比上年末提高0.6个百分点。');
    expect(core(rs)).toEqual([
      ['9853.5万人', 98535000, '人', 'exact', 'level'],
      ['7%', 7, '%', 'about', 'share'],
      ['67.2%', 67.2, '%', 'exact', 'share'],
      ['0.6个百分点', 0.6, '百分点', 'exact', 'change'],
    ]);
    expect(rs[1].subject).toContain('常住人口');
    expect(rs[3].subject).toContain('城镇化率');
    for (const r of rs) expect(r.region).toBe('成渝');
  });
});

describe('exact values in base units', () => {
  it.each([
    ['77587.99亿元', 7758799000000],
    ['11.54万人', 115400],
    ['0.07万亿元', 7e10],
    ['1.23万标箱', 12300],
    ['4.1万亿元', 4.1e12],
    ['2.3亿人次', 230000000],
  ])('%s', (surface, value) => {
    const [r] = read(`双城经济圈去年实现${surface}。`);
    expect(r.surface).toBe(surface);
    // Exactly, not within a tolerance: a store comparing figures must see equal numbers as equal.
    expect(r.value).toBe(value);
  });
  it('a range keeps both ends exact (3—5万亿元, 1.2—1.5万人)', () => {
    const found = findQuantities({
      text: '总投资3—5万亿元，带动就业1.2—1.5万人。',
      sentences: findSentences('总投资3—5万亿元，带动就业1.2—1.5万人。'),
      paragraphs: [],
      time: timeContextFor('', PUBLISHED),
    });
    expect(found.map((q) => [q.value, q.valueMax])).toEqual([
      [3e12, 5e12],
      [12000, 15000],
    ]);
  });
});

describe('periods and what is not a quantity', () => {
  it('今年前5个月 is the period, not a figure', () => {
    const rs = read('今年前5个月，重庆市新设立外资企业156家，实际使用外资7.8亿美元，同比增长32.1%。');
    expect(core(rs)).toEqual([
      ['156家', 156, '家', 'exact', 'level'],
      ['7.8亿美元', 780000000, '美元', 'exact', 'level'],
      ['32.1%', 32.1, '%', 'exact', 'change'],
    ]);
    for (const r of rs) {
      expect(r.period).toBe('2023-01-01..2023-05-31');
      expect(r.region).toBe('重庆');
    }
    expect(rs[2].subject).toContain('外资');
  });
  it('2023年一季度 and 增速比全国低…个百分点', () => {
    const rs = read('2023年一季度，成都实现地区生产总值5127亿元，增长3.7%，增速比全国低0.8个百分点。');
    expect(core(rs)).toEqual([
      ['5127亿元', 512700000000, '元', 'exact', 'level'],
      ['3.7%', 3.7, '%', 'exact', 'change'],
      ['0.8个百分点', 0.8, '百分点', 'exact', 'change'],
    ]);
    for (const r of rs) {
      expect(r.region).toBe('成都');
      expect(r.period).toBe('2023-01-01..2023-03-31');
    }
  });
  it('a target year sets the end of the period (力争到2025年)', () => {
    const rs = read('力争到2025年，双城经济圈地区生产总值突破8万亿元，常住人口城镇化率达到66%左右。');
    expect(core(rs)).toEqual([
      ['8万亿元', 8e12, '元', 'over', 'level'],
      ['66%', 66, '%', 'about', 'share'],
    ]);
    expect(rs[1].subject).toContain('城镇化率');
  });
  it('numbers in names, plan titles and table years are no quantities', () => {
    const text = '“十四五”期间，川渝共建5G基站，落实《成渝地区双城经济圈建设规划纲要》和“1+N”政策体系，推进“一网通办”，2021—2025年。';
    expect(read(text)).toEqual([]);
  });
  it('a flattened table gives its cells with the header unit, its years stay dates', () => {
    const rs = read('项目名称 总投资（亿元） 建设年限\n成渝中线高铁 693亿元 2021—2026年\n渝西高铁 1000亿元 2022—2027年');
    expect(rs.map((r) => [r.surface, r.value, r.unit])).toEqual([
      ['693亿元', 69300000000, '元'],
      ['1000亿元', 100000000000, '元'],
    ]);
    expect(rs[0].subject).toContain('成渝中线高铁');
    expect(rs[1].subject).toContain('渝西高铁');
  });
  it('川渝通办 事项 with 截至…底 and 超过', () => {
    const rs = read('截至2023年6月底，川渝通办事项已达311项，累计办件量超过1200万件。');
    expect(core(rs)).toEqual([
      ['311项', 311, '项', 'exact', 'level'],
      ['1200万件', 12000000, '件', 'over', 'level'],
    ]);
    expect(rs[0].subject).toContain('川渝通办');
    expect(rs.map((r) => r.period)).toEqual(['…..2023-06-30', '…..2023-06-30']);
  });
  it('两年平均增长 is the span of an average: the rate after it is a change, 两年 no figure', () => {
    const rs = read('全市实现社会消费品零售总额7082.9亿元，比上年增长6.8%，两年平均增长4.3%。');
    expect(core(rs)).toEqual([
      ['7082.9亿元', 708290000000, '元', 'exact', 'level'],
      ['6.8%', 6.8, '%', 'exact', 'change'],
      ['4.3%', 4.3, '%', 'exact', 'change'],
    ]);
    for (const r of rs) expect(r.subject).toContain('社会消费品零售总额');
  });
  it('增至 ends no subject (互认项目增至1500余项)', () => {
    const rs = read('两地互认检验检测结果项目增至1500余项，每年为企业节约成本约2亿元。');
    expect(core(rs)).toEqual([
      ['1500余项', 1500, '项', 'over', 'level'],
      ['2亿元', 2e8, '元', 'about', 'change'],
    ]);
    expect(rs[0].subject.endsWith('项目')).toBe(true);
    expect(rs[1].subject).toContain('节约成本');
  });
});
