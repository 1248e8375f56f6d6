import { describe, expect, it } from 'vitest';
import { findEvents } from './events.ts';
import { findParagraphs, findSentences } from './sentences.ts';
import { findTimeExpressions, timeContextFor } from './time.ts';

function events(text: string, published: string | null = '2022-06-28', title: string | null = null) {
  const time = timeContextFor(text, published);
  return findEvents({ text, sentences: findSentences(text), paragraphs: findParagraphs(text), time, times: findTimeExpressions(text, time), title }).map(
    (e) => ({
      date: e.date,
      summary: e.summary,
      under: text.slice(e.span[0], e.span[1]),
    }),
  );
}

describe('findEvents', () => {
  it('finds dated milestones in running text, to the day or the month', () => {
    const text = '2020年1月3日，中央财经委员会第六次会议召开。去年12月，党政联席会议第四次会议在宜宾举行。今年1—5月，开行班列1475列。';
    const found = events(text);
    expect(found.map((e) => e.date)).toEqual(['2020-01-03', '2021-12']);
    expect(found[0].summary).toContain('中央财经委员会第六次会议');
    expect(found[0].under.startsWith('2020年1月3日')).toBe(true);
  });
  it('reads a lead that restates a milestone of the body as one event', () => {
    const text = '今年2月，两地争取全国一体化算力网络国家枢纽节点落地。\n\n今年2月，国家发展改革委等部门联合批复同意启动建设全国一体化算力网络国家枢纽节点。';
    const found = events(text);
    expect(found).toHaveLength(1);
    expect(found[0].summary).toContain('批复');
  });
  it('reads a document’s signature date as its issue, not the release note under it', () => {
    const title = '国务院关于促进综合保税区高水平开放高质量发展的若干意见';
    const text = [
      '国发〔2019〕3号',
      '各省、自治区、直辖市人民政府：',
      '综合保税区是开放型经济的重要平台。',
      '国务院',
      '2019年1月12日',
      '（此件公开发布）',
    ].join('\n\n');
    const found = events(text, '2019-01-25', title);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ date: '2019-01-12', summary: `国务院印发《${title}》` });
    // Without a title, or with running text after the date, it is no signature.
    expect(events(text, '2019-01-25').some((e) => e.summary.includes('印发'))).toBe(false);
  });
  it('dates a broadcast’s 今天 before its predicate by the report’s day', () => {
    const found = events('水利部今天启动重大水旱灾害事件调度指挥机制。今天的天气晴好。', '2026-08-14');
    expect(found.map((e) => e.date)).toEqual(['2026-08-14']);
    expect(found[0].summary).toContain('调度指挥机制');
  });
  it('takes no data release, cut-off or counting span for a milestone, but a meeting over days', () => {
    expect(events('国家统计局11日发布的数据显示，7月份全国居民消费价格同比上涨0.5%。', '2026-08-12')).toEqual([]);
    expect(events('截至今天（8月13日），三峡枢纽今年通过量达1亿吨。', '2026-08-13')).toEqual([]);
    expect(events('据统计，10月1日至3日，浏阳13家景区共接待游客超30万人次，实现旅游收入约1.7亿元。', '2024-10-07')).toEqual([]);
    expect(events('2004年8月5日至8日，温家宝总理率国务院有关部门负责同志赴四川考察。').map((e) => e.date)).toEqual(['2004-08-05']);
  });
  it('keeps two milestones of one month apart, though they share the date and the actor', () => {
    const text =
      '2016年1月，习近平总书记在重庆考察时指出，创新是企业发展的关键。\n\n2016年1月，习近平总书记在重庆召开的推动长江经济带发展座谈会上，全面阐述了重大战略思想。';
    expect(events(text).map((e) => e.date)).toEqual(['2016-01', '2016-01']);
    // a headline that restates the lead is still one event
    expect(events('《大美边疆行》明天走进吉林\n\n总台央视新闻频道特别报道《大美边疆行》明天（6月19日）走进吉林。', '2022-06-18')).toHaveLength(1);
  });
  it('skips dated sentences that report no milestone', () => {
    expect(events('6月份，两地天气晴好。')).toEqual([]);
  });
  it('dates timeline entries by their heading, and a month going back starts the next year', () => {
    const text = [
      '11月14日',
      '联合办公室2020年第六次主任调度会在成都召开。',
      '12月14日',
      '党政联席会议第二次会议以视频会议形式召开。',
      '1月13日',
      '最高人民法院出台《意见》。',
    ].join('\n\n');
    expect(events(text, null).map((e) => [e.date, e.summary.slice(0, 6)])).toEqual([
      ['2020-11-14', '联合办公室2'],
      ['2020-12-14', '党政联席会议'],
      ['2021-01-13', '最高人民法院'],
    ]);
  });
  it('reads a heading that spans days (12月17日—18日) as its first day', () => {
    const text = ['● 2021年12月17日—18日', '成都市党政代表团来渝考察。', '● 2022年3月7日', '三方牵头组建专项工作组。'].join('\n\n');
    expect(events(text).map((e) => [e.date, e.summary.slice(0, 7)])).toEqual([
      ['2021-12-17', '成都市党政代表'],
      ['2022-03-07', '三方牵头组建专'],
    ]);
  });
  it('takes a timeline year from a year heading', () => {
    const text = ['2020年', '1月6日', '重庆市委常委会召开扩大会议。', '2021年', '3月8日', '两省市政府办公厅联合印发《清单》。'].join('\n\n');
    expect(events(text, '2022-06-28').map((e) => e.date)).toEqual(['2020-01-06', '2021-03-08']);
  });
  it('gives two entries under one heading one date each, but not a follow-on clause', () => {
    const text = ['1月6日', '重庆市委常委会召开扩大会议。', '四川省委常委会召开扩大会议。', '4月15日', '第八次全体会议召开。', '审议通过《决定》。'].join(
      '\n\n',
    );
    expect(events(text, '2020-06-01').map((e) => [e.date, e.summary.slice(0, 4)])).toEqual([
      ['2020-01-06', '重庆市委'],
      ['2020-01-06', '四川省委'],
      ['2020-04-15', '第八次全'],
    ]);
  });
  it('reads a sentence broken across lines (a PDF column) back to its start, not past a heading date', () => {
    const text = '5月20日\n\n两地联合出台《川渝毗邻地区一体化发展\n\n促进办法》，明确自8月1日起施行。\n\n6月2日\n\n双方签署合作协议。';
    const found = events(text, '2023-06-30');
    const august = found.find((e) => e.date === '2023-08-01');
    expect(august?.summary).toBe('两地联合出台《川渝毗邻地区一体化发展促进办法》，明确自8月1日起施行。');
    const june = found.find((e) => e.date === '2023-06-02');
    expect(june?.summary).toBe('双方签署合作协议。');
  });
  it('dates an event to the month by a part of the month (4月底), but not by a deadline (10月底前)', () => {
    const found = events('4月底，某集团与某研究院正式签约。各项事项计划在10月底前全部办结。', '2023-05-19');
    expect(found.map((e) => [e.date, e.under])).toEqual([['2023-04', '4月底，某集团与某研究院正式签约。']]);
  });
  it('dates a meeting over days written with one 日 (1月22至23日) by its first day', () => {
    const found = events('首届合作发展论坛于2024年1月22至23日在成都举行。', '2024-02-02');
    expect(found).toHaveLength(1);
    expect(found[0].date).toBe('2024-01-22');
    expect(found[0].under.startsWith('2024年1月22')).toBe(true);
  });
  it('takes a sentence on the occasion of a dated event (会上, 同时) for a milestone of that date', () => {
    const text = '5月17日，数字建设推进大会在成都举行。会上，某电信公司发布《数字建设行动计划》。省领导出席活动。\n\n同时，某集团五周年庆典在此举办。';
    const found = events(text, '2023-05-19');
    expect(found.map((e) => [e.date, e.under])).toEqual([
      ['2023-05-17', '5月17日，数字建设推进大会在成都举行。'],
      ['2023-05-17', '会上，某电信公司发布《数字建设行动计划》。'],
      ['2023-05-17', '同时，某集团五周年庆典在此举办。'],
    ]);
    // a sentence with a date of its own is dated by it, not by the event before
    expect(events('5月17日，推进大会在成都举行。会上提出，到2025年建成基站10万个。', '2023-05-19')).toHaveLength(1);
  });
  it('summarizes a sentence with a long preamble by the stretch that ends with what happened', () => {
    const preamble = '某某委员会、某某常务委员会、某某政府、某某协商会议沉痛宣告：'.repeat(2);
    const text = `${preamble}我们党的优秀党员，久经考验的忠诚战士，杰出的革命家、政治家，原部长张某某同志，因病医治无效，于2026年8月12日在北京逝世，享年98岁。`;
    const [found] = events(text, '2026-08-12');
    expect(found.date).toBe('2026-08-12');
    expect(found.under.startsWith('2026年8月12日')).toBe(true);
    expect(found.summary).toContain('张某某同志');
    expect(found.summary).toContain('逝世');
  });
  it('reads a birth written right after its date (1928年10月生) in a biography', () => {
    const found = events('张某某同志，1928年10月生，湖南长沙人。1948年12月参加革命工作。', '2026-08-12');
    expect(found.map((e) => [e.date, e.under])).toEqual([
      ['1928-10', '1928年10月生，湖南长沙人。'],
      ['1948-12', '1948年12月参加革命工作。'],
    ]);
  });
  it('takes no statement about an event dated otherwise, no news source, no forecast, no denial for a milestone', () => {
    expect(events('救援部门官员今天（8月16日）称，15日发生的强震已导致51人死亡。', '2026-08-16').map((e) => [e.date, e.under])).toEqual([
      ['2026-08-15', '15日发生的强震已导致51人死亡。'],
    ]);
    expect(events('记者今天（1月15日）从全国总工会了解到，我国已建成工会驿站18.42万个。', '2024-01-15')).toEqual([]);
    expect(events('新华社北京10月4日电 记者近日从商务部获悉，中国在全球设立对外投资合作工作组70多个。', '2024-10-04')).toEqual([]);
    expect(events('另据美国媒体13日报道，美国准备派遣航母前往中东，接替已部署的航母。', '2026-08-14')).toEqual([]);
    expect(events('今天，抢险人员正加紧封堵溃口，预计今晚合龙。', '2026-08-14')).toEqual([]);
    expect(events('一名官员否认14日对该国进行新一轮袭击。', '2024-01-15')).toEqual([]);
    expect(events('美国能源信息局12日发布的周度石油库存数据显示，战略石油储备降至2.987亿桶。', '2026-08-13')).toEqual([]);
    expect(events('今天我们首先走进辽宁。', '2022-06-18')).toEqual([]);
    expect(events('今天，渔船将通过冷链把海鲜销往全国各地。', '2026-08-16')).toEqual([]);
  });
  it('keeps a milestone a news source dates by 当天, and one a statement reports without a date of its own', () => {
    const found = events('据铁路警察局13日发布的消息，一列火车当天下午在车站附近脱轨，导致11人受伤。', '2026-08-14');
    expect(found.map((e) => [e.date, e.under.slice(0, 3)])).toEqual([['2026-08-13', '13日']]);
    expect(events('气象局14日表示，在发生一连串地震之后，附近一座火山突然喷发。', '2024-01-15').map((e) => e.date)).toEqual(['2024-01-14']);
  });
  it('lets a date run into its sentence (8月16日出版的…) head that paragraph only', () => {
    const text = '8月16日出版的第16期杂志发表重要文章。\n\n文章指出，要坚持预防为主。\n\n某大会将于8月17日在人民大会堂隆重举行。\n\n某市召开推进会。';
    expect(events(text, '2026-08-16').map((e) => [e.date, e.under])).toEqual([
      ['2026-08-16', '8月16日出版的第16期杂志发表重要文章。'],
      ['2026-08-17', '8月17日在人民大会堂隆重举行。'],
    ]);
  });
  it('does not date by a heading an entry that opens with a date of its own', () => {
    const text = ['2021年某市国民经济和社会发展统计公报', '某市统计局', '2022年3月25日', '2021年，面对复杂严峻的国际环境，全市实现“十四五”良好开局。'].join(
      '\n\n',
    );
    expect(events(text, '2022-03-25')).toEqual([]);
  });
  it('reads 通过 as approval, not as the means, and a spokesman at a 记者会 as no reporter', () => {
    expect(events('美国众议院星期六（4月20日）通过意向法案。', '2024-04-23').map((e) => e.under)).toEqual(['4月20日）通过意向法案。']);
    const found = events('外交部发言人星期一（4月22日）在例行记者会上宣布，某国外长将访华。', '2024-04-23');
    expect(found.map((e) => e.date)).toEqual(['2024-04-22']);
    expect(events('某部网站星期五（5月5日）发布国务院任免国家工作人员消息。', '2023-05-06').map((e) => e.date)).toEqual(['2023-05-05']);
  });
  it('looks for a date’s predicate before the next date of its sentence, over a span or a list of dates', () => {
    const career = events('某某2010年12月入伍，2015年6月主动请缨参加边境扫雷任务。', '2026-08-19');
    expect(career.map((e) => [e.date, e.under])).toEqual([
      ['2010-12', '2010年12月入伍，2015年6月主动请缨参加边境扫雷任务。'],
      ['2015-06', '2015年6月主动请缨参加边境扫雷任务。'],
    ]);
    const list = events('探测器、运载火箭分别于4月、7月运抵发射场。', '2026-08-19');
    expect(list.map((e) => [e.date, e.under])).toEqual([
      ['2026-04', '4月、7月运抵发射场。'],
      ['2026-07', '7月运抵发射场。'],
    ]);
    expect(events('某某香港媒体于6月份曝光此事后，于3月的选举中落败的参选人提出选举呈请。', '2012-11-30').map((e) => e.date)).toEqual(['2012-03']);
  });
  it('takes a dateline with 讯 for the report’s date, not a milestone', () => {
    expect(events('加拿大蒙特利尔2005年12月7日讯－亚行即将推出一项特别联合融资机制。', '2005-12-08')).toEqual([]);
  });
  it('takes a dated headline over its lead for the lead’s events, and 在…进行 for a milestone held', () => {
    const text = '某同志遗体18日火化 追悼大会19日举行\n\n某同志的遗体，将于18日在北京火化。追悼大会将于19日在北京举行。';
    expect(events(text, '2026-08-16').map((e) => [e.date, e.under])).toEqual([
      ['2026-08-18', '18日在北京火化。'],
      ['2026-08-19', '19日在北京举行。'],
    ]);
    expect(events('全国少年儿童歌咏活动集中展演昨天（8月18日）在沈阳市进行。', '2026-08-19').map((e) => e.date)).toEqual(['2026-08-18']);
    expect(events('4月6日，码头泊位土石方基础工程开挖施工加紧进行。', '2022-04-07')).toEqual([]);
  });
  it('reads a full date in parentheses under a document’s title as the document’s date', () => {
    const text = ['中共某省委 某省人民政府', '关于支持某地区打造产业发展新高地的意见', '（2023年5月14日）', '支持某地区打造产业发展新高地，是重要举措。'].join(
      '\n\n',
    );
    const found = events(text, '2023-05-19');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ date: '2023-05-14', summary: '中共某省委某省人民政府关于支持某地区打造产业发展新高地的意见' });
    expect(found[0].under).toContain('（2023年5月14日）');
    // under a line that names no document, or with words beside the date, it is no document's date
    expect(events(['某地举行庆祝活动', '（2023年5月14日）'].join('\n\n'), '2023-05-19')).toEqual([]);
  });
  it('takes the report’s own people’s visit for no milestone, but not every sentence that names 我们', () => {
    expect(events('今天（8月16日）的节目，我们走进世界遗产地避暑山庄。', '2026-08-16')).toEqual([]);
    const found = events('1927年8月1日，南昌城头一声枪响，拉开了我们党武装反抗国民党反动派的大幕。', '2022-08-01');
    expect(found.map((e) => [e.date, e.under.slice(0, 10)])).toEqual([['1927-08-01', '1927年8月1日，']]);
  });
  it('takes a task stated on an event’s occasion for no milestone', () => {
    const text = '2021年10月，中共中央、国务院印发《规划纲要》。同时，各地要加强组织实施。';
    expect(events(text).map((e) => e.under)).toEqual(['2021年10月，中共中央、国务院印发《规划纲要》。']);
  });
  it('takes a running total after a date (…以来，…已…; 已有45个…) for no milestone', () => {
    expect(events('以军14日发布消息说，本轮冲突爆发以来，以军已袭击约30000个目标。', '2024-01-15')).toEqual([]);
    expect(events('法国气象局12日表示，法国本土96个省中已有45个发布了林火橙色预警。', '2026-08-13')).toEqual([]);
    expect(events('自2021年10月《规划纲要》印发以来，规划体系全面形成。').map((e) => e.date)).toEqual(['2021-10']);
  });
});
