// Region classes met on real reports (GUIDE §2 `region`), each on a small GUIDE-style fixture.
import { describe, expect, it } from 'vitest';
import { findQuantities } from './quantities.ts';
import { findRegionMentions } from './region-mentions.ts';
import { findParagraphs, findSentences } from './sentences.ts';
import { gluedHeadlines, storyBetween } from './stories.ts';
import { timeContextFor } from './time.ts';

function regions(text: string): [string, string | null][] {
  const found = findQuantities({ text, sentences: findSentences(text), paragraphs: findParagraphs(text), time: timeContextFor(text, '2026-08-16') });
  return found.map((q) => [text.slice(q.span[0], q.span[1]), q.region]);
}

describe('stories run together in one paragraph', () => {
  const text =
    '我国在海南商业航天发射场成功发射卫星。暑期档电影票房破百亿元 电影全产业链产值超4000亿元2026年暑期档电影票房今天（8月16日）突破100亿元。据测算，今年以来电影全产业链产值已经超过4000亿元。';
  it('finds the headline glued to its story’s first sentence', () => {
    const [span] = gluedHeadlines(text, [{ kind: 'paragraph', span: [0, text.length] }]);
    expect(text.slice(span[0], span[1])).toBe('暑期档电影票房破百亿元 电影全产业链产值超4000亿元2026年暑期档电影票房');
  });
  it('gives no figure the place the story before named', () => {
    expect(storyBetween(text, text.indexOf('海南') + 2, text.indexOf('据测算'))).toBe(true);
    expect(
      regions(text)
        .filter(([s]) => s.includes('4000'))
        .map(([, r]) => r),
    ).not.toContain('海南');
  });
  it('gives a story of a domestic roundup that names no place the nation, and one that names a place its own', () => {
    const text =
      '国内联播快讯\n\n今年以来广州白云机场入境人员超650万人次据广州海关统计，今年以来，出入境人员超1310万人次。暑期档电影票房超91亿元 观影人次双创新高2026暑期档电影票房今天（8月13日）突破91亿元。';
    const blocks = [
      { kind: 'heading' as const, span: [0, 6] as [number, number] },
      { kind: 'paragraph' as const, span: [8, text.length] as [number, number] },
    ];
    const found = findQuantities({ text, blocks, sentences: findSentences(text), paragraphs: findParagraphs(text), time: timeContextFor(text, '2026-08-13') });
    expect(found.map((q) => [text.slice(q.span[0], q.span[1]), q.region])).toEqual([
      ['650万人次', '广州'],
      ['1310万人次', '广州'],
      ['91亿元', '全国'],
      ['91亿元', '全国'],
    ]);
  });
  it('reads a short unpunctuated line between paragraphs as a story’s headline, and 国内联播快讯 as the headline of a domestic roundup', () => {
    const paragraphs = [
      '央视网消息（新闻联播）：',
      '浙江德清：“信访超市”化解烦心事',
      '在浙江湖州的德清县，信访大厅平均每周要接待上访群众近百人，不少群众反映跑三四次依然解决不了问题。',
      '当地党员干部调研分析，发现80%的上访问题都与13个部门有关。',
      '北交所公司企业债券市场开市首日走势平稳',
      '今天，北交所公司企业债券市场正式开市，共有3只企业债券上市交易，发行规模合计24.8亿元。',
    ];
    const text = paragraphs.join('\n\n');
    const blocks = paragraphs.map((p) => ({ kind: 'paragraph' as const, span: [text.indexOf(p), text.indexOf(p) + p.length] as [number, number] }));
    const found = findQuantities({
      text,
      blocks,
      headline: '国内联播快讯',
      sentences: findSentences(text),
      paragraphs: findParagraphs(text),
      time: timeContextFor(text, '2024-01-15'),
    });
    expect(found.map((q) => [text.slice(q.span[0], q.span[1]), q.region])).toEqual([
      ['百人', '德清县'],
      ['80%', '德清'],
      ['13个', '德清'],
      ['3只', '全国'],
      ['24.8亿元', '全国'],
    ]);
  });
  it('is no story start where a sentence only opens with a source (今年以来，据统计)', () => {
    expect(gluedHeadlines('重庆新增企业10家。今年以来，据统计，全市新增企业20家。', [{ kind: 'paragraph', span: [0, 27] }])).toEqual([]);
  });
});

describe('places named as examples of what a figure counts', () => {
  it('are not its scope when they lie in different provinces', () => {
    const text = '今年全国已安排中央资金31.96亿元，在黑龙江三江平原、浙江萧绍平原等13个重点区域支持排涝能力建设。';
    expect(regions(text)).toEqual([
      ['31.96亿元', '全国'],
      ['13个', '全国'],
    ]);
  });
  it('are followed back through members that name a city in its province or a bracketed area (湖北武汉, 广东（珠三角）)', () => {
    const text = '国务院部署，京津冀、上海、广东（珠三角）、四川（成德绵）、湖北武汉、辽宁沈阳等8个区域先行先试。全国推广23项举措，全国各地复制。';
    expect(regions(text)[0]).toEqual(['8个', '全国']);
  });
  it('give their province when they share it, and one example gives nothing', () => {
    expect(regions('在德阳、眉山、资阳等12个县区布局产业园区。')).toEqual([['12个', '四川']]);
    // (a report naming no other place still falls back to the one it names: a report-level cue)
    const text = '水利部安排中央资金158亿元，支持安徽江巷等13处新建大型灌区建设。';
    const found = findQuantities({ text, sentences: findSentences(text), paragraphs: findParagraphs(text), time: timeContextFor(text, '2026-08-16') });
    expect(found.map((q) => q.cues.region?.level)).toEqual(['report', 'report']);
  });
});

