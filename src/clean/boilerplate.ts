/**
 * Page chrome recognized by its words: the lines and blocks no report's main text holds
 * (copyright and ICP lines, contact lines, share/QR prompts, editor sign-offs, navigation labels).
 * Each rule is one pattern with a length limit, so a long paragraph that merely mentions
 * "版权" or "copyright" is never dropped.
 */
import { MONTH_FIRST_DATE, NUMERIC_DATE } from '../document/dates.ts';
import { countNonWhitespace } from './chars.ts';
import { LEXICON_CHROME_RULES } from './chrome-lexicon.ts';

export interface ChromeRule {
  id: string;
  pattern: RegExp;
  /** Applies only to blocks at most this long (characters, whitespace removed). */
  maxLength: number;
}

const BUILT_IN_RULES: readonly ChromeRule[] = [
  { id: 'copyright', pattern: /copyright|©|all rights reserved|ICP备|ICP证|公网安备|网安备|增值电信业务|互联网新闻信息服务许可/i, maxLength: 160 },
  { id: 'copyright-words', pattern: /版权所有|版权归|违法和不良信息举报|举报电话|举报邮箱|未经授权.{0,6}禁止|不得转载/, maxLength: 40 },
  {
    id: 'editor',
    pattern: /^[【\[(（]?\s*(?:责任编辑|责编|编辑|值班编辑|审核|审校|校对|监制|终审|二审|一审|初审|编审|签发|本期编辑|美编|制图|校审)\s*[:：|丨]/,
    maxLength: 60,
  },
  { id: 'editor-tail', pattern: /[(（【\[]\s*(?:责任编辑|责编|编辑)\s*[:：][^)）】\]]{1,20}[)）】\]]\s*$/, maxLength: 40 },
  { id: 'location', pattern: /^(?:当前位置|您的位置|你的位置|你现在的位置|您现在的位置|所在位置|位置)\s*[:：]|^首页\s*[>›»\-]/, maxLength: 120 },
  { id: 'welcome', pattern: /欢迎(?:来到|访问|光临)|设为首页|加入收藏|网站地图|网站导航|无障碍浏览|长者模式/, maxLength: 60 },
  { id: 'login', pattern: /^(?:登录|注册|登录\s*[|/]?\s*注册|免费注册|会员登录|退出)$/, maxLength: 10 },
  {
    id: 'counter',
    pattern: /(?:点击数|点击量|点击率|阅读量|阅读数|浏览次数|浏览量|访问量)\s*[:：]?\s*\d*|(?:阅读|浏览|点击|评论)\s*[:：(（]\s*\d+/,
    maxLength: 90,
  },
  {
    id: 'source-line',
    pattern: /^[【\[(（]?\s*(?:(?:文章|新闻|信息|消息|内容|稿件|图片)?来源|稿源|出处|作者|文字|图片|摄影|图\/文|文\/图)\s*[:：]\s*\S[^。！？]*$/,
    maxLength: 40,
  },
  {
    id: 'labels',
    pattern:
      /^(?:[【\[]\s*[^【】\[\]]{1,8}\s*[】\]]\s*){2,}$|^(?:打印|关闭|收藏|纠错|返回顶部|字号|分享|微信|微博|QQ空间|QQ好友|朋友圈|大|中|小|默认|\s|[|｜/:：【】\[\]])+$/,
    maxLength: 40,
  },
  {
    id: 'comments',
    pattern:
      /我要评论|网友评论|发表评论|参与评论|查看评论|\d+\s*条评论|已有\s*\d+\s*人参与|点击进入专题|(?:点击)?查看(?:原文|全文|更多)|阅读原文|原文链接|^\(?更新时间戳/,
    maxLength: 40,
  },
  {
    id: 'share',
    pattern:
      /分享[到至](?![^。！？]*[。！？])|一键分享|扫一扫|扫码|二维码|微信扫|关注我们|关注微信|微信公众号|打印本页|打印此文|关闭窗口|返回顶部|【字号|字号[:：]|字体[:：]\s*[大中小]|收藏本文|手机看|下载.{0,8}(?:APP|客户端)|尽在.{0,10}APP/i,
    maxLength: 60,
  },
  {
    id: 'pager',
    pattern:
      /^(?:上一篇|下一篇|上一条|下一条|上一页|下一页|返回列表|返回首页|更多(?:新闻|文章|>>)?)\s*[:：>»]?|第\s*\d+\s*页\s*[/／]?\s*共\s*\d+\s*页|上一页\s*[|｜]?\s*下一页/,
    maxLength: 80,
  },
  // "·某某新闻标题（2005-04-01 09:56AM）": an entry of a news list, not a sentence (a bulleted one may
  // hold a "!" or "?" of its own: "·好友:拜托!跟谁生啊 (2005-04-27 16:00PM)").
  {
    id: 'news-list-entry',
    pattern:
      /^[·•●◆■□▪\-]?\s*[^。！？!?\d\s·•●◆■□▪\-][^。！？!?]{1,59}[(（[]?\s*(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AP]M)?)?\s*[)）\]]?$|^[·•●◆■□▪]\s*[^。！？\s][^。]{1,60}[(（[]\s*(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AP]M)?)?\s*[)）\]]$/i,
    maxLength: 80,
  },
  {
    id: 'related-label',
    pattern:
      /^[【\[]?(?:相关|最新|热门|推荐|延伸|精彩|猜你喜欢|相关阅读|相关新闻|相关文章|相关链接|热点|排行)(?:文章|新闻|阅读|链接|推荐|资讯|专题|报道)?[】\]]?\s*[:：]?$/,
    maxLength: 12,
  },
  { id: 'article-url', pattern: /^(?:本文地址|本文链接|原文链接|文章来源地址|转载请注明)\s*[:：]/, maxLength: 200 },
  {
    id: 'contact',
    pattern:
      /^(?:[•·●\-*]\s*)?(?:(?:电话|传真|邮箱|地址|邮编|联系电话|联系我们|热线|客服|E-?mail|Tel|Fax)\s*[:：]?\s*)?(?:\+?\d[\d\s\-–()（）]{6,}\d|[\w.+-]+@[\w-]+\.[\w.]+)\s*$/i,
    maxLength: 60,
  },
  { id: 'contact-line', pattern: /^(?:联系我们|联系方式|联系电话|通讯地址|地址)\s*[:：]/, maxLength: 80 },
  { id: 'submit', pattern: /在线投稿|我要投稿|投稿邮箱|请使用系统指派/, maxLength: 60 },
  {
    id: 'english-chrome',
    pattern:
      /^(?:advertisement|sponsored|share (?:this|on)|follow us|sign up for|subscribe to|read more|related(?: articles| stories)?:?|click here|skip to (?:main )?content|this article (?:was|is) (?:originally )?published|image:|photo:|caption:|copyright)\b/i,
    maxLength: 120,
  },
  {
    id: 'english-label',
    pattern:
      /^(?:most (?:popular|read|viewed)(?: \w+)?|top (?:video|stories|news)|don'?t miss|join the conversation|back to gallery|caption|close|trending(?: now)?|more from [\w .]+|you may also like|recommended(?: for you)?|comments?|show comments|leave a comment|photo:.*|image:.*|(?:photo|image) credit:?.*|view gallery|watch:?|listen:?|print|email|share|advert|this slideshow requires javascript|tell us what you think|\[javascript protected email address\])[.…!:]*$/i,
    maxLength: 40,
  },
];

/** The built-in rules, then those kept as data (data/lexicon/page-chrome.json). */
export const CHROME_RULES: readonly ChromeRule[] = [...BUILT_IN_RULES, ...LEXICON_CHROME_RULES];

/**
 * All rules in one case-insensitive pattern: it matches whatever any rule matches (and a little
 * more), so a line it does not match needs no rule tried. One scan instead of twenty on most lines.
 */
const MAX_RULE_LENGTH = Math.max(...CHROME_RULES.map((r) => r.maxLength));

/** The top-level alternatives of a pattern's source (outside groups and character classes). */
export function topLevelAlternatives(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(source.slice(start, i));
      start = i + 1;
    }
  }
  out.push(source.slice(start));
  return out;
}

