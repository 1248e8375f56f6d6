import { describe, expect, it } from 'vitest';
import { loadCatalog } from './catalog.ts';
import { fileFigure, headPhrase, withoutPlaces } from './indicator.ts';

const catalog = loadCatalog();
const file = (subject: string, unit: string, measure: 'level' | 'change' | 'share' = 'level') => fileFigure({ subject, unit, measure }, catalog, withoutPlaces);

describe('filing figures under indicators', () => {
  it('takes the head noun phrase: asides, places, times and verbs around it go', () => {
    expect(headPhrase('实现地区生产总值（GDP）')).toBe('地区生产总值');
    expect(headPhrase('第二产业投资增长 工业投资增长')).toBe('工业投资');
    expect(headPhrase('联合开行中欧班列')).toBe('中欧班列');
    expect(headPhrase('一产实现增加值')).toBe('第一产业增加值');
    expect(headPhrase('四川省规上工业增加值', withoutPlaces)).toBe('规模以上工业增加值');
  });

  it('files the same thing in different places and wordings together, and different things apart', () => {
    expect(file('重庆市规模以上工业增加值', '%', 'change')?.id).toBe(file('四川规上工业增加值', '%', 'change')?.id);
    expect(file('第一产业增加值', '元')?.id).not.toBe(file('第一产业增加值', '%', 'change')?.id);
    expect(file('中长期贷款余额', '元')?.id).not.toBe(file('短期贷款余额', '元')?.id);
    // people counted as 人, 名 or 人次 are one kind
    expect(file('干部互派挂职人员', '名')?.id).toBe(file('干部互派挂职人员', '人次')?.id);
  });

  it('files a breakdown by signatories with the act it breaks down, and a part naming another thing apart', () => {
    const whole = file('川渝两地在生态环境领域签订合作协议', '项');
    const part = file('川渝两地在生态环境领域签订合作协议 重庆市生态环境局与四川省生态环境厅签订协议', '项');
    expect(part?.id).toBe(whole?.id);
    expect(part?.rule).toMatch(/signatories/);
    expect(file('地区生产总值 第一产业增加值', '元')?.id).not.toBe(file('地区生产总值', '元')?.id);
  });

  it('cuts off a section heading run into the line before it, and topic asides', () => {
    expect(headPhrase('共同争取 外债便利化试点落地加快共建现代化')).toBe('外债便利化试点');
    expect(headPhrase('投营氢燃料电池汽车 加快共建西部科学城')).not.toMatch(/科学城/);
    expect(file('川渝高校 围绕人工智能、大健康等联合实施重点技术研发项目', '个')?.id).toBe('joint_rd_projects');
  });

  it('uses the catalogue only when its pattern names the whole phrase, and says which rule filed it', () => {
    expect(file('川渝通办事项', '项')).toMatchObject({ id: 'chuanyu_tongban_items', rule: expect.stringMatching(/^catalogue:chuanyu_tongban_items/) });
    // 对东盟进出口值 is not the catalogue's 进出口总额: a qualifier the entry ignores stays apart
    expect(file('对东盟进出口值', '元')?.id).not.toBe(file('进出口总值', '元')?.id);
    // …also where the partner is a known place and the figure's own place leads (广西对东盟)
    expect(file('广西对东盟进出口值', '元')?.id).not.toBe('foreign_trade');
    expect(file('广西进出口总值', '元')?.id).toBe('foreign_trade');
  });

  it('leaves a figure unfiled when its words name nothing (two characters, a time, nothing)', () => {
    expect(file('死亡', '人')).toBeNull();
    expect(file('比上年同期', '百分点', 'change')).toBeNull();
    expect(file('', '个')).toBeNull();
  });
});

describe('head phrases of bulletins and features', () => {
  it('drops times, list numbers, run-in values and what drives the thing counted', () => {
    expect(headPhrase('上半年全市地区生产总值')).toBe('地区生产总值');
    expect(headPhrase('1公共财政预算收入')).toBe('一般公共预算收入');
    expect(headPhrase('六）地方财政收入')).toBe('地方财政收入');
    expect(headPhrase('总指数为99.5')).toBe('总指数');
    expect(headPhrase('丰富的电影+活动带动电影全产业链产值')).toBe('电影全产业链产值');
    expect(headPhrase('电信5G基站数量')).toBe('电信5G基站');
  });
});

