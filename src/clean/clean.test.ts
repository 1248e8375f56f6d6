import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createDocument, createPipeline, textOf, type Document } from '../document/index.ts';
import { readBytes } from '../read/index.ts';
import { CHROME_RULES, isKeywordStuffing, chromeRule, topLevelAlternatives } from './boilerplate.ts';
import { isNfkcStable, nfkc } from './chars.ts';
import { findRepeats } from './dedupe.ts';
import { cleanStages, findMainText } from './index.ts';
import { headlineOfTitleTag } from './meta.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(fileURLToPath(new URL(`../read/fixtures/${name}`, import.meta.url))));
const clean = createPipeline(cleanStages);
const read = (name: string): Document[] => readBytes(fixture(name), { location: name }).map((d) => clean.run(d));
const textDoc = (raw: string, format: Document['format'] = 'text') =>
  clean.run(createDocument({ source: 'x', location: '/x', format, contentHash: 'h', charset: 'utf-8', raw }));

/** Every block's text, as the clean text holds it. */
const blockTexts = (doc: Document) => doc.blocks.map((b) => textOf(doc.text, b.span));

describe('clean stage', () => {
  it('declares what it reads and writes', () => {
    expect(cleanStages.map((s) => [s.name, s.requires, s.assigns])).toEqual([
      ['clean.main-text', ['raw', 'format', 'meta'], ['text', 'blocks', 'rawOffsets', 'meta']],
    ]);
  });
});

