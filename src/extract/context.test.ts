import { describe, expect, it } from 'vitest';
import { findQuantities } from './quantities.ts';
import { findParagraphs, findSentences } from './sentences.ts';
import type { Block } from '../document/index.ts';

/** Runs the quantity finder on paragraphs, the first ones as headings when `headings` says so. */
function read(paragraphs: string[], opts: { headline?: string; published?: string; headings?: number[] } = {}) {
  const text = paragraphs.join('\n\n');
  const spans = findParagraphs(text);
  const blocks: Block[] = spans.map((span, i) => ({ span, kind: opts.headings?.includes(i) ? 'heading' : 'paragraph' }));
  const published = opts.published ?? null;
  const time = { anchor: published, year: published ? Number(published.slice(0, 4)) : 2023 };
  return findQuantities({ text, sentences: findSentences(text), paragraphs: spans, time, blocks, headline: opts.headline ?? null });
}

describe('document context', () => {
  it('takes the period from the headline when the figure states none, and says so', () => {
    const [q] = read(['全省规模以上工业增加值同比增长4.1%。'], { headline: '2023年一季度四川工业运行分析', published: '2023-04-20' });
    expect(q.period).toEqual({ start: '2023-01-01', end: '2023-03-31' });
    expect(q.region).toBe('四川');
    expect(q.cues.period).toMatchObject({ level: 'headline', text: '2023年一季度' });
  });

  it('takes period and place from the section heading it stands under, before the headline', () => {
    const found = read(['新闻联播', '上海上半年经济运行情况', '地区生产总值增长5.1%。', '重庆前三季度外贸平稳', '进出口总值5000亿元。'], {
      headline: '新闻联播 20230720',
      published: '2023-10-20',
      headings: [0, 1, 3],
    });
    expect(found.map((q) => [q.value, q.region, q.period?.end, q.cues.region?.level])).toEqual([
      [5.1, '上海', '2023-06-30', 'heading'],
      [500000000000, '重庆', '2023-09-30', 'heading'],
    ]);
  });

  it('takes the year an annual review’s lead opens with (2014年，全市…) for the sections below', () => {
    const found = read(['2014年，全市上下克服不利因素，农村经济继续保持快速增长态势。', '二、畜牧结构日趋优化', '全市奶牛标准化牧场达267个。'], {});
    expect(found.at(-1)?.period).toEqual({ start: '2014-01-01', end: '2014-12-31' });
    expect(found.at(-1)?.cues.period).toMatchObject({ level: 'paragraph', text: '2014年' });
    // a target year (到2025年) or a year not opening the lead sets nothing
    expect(read(['全市上下在2014年克服不利因素。', '二、畜牧结构日趋优化', '全市奶牛标准化牧场达267个。'], {}).at(-1)?.period).toBeNull();
  });

  it('takes the period from a lead that names the report’s span, under numbered section headings', () => {
    const found = read(
      [
        '年初以来，全市经济延续企稳回升态势，经济发展实现了首季“开门红”。',
        '一、经济运行基本特点',
        '（五）市场消费稳步增长。',
        '全市实现社会消费品零售总额290亿元。',
      ],
      { published: '2017-04-20' },
    );
    expect(found.map((q) => [q.value, q.period])).toEqual([[29000000000, { start: '2017-01-01', end: '2017-03-31' }]]);
    expect(found[0].cues.period).toMatchObject({ level: 'paragraph', text: '首季' });
    // a news story's first paragraph, with no sections under it, sets nothing for the rest
    expect(read(['今年1—5月，两地开行班列。', '全市实现社会消费品零售总额290亿元。'], { published: '2022-06-28' }).at(-1)?.period).toBeNull();
  });

  it('takes no place from the story before when a feed runs a broadcast’s stories together', () => {
    const found = read(['苏州工业园区今年前7个月外贸进出口值突破1万亿元。暑期档电影票房超91亿元2026暑期档电影票房今天（8月13日）突破91亿元。']);
    expect(found[0].region).toBe('苏州工业园区');
    // the films' figures are no part of the park's story: no paragraph cue carries its name to them
    for (const q of found.slice(1)) expect([q.region, q.cues.region?.level]).not.toEqual(['苏州工业园区', 'paragraph']);
    expect(found.slice(1).map((q) => q.region)).not.toContain('苏州工业园区');
    const [labs] = read(['在江苏，44家全国重点实验室重组后新承担国家任务。']);
    expect(labs.region).toBe('江苏');
  });

  it('ends a span since the year began where the headline’s span from the same start ends, in a report with no date', () => {
    const [area] = read(['年初以来，设施农业种植面积达到3242公顷。'], { headline: '2023年一季度全市经济运行情况' });
    expect(area.period).toEqual({ start: '2023-01-01', end: '2023-03-31' });
  });

  it('gives a generic word after a verb (…新区完成投资分别增长) the thing its section heading names', () => {
    const found = read(['（三）固定资产投资', '全社会固定资产投资比上年增长10.0%。第一产业投资增长10.3%；东部新区完成投资增长20.0%。'], { headings: [0] });
    expect(found.map((q) => q.subject)).toEqual([expect.any(String), expect.not.stringContaining('固定资产'), expect.stringContaining('完成固定资产投资')]);
  });

  it('reads no town or zone out of words that only look like one', () => {
    const [villages] = read(['供水范围包括甘肃白银的五个乡镇的54个行政村。']);
    expect(villages.region).toBe('白银');
    const [markets] = read(['国务院关于促进综合保税区高水平开放的意见要求新设3个平台。']);
    expect(markets.region ?? '').not.toMatch(/综合保税区/);
    const [covid] = read(['31个省（自治区、直辖市）和新疆生产建设兵团报告新增确诊病例35例。']);
    expect(covid.region).toBe('全国');
  });

  it('carries a period to later sentences of its paragraph, not from a comparison in brackets', () => {
    const found = read(['一季度全市实现地区生产总值626.9亿元，同比增长2%（2016年同期增速为0.5%）。其中，一产实现增加值16.9亿元。'], {
      published: '2017-04-20',
    });
    const primary = found.find((q) => q.value === 1690000000);
    expect(primary?.period).toEqual({ start: '2017-01-01', end: '2017-03-31' });
    expect(primary?.cues.period?.level).toBe('paragraph');
  });

  it('files figures about other places under them, and the nation under 全国 but not its share', () => {
    const found = read(['江苏省地区生产总值12.2万亿元，绵阳市增长8%。全国粮食产量6.9亿吨。重庆汽车产量占全国的9.5%。']);
    expect(found.map((q) => q.region)).toEqual(['江苏', '绵阳', '全国', '重庆']);
    // a place inside an organisation's name is not the scope
    expect(read(['成都银行内江分行新发放贷款3亿元。']).map((q) => q.region)).toEqual(['内江']);
  });
});