/**
 * Screens: the rules' top-level alternatives joined into one pattern per flag set, anchored ones
 * (tried at the line start only) apart from the rest. A line matches a screen exactly when it
 * matches some alternative, so a line no screen matches needs no rule tried: four scans instead of
 * twenty on most lines.
 */
const SCREENS: RegExp[] = [...new Set(CHROME_RULES.map((r) => r.pattern.flags))].flatMap((flags) => {
  const parts = CHROME_RULES.filter((r) => r.pattern.flags === flags).flatMap((r) => topLevelAlternatives(r.pattern.source));
  const anchored = parts.filter((a) => a.startsWith('^')).map((a) => `(?:${a.slice(1)})`);
  const floating = parts.filter((a) => !a.startsWith('^')).map((a) => `(?:${a})`);
  return [...(anchored.length ? [new RegExp(`^(?:${anchored.join('|')})`, flags)] : []), ...(floating.length ? [new RegExp(floating.join('|'), flags)] : [])];
});

/** Footer words: one alone may be prose ("版权所有人"), two or more in one short block are a footer. */
const FOOTER_WORDS =
  /版权所有|版权归|违法和不良信息|举报电话|举报邮箱|未经授权|禁止复制|不得转载|主办单位|承办单位|技术支持|联系我们|网站声明|法律声明|著作权|侵权|转载|书面授权|郑重声明|郑重公告/g;
