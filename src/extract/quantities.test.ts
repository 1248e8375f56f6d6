import { describe, expect, it } from 'vitest';
import { findQuantities, type QuantityFinding } from './quantities.ts';
import { findParagraphs, findSentences } from './sentences.ts';
import { timeContextFor } from './time.ts';

function quantities(text: string, published: string | null = '2022-06-28') {
  const found = findQuantities({ text, sentences: findSentences(text), paragraphs: findParagraphs(text), time: timeContextFor(text, published) });
  // Every check reads the text under the fact's span.
  return found.map((q) => ({ ...q, surface: text.slice(q.span[0], q.span[1]) }));
}
const only = (text: string, published?: string | null): QuantityFinding & { surface: string } => {
  const found = quantities(text, published);
  expect(found).toHaveLength(1);
  return found[0];
};

describe('findQuantities: value, unit and span', () => {
  it('reads magnitudes into base units and keeps 余 inside the span', () => {
    const text = '两地参保人员异地就医直接结算49.28万人次，重庆在四川投资的民营企业5万余家。';
    expect(quantities(text).map((q) => [q.surface, q.value, q.unit, q.approx])).toEqual([
      ['49.28万人次', 492800, '人次', 'exact'],
      ['5万余家', 50000, '家', 'over'],
    ]);
  });
  it('reads a bare magnitude before 余 (千余家企业)', () => {
    expect(quantities('吸引千余家企业，百余项成果落地。').map((q) => [q.surface, q.value, q.approx])).toEqual([
      ['千余家', 1000, 'over'],
      ['百余项', 100, 'over'],
    ]);
  });
  it('reads a magnitude written after 余 or 多 (100余万人)', () => {
    const text = '吸引100余万人参与，投资30多亿元。';
    expect(quantities(text).map((q) => [q.surface, q.value, q.unit, q.approx])).toEqual([
      ['100余万人', 1e6, '人', 'over'],
      ['30多亿元', 3e9, '元', 'over'],
    ]);
  });
  it('reads 个百分点, 个工作日 and 千伏 as units', () => {
    const text = '增速高于全国1.5个百分点，减少办理时间569个工作日，建成1000千伏特高压。';
    expect(quantities(text).map((q) => [q.surface, q.value, q.unit])).toEqual([
      ['1.5个百分点', 1.5, '百分点'],
      ['569个工作日', 569, '工作日'],
      ['1000千伏', 1000, '千伏'],
    ]);
  });
  it('gives a bare list member the unit of the next one (0.8、1.5个百分点)', () => {
    const text = '工业增加值分别高于全国0.8、1.5个百分点。';
    expect(quantities(text).map((q) => [q.surface, q.value, q.unit])).toEqual([
      ['0.8', 0.8, '百分点'],
      ['1.5个百分点', 1.5, '百分点'],
    ]);
  });
  it('keeps a duration that is stated (通行时间缩短50分钟)', () => {
    expect(quantities('通行时间缩短50分钟，审批时限压缩至3天内。').map((q) => q.surface)).toEqual(['50分钟', '3天']);
  });
  it('reads a figure after 目前 (前 there ends another word, not a rank)', () => {
    expect(quantities('目前10个平台全部启动，位居前10名。').map((q) => q.surface)).toEqual(['10个']);
  });
  it('reads Chinese numerals but not a lone 一', () => {
    expect(quantities('双方共建两条示范大道，打造一个平台。').map((q) => [q.surface, q.value])).toEqual([['两条', 2]]);
  });
});

describe('findQuantities: what is not a quantity', () => {
  it.each([
    ['dates and years', '2020年1月3日，会议召开；1—5月数据发布。'],
    ['ordinals and ranks', '第四次会议召开，位居全国第一，第一批名单，前10名。'],
    ['model and code names', '建设5G基站，PM2.5浓度，“1+7+13+N”规划体系，7×24小时。'],
    ['a quoted policy name', '打出“18条”政策组合拳，立足“四个优势”。'],
    ['a document title', '签署《交通发展三年行动方案》。'],
    ['phone numbers', '联系电话023-6276-2687。'],
    ['vague counts', '涵盖几十个行业，数百家企业。'],
    ['durations naming a policy or a goal', '纳入240小时过境免签政策，打造1小时交通圈。'],
    ['a cohort named by its year', '清华大学2023届毕业生陆续签约。'],
  ])('%s', (_, text) => {
    expect(quantities(text)).toEqual([]);
  });
});