describe('cumulative figures', () => {
  it('run to their 截至 date, not over the whole year a 今年 in the sentence names', () => {
    const [q] = read(['截至10月19日，成都天府国际机场今年累计保障旅客2000万人次。'], { published: '2022-10-20' });
    expect(q.period).toEqual({ start: null, end: '2022-10-19' });
  });
});

describe('targets', () => {
  it('marks goals, plans and forecasts as targets, achievements as actual', () => {
    const found = read(['力争到2025年开行中欧班列5000列。今年已开行1200列。预计全年将超过2400列。国家已将扣除比例由75%提高至100%。'], {
      published: '2023-06-01',
    });
    expect(found.map((q) => [q.value, q.status])).toEqual([
      [5000, 'target'],
      [1200, 'actual'],
      [2400, 'target'],
      [75, 'actual'],
      [100, 'actual'],
    ]);
    expect(found[0].cues.status).toMatchObject({ level: 'sentence' });
  });

  it('in a collection of stories, takes a figure’s place from its own story, or the nation when a national body speaks in it', () => {
    const found = read(
      [
        '浙江推进共同富裕',
        '浙江已建成乡镇卫生院1510个。巡回诊疗车开进山村，覆盖率达到88%。',
        '江苏推进制造业智能化',
        '全省已建成智能工厂2000家。',
        '前7个月金融总量合理增长',
        '中国人民银行发布的数据显示，7月末广义货币余额355.51万亿元。',
        '多地降雨持续',
        '目前转移群众2000多人。',
      ],
      { headline: '新闻联播 20260814', published: '2026-08-14', headings: [0, 2, 4, 6] },
    );
    expect(found.map((q) => [q.value, q.region, q.cues.region?.level ?? null])).toEqual([
      [1510, '浙江', 'clause'],
      [88, '浙江', 'paragraph'],
      [2000, '江苏', 'clause'],
      [355.51e12, '全国', 'section'],
      [2000, null, null],
    ]);
  });

  it('reads 全省 and 全市 as the province or city named last before them', () => {
    const [clusters, shoes] = read(['资阳市位于四川中部。全省首批17个特色产业集群名单公布。', '安岳县现有108家鞋服企业。']);
    expect(clusters.region).toBe('四川');
    expect(shoes.region).toBe('安岳县');
    const [bulletin] = read(['全市实现地区生产总值1228亿元。']);
    expect(bulletin.region).toBeNull();
  });

  it('takes the smaller of two places written together (甘肃白银, 北京市丰台区), not of two cities (宁波舟山)', () => {
    const [water] = read(['供水范围包括甘肃白银的54个行政村。']);
    expect(water.region).toBe('白银');
    const [clinics] = read(['北京市丰台区中医医院联动27家社区卫生服务中心。']);
    expect(clinics.region).toBe('丰台区');
    const [port] = read(['宁波舟山港日吞吐量近400万吨。']);
    expect(port.region).not.toBe('舟山');
  });

  it('knows a development zone by its own name and a town written after its county, as written', () => {
    const [fund, area] = read(['1989年晋江县陈埭镇集资600多万元。不足39平方公里的陈埭镇聚集了许多企业。']);
    expect([fund.region, area.region]).toEqual(['陈埭镇', '陈埭镇']);
    const [trains] = read(['2023年，上合示范区到发中欧班列863列。']);
    expect(trains.region).toBe('上合示范区');
    const [zones] = read(['目前全国共有国家级新区19个。']);
    expect(zones.region).not.toMatch(/新区/);
  });
});