describe('web page main text', () => {
  const [page] = read('gbk-page.html');

  it('keeps the article once, in order, and drops menus, location, share, editor, related and footer', () => {
    expect(blockTexts(page)).toEqual([
      '记者从重庆市政府口岸物流办获悉，今年一季度，中欧班列（成渝）累计开行突破5000列，同比增长12.5%，占全国开行量的约四成。',
      '据介绍，成渝两地以“统一品牌、统一运营”的方式合作开行班列，线路覆盖欧洲100余个城市。镕、珺等生僻字也能正确显示。',
      '下一步，两地将继续优化运输组织，力争全年开行量再创新高。',
    ]);
    expect(page.text.split('\n\n')).toEqual(blockTexts(page));
  });

  it('reads title, date, site and author from headline and dateline', () => {
    expect(page.meta).toMatchObject({ title: '川渝联合开行中欧班列突破5000列', published: '2023-04-12', site: '重庆日报', author: '张三' });
  });

  it('takes the date from a dateline with a clock time, else from the page URL', () => {
    const body = '<p>川渝两地今年共同实施重大合作项目300个，总投资超过3.5万亿元，年度计划投资完成率达到七成。</p>';
    const timed = textDoc(
      `<html><head><title>成渝合作</title></head><body><div>AUTO.SOHU.COM　2005年05月13日14:15</div><div id="content">${body}</div></body></html>`,
      'html',
    );
    expect(timed.meta.published).toBe('2005-05-13');
    const byUrl = textDoc(
      `<html><head><link rel="canonical" href="https://news.example.cn/2021/03/07/c_1127.htm"></head><body><div id="content">${body}</div></body></html>`,
      'html',
    );
    expect(byUrl.meta.published).toBe('2021-03-07');
    const none = textDoc(`<html><body><div id="content">${body}</div></body></html>`, 'html');
    expect(none.meta.published).toBeNull();
  });

  it('prefers a dateline that says it is one (发表于, 发布日期) to a date that merely stands on a line', () => {
    const body = '<p>川渝两地今年共同实施重大合作项目300个，总投资超过3.5万亿元，年度计划投资完成率达到七成。</p>';
    const blog = textDoc(
      `<html><head><title>某某博客</title></head><body><div>博客名: 一叶<br>建立于:2004年10月6日</div>` +
        `<div><b>一篇日志</b><br>作者 发表于 2005-9-15 11:46:00</div><div id="content">${body}</div></body></html>`,
      'html',
    );
    expect(blog.meta.published).toBe('2005-09-15');
    const usFormat = textDoc(
      `<html><body><h1>成渝合作</h1><div>作者： 来源： 发布日期： 9/17/2004 5:54:13 AM</div><div id="content">${body}</div></body></html>`,
      'html',
    );
    expect(usFormat.meta.published).toBe('2004-09-17');
    const range = textDoc(
      `<html><body><div><a href="/a">12/01/2004 - 01/01/2005</a></div><div>2005-03-21 01:20:44</div><div id="content">${body}</div></body></html>`,
      'html',
    );
    expect(range.meta.published).toBe('2005-03-21');
  });

  it('ends the article at a 相关新闻 / You may also like heading over a list of other reports', () => {
    const para = (n: number) =>
      `<p>川渝两地今年共同实施重大合作项目${n}个，总投资超过3.5万亿元，年度计划投资完成率达到七成，成渝地区双城经济圈建设取得新进展。</p>`;
    const article = [1, 2, 3, 4].map(para).join('');
    // Teasers that end like sentences: the trailing-headline rule does not see them.
    const teasers = '<p>成都加快建设践行新发展理念的公园城市示范区。</p><p>重庆中欧班列开行量再创新高，带动外贸增长。</p><p>川渝高竹新区南北大道完工通车。</p>';
    const page = textDoc(`<html><body><div class="content">${article}<h3>相关新闻</h3>${teasers}</div></body></html>`, 'html');
    expect(page.text).toContain('项目4个');
    expect(page.text).not.toContain('相关新闻');
    expect(page.text).not.toContain('公园城市');
    // A related report printed in full is text: the heading alone goes.
    const full = `<p>${'另据报道，川渝两地联合印发推动成渝地区双城经济圈建设的若干政策措施，涉及交通、产业、科技、开放、生态、公共服务等领域，共计五十余项，'.repeat(3)}各项措施将于今年落地实施。</p>`;
    const kept = textDoc(`<html><body><div class="content">${article}<p>相关报道：</p>${full}</div></body></html>`, 'html');
    expect(kept.text).toContain('若干政策措施');
    expect(kept.text).not.toContain('相关报道');
  });

  it('reads the source printed on its own line beside the dateline', () => {
    const page = textDoc(
      '<html><head><title>川渝联合发布共建重大项目清单_重庆市人民政府网</title></head><body><div class="article"><h1>川渝联合发布共建重大项目清单</h1>' +
        '<div class="info"><span>日期：2023年05月06日 10:12</span><span>来源：四川日报</span><span>【字体：<a>大</a> <a>中</a> <a>小</a>】</span></div>' +
        '<div class="TRS_Editor"><p>　　5月5日，记者从推动成渝地区双城经济圈建设联合办公室获悉，川渝两地联合发布共建重大项目清单，共计248个项目，总投资超过3.5万亿元。</p></div></div></body></html>',
      'html',
    );
    expect(page.meta).toMatchObject({ title: '川渝联合发布共建重大项目清单', published: '2023-05-06', site: '四川日报' });
    expect(page.text).toBe('5月5日，记者从推动成渝地区双城经济圈建设联合办公室获悉，川渝两地联合发布共建重大项目清单，共计248个项目，总投资超过3.5万亿元。');
  });

  it('reads the headline out of a <title> that also names the site', () => {
    expect(headlineOfTitleTag('川渝签署协议_重庆市发展和改革委员会')).toBe('川渝签署协议');
    expect(headlineOfTitleTag('重庆日报 | 川渝联合开行中欧班列突破5000列，占全国四成')).toBe('川渝联合开行中欧班列突破5000列，占全国四成');
    expect(headlineOfTitleTag('劳伦斯：一个无法定义的“洛克菲勒”-搜狐财经')).toBe('劳伦斯：一个无法定义的“洛克菲勒”');
    expect(headlineOfTitleTag('Investors weigh the trade war - CNN', 'CNN')).toBe('Investors weigh the trade war');
    expect(headlineOfTitleTag('川渝签署协议_重庆市人民政府网')).toBe('川渝签署协议');
    expect(headlineOfTitleTag('重庆市人民政府网-川渝签署共建协议')).toBe('川渝签署共建协议');
    expect(headlineOfTitleTag('四川日报数字版 | 成渝地区双城经济圈建设')).toBe('成渝地区双城经济圈建设');
    expect(headlineOfTitleTag('成都：加快建设 - 成都市人民政府门户网站')).toBe('成都：加快建设');
    expect(headlineOfTitleTag('重庆日报：成渝中线高铁开工')).toBe('重庆日报：成渝中线高铁开工');
  });

  it('links clean offsets back to the raw page', () => {
    const at = page.text.indexOf('累计开行突破5000列');
    const raw = page.rawOffsets.toRaw(at)!;
    expect(page.raw.slice(raw, raw + '累计开行突破5000列'.length)).toBe('累计开行突破5000列');
  });

  it('scores by content, not by markup order: a long link list does not win over a short article', () => {
    const links = Array.from({ length: 40 }, (_, i) => `<li><a href="/n/${i}">成渝地区双城经济圈建设第${i}条新闻标题</a></li>`).join('');
    const html = `<html><body><ul class="list">${links}</ul><div class="main"><p>川渝两地今年共同实施重大合作项目300个，总投资超过3.5万亿元，年度计划投资完成率达到七成。</p><p>两地还联合发布了便捷生活行动事项，推动政务服务跨省通办。</p></div></body></html>`;
    const doc = textDoc(html, 'html');
    expect(doc.text).toBe(
      '川渝两地今年共同实施重大合作项目300个，总投资超过3.5万亿元，年度计划投资完成率达到七成。\n\n两地还联合发布了便捷生活行动事项，推动政务服务跨省通办。',
    );
  });

  it('survives a malformed page nested thousands of levels deep', () => {
    const html = `<html><body>${'<div>'.repeat(20000)}<p>川渝两地今年共同实施重大合作项目300个，总投资超过3.5万亿元。</p><p>第二段。</p></body></html>`;
    expect(textDoc(html, 'html').text).toBe('川渝两地今年共同实施重大合作项目300个，总投资超过3.5万亿元。\n\n第二段。');
  });

  it('keeps headings as heading blocks and removes source line breaks between Han characters only', () => {
    const html = `<html><body><article><h2>成渝氢走廊</h2><p>投入运营氢燃料电池
汽车440辆，Hydrogen trucks
now run daily.</p><p>两地共同申报国家燃料电池汽车示范城市群，推动加氢站建设。</p></article></body></html>`;
    const doc = textDoc(html, 'html');
    expect(doc.blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'paragraph']);
    expect(blockTexts(doc)[1]).toBe('投入运营氢燃料电池汽车440辆，Hydrogen trucks now run daily.');
  });
});

