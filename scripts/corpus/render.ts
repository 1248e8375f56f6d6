/**
 * Renders a generated report in one of the formats the readers take: an HTML page with its site's
 * chrome (menus, breadcrumbs, phone lines, related links, share widget, copyright) in UTF-8 or GBK,
 * a feed item saved as Markdown with front matter (the shape of data/corpus/000), or OCR text of a
 * printed page (hard-wrapped lines, page numbers, half-width punctuation).
 */
import iconv from 'iconv-lite';
import { stringify as stringifyYaml } from 'yaml';
import type { Random } from './random.ts';

export type GeneratedFormat = 'html' | 'markdown' | 'ocr';

export interface ReportContent {
  title: string;
  /** `YYYY-MM-DD` */
  published: string;
  site: string;
  author: string;
  editor: string;
  paragraphs: string[];
  /** Subheadings inserted before some paragraphs (index → heading). */
  headings: Map<number, string>;
  /** Titles of other reports, for a page's 相关新闻 list. */
  related: string[];
  url: string;
}

export const SITES = [
  { name: '四川在线', host: 'sichuan.scol.com.cn', phone: '028-86968114', icp: '蜀ICP备05006345号' },
  { name: '华龙网', host: 'cq.cqnews.net', phone: '023-67525566', icp: '渝ICP备08002483号' },
  { name: '新重庆-重庆日报', host: 'app.cqrb.cn', phone: '023-63907114', icp: '渝ICP备05001214号' },
  { name: '成都日报', host: 'www.cdrb.com.cn', phone: '028-86612345', icp: '蜀ICP备11003178号' },
  { name: '川观新闻', host: 'cbgc.scol.com.cn', phone: '028-86968000', icp: '蜀ICP备05006345号-3' },
  { name: '上游新闻', host: 'www.cqcb.com', phone: '023-63905555', icp: '渝ICP备16001789号' },
] as const;

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function renderHtml(c: ReportContent, random: Random): { text: string; charset: string } {
  const site = SITES.find((s) => s.name === c.site) ?? SITES[0];
  const charset = random.chance(0.2) ? 'gbk' : 'utf-8';
  const year = c.published.slice(0, 4);
  const skin = random.int(0, 2);
  const contentClass = ['TRS_Editor', 'article-content', 'main_text'][skin];
  const body = c.paragraphs
    .map((p, i) => (c.headings.has(i) ? `<p><strong>${escapeHtml(c.headings.get(i)!)}</strong></p>\n` : '') + `<p>　　${escapeHtml(p)}</p>`)
    .join('\n');
  const nav = ['首页', '时政', '双城经济圈', '经济', '区县', '视频', '专题'].map((n) => `<li><a href="/${n}/">${n}</a></li>`).join('');
  const related = c.related.map((t, i) => `<li><a href="https://${site.host}/${year}/${i}.html">${escapeHtml(t)}</a></li>`).join('\n');
  const info =
    skin === 1
      ? `<div class="meta">${c.published} ${String(random.int(6, 22)).padStart(2, '0')}:${String(random.int(0, 59)).padStart(2, '0')} 来源：${escapeHtml(c.site)}</div>`
      : `<div class="info"><span>时间：${c.published}</span><span>来源：${escapeHtml(c.site)}</span><span>作者：${escapeHtml(c.author)}</span><span>点击数：${random.int(50, 9999)}</span></div>`;
  const html = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="${charset}">
<title>${escapeHtml(c.title)}_${escapeHtml(c.site)}</title>
<meta name="keywords" content="成渝地区双城经济圈,川渝">
<link rel="canonical" href="${c.url}">
<style>.nav li{float:left;margin:0 12px}.${contentClass} p{text-indent:2em;line-height:1.8}</style>
<script>var _hmt = _hmt || []; (function(){var hm=document.createElement("script");})();</script>
</head>
<body>
<div class="topbar">您好，欢迎访问${escapeHtml(c.site)}！ 新闻热线：${site.phone}</div>
<div class="nav"><ul>${nav}</ul></div>
<div class="crumbs">当前位置：<a href="/">首页</a> &gt; <a href="/双城经济圈/">双城经济圈</a> &gt; 正文</div>
<div class="article">
<h1>${escapeHtml(c.title)}</h1>
${info}
<div class="${contentClass}" id="content">
${body}
<p class="editor">（责任编辑：${escapeHtml(c.editor)}）</p>
</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
</div>
<div class="related"><h3>相关新闻</h3><ul>
${related}
</ul></div>
<div class="qrcode"><img src="/images/qrcode.png" alt="">扫一扫，关注${escapeHtml(c.site)}微信公众号</div>
<div class="footer">Copyright &copy; 2015-${year} ${escapeHtml(c.site)} 版权所有 ${site.icp} 联系电话：${site.phone}</div>
</body>
</html>
`;
  return { text: html, charset };
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A feed item's date as feeds print it (RFC 1123), the time of day drawn. */
function rfc1123(published: string, random: Random): string {
  const d = new Date(
    `${published}T${String(random.int(0, 15)).padStart(2, '0')}:${String(random.int(0, 59)).padStart(2, '0')}:${String(random.int(0, 59)).padStart(2, '0')}Z`,
  );
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${WEEKDAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} GMT`;
}