describe('findQuantities: approx and measure', () => {
  it('reads approximators before, inside and after the figure', () => {
    const text = '总投资超过3000亿元，近1.5万个岗位，100余吨危废，80%以上的产品，不足10家。';
    expect(quantities(text).map((q) => [q.surface, q.approx])).toEqual([
      ['3000亿元', 'over'],
      ['1.5万个', 'about'],
      ['100余吨', 'over'],
      ['80%', 'over'],
      ['10家', 'under'],
    ]);
  });
  it('does not read 节约 as 约', () => {
    expect(only('单箱运输成本节约500元。').approx).toBe('exact');
  });
  it('tells level, change and share apart', () => {
    const text = '开行中欧班列1475列，约占全国开行量的21%；结算49.28万人次、同比增长193.7%；通道增至16条。';
    expect(quantities(text).map((q) => [q.surface, q.measure])).toEqual([
      ['1475列', 'level'],
      ['21%', 'share'],
      ['49.28万人次', 'level'],
      ['193.7%', 'change'],
      ['16条', 'level'],
    ]);
  });
  it('carries 占 over a list, but not a share written as X%的', () => {
    expect(quantities('经济总量占全国的6.5%、西部的30.4%。').map((q) => q.measure)).toEqual(['share', 'share']);
    expect(quantities('全球2/3的iPad、近8000万台笔记本电脑。').map((q) => q.measure)).toEqual(['share', 'level']);
  });
  it('reads 新增 as a level and 占地 as no share', () => {
    const text = '全市新增市场主体12.3万户，项目占地面积120亩。';
    expect(quantities(text).map((q) => q.measure)).toEqual(['level', 'level']);
  });
  it('gives list members the measure of the first (减少环节327个、时间569个工作日)', () => {
    const text = '累计减少办理环节327个、办理时间569个工作日。';
    expect(quantities(text).map((q) => q.measure)).toEqual(['change', 'change']);
  });
});

describe('findQuantities: subject', () => {
  it('takes the noun after a classifier and the words before the figure', () => {
    const text = '两地共有130家零部件企业参与对方整车配套。';
    expect(only(text).subject).toContain('零部件企业');
  });
  it('gives a share or growth rate the subject of the figure it qualifies', () => {
    const text = '1—5月，成渝两地联合开行中欧班列（成渝）1475列，约占全国开行量的21%。';
    expect(quantities(text).map((q) => q.subject.includes('中欧班列'))).toEqual([true, true]);
  });
  it('gives each member of a list its own noun', () => {
    const text = '研究谋划200个重大支撑项目、15个重大科技基础设施。';
    const [a, b] = quantities(text);
    expect(a.subject).toContain('重大支撑项目');
    expect(b.subject).toContain('重大科技基础设施');
    expect(a.subject).not.toContain('基础设施');
  });
  it('gives a part (其中…) the subject of the whole before it', () => {
    const text = '共同实施成渝地区双城经济圈重大项目248个，其中已开工项目160个。';
    const found = quantities(text);
    expect(found.map((q) => q.value)).toEqual([248, 160]);
    for (const q of found) expect(q.subject).toContain('重大项目');
  });
});

describe('findQuantities: period', () => {
  it('takes the lead phrase of its sentence, resolved against the report date', () => {
    const text = '1—5月，成渝两地联合开行中欧班列1475列。';
    expect(only(text).period).toEqual({ start: '2022-01-01', end: '2022-05-31' });
  });
  it('carries a lead phrase across semicolons up to the full stop', () => {
    const text = '截至2020年12月末，重庆参保人备案11.54万人；四川参保人备案23.88万人。\n\n此后新增5家。';
    expect(quantities(text).map((q) => q.period)).toEqual([{ start: null, end: '2020-12-31' }, { start: null, end: '2020-12-31' }, null]);
  });
  it('takes a paragraph lead phrase for later sentences', () => {
    const text = '今年上半年，两地加快建设。共建300个重大项目。\n\n另起一段，新建10座场站。';
    expect(quantities(text).map((q) => q.period)).toEqual([{ start: '2022-01-01', end: '2022-06-30' }, null]);
  });
  it('does not take the base of a comparison for the period', () => {
    const text = '截至2023年底，累计开行班列3.5万列，较2022年增长28%。';
    expect(quantities(text).map((q) => q.period)).toEqual([
      { start: null, end: '2023-12-31' },
      { start: null, end: '2023-12-31' },
    ]);
  });
  it('reads 全年 in the year its paragraph names', () => {
    const text = '2023年，地区生产总值81986.7亿元。全年完成投资同比下降3.2%。';
    expect(quantities(text, '2024-05-20').map((q) => q.period?.start)).toEqual(['2023-01-01', '2023-01-01']);
  });
  it('reads 截至目前 as up to the publication date, and leaves it open without one', () => {
    expect(only('截至目前，两地共有130家企业参与。').period).toEqual({ start: null, end: '2022-06-28' });
    expect(only('截至目前，两地共有130家企业参与。', null).period).toBeNull();
  });
});