describe('places the division tables do not hold', () => {
  it('reads a national park by its name, finer than the province inside it', () => {
    expect(findRegionMentions('海南热带雨林国家公园着力生态保护修复。').map((m) => m.region)).toEqual(['海南热带雨林']);
    expect(findRegionMentions('推动三江源国家公园建设，首批国家公园设立两年。').map((m) => m.region)).toEqual(['三江源']);
  });
  it('reads a county by its bare name right after its province or city (湖南麻阳, 贵州平塘), and 全省 after it as that province', () => {
    expect(findRegionMentions('在贵州平塘，30辆新车投用。').map((m) => m.region)).toEqual(['平塘']);
    expect(findRegionMentions('四川邻水县').map((m) => m.region)).toEqual(['邻水县']);
    expect(regions('湖南麻阳龙升社区作为全省第四大安置区，入驻企业67家。')).toEqual([['67家', '湖南']]);
  });
  it('reads no zone out of a verb phrase (赋予综合保税区, 复制推广自贸试验区)', () => {
    expect(findRegionMentions('赋予综合保税区更大改革自主权，复制推广自贸试验区经验。')).toEqual([]);
    expect(findRegionMentions('上合示范区新增企业。').map((m) => m.region)).toEqual(['上合示范区']);
  });
  it('reads an army or a government side as its country, and 西部地区 as 西部', () => {
    expect(findRegionMentions('美军损失至少45架无人机。').map((m) => m.region)).toEqual(['美国']);
    expect(findRegionMentions('西部地区高速公路通达率99%。').map((m) => m.region)).toEqual(['西部']);
  });
  it('reads 你省 in a ministry’s reply as the province named before', () => {
    const text = '四川省人民政府：对你省近期上报的45个食品加工业项目，正按程序办理。';
    expect(regions(text)).toEqual([['45个', '四川']]);
  });
});

describe('a figure inside a quotation', () => {
  it('takes the place its speaker is put in after the quotation', () => {
    const text = '“这款表看中很久了，国庆期间还有10倍积分，相当于又省了3800元。”在三亚市国际免税城，罗女士说。';
    expect(regions(text)).toEqual([
      ['10倍', '三亚'],
      ['3800元', '三亚'],
    ]);
  });
});

describe('who files and who acts', () => {
  it('reads no scope from a dateline’s city (新华社北京10月4日电)', () => {
    expect(findRegionMentions('新华社北京10月4日电 记者近日从商务部获悉，工作组70多个。')).toEqual([]);
  });
  it('reads 中国 as the nation where it acts (中国在全球设立…), not inside a name (中国鞋都)', () => {
    expect(findRegionMentions('中国在全球设立对外投资合作工作组70多个。').map((m) => m.region)).toEqual(['全国']);
    expect(findRegionMentions('被评为中国鞋都。')).toEqual([]);
  });
  it('reads no scope from a site’s name in a page’s trailer (本文由四川人物网发布)', () => {
    expect(findRegionMentions('本文由四川人物网发布，不代表四川人物网立场。')).toEqual([]);
  });
});

describe('places beyond the mainland’s divisions and the nation written 中国', () => {
  it('knows 香港, 澳门, 台湾 and the cities of Taiwan by their full names, not 平台北京’s 台北', () => {
    expect(findRegionMentions('香港特别行政区、澳门和台湾省，高雄市').map((m) => m.region)).toEqual(['香港', '澳门', '台湾', '高雄']);
    expect(findRegionMentions('综合服务平台北京分中心').map((m) => m.region)).toEqual(['北京']);
    expect(regions('香港国泰航空公司2月的载客量约为111.47万人次。')).toEqual([['111.47万人次', '香港']]);
  });
  it('reads 中国 before a month or a national aggregate as the nation', () => {
    expect(regions('中国2月全社会用电量同比增长11%，第二产业用电量增长19.7%。')).toEqual([
      ['11%', '全国'],
      ['19.7%', '全国'],
    ]);
  });
  it('gives a trade partner after 对 no figure, but keeps a place a company merely lists on out too', () => {
    expect(regions('成都全年实现进出口总额8222.0亿元。对东盟、欧盟进出口总额分别增长13.3%、11.6%。')).toEqual([
      ['8222.0亿元', '成都'],
      ['13.3%', '成都'],
      ['11.6%', '成都'],
    ]);
    expect(regions('晋江鞋企发展迅速。2007年，安踏在香港上市，上市当天收盘市值达到187亿港币。晋江鞋业再上台阶。')).toEqual([['187亿港币', '晋江']]);
  });
});

describe('a dateline without a news agency', () => {
  it('is where the story was filed, not its scope', () => {
    expect(regions('菲律宾马尼拉2005年12月12日讯－亚行将提供1亿美元贷款，支持河南省海河流域的污染治理。')).toEqual([['1亿美元', '河南']]);
  });
});

describe('the nation by 国内, and a province in a title of honour', () => {
  it('reads 国内市场 as the nation (国内生产总值 names no place) and 福建省著名商标 as no place of the count', () => {
    expect(regions('日本旭硝子垄断技术。突破后，国外公司的产品在国内市场的价格下降了30%。')).toEqual([['30%', '全国']]);
    expect(findRegionMentions('国内生产总值增长5%，国内外游客')).toEqual([]);
    expect(regions('晋江拥有中国驰名商标42件、福建省著名商标220件。')).toEqual([
      ['42件', '晋江'],
      ['220件', '晋江'],
    ]);
  });
});
