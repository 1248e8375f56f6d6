import { describe, expect, it } from 'vitest';
import type { Measure } from '../document/index.ts';
import { loadCatalog } from './catalog.ts';
import { fileFigures } from './context.ts';
import { withoutPlaces } from './indicator.ts';
import { assignIndicators, type ReconcileFact } from './series.ts';

const catalog = loadCatalog();
type Row = [subject: string, unit: string, measure?: Measure];
const file = (rows: Row[]) =>
  fileFigures(
    rows.map(([subject, unit, measure = 'level']) => ({ subject, unit, measure })),
    catalog,
    withoutPlaces,
  );
const ids = (rows: Row[]) => file(rows).map((f) => f?.id ?? null);

describe('filing a report’s figures in order', () => {
  it('files an item of an entity counted before it as that entity’s (普通中学645所，在校学生…，专任教师…)', () => {
    const got = ids([
      ['中等职业教育学校', '所'],
      ['在校学生', '人'],
      ['专任教师', '人'],
      ['普通中学', '所'],
      ['在校学生', '人'],
      ['专任教师', '人'],
    ]);
    expect(got[1]).not.toBe(got[4]);
    expect(got[2]).not.toBe(got[5]);
    expect(got[4]).toMatch(/普通中学在校学生/);
    expect(
      file([
        ['普通中学', '所'],
        ['专任教师', '人'],
      ])[1]?.rule,
    ).toMatch(/item of «普通中学»/);
  });

  it('files a population’s income items under the population named before (城镇居民 / 农村居民)', () => {
    const got = ids([
      ['城镇居民人均可支配收入', '元'],
      ['城镇居民人均可支配收入 增长', '%', 'change'],
      ['其中工资性收入', '元'],
      ['转移净收入', '元'],
      ['农村居民人均可支配收入', '元'],
      ['其中工资性收入', '元'],
      ['转移净收入', '元'],
    ]);
    expect(got[2]).not.toBe(got[5]);
    expect(got[3]).not.toBe(got[6]);
    expect(got[3]).not.toBe(got[2]);
    expect(got[2]).toMatch(/城镇居民人均工资性收入/);
  });

  it('files a figure restating the one before it for another time with it, but not a difference or an average', () => {
    const got = ids([
      ['全市固定资产投资完成 同比增长', '%', 'change'],
      ['增速比同期和去年全年均有较大幅度提升（同期为下降', '%', 'change'],
      ['去年全年下降', '%', 'change'],
    ]);
    expect(new Set(got).size).toBe(1);
    expect(got[0]).not.toBeNull();
    expect(
      file([
        ['固定资产投资 同比增长', '%', 'change'],
        ['去年全年下降', '%', 'change'],
      ])[1]?.rule,
    ).toMatch(/restates figure 1/);
    // 比同期增速高0.8个百分点 is a difference (another unit, another indicator); 年均增加 an average
    const difference = ids([
      ['地区生产总值 同比增长', '%', 'change'],
      ['比同期增速高', '百分点', 'change'],
    ]);
    expect(difference[1]).not.toBe(difference[0]);
    expect(
      ids([
        ['从鞋企业数量上看， 增加', '家', 'change'],
        ['年均增加', '家', 'change'],
      ])[1],
    ).toBeNull();
    // words naming nothing at all restate nothing either
    expect(
      ids([
        ['受地震影响，', '人'],
        ['', '人'],
      ])[1],
    ).toBeNull();
  });

  it('files a short head naming again what the figure just before named in full', () => {
    const got = file([
      ['两地将开通 川渝毗邻地区跨省际公交线路', '条'],
      ['线路', '条'],
    ]);
    expect(got[1]?.id).toBe(got[0]?.id);
    expect(got[1]?.rule).toMatch(/names again/);
    // but not a head whose own words name another thing (科学城 projects are not the R&D projects before)
    expect(
      ids([
        ['联合实施重点技术研发项目', '个'],
        ['西部（重庆）科学城建设集中开工总投资 项目', '个'],
      ])[1],
    ).toBeNull();
  });

  it('keeps apart a count of what got done of the figure before (34个问题已整改完成30个)', () => {
    expect(
      ids([
        ['问题已整改完成', '个'],
        ['问题已整改完成', '个'],
      ])[1],
    ).toBeNull();
  });

  it('reads a figure inside an open aside by the aside (计划播种面积1128万亩（水田168万亩）', () => {
    const got = ids([
      ['全市计划播种面积 （水田', '亩'],
      ['全市计划播种面积 （水田', '亩'],
    ]);
    expect(got[0]).toMatch(/播种面积/);
    expect(got[1]).not.toBe(got[0]);
  });

  it('files a table’s part rows as the part, by the name the text gives it', () => {
    const got = ids([
      ['含预售） 下降 住宅销售面积', '平方米'],
      ['2021年 商品房销售面积', '平方米'],
      ['比上年增长 商品房销售面积', '%', 'change'],
      ['2021年 #住宅', '平方米'],
      ['比上年增长 #住宅', '%', 'change'],
      ['2021年 全年货物周转量', '吨公里'],
      ['2021年 #铁路', '吨公里'],
      ['2021年 航空', '吨公里'],
      ['铁路运输货物周转量', '吨公里'],
    ]);
    expect(got[3]).toBe(got[0]);
    expect(got[4]).toMatch(/住宅销售面积:%:change/);
    expect(got[6]).toBe(got[8]);
    expect(got[7]).toMatch(/航空货物周转量/);
    // rows of siblings (饲料 under 集成电路) are no parts
    expect(
      ids([
        ['比上年增长 集成电路', '%', 'change'],
        ['比上年增长 饲料', '%', 'change'],
      ])[1] ?? '',
    ).not.toMatch(/集成电路/);
  });

  it('files a contribution to a whole’s growth by the growth just before it', () => {
    const got = ids([
      ['非油经济实现增加值', '元'],
      ['非油经济实现增加值 同比增长', '%', 'change'],
      ['拉动GDP增长', '百分点', 'change'],
      ['非油经济比重比同期提高', '百分点', 'change'],
      ['拉动全市经济增长', '百分点', 'change'],
      ['地方经济实现增加值 同比增长', '%', 'change'],
      ['拉动GDP增长', '百分点', 'change'],
    ]);
    expect(got[2]).toMatch(/非油经济增加值拉动经济/);
    expect(got[4]).toBe(got[2]);
    expect(got[6]).not.toBe(got[2]);
  });

  it('files a growth’s difference from a base period’s by the growth before it, each base apart', () => {
    const got = ids([
      ['全市实现地区生产总值 同比增长', '%', 'change'],
      ['增速比同期提高', '百分点', 'change'],
      ['比一季度提高', '百分点', 'change'],
      ['比去年全年提高', '百分点', 'change'],
      ['全市实现地区生产总值 同比增长', '%', 'change'],
      ['比同期增速高', '百分点', 'change'],
    ]);
    expect(got[1]).toMatch(/地区生产总值增速比上年同期提高/);
    expect(got[5]).toBe(got[1]);
    expect(new Set([got[1], got[2], got[3]]).size).toBe(3);
  });

  it('is what the store files: assignIndicators reads each report’s figures in their order', () => {
    let id = 1;
    const fact = (reportId: number, ord: number, subject: string, unit: string): ReconcileFact => ({
      quantityId: id++,
      reportId,
      ord,
      subject,
      unit,
      value: 1,
      valueMax: null,
      approx: 'exact',
      measure: 'level',
      period: null,
      region: null,
      refDate: null,
    });
    // given out of order and mixed with another report
    const facts = [fact(1, 1, '在校学生', '人'), fact(2, 0, '幼儿园', '所'), fact(1, 0, '普通中学', '所'), fact(2, 1, '在园幼儿', '人')];
    const of = new Map(assignIndicators(facts, catalog).assignments.map((a) => [a.quantityId, a.indicatorId]));
    expect(of.get(1)).toMatch(/普通中学在校学生/);
    expect(of.get(4)).toMatch(/幼儿园在园幼儿/);
  });
});