const FOOTER_RULE: ChromeRule = { id: 'footer-words', pattern: FOOTER_WORDS, maxLength: 160 };
/** A reprint notice runs longer; three different footer words in one paragraph mark it. */
const NOTICE_MAX_LENGTH = 320;

const DATE_RULE: ChromeRule = { id: 'date-line', pattern: /\d/, maxLength: 60 };
const DATE_WORDS =
  /(?:19|20)\d{2}|\d{1,2}(?:st|nd|rd|th)?|monday|tuesday|wednesday|thursday|friday|saturday|sunday|jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*|[ap]\.?m\.?|星期.|周.|[年月日时分秒号]|上午|下午|更新|发布|发表|时间|日期|updated|published|posted|last|on|at|edt|est|gmt|utc|cst|bst|pst|pdt|et|pt/gi;

const DATELINE_RULE: ChromeRule = { id: 'dateline', pattern: /\d/, maxLength: 80 };
/** Words of a dateline beside its date: where the report comes from, who wrote it, how often it was read. */
const DATELINE_LABEL =
  /(?<![\u4e00-\u9fff])(?:来源|稿源|出处|作者|记者|编辑|责编|发布时间|发布日期|发表时间|发表日期|更新时间|时间|日期|浏览|点击|阅读|访问统计|字号)\s*[:：]|发布时间|发布日期|发表于|更新\s*(?:来源|$)|[|丨]\s*来源|\bby\s+\S/;
const CLOCK = /(?<!\d)\d{1,2}[:：]\d{2}(?:[:：]\d{2})?(?!\d)/;

/**
 * A dateline: a short line with the report's date and its labels ("2022.01.20 16:31 来源：河南日报客户端",
 * "2005-02-06 13:26更新 来源：转载文章", "发布时间 2005/05/17 22:11:42 by 某某"). Meta takes the date
 * from it; the text does not keep it. A date with only a clock time beside it counts when `clock`.
 */
export function isDatelineChrome(text: string, clock: boolean): boolean {
  if (/[。！？!?]/.test(text)) return false;
  const date = NUMERIC_DATE.exec(text) ?? MONTH_FIRST_DATE.exec(text);
  if (!date) return false;
  if (DATELINE_LABEL.test(text)) return true;
  // A line that opens with a date and a clock time, and holds little else ("2003-7-24 10:30 钱江晚报");
  // not "会议时间：2023年5月6日 上午9:30", a notice's own words.
  const opens = !/[\p{L}\p{N}]/u.test(text.slice(0, date.index));
  return clock && opens && CLOCK.test(text.slice(date.index + date[0].length)) && countNonWhitespace(text) <= 40;
}