describe('Markdown with HTML inside', () => {
  it('reads Markdown marks and HTML blocks alike', () => {
    const [doc] = read('front-matter.md');
    expect(doc.meta.title).toBe('成渝共建西部金融中心取得阶段性成效');
    expect(doc.blocks.map((b) => [b.kind, textOf(doc.text, b.span)])).toEqual([
      ['heading', '成渝共建西部金融中心'],
      ['paragraph', '两地金融机构跨区域授信超过3000亿元，金融服务持续便利化。'],
      ['list-item', '设立共同基金'],
      ['list-item', '推动数据共享'],
      ['paragraph', '截至9月末，成渝两地本外币存款余额同比增长9.8%。'],
    ]);
  });

  it('drops the inline CSS, QR block and editor sign-off of a Sina page', () => {
    const raw = readFileSync(fileURLToPath(new URL('../../data/corpus/000_ec37c2ba515c9bd4.txt', import.meta.url)), 'utf8');
    const [doc] = readBytes(Buffer.from(raw), { location: '000.txt' }).map((d) => clean.run(d));
    expect(doc.text).toContain('成渝两地联合开行中欧班列（成渝）1475列');
    for (const chrome of ['appendQr_wrap', '新浪财经APP', '责任编辑', 'cms-style', 'sinaimg']) expect(doc.text).not.toContain(chrome);
    expect(doc.meta.published).toBe('2022-06-28');
  });
});