describe('findQuantities: region', () => {
  it('names both sides 成渝, one side by its name', () => {
    const text = '川渝两地共建3个中心。重庆开工79个项目。成都建成5座场站。';
    expect(quantities(text).map((q) => q.region)).toEqual(['成渝', '重庆', '成都']);
  });
  it('names a smaller place the figure is scoped to, and reads it as its side further away', () => {
    const text = '1-5月渝西地区规上工业增加值增长12.9%。沙坪坝区建成专厅，首批投放11台一体机。';
    expect(quantities(text).map((q) => q.region)).toEqual(['渝西地区', '重庆']);
  });
  it('reads two sides joined in one clause as 成渝', () => {
    expect(only('重庆市生态环境局与四川省生态环境厅签订协议10项。').region).toBe('成渝');
  });
});

describe('findQuantities: 去年同期 and relative time phrases', () => {
  it("gives a 去年同期 figure last year's same span and the subject of the figure it compares with", () => {
    const found = quantities('今年1—4月，四川省规模以上工业增加值同比增长4.2%，全省社会消费品零售总额8200亿元；去年同期为7600亿元。', '2023-05-25');
    const last = found.at(-1)!;
    expect([last.surface, last.period]).toEqual(['7600亿元', { start: '2022-01-01', end: '2022-04-30' }]);
    expect(last.subject).toContain('社会消费品零售总额');
    expect(last.measure).toBe('level');
  });
  it('reads 上年同期为6% after a growth rate as a growth rate too', () => {
    const found = quantities('截至6月末，重庆市本外币贷款余额同比增长8.3%，上年同期为7.9%。', '2023-07-20');
    expect(found.map((q) => [q.surface, q.measure, q.period?.end])).toEqual([
      ['8.3%', 'change', '2023-06-30'],
      ['7.9%', 'change', '2022-06-30'],
    ]);
    expect(found[1].subject).toContain('贷款余额');
  });
  it('does not read the years of 近五年 or 两年前 as figures, but keeps 工期近五年', () => {
    const found = quantities('近五年，成都累计引进世界500强企业项目120个。两年前，这里还是一片荒坡。该工程工期近五年。', '2023-07-20');
    expect(found.map((q) => [q.surface, q.approx])).toEqual([
      ['120个', 'exact'],
      ['五年', 'about'],
    ]);
    expect(found[0].period).toEqual({ start: '2018-07-20', end: '2023-07-20' });
  });
});

