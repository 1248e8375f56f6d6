/** Classes of web page the main-text extractor reads: lists of posts, pages saved without <html>. */
import { describe, expect, it } from 'vitest';
import { createDocument, createPipeline, type Document } from '../document/index.ts';
import { cleanStages } from './index.ts';

const clean = createPipeline(cleanStages);
const page = (raw: string): Document =>
  clean.run(createDocument({ source: 'x', location: '/x.html', format: 'html', contentHash: 'h', charset: 'utf-8', raw }));

/** One post of a blog archive page, as the old blog hosts print it: title row with its time, body, footer. */
const post = (id: number, title: string, time: string, body: string) => `
<tr><td><a name="${id}"></a><table width="100%" class="table-bg">
  <tr><td><table width="100%"><tr>
    <td class="post-title" align="left">${title}</td>
    <td class="post-title" align="right"><nobr>${time}</nobr></td>
  </tr></table></td></tr>
  <tr id="p${id}"><td><table width="100%">
    <tr><td class="post-body">${body}</td></tr>
    <tr><td>[<a href="/blogarticle.php?postID=${id}">打印</a>]</td></tr>
    <tr><td class="post-footer"><em>由海姑娘张贴 @ <a href="/blogview.php?postID=${id}">${time}</a></em> (359)
      <a class="comment-link" href="/blogview.php?postID=${id}#mark">共 3 篇评论</a></td></tr>
  </table></td></tr>
</table></td></tr>`;

describe('a page listing dated posts (a blog archive)', () => {
  const first =
    '距墨尔本西北约110公里处，是当年澳大利亚发现第一块天然黄金的地方，现在是维多利亚州最受游客欢迎的观光城市。巴拉瑞特发展于1850年开始的淘金潮中，也是当年华人劳工集中的地方。';
  const long = Array.from(
    { length: 12 },
    (_, i) => `第${i + 1}段：十多年前刚来的时候，没有中文报纸，没有网络，只能听广播，而现在呢，美好的网络连接你我，真是幸福。`,
  ).join('<br>');
  const html = `<html><head><title>海姑娘 | blog</title></head><body>
<table><tr><td class="top_nav-s">[<a href="/myindex.php">查看我的博客目录</a>]</td></tr></table>
<table width="100%"><tr><td><div class="txtlarge">
${post(12128, '昨天去金矿玩 (图)', '2005-03-21 01:20:44', first)}
${post(10317, '长发剪了，感觉很轻松', '2005-03-18 01:58:01', '剪了短发，洗头方便多了，朋友们都说我看起来年轻了好几岁，我自己也觉得很轻松。夏天就要到了，短发正合适。')}
${post(10314, 'SBS 回来, 感觉澳洲在进步', '2005-03-18 01:28:08', long)}
${post(8783, '雪意， 雪花，雪景 (图)', '2005-03-15 16:47:37', '今年冬天雪下得特别大，山上白茫茫一片，我们开车去看雪，拍了很多照片，孩子们在雪地里打雪仗，玩得很开心。')}
</div></td></tr></table></body></html>`;

  it('is read as its first post, not the longest one nor all of them', () => {
    const doc = page(html);
    expect(doc.text).toBe(first);
  });

  it('is not taken for the chunks of one article: no date stands between those', () => {
    const chunk = (n: number) =>
      `<div class="article-text"><p>第${n}部分：川渝两地今年共同实施重大合作项目300个，总投资超过3.5万亿元，年度计划投资完成率达到七成，成效明显。</p><p>两地将继续优化运输组织，力争全年开行量再创新高，服务更多企业。</p></div>`;
    const doc = page(`<html><body><div id="story">${chunk(1)}<div class="ad">广告</div>${chunk(2)}<div class="ad">广告</div>${chunk(3)}</div></body></html>`);
    expect(doc.text).toContain('第1部分');
    expect(doc.text).toContain('第3部分');
  });
});