describe('plain Markdown', () => {
  it('joins soft-wrapped lines, breaks at blank lines, and drops the marks', () => {
    const raw =
      '---\ntitle: 川渝合作\ndate: 2024-05-01\n---\n\n## 交通互联\n\n成渝中线高铁**加快建设**，[详情](https://x.cn)见附件。\n两地开通跨省公交22条。\n\n- 第一项任务\n- 第二项任务\n';
    const [doc] = readBytes(Buffer.from(raw), { location: 'report.md' }).map((d) => clean.run(d));
    expect(doc.blocks.map((b) => [b.kind, textOf(doc.text, b.span)])).toEqual([
      ['heading', '交通互联'],
      ['paragraph', '成渝中线高铁加快建设，详情见附件。两地开通跨省公交22条。'],
      ['list-item', '第一项任务'],
      ['list-item', '第二项任务'],
    ]);
    const at = doc.text.indexOf('详情');
    expect(doc.raw.slice(doc.rawOffsets.toRaw(at)!, doc.rawOffsets.toRaw(at)! + 2)).toBe('详情');
  });
});

describe('feed items', () => {
  it('keep all of their content', () => {
    const docs = read('feed.rss');
    expect(docs.map((d) => d.text)).toEqual([
      '成渝中线高铁全长292公里，设计时速400公里。\n\n建成后成都至重庆将实现50分钟通达。',
      '两地推出精品旅游线路70余条，年接待游客超过1亿人次。',
    ]);
  });
});