export function renderMarkdown(c: ReportContent, random: Random): string {
  // the time of day keeps the date in UTC+8 on the same day (hours 0–15 UTC)
  const front = stringifyYaml({
    title: c.title,
    categories: random.sample(['双城经济圈', '财经', c.site, '区域经济', '川渝合作'], random.int(1, 3)),
    author: c.author,
    comments: false,
    date: rfc1123(c.published, random),
    link: c.url,
  });
  const asHtml = random.chance(0.5);
  const body = c.paragraphs
    .map((p, i) => {
      const heading = c.headings.get(i);
      if (asHtml) return (heading ? `<p><strong>${escapeHtml(heading)}</strong></p>\n` : '') + `<p cms-style="font-L">　　${escapeHtml(p)}</p>`;
      return (heading ? `## ${heading}\n\n` : '') + p;
    })
    .join(asHtml ? '\n' : '\n\n');
  return `---\n${front}---\n\n${asHtml ? `<div>\n${body}\n</div>` : body}\n`;
}

/** Breaks a paragraph into printed lines of `width` characters, as OCR of a narrow column gives them. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (let i = 0; i < text.length; i += width) lines.push(text.slice(i, i + width));
  return lines;
}

export function renderOcr(c: ReportContent, random: Random): string {
  const width = random.int(24, 38);
  const halfWidth = random.chance(0.5);
  const lines: string[] = [c.title, ''];
  if (random.chance(0.5)) lines.push(`时间: ${c.published} 来源: ${c.site} 编辑: ${c.editor}`, '');
  else lines.push(`${c.site}  ${Number(c.published.slice(0, 4))}年${Number(c.published.slice(5, 7))}月${Number(c.published.slice(8, 10))}日`, '');
  let page = random.int(1, 12);
  let sinceFooter = 0;
  c.paragraphs.forEach((p, i) => {
    const heading = c.headings.get(i);
    if (heading) lines.push(heading, '');
    let printed = halfWidth ? p.replace(/，/g, ',').replace(/：/g, ':').replace(/（/g, '(').replace(/）/g, ')').replace(/；/g, ';') : p;
    if (random.chance(0.15)) {
      // OCR splits a word with a stray space now and then — between two Chinese characters, never
      // inside a figure (that would change what the report says, not just how it was scanned)
      const at = random.int(1, Math.max(1, printed.length - 1));
      if (/\p{Script=Han}/u.test(printed[at - 1] ?? '') && /\p{Script=Han}/u.test(printed[at] ?? '')) printed = printed.slice(0, at) + ' ' + printed.slice(at);
    }
    for (const line of wrap(printed, width)) {
      lines.push(line);
      if (++sinceFooter >= 40) {
        lines.push('', `— ${page++} —`, '');
        sinceFooter = 0;
      }
    }
    lines.push('');
  });
  return lines.join('\n');
}

/** The bytes of a rendered report: GBK pages are encoded as they declare. */
export function encodeReport(text: string, charset: string): Buffer {
  return charset === 'utf-8' ? Buffer.from(text, 'utf8') : iconv.encode(text, charset);
}