describe('findQuantities: the parts of a whole (其中…)', () => {
  it('gives every part of a 其中 list the subject of the whole, and each part its own place', () => {
    const found = quantities('今年以来，川渝两地共签约产业合作项目186个，其中重庆牵头97个、四川牵头89个。', '2023-07-20');
    expect(found.map((q) => [q.surface, q.region])).toEqual([
      ['186个', '成渝'],
      ['97个', '重庆'],
      ['89个', '四川'],
    ]);
    for (const q of found.slice(1)) expect(q.subject).toContain('产业合作项目');
    expect(found[2].subject).toContain('四川牵头');
  });
  it("keeps the whole across commas and 其中 after a comma, for parts in the whole's unit only", () => {
    const found = quantities('全年新开工省级重点项目420个，其中，交通项目56个，能源项目38个，产业项目160个，完成投资1500亿元。', '2023-07-20');
    expect(found.map((q) => q.surface)).toEqual(['420个', '56个', '38个', '160个', '1500亿元']);
    for (const q of found.slice(1, 4)) expect(q.subject).toContain('省级重点项目');
    expect(found[2].subject).toContain('能源项目');
    expect(found[4].subject).not.toContain('省级重点项目');
  });
  it('ends the whole with its sentence', () => {
    const found = quantities('两地开通跨省公交线路40条，其中毗邻地区32条。新建充电桩1200个。', '2023-07-20');
    expect(found[2].subject).not.toContain('公交线路');
  });
  it('keeps 共同, 都市圈, 均衡 whole at the head of a subject (only the filler words are dropped)', () => {
    const found = quantities('共同推进重大项目248个。都市圈轨道交通里程达到560公里。', '2023-07-20');
    expect(found.map((q) => q.subject)).toEqual(['共同推进重大项目', '都市圈轨道交通里程']);
  });
});

describe('findQuantities: reports read end to end', () => {
  it('gives 全年 in a later paragraph the year the report reviews, not its publication year', () => {
    const text = '2023年，成渝地区双城经济圈实现地区生产总值8.2万亿元。\n\n全年新开通跨省城际公交线路9条。';
    const found = quantities(text, '2024-02-26');
    expect(found.map((q) => q.period)).toEqual([
      { start: '2023-01-01', end: '2023-12-31' },
      { start: '2023-01-01', end: '2023-12-31' },
    ]);
  });
  it('still reads 全年 as the publication year when the report names no year before it', () => {
    expect(only('全年计划开工川渝合作项目120个。', '2024-03-01').period).toEqual({ start: '2024-01-01', end: '2024-12-31' });
  });
  it('reads 不少于 and 至少 as over, and keeps them out of the subject', () => {
    const q = only('今年，两地力争新开工合作项目不少于100个。', '2023-03-01');
    expect(q.approx).toBe('over');
    expect(q.subject).toMatch(/新开工合作项目$/);
    expect(only('至少新增5条跨省公交线路。').approx).toBe('over');
  });
  it('keeps 双城经济圈 and 日均 whole in the actor of a sentence', () => {
    const found = quantities('今年上半年，成渝地区双城经济圈实现地区生产总值3.8万亿元，占全国的比重为6.5%。', '2023-07-20');
    expect(found[1].subject).toContain('成渝地区双城经济圈');
    const trains = quantities('双城间日均开行动车近100对，日均客流量超过5万人次。', '2023-07-20');
    expect(trains[1].subject).not.toMatch(/双城间日 /);
    expect(trains[1].subject).toContain('日均客流量');
  });
  it('pairs 分别增长X%和Y% with the figures listed before it', () => {
    const found = quantities('2023年，果园港完成货物吞吐量2800万吨，集装箱吞吐量62万标箱，分别增长4.1%和9.6%。', '2024-01-30');
    expect(found.map((q) => [q.surface, q.measure])).toEqual([
      ['2800万吨', 'level'],
      ['62万标箱', 'level'],
      ['4.1%', 'change'],
      ['9.6%', 'change'],
    ]);
    expect(found[2].subject).toContain('货物吞吐量');
    expect(found[2].subject).not.toContain('集装箱');
    expect(found[3].subject).toContain('集装箱吞吐量');
  });
  it('reads a figure reached by 压缩至 or 缩短到 as a level', () => {
    expect(only('成渝两地通勤时间压缩至1小时以内。').measure).toBe('level');
    expect(only('审批时限缩短到5个工作日。').measure).toBe('level');
  });
});

describe('findQuantities: asides and consequences', () => {
  it('reads past an aside in brackets to what the figures measure (50亿元（首期10亿元）的基金)', () => {
    const found = quantities('两地共同设立总规模100亿元（首期20亿元）的成渝产业协同发展基金。');
    expect(found.map((q) => q.surface)).toEqual(['100亿元', '20亿元']);
    expect(found[0].subject).toContain('产业协同发展基金');
    expect(found[1].subject).toContain('首期');
    expect(found[1].subject).toContain('产业协同发展基金');
    expect(found[1].subject).not.toMatch(/^（/);
  });
  it('names a figure after 吸引/带动 by the clause before it', () => {
    const q = only('两地联合举办川渝人才交流大会，吸引超过3万人次参加。');
    expect(q.subject).toContain('川渝人才交流大会');
    expect(q.approx).toBe('over');
  });
  it('reads 跨省市 as both sides', () => {
    expect(only('推动重庆大足石刻等景区合作共建，开发跨省市精品旅游线路30余条。').region).toBe('成渝');
  });
});