describe('a page saved without its <html>', () => {
  // A blog page cut out of its frame: no html, head or body tags, but its header, navigation,
  // trackback box and comment form are still there.
  const article = Array.from(
    { length: 4 },
    (_, i) => `<p class="MsoNormal">第${i + 1}段：经过有关部门的调查，现初步查明，承包厂房拆迁的工程队根本没有拆房资质，更不要说挂靠工程队的老板了。</p>`,
  ).join('');
  const html = `<text id="http://blog.example.com/2756656.html" title="谁来为无序拆房埋单">
<div id="container">
  <div id="header"><h1 class="title"><a href="index.html">某某的博客</a></h1></div>
  <div id="category"><a href="2756647.html" title="上一篇">孩子，夏令营让你得到了什么？</a>- -| <a href="index.html">回首页</a> | <a href="catalog_2005.html">2005年索引</a> | - -<a href="2756660.html" title="下一篇">浴室都安全吗?</a></div>
  <div class="entity"><h2 class="diaryTitle">谁来为无序拆房“埋单”？</h2>${article}<p class="diaryFoot">- 作者：流泉 2005年08月30日, 星期二 13:22</p></div>
  <div class="operation"><a name="trackback"><h3>Trackback</h3></a><p class="trackback">你可以使用这个链接引用该篇文章 http://blog.example.com/tb.b?diaryID=2756656</p></div>
  <div class="operation"><form id="replyForm"><table><tr><td colspan="4">评论内容：<br/><textarea name="remark"></textarea></td></tr></table></form></div>
  <div id="footer"><a href="http://www.blogdriver.com/">Powered by BlogDriver 2.1</a></div>
</div></text>`;

  it('is read as a page (its article chosen), not as an article body stored on its own', () => {
    const doc = page(html);
    expect(doc.text).toContain('第1段');
    expect(doc.text).toContain('第4段');
    for (const chrome of ['回首页', 'Trackback', '引用该篇文章', '评论内容', 'Powered by']) expect(doc.text).not.toContain(chrome);
  });

  it('while an article body stored on its own keeps all of its text', () => {
    const doc = page(`<h2>川渝签署共建协议</h2>${article}<p>（完）</p>`);
    expect(doc.text).toContain('第1段');
    expect(doc.text).toContain('（完）');
  });
});

describe('prose hard-wrapped at a fixed width (a <br> every 36 characters)', () => {
  // An old magazine archive: each line of the article is its own <br> line, most mid-sentence.
  const lines = [
    '在很大程度上，国人今天表现出来的政治冷漠和公共精神的低落，乃是多年以来的后果',
    '，换言之，是恐惧的产物。人们出于恐惧而远离公共生活，这种情形反过来又加深了人',
    '们的恐惧。不是人们只贪图物质利益而漠视精神自由，而是因为追求精神自由必须付出',
    '过高的代价，这才使得大多数人裹足不前；这也才使得那些将躲避合理化的观点，从而',
    '蔓延开来。',
    '      在这种情况下，我们若指望单凭对英雄气概的大声呼唤，就能激励广大民众再次投',
    '入行动，那恐怕是不大现实的。假如我们不甘于消极等待，我们就必须为争取广泛的民',
    '众参与提供出切实可行的方式；他就能分享到一份胜利者的光荣。事过境迁，今天的人',
    '们也许会认为那种荣耀其实毫无价值，可是在当时那种场景下，它却使很多人感到激动',
    '——《某某之春》1996年3月号',
  ];
  const doc = page(`<html><head><title>显示</title></head><body><p>${lines.join('<br>\n')}<br></p></body></html>`);

  it('keeps its last lines: they are not a run of headlines', () => {
    expect(doc.text).toContain('们也许会认为那种荣耀其实毫无价值');
    expect(doc.text).toContain('入行动，那恐怕是不大现实的');
  });

  it('keeps a line where 分享到 is a word of the prose, not a share button', () => {
    expect(doc.text).toContain('他就能分享到一份胜利者的光荣');
  });
});