describe('OCR and plain text', () => {
  const [doc] = read('ocr.txt');

  it('takes the headline as title and leaves it out of the text', () => {
    expect(doc.meta.title).toBe('从案例看成渝 "双核" 联动');
    expect(doc.text.startsWith('核心提示')).toBe(true);
  });

  it('removes spaces between Chinese characters and rejoins lines broken mid-sentence, across blank lines', () => {
    expect(blockTexts(doc)).toEqual([
      '核心提示',
      '2021年12月，重庆四川党政联席会议第四次会议强调，要进一步做强 "双核"，不断提升重庆主城都市区和成都市的发展能级，增强核心功能和辐射作用。两地签订了5个子协议。',
      '两江新区与天府新区合作成果初显',
      '本报讯(记者陈国栋)6月23日一大早，一家科技公司的负责人来到两江新区政务大厅川渝通办窗口，办理在四川成都开办分公司的相关手续，业务很快办结。',
      '图为两江新区政务大厅。',
    ]);
    expect(doc.blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'heading', 'paragraph', 'caption']);
  });

  it('maps rejoined text back to both raw lines', () => {
    const at = doc.text.indexOf('功能和辐射作用');
    const raw = doc.rawOffsets.toRaw(at)!;
    expect(doc.raw.slice(raw, raw + 7)).toBe('功能和辐射作用');
  });

  it('keeps Latin words apart and mends words hyphenated at a line end', () => {
    const d = textDoc(
      'Rail freight between Chengdu and Chong-\nqing grew by twelve percent in the first quarter of the year, the\nport authority said on Monday.\n',
    );
    expect(d.text).toBe(
      'Rail freight between Chengdu and Chongqing grew by twelve percent in the first quarter of the year, the port authority said on Monday.',
    );
  });

  it('turns a page copied as text into the article: header, byline, contact lines and footer go', () => {
    const raw = [
      '您好,欢迎来到某某培训中心官方网站!',
      '干部培训中心',
      '023-6276-2687',
      '当前位置:首页 - 头条新闻',
      '',
      '川渝共建西部金融中心取得阶段性成效',
      '',
      '点击数:252 时间:2024-06-22 作者:重庆日报',
      '截至5月末，川渝两地跨区域授信超过3000亿元，同比增长12%。',
      '',
      '两地将持续推进金融服务便利化。',
      '',
      '相关:',
      '本文地址:https://www.example.cn/x/1.html',
      '最新文章',
      '  • 574888563@qq.com',
      '  • 重庆市南岸区学府大道19号',
      'Copyright © 2018-2025 某某培训中心 All Rights Reserved.渝ICP备18017634号-7',
      '重庆干部培训重庆干部培训基地重庆工商大学干部培训重庆干部培训大学',
    ].join('\n');
    const d = textDoc(raw);
    expect(d.meta).toMatchObject({ title: '川渝共建西部金融中心取得阶段性成效', published: '2024-06-22' });
    expect(d.text).toBe('截至5月末，川渝两地跨区域授信超过3000亿元，同比增长12%。\n\n两地将持续推进金融服务便利化。');
  });

  it('keeps an article printed twice once, and drops a teaser stitched from its opening', () => {
    const article = [
      '第一段，川渝两地联合开行中欧班列1475列，约占全国开行量的21%。',
      '第二段，两地共有130家零部件企业参与对方整车配套，合作持续深化。',
      '第三段，两地合力争取全国一体化算力网络国家枢纽节点落地。',
    ];
    const teaser = '开行中欧班列1475列，约占全国开行量的21%。  第二段，两地共有130家零部件企业参与对方整车配套，合作持续深化。  第三段，两地合力';
    const d = textDoc(['标题：川渝合作新进展报道', '', teaser, '', ...article, '', ...article].join('\n\n'));
    expect(d.text).toBe(article.join('\n\n'));
  });

  it('reads a newspaper page header as the dateline and the line after it as the headline', () => {
    const d = textDoc('2022年6月28日 星期二 重庆日报 3\n\n川渝携手打造万亿级产业集群\n\n两年来，川渝两地汽车产量占全国\n比重提升至18%。\n');
    expect(d.meta).toMatchObject({ title: '川渝携手打造万亿级产业集群', published: '2022-06-28' });
    expect(d.text).toBe('两年来，川渝两地汽车产量占全国比重提升至18%。');
  });

  it('keeps a timeline: each date alone on its line heads its own entry', () => {
    const d = textDoc(
      '大事记\n\n2021年5月27日\n\n党政联席会议第三次会议在重庆市永川区召开,会议听取了有关情况的说明\n\n● 2022年3月7日\n\n三方发展改革部门牵头组建专项工作组\n',
    );
    expect(blockTexts(d)).toEqual([
      '大事记',
      '2021年5月27日',
      '党政联席会议第三次会议在重庆市永川区召开,会议听取了有关情况的说明',
      '● 2022年3月7日',
      '三方发展改革部门牵头组建专项工作组',
    ]);
    expect(d.meta.title).toBeNull();
  });

  it('finds the headline under a navigation bar copied with the text', () => {
    const d = textDoc(
      '首页 | 新闻中心 | 政务公开 | 互动交流\n川渝两地联合发布便捷生活行动事项\n　　今年以来，川渝两地共同推进便捷生活行动，311项政务服务事项实现跨省通办。\n',
    );
    expect(d.meta.title).toBe('川渝两地联合发布便捷生活行动事项');
    expect(d.text).toBe('今年以来，川渝两地共同推进便捷生活行动，311项政务服务事项实现跨省通办。');
  });

  it('leaves the site name out of a headline line copied with it, and the line out of the text', () => {
    const d = textDoc(
      '首页 > 新闻中心 > 重庆要闻\n川渝两地联合发布共建重大项目清单_重庆市人民政府网\n发布时间：2023-5-6 10:12 来源：四川日报 【字体：大 中 小】\n　　5月5日，川渝两地联合发布共建重大项目清单，共计248个项目。\n（责任编辑：李明）\n',
    );
    expect(d.meta).toMatchObject({ title: '川渝两地联合发布共建重大项目清单', published: '2023-05-06', site: '四川日报' });
    expect(d.text).toBe('5月5日，川渝两地联合发布共建重大项目清单，共计248个项目。');
    // A bar inside a headline is not a site name.
    expect(
      textDoc('唱响“双城记” 打造增长极| 双城经济圈建设进入全面提速新阶段\n时间:2024-06-22 作者:重庆日报\n　　6月21日，川渝两地举行发布会。\n').meta.title,
    ).toBe('唱响“双城记” 打造增长极| 双城经济圈建设进入全面提速新阶段');
  });

  it('has no title when the text starts with a section heading', () => {
    expect(textDoc('共建科创中心\n一年多来，川渝两地加强资源共享，努力共建具有全国影响力的科技创\n\n新中心。\n').meta.title).toBeNull();
  });
});