/** A line that is only a date or a timestamp ("Saturday, September 10th, 2005 10:56 am", "(2005-10-01 10:09:03)"). */
export function isDateLine(text: string): boolean {
  // one number alone — a table cell "19917.0" or "2035.6" — is a figure, not a date
  if (!/(?:19|20)\d{2}/.test(text) || /^\s*-?[\d,]+(?:\.\d+)?\s*$/.test(text)) return false;
  const rest = text.replace(DATE_WORDS, '').replace(/[\s\p{P}\p{S}]/gu, '');
  return rest.length <= 2;
}

/**
 * （2023年5月14日）: a document's own date under its title (the day it was adopted or issued), written
 * in parentheses with 年月日 and nothing else — the document's text, not the page's timestamp.
 */
const isDocumentDate = (text: string): boolean => /^[（(]\s*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*[）)]$/u.test(text);

/** The rule a block breaks, or null when it may be main text. */
export function chromeRule(text: string, opts: { dateLines?: boolean } = {}): ChromeRule | null {
  const length = countNonWhitespace(text);
  const trimmed = text.trim();
  if (length <= MAX_RULE_LENGTH && SCREENS.some((screen) => screen.test(trimmed))) {
    for (const rule of CHROME_RULES) {
      if (length <= rule.maxLength && rule.pattern.test(trimmed)) return rule;
    }
  }
  const footerWords = length <= NOTICE_MAX_LENGTH ? new Set(text.match(FOOTER_WORDS)).size : 0;
  if ((footerWords >= 2 && length <= FOOTER_RULE.maxLength) || footerWords >= 3) return FOOTER_RULE;
  // A date standing alone is a page's timestamp; in a report's own text it may head a timeline entry.
  if (opts.dateLines !== false && length <= 60 && isDateLine(text) && !isDocumentDate(trimmed)) return DATE_RULE;
  if (length <= DATELINE_RULE.maxLength && isDatelineChrome(text, opts.dateLines !== false)) return DATELINE_RULE;
  return null;
}

/**
 * The heading of a "more stories" section: 相关新闻, 延伸阅读, 猜你喜欢, You may also like, Related
 * articles … Everything after it on the page belongs to other reports.
 */
const RELATED_HEAD =
  /^[【\[「]?\s*(?:相关(?:新闻|阅读|文章|链接|报道|稿件|资讯|推荐|专题)|延伸阅读|推荐阅读|扩展阅读|猜你喜欢|热门推荐|热点推荐|精彩推荐|为你推荐|往期回顾|往期推荐|更多精彩|更多阅读|更多新闻|最新文章|最新新闻|热门文章|热点新闻|你可能(?:还)?(?:感兴趣|喜欢)|(?:you (?:may|might) (?:also )?(?:like|enjoy)|related (?:articles|stories|posts|content|news|coverage|reading)|more (?:stories|articles|news)|recommended (?:for you|stories|articles|reading)|read next|further reading|trending (?:now|stories)))\s*[】\]」]?\s*[:：.…]*$/i;

export function isRelatedHeading(text: string): boolean {
  return countNonWhitespace(text) <= 30 && RELATED_HEAD.test(text.trim());
}

/**
 * Keyword-stuffed lines (SEO footers): no prose punctuation, and one phrase of ≥ 4 characters
 * repeated three times or more, e.g. "重庆干部培训重庆干部培训基地重庆工商大学干部培训…".
 */
export function isKeywordStuffing(text: string): boolean {
  if (/[，,、。；;：:！!？?.]/.test(text)) return false;
  // Only Chinese runs: Latin words repeat letters across word boundaries ("ofthe…andthe") all the time.
  const s = (text.match(/[\u4e00-\u9fff]+/g) ?? []).join('');
  if (s.length < 16) return false;
  // Any phrase of 4 or more characters that recurs three times starts with a 4-gram that recurs
  // three times, so counting 4-grams is enough.
  const seen = new Map<string, number>();
  for (let i = 0; i + 4 <= s.length; i++) {
    const gram = s.slice(i, i + 4);
    const count = (seen.get(gram) ?? 0) + 1;
    if (count >= 3) return true;
    seen.set(gram, count);
  }
  return false;
}