describe('chrome lines of blogs and boards (data/lexicon/page-chrome.json)', () => {
  const para = (n: number) =>
    `<p>第${n}段：导游的收入很大一部分来自购物的回扣，这是业内的“行规”，境内游境外游都是这样的，所以一定要看清楚合同，不要听导游瞎掰。</p>`;
  const html = `<html><head><title>关于导游</title></head><body><div id="main">
${para(1)}${para(2)}${para(3)}${para(4)}
<p>(本文发表于首页批评与建议, 已被阅读178次)</p>
<p>本文通告引用(Trackback)链接: /wp-trackback.php?p=1700</p>
<p>Trackback: http://tb.example.net/TrackBack.aspx?PostId=543698</p>
<p>您是本文第 154 个阅览者</p>
<p>本贴由大卫于2005年8月12日16:12:21在〖心灵体操〗发表.</p>
<p>（松花江网编辑 孙桂芳）</p>
<p>游客 欢迎你！</p>
<p>原标题：春季学期开学，织密返校疫情防控网</p>
<p>拿出10万元来做房产投资，一来以钱生钱，二来为今后养老留条后路 蔡雪婧/摄</p>
<p>(评论中可使用以下tags: &lt;a href="" title=""&gt; &lt;b&gt; &lt;blockquote cite=""&gt; &lt;em&gt; &lt;i&gt; &lt;strong&gt;)</p>
<p>郑 重 声 明</p>
<p>1. 任何言论纯属作者个人观点，与本论坛无关；</p>
<p>2. 禁止发表恶意攻击他人的言论；</p>
</div></body></html>`;

  it('drops trackback links, reader counters, forum sign-offs and greetings, editor and photo credits, the original title, comment-form notes and the board notice', () => {
    const doc = page(html);
    expect(doc.text).toContain('第1段');
    expect(doc.text).toContain('第4段');
    for (const chrome of [
      '阅读178次',
      'Trackback',
      '阅览者',
      '本贴由',
      '孙桂芳',
      '欢迎你',
      '原标题',
      '蔡雪婧/摄',
      '可使用以下tags',
      '郑 重 声 明',
      '任何言论纯属',
    ])
      expect(doc.text).not.toContain(chrome);
  });

  it('keeps a reporter’s sentence and a notice that is the report itself', () => {
    const doc = page(
      `<html><body><div id="main">${para(1)}${para(2)}<p>记者从国家林草局了解到，今年全国完成造林任务的七成以上。</p><p>免责声明</p><p>本基金过往业绩不代表未来表现，投资须谨慎。基金管理人承诺以诚实信用、勤勉尽责的原则管理和运用基金资产，但不保证本基金一定盈利，也不保证最低收益，投资者在作出投资决策前应当认真阅读基金合同和招募说明书等法律文件。</p></div></body></html>`,
    );
    expect(doc.text).toContain('记者从国家林草局了解到');
    expect(doc.text).toContain('本基金过往业绩不代表未来表现');
  });
});

describe('a fact box after the byline', () => {
  it('keeps a bulleted box of figures whose lines end without a full stop', () => {
    const para = (n: number) =>
      `<p>　　第${n}段，全省民营经济运行态势总体向好，市场需求正在逐步恢复，经济发展回升向好的态势已经形成，各地各部门纷纷行动起来。</p>`;
    const box = [
      '●一季度，全省民营经济增加值实现7367.4亿元，同比增长1.9%。民营经济增加值占全省GDP比重为55.1%，较2022年提升1.4个百分点',
      '●截至3月底，全省实有民营市场主体828.12万户，同比增长9.58%',
      '●民营市场主体新设加快、退出减少。一季度，全省新设民营市场主体38.98万户、民营市场主体注销14.46万户',
      '●1—4月，我省民营企业进出口1604.1亿元，同比增长47.3%，占四川外贸总额51.8%',
    ];
    const doc = page(
      `<html><body><div class="entry">${[1, 2, 3, 4].map(para).join('')}<p>记者 史晓露</p><p><strong>数字民营经济</strong></p>${box.map((b) => `<p>${b}</p>`).join('')}</div></body></html>`,
    );
    for (const line of box) expect(doc.text).toContain(line);
  });
});

describe('section headings set in a Word-exported face', () => {
  it('takes a paragraph holding only a 黑体 or bold span as a heading, and a span of body text as a paragraph', () => {
    const body = (s: string) => `<p style="text-indent:43px"><span style="font-size:21px;font-family:仿宋_GB2312">${s}</span></p>`;
    const doc = page(
      `<html><body><div class="article">` +
        `<p style="text-indent:43px"><span style="font-size:21px;font-family:黑体">过去一年全面建设社会主义现代化国家迈出坚实步伐</span></p>` +
        body('——经济总体回升向好。国内生产总值超过126万亿元，增长5.2%，增速居世界主要经济体前列。城镇新增就业1244万人。') +
        `<p><span style="font-weight:bold">今年发展主要预期目标</span></p>` +
        body('今年发展主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上，城镇调查失业率5.5%左右。') +
        `</div></body></html>`,
    );
    expect(doc.blocks.map((b) => [b.kind, doc.text.slice(b.span[0], b.span[1]).slice(0, 8)])).toEqual([
      ['heading', '过去一年全面建设'],
      ['paragraph', '——经济总体回升'],
      ['heading', '今年发展主要预期'],
      ['paragraph', '今年发展主要预期'],
    ]);
  });
});