describe('filing by meaning: the measured thing, its unit kind and its measure', () => {
  it('takes a catalogue synonym with the qualifiers the entry lists, in any unit of its kind', () => {
    // 人/名/人次 are one kind: 501人次 and 51名 seconded officials share one series
    expect(file('选派 干部交流挂职', '人次')?.id).toBe('cadre_exchange');
    expect(file('川渝两地各选派 优秀年轻干部互派挂职（顶岗）工作', '名')?.id).toBe('cadre_exchange');
    // a place breakdown of a bill count is the same indicator as the total
    expect(file('重庆市参保人员在成都市异地就医门诊购药和住院直接结算', '人次')?.id).toBe('cross_province_medical_settlement');
    expect(file('成渝两地参保人员跨省异地就医直接结算', '人次')?.id).toBe('cross_province_medical_settlement');
    expect(file('中欧班列（成渝）号开行折算列', '列')?.id).toBe('china_europe_trains');
    expect(file('1-5月中欧班列(成渝)运输', '标箱')?.id).toBe('china_europe_containers');
  });

  it('keeps apart what the entry does not list: another airport, a first tranche, another kind of unit', () => {
    expect(file('双流国际机场旅客吞吐量', '人次')?.id).not.toBe('airport_passengers');
    expect(file('首期 双城经济圈科创母基金', '元')?.id).not.toBe('innovation_fund_size');
    expect(file('中欧班列', '标箱')?.id).not.toBe('china_europe_trains');
    expect(file('工业经济总量', '元')?.id).toBe('industrial_economy_size');
    expect(file('双城经济圈地区生产总值', '元')?.id).toBe('regional_gdp');
  });

  it('says which entry, synonym, unit and measure filed a figure, or the automatic key', () => {
    expect(file('选派 干部交流挂职', '人次')?.rule).toBe('catalogue:cadre_exchange synonym «干部交流挂职» in «干部交流挂职», unit 人次 as 名 (kind 人), level');
    expect(file('三峡枢纽通过量', '吨')?.rule).toBe('auto:三峡枢纽通过量:吨:level (head «三峡枢纽通过量», unit 吨 of kind 吨, level)');
  });

  it('files nothing by a part that names no thing: an elided measure, a contribution, a list taken in turn', () => {
    expect(file('降幅比同期收窄', '百分点', 'change')).toBeNull();
    expect(file('拉动GDP增长', '百分点', 'change')).toBeNull();
    expect(file('经济作物中蔬菜及食用菌、中草药材、水果、茶叶产量分别增长', '%', 'change')).toBeNull();
    expect(file('这一数字', '头')).toBeNull();
  });

  it('names automatic groups by noun phrases, never by fragments', () => {
    expect(file('下一个', '年')).toBeNull();
    expect(file('“携手', '年')).toBeNull();
    expect(file('涨到现在的', '%', 'share')).toBeNull();
    expect(file('暑期档电影票房今天（）', '元')?.name).toBe('暑期档电影票房');
    // a driver before a growth is what is measured (地方工业拉动…增长), not dropped
    expect(file('地方工业拉动全市规上工业增长', '百分点', 'change')?.id).not.toBe(file('合计拉动规上工业增长', '百分点', 'change')?.id);
  });

  it('looks past a part that only says where a share went, or the whole a share is of', () => {
    expect(file('重庆各区县为两地群众办理跨省市户口迁移 迁入重庆', '人次')?.id).toBe('cross_province_household_moves');
    expect(file('成渝两地联合开行中欧班列（成渝） 约占全国开行量的', '%', 'share')?.id).toBe('china_europe_trains_share');
    expect(file('全社会能源消费总量 标准煤 同比下降', '%', 'change')?.name).toBe('能源消费总量');
  });
});

describe('head phrases of statistical bulletins', () => {
  it('drops circumstances and comparison tails, and reads a sector row as its value added', () => {
    expect(headPhrase('装备制造业在沃尔沃带动下实现增加值')).toBe('装备制造业增加值');
    expect(headPhrase('非国有投资增速高')).toBe('非国有投资');
    expect(headPhrase('四川电信5G基站数量将', withoutPlaces)).toBe('电信5G基站');
    expect(headPhrase('2021年 第一产业')).toBe('第一产业增加值');
    expect(headPhrase('新能源汽车产量 增长')).toBe('新能源汽车产量');
  });
});