describe('pieces', () => {
  it('knows a dateline by its date and its labels, and keeps dated lines of a report', () => {
    expect(chromeRule('2022.01.20 16:31 来源：河南日报客户端')?.id).toBe('dateline');
    expect(chromeRule('2005-02-06 13:26更新 来源：转载文章')?.id).toBe('dateline');
    expect(chromeRule('〓 网易娱乐 明星话题 发布时间 2005/03/15 22:36:13 by duscha 〓')?.id).toBe('dateline');
    expect(chromeRule('- 作者： 流泉 访问统计： 2005年08月30日, 星期二 13:22 加入博采')?.id).toBe('dateline');
    expect(chromeRule('2023年05月06日 10:12 四川日报')?.id).toBe('dateline');
    // Text: a labelled dateline goes; a timeline entry with a clock time stays.
    expect(chromeRule('发布时间：2023-5-6 来源：四川日报', { dateLines: false })?.id).toBe('dateline');
    expect(chromeRule('2023年5月6日 10:12 成渝中线高铁开工', { dateLines: false })).toBeNull();
    // A notice's own dates and a sentence that names a source stay.
    expect(chromeRule('会议时间：2023年5月6日 上午9:30')).toBeNull();
    expect(chromeRule('2023年5月6日，记者从四川省发展改革委获悉，成渝中线高铁开工。')).toBeNull();
    expect(chromeRule('2020年1月3日 中央财经委员会第六次会议召开')).toBeNull();
    // A document's own date under its title stays; a page's bare timestamp goes.
    expect(chromeRule('（2023年5月14日）')).toBeNull();
    expect(chromeRule('(2005-10-01 10:09:03)')?.id).toBe('date-line');
    expect(chromeRule('2023年5月14日')?.id).toBe('date-line');
  });

  it('knows chrome lines by their words, within a length limit', () => {
    expect(chromeRule('Copyright © 2020 重庆长安网 版权所有')?.id).toBe('copyright');
    expect(chromeRule('责任编辑：吴剑 SF031')?.id).toBe('editor');
    expect(chromeRule('点击数:252')?.id).toBe('counter');
    expect(chromeRule('·长期坚持下下之策（2005-04-01 09:56AM）')?.id).toBe('news-list-entry');
    expect(chromeRule('·张惠妹传怀孕 好友范玮琪:拜托!跟谁生啊 (2005-04-27 16:00PM)')?.id).toBe('news-list-entry');
    expect(chromeRule('重庆：中欧班列开行量再创新高！（2023-04-20）')).toBeNull();
    expect(chromeRule('● 2022年3月7日', { dateLines: false })).toBeNull();
    expect(chromeRule('Saturday, September 10th, 2005 10:56 am')?.id).toBe('date-line');
    expect(chromeRule('来源：重庆日报')?.id).toBe('source-line');
    expect(chromeRule('文章来源：千龙网')?.id).toBe('source-line');
    expect(chromeRule('信息来源：重庆市发展改革委')?.id).toBe('source-line');
    expect(chromeRule('【打印】【关闭】')?.id).toBe('labels');
    expect(chromeRule('【字体：大 中 小】')).not.toBeNull();
    expect(chromeRule('分享： 微信 微博 QQ空间')?.id).toBe('labels');
    expect(chromeRule('我要评论')?.id).toBe('comments');
    expect(chromeRule('中国大陆')).toBeNull();
    expect(chromeRule('两地版权交易额突破100亿元，知识产权保护合作不断深化，推动版权产业高质量发展，版权所有人权益得到更好保障。')).toBeNull();
    expect(isKeywordStuffing('重庆干部培训重庆干部培训基地重庆工商大学干部培训')).toBe(true);
    expect(isKeywordStuffing('推动成渝地区双城经济圈建设走深走实')).toBe(false);
    expect(
      isKeywordStuffing(
        'The lawmakers were among the leaders of the party who led the march to the headquarters of the commission and the Force Headquarters in Abuja',
      ),
    ).toBe(false);
  });

  it('keeps short lines that recur alone (table labels) and drops a repeated run', () => {
    const run = [
      '川渝两地联合开行中欧班列1475列，约占全国开行量的21%',
      '两地共有130家零部件企业参与对方整车配套，合作持续深化',
      '两地合力争取全国一体化算力网络国家枢纽节点落地，成效明显',
    ];
    expect(findRepeats(['Portion: 2 Green', 'Chili', 'Portion: 2 Green', 'Salad'])).toEqual([true, true, true, true]);
    expect(findRepeats([...run, '其他', ...run])).toEqual([true, true, true, true, false, false, false]);
    // The second copy differs only in punctuation width.
    expect(findRepeats([...run, '其他', ...run.map((t) => t.replace(/，/g, ','))])).toEqual([true, true, true, true, false, false, false]);
  });

  it('reports a page with no text as a warning message, not an exception', () => {
    const d = textDoc('<html><body><script>var a = 1;</script></body></html>', 'html');
    expect(d.text).toBe('');
    expect(d.messages.map((m) => m.ruleId)).toContain('clean:no-main-text');
  });

  it('is pure: the same Document gives the same blocks', () => {
    const doc = createDocument({
      source: 'x',
      location: '/x',
      format: 'text',
      contentHash: 'h',
      charset: 'utf-8',
      raw: '标题行：成渝合作新进展\n\n正文第一段内容。',
    });
    expect(findMainText(doc).blocks).toEqual(findMainText(doc).blocks);
  });
});