describe('findQuantities: the place leading a sentence', () => {
  it('gives a later clause naming no place the region of the places that open the sentence', () => {
    expect(only('成都、重庆同时入选国家首批数据要素试点城市，累计上线数据产品400余个。').region).toBe('成渝');
  });
  it("prefers the sentence's actor to the last place of a list of routes", () => {
    expect(only('2022年，川渝两地开通了广安邻水至渝北、合川至武胜等线路，共计9条线路。').region).toBe('成渝');
  });
  it('does not take a place that does not open the sentence for its actor', () => {
    expect(only('来自重庆的企业在成都设立分支机构，今年新增120家。').region).not.toBe('成渝');
  });
});

describe('findQuantities: a count with no measure word', () => {
  it('reads the unit its noun implies after a magnitude (2.2万城镇居民 → 人, 1.2万农户 → 户)', () => {
    expect(quantities('年末2.2万城镇居民、7.5万农村居民享受最低生活保障，带动1.2万农户增收。').map((q) => [q.surface, q.value, q.unit])).toEqual([
      ['2.2万', 22000, '人'],
      ['7.5万', 75000, '人'],
      ['1.2万', 12000, '户'],
    ]);
  });
  it('reads none after a bare number (2000学生 is no count here)', () => {
    expect(quantities('全校2000学生参加活动。').filter((q) => q.unit === '人')).toEqual([]);
  });
});

describe('findQuantities: a bare magnitude after 上', () => {
  it('counts one of the magnitude, over (上百万元, 上千家, 上万人), and keeps 上 out of the subject', () => {
    expect(quantities('合作订单上百万元，吸引上千家企业入驻，上万人参加。').map((q) => [q.surface, q.value, q.unit, q.approx])).toEqual([
      ['百万元', 1e6, '元', 'over'],
      ['千家', 1000, '家', 'over'],
      ['万人', 1e4, '人', 'over'],
    ]);
    expect(quantities('合作订单上百万元。')[0].subject).toBe('合作订单');
  });
  it('reads nothing in 比上年 or 线上', () => {
    expect(quantities('比上年增长5%，线上3个。').map((q) => q.surface)).toEqual(['5%', '3个']);
  });
});

describe('findQuantities: numerals that count nothing', () => {
  it('reads no figure in fixed phrases, terms or a word’s financial numeral', () => {
    const text =
      '三次产业结构为2.9:30.7:66.4，更好利用国内国际两个市场、两种资源，前不久还在四处寻找，美国30年期国债收益率上升，火箭依靠着陆支腿稳稳落地，2024台湾地区。';
    expect(quantities(text).map((q) => q.surface)).toEqual([]);
  });
  it('reads 场次 and 基点 as units', () => {
    expect(quantities('累计开课90场次，贷款利率下降40个基点。').map((q) => [q.surface, q.unit])).toEqual([
      ['90场次', '场次'],
      ['40个基点', '基点'],
    ]);
  });
});

describe('findQuantities: a rate written before what it is', () => {
  it('reads 实现1.5%的正增长 as a change, 21%的份额 as a share', () => {
    expect(quantities('GDP实现1.5%的正增长，占据21%的份额。').map((q) => [q.surface, q.measure])).toEqual([
      ['1.5%', 'change'],
      ['21%', 'share'],
    ]);
  });
});

describe('findQuantities: money in other currencies, and a conversion in brackets', () => {
  it('reads 新台币, 新元, 日元 as units and takes the noun after the bracketed conversion', () => {
    const found = quantities('台湾与美国签署一纸14.4亿新台币（6324万新元）零附件合约，另有3000万日元。');
    expect(found.map((q) => [q.surface, q.value, q.unit])).toEqual([
      ['14.4亿新台币', 1440000000, '新台币'],
      ['6324万新元', 63240000, '新元'],
      ['3000万日元', 30000000, '日元'],
    ]);
    expect(found[0].subject).toContain('零附件合约');
    expect(found[0].subject).not.toContain('（');
  });
});