describe('head phrases: compound terms, differences, bare nouns', () => {
  it('keeps compound names whole and reads 收入 as a head', () => {
    expect(headPhrase('转移净收入')).toBe('转移净收入');
    expect(headPhrase('手持订单量')).toBe('手持订单量');
    expect(file('公共财政收入完成', '元')?.id).toBe(file('1、公共财政预算收入完成', '元')?.id);
    expect(file('公共财政收入完成', '元')).not.toBeNull();
    expect(headPhrase('全市累计报告新冠肺炎确诊病例')).toBe('新冠肺炎确诊病例');
  });

  it('files a difference from the national figure as its own indicator', () => {
    expect(headPhrase('川渝两地规模以上工业增加值同比增长 高于全国', withoutPlaces)).toBe('规模以上工业增加值增速高于全国');
    expect(file('地区生产总值 增速高于全国', '百分点', 'change')?.id).toMatch(/地区生产总值增速高于全国/);
  });

  it('files no automatic group by a bare noun that needs its verb, or by one noun after a list', () => {
    expect(file('业务遍及 国家和地区', '个')).toBeNull();
    expect(file('像缙云烧饼产业链串联起 乡镇街道 村', '个')).toBeNull();
    expect(headPhrase('冬奥会结余 （人民币')).not.toBe('人民币');
  });
});

describe('head phrases: tolls and other figures’ comparisons', () => {
  it('files a toll by its cause, and not at all without one', () => {
    expect(headPhrase('哥伦比亚西北部7.5级强震已造成 遇难')).toBe('地震死亡人数');
    expect(headPhrase('该国发生的强震已造成 遇难 受伤')).toBe('地震受伤人数');
    expect(file('印尼弗洛勒斯岛附近海域发生的强震已导致 死亡', '人')?.id).toBe(file('该国发生的强震已造成 遇难', '人')?.id);
    expect(file('造成 死亡', '人')).toBeNull();
  });

  it('passes over another figure’s comparison between the thing and a growth', () => {
    expect(file('全市实现地区生产总值 现价总量比同期增加 同比增长', '%', 'change')?.id).toBe(file('实现地区生产总值（GDP） 比增长', '%', 'change')?.id);
  });

  it('passes over a reporter’s sign-on and a trailing from', () => {
    expect(headPhrase('三峡枢纽通过量 记者')).toBe('三峡枢纽通过量');
    expect(headPhrase('将油气采收率从')).toBe('油气采收率');
  });
});

describe('head phrases: a target shares the series of what it targets', () => {
  it('drops the words of a plan or forecast and generic 各类', () => {
    expect(file('成都计划落地各类首店', '家')?.id).toBe(file('落地首店', '家')?.id);
    expect(headPhrase('预计高校毕业生')).toBe('高校毕业生');
  });
});

describe('head phrases: lists, new things, anniversaries', () => {
  it('files one thing in several places under the thing, and several things under none', () => {
    expect(headPhrase('四川天府新区成都直管区、成都东部新区完成固定资产投资分别增长', withoutPlaces)).toBe('固定资产投资');
    expect(headPhrase('商品零售额、餐饮收入分别增长', withoutPlaces)).toBe('');
    expect(headPhrase('一三产业比重分别比同期提高', withoutPlaces)).toBe('');
  });
  it('keeps 新增 said right before the figure (新增228个水环境保护项目), apart from the stock', () => {
    expect(file('在《规划》的基础上新增 水环境保护项目', '个')?.id).toBe('auto:新增水环境保护项目:个:level');
    expect(file('水环境保护项目', '个')?.id).toBe('auto:水环境保护项目:个:level');
  });
  it('files an anniversary by what it counts the years of, not the event marking it (…诞辰100周年大会)', () => {
    expect(file('纪念江泽民同志诞辰 大会', '周年')?.id).toBe(file('为纪念江泽民同志诞辰', '周年')?.id);
  });
});

describe('automatic groups: one thing, one group', () => {
  it('files a total with and without its suffix, with and without a trailing verb of reaching, and without a one-character country, together', () => {
    const id = (subject: string, unit: string) => file(subject, unit)?.id;
    expect(id('固定资产投资总额', '元')).toBe(id('固定资产投资', '元'));
    expect(id('战略石油储备规模进一步降至', '桶')).toBe(id('战略石油储备', '桶'));
    expect(id('美战略石油储备', '桶')).toBe(id('战略石油储备', '桶'));
    expect(id('美丽乡村示范村', '个')).toContain('美丽乡村');
  });
});