describe('clean→raw offsets', () => {
  const corpus = (name: string) => readFileSync(fileURLToPath(new URL(`../../data/corpus/${name}`, import.meta.url)));
  const docs: [string, Document][] = [
    ...['gbk-page.html', 'big5-page.html', 'front-matter.md', 'ocr.txt', 'feed.atom'].flatMap((name) => read(name).map((d): [string, Document] => [name, d])),
    ...['000_ec37c2ba515c9bd4.txt', '001_5f42f3d0afd9259a.txt', '002_dd4715bfae9c8093.txt', '003_bb55dcc364cebf95.txt', '004_b2507d0c66974402.txt'].map(
      (name): [string, Document] => [name, readBytes(corpus(name), { location: name }).map((d) => clean.run(d))[0]],
    ),
  ];

  it.each(docs)('%s: every character of the clean text maps back onto the same character in the raw source', (_, doc) => {
    expect(doc.text.length).toBeGreaterThan(0);
    let letters = 0;
    let same = 0;
    for (let i = 0; i < doc.text.length; i++) {
      if (!/[\p{L}\p{N}]/u.test(doc.text[i])) continue;
      letters++;
      if (doc.raw[doc.rawOffsets.toRaw(i)!] === doc.text[i]) same++;
    }
    // Entities (&amp;, &#123;) make a run's raw length differ; inside those runs offsets are proportional.
    expect(same / letters).toBeGreaterThan(0.99);
  });
});

describe('NFKC fast path', () => {
  it('every character it lets through is left as it is by NFKC, alone and after a letter or ideograph', () => {
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      if (c >= 0xd800 && c <= 0xdfff) continue;
      if (!isNfkcStable(ch)) continue;
      expect(ch.normalize('NFKC'), `U+${c.toString(16)}`).toBe(ch);
      expect(`e${ch}`.normalize('NFKC'), `e+U+${c.toString(16)}`).toBe(`e${ch}`);
      expect(`中${ch}`.normalize('NFKC'), `中+U+${c.toString(16)}`).toBe(`中${ch}`);
    }
  });

  it('maps fullwidth ASCII, the ellipsis and the ideographic space as NFKC does, beside any character', () => {
    const simple = [...Array.from({ length: 0x5e }, (_, i) => 0xff01 + i), 0x2026, 0x3000].map((c) => String.fromCharCode(c));
    for (const ch of simple) {
      for (const [before, after] of [
        ['', ''],
        ['中', '文'],
        ['e', 'e'],
        ['2', '。'],
      ]) {
        const text = `${before}${ch}${after}`;
        expect(nfkc(text), text).toBe(text.normalize('NFKC'));
      }
    }
    // Beside a character that needs ICU, the whole text goes through ICU.
    expect(nfkc('ｅ\u0301，ﬁ')).toBe('ｅ\u0301，ﬁ'.normalize('NFKC'));
  });

  it('normalizes what it does not let through', () => {
    expect(isNfkcStable('重庆，成都')).toBe(false);
    expect(nfkc('重庆，成都（２０２４）')).toBe('重庆,成都(2024)');
    expect(nfkc('e\u0301')).toBe('\u00e9');
    expect(nfkc('成渝“双城”——2024年。')).toBe('成渝“双城”——2024年。');
  });
});