describe('findQuantities: a count of people without a measure word', () => {
  it('reads the unit the noun implies, a modifier or two in between', () => {
    expect(quantities('116.7万贫困人口全部脱贫，惠及150万城市人口。').map((q) => [q.surface, q.value, q.unit])).toEqual([
      ['116.7万', 1167000, '人'],
      ['150万', 1500000, '人'],
    ]);
  });
});

describe('findQuantities: numbers written as a bare magnitude, halves and below zero', () => {
  it('reads 逾千亿元, 近亿元, 超千万吨 and 不足百个 as one of their magnitude', () => {
    const found = quantities('年产值逾千亿元，实现产值近亿元，产品超千万吨，合作社不足百个。');
    expect(found.map((q) => [q.surface, q.value, q.unit, q.approx])).toEqual([
      ['千亿元', 1e11, '元', 'over'],
      ['亿元', 1e8, '元', 'about'],
      ['千万吨', 1e7, '吨', 'over'],
      ['百个', 100, '个', 'under'],
    ]);
  });
  it('reads 两个多小时, 4个半小时左右 and 三个半月 in their time unit, and 零下35摄氏度 as negative', () => {
    const found = quantities('过程持续了两个多小时，车程减少为4个半小时左右，为期三个半月；气温低于零下35摄氏度。');
    expect(found.map((q) => [q.surface, q.value, q.unit, q.approx])).toEqual([
      ['两个多小时', 2, '小时', 'over'],
      ['4个半小时', 4.5, '小时', 'about'],
      ['三个半月', 3.5, '月', 'exact'],
      ['35摄氏度', -35, '摄氏度', 'exact'],
    ]);
  });
  it('counts provinces and cities after their list or a verb of having, not a group’s name', () => {
    expect(quantities('西成铁路串联青海、甘肃、四川三省。四川省共有4市进入百强。推动川中四市发展，川渝两省协作。').map((q) => q.surface)).toEqual([
      '三省',
      '4市',
    ]);
  });
  it('reads the units of air, water, oil and earthquakes', () => {
    expect(quantities('PM2.5浓度27微克/立方米，流量2030立方米/秒，储备2.987亿桶，发生7.5级地震。').map((q) => q.unit)).toEqual([
      '微克/立方米',
      '立方米/秒',
      '桶',
      '级',
    ]);
  });
});

describe('findQuantities: subjects across a headline’s halves', () => {
  it('stops at the space between a headline’s halves and at a year glued to the story’s first words', () => {
    const found = quantities('暑期档电影票房破百亿元 电影全产业链产值超4000亿元\n\n观影人次双创历史新高2026暑期档电影票房今天突破100亿元。', '2026-08-16');
    expect(found.map((q) => q.subject)).toEqual(['暑期档电影票房', '电影全产业链产值', '2026暑期档电影票房']);
  });
});

describe('findQuantities: an amount with a magnitude and no measure word', () => {
  it('takes the unit its clause’s thing implies: money, 人次, people, 用户', () => {
    const found = quantities('国家将投资360亿，用于航道整治。观影人次已经超过2.9亿。京津冀，人口超过1亿。仍有超过30万用户断电。日增近30万。');
    expect(found.map((q) => [q.surface, q.unit])).toEqual([
      ['360亿', '元'],
      ['2.9亿', '人次'],
      ['1亿', '人'],
      ['30万', '户'],
    ]);
  });
});

describe('findQuantities: halves, per mille, the people of a place and durations before a verb', () => {
  it('reads 超过一半 as 50%, 千分之四 as 0.4%, 100万晋江人 in 人, and 提前2天破百亿 as a duration', () => {
    const found = quantities('比重超过一半。以不到全国千分之四的国土面积。晋江本土生活着100万晋江人。比去年提前2天破百亿。');
    expect(found.map((q) => [q.surface, q.value, q.unit])).toEqual([
      ['一半', 50, '%'],
      ['千分之四', 0.4, '%'],
      ['100万', 1000000, '人'],
      ['2天', 2, '天'],
    ]);
  });
  it('still reads no figure in 一半是 or a policy’s 240小时过境免签', () => {
    expect(quantities('一半是海水。纳入240小时过境免签政策。')).toEqual([]);
  });
});