describe('chrome rules', () => {
  it('use no flag but i, so that one combined case-insensitive pattern can screen lines for all of them', () => {
    for (const rule of CHROME_RULES) expect(['', 'i'], rule.id).toContain(rule.pattern.flags);
  });

  it('split into top-level alternatives that together match what the whole pattern matches', () => {
    expect(topLevelAlternatives('^a(?:b|c)|[|]d|e\\|f')).toEqual(['^a(?:b|c)', '[|]d', 'e\\|f']);
    const lines = [
      'Copyright © 2020 重庆长安网 版权所有',
      '责任编辑：吴剑 SF031',
      '点击数:252',
      '·长期坚持下下之策（2005-04-01 09:56AM）',
      '首页 > 新闻中心',
      '【打印】【关闭】',
      '上一篇：成渝双城经济圈',
      '第 2 页 / 共 5 页',
      'Tel: 023-6276-2687',
      'Related articles:',
      '分享到微信',
      '2024年上半年，川渝两地地区生产总值同比增长6.1%。',
      '（编辑：张三）',
      '来源：重庆日报',
      'most read',
      '在线投稿',
    ];
    for (const rule of CHROME_RULES) {
      const parts = topLevelAlternatives(rule.pattern.source).map((p) => new RegExp(p, rule.pattern.flags));
      for (const line of lines)
        expect(
          parts.some((p) => p.test(line)),
          `${rule.id}: ${line}`,
        ).toBe(rule.pattern.test(line));
    }
  });

  it('still name the first rule a line breaks', () => {
    expect(chromeRule('版权所有 © 2024 重庆日报')?.id).toBe('copyright');
    expect(chromeRule('责任编辑：张三')?.id).toBe('editor');
    expect(chromeRule('当前位置：首页 > 新闻')?.id).toBe('location');
    expect(chromeRule('Share on Facebook')?.id).toBe('english-chrome');
    expect(chromeRule('2024年上半年，川渝两地地区生产总值同比增长6.1%。')).toBeNull();
  });
});

describe('table cells', () => {
  it('keeps an empty-value cell (—) between short cells, so the figures after it keep their columns', () => {
    const html =
      '<table><tr><td>指标</td><td>单位</td><td>2021年</td><td>比上年增长(%)</td></tr>' +
      '<tr><td>房地产开发投资</td><td>亿元</td><td>—</td><td>10.4</td></tr>' +
      '<tr><td>商品房竣工面积</td><td>万平方米</td><td>1460.8</td><td>2.9</td></tr></table>';
    const [doc] = readBytes(Buffer.from(`# 统计公报\n\n${html}\n`), { location: 'bulletin.md' }).map((d) => clean.run(d));
    expect(doc.text.split(/\n+/)).toEqual(expect.arrayContaining(['亿元', '—', '10.4']));
    const [page] = readBytes(Buffer.from('<html><body><p>首页 | 新闻 | 联系我们</p><p>——</p><p>正文第一段，写满了内容。</p></body></html>'), {
      location: 'a.html',
    }).map((d) => clean.run(d));
    expect(page.text).not.toMatch(/^——$/m);
  });
});

describe('an OCR’d bulletin’s page markers', () => {
  const raw = [
    '# 2021年统计公报',
    '',
    '其中，铁路运输货物周转量102.4亿吨公里，增长5.6%；航空运输货物周转量17.4',
    '',
    '<!-- Page 8 -->',
    '',
    '亿吨公里，增长10.4%。',
    '',
    '<!-- Page 9 -->',
    '',
    '## （二）科学技术',
    '',
    '全年专利授权量12万件。',
  ].join('\n');
  const [doc] = readBytes(Buffer.from(raw), { location: 'bulletin.md' }).map((d) => clean.run(d));
  it('joins a sentence a page marker cut, and keeps a heading after a marker its own', () => {
    expect(doc.text).toContain('航空运输货物周转量17.4亿吨公里，增长10.4%。');
    expect(doc.text).toContain('\n\n（二）科学技术\n\n');
  });
  it('does not join a paragraph that ends its sentence', () => {
    const whole = readBytes(Buffer.from('# 公报\n\n全年增长5%。\n\n<!-- Page 2 -->\n\n次年增长6%。\n'), { location: 'b.md' }).map((d) => clean.run(d))[0];
    expect(whole.text).toContain('全年增长5%。\n\n次年增长6%。');
  });
});
