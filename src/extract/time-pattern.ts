/**
 * The one regex the time scan runs over a text: its families of forms, each a named group that
 * time-forms.ts resolves (now, dayOnly, dayRel, ny, monthRel, ago, recent, before, sameRel, and a year
 * and/or a part of one).
 */

export const NUM = '[0-9０-９一二两三四五六七八九十]{1,3}';
export const SP = '[ \\t\\u3000]*';
export const RANGE = '[—–―‒﹣\\-－~～〜至到]';

/**
 * One pass over the text. Groups: a prefix (截至, 到, 自…), a year (4 digits or 今/去/前/明年),
 * then a half, quarter, first-N-months, month range or month[-day], then a suffix (末, 底, 以来).
 */
const YEAR = [
  `(?:(?<![0-9０-９])(?<year>[12][0-9]{3}|[〇零一二][〇零一二三四五六七八九]{3})${SP}年(?!代|度)`,
  `|(?<![0-9０-９])(?<year2>[0-9]{2}|[〇零一二三四五六七八九]{2})年(?=${SP}${NUM}${SP}月)`,
  `|(?<rel>今|去|前|明|上|本|当|同)年(?!代|度))`,
].join('');
const PART = [
  `(?:(?<half>上半年|下半年)|(?<quarter>第?[一二三四1-4]季度|前[二两三]季度|前三个季度)(?<qSuffix>末|底|初)?|[前首](?<firstN>${NUM})个?月`,
  `|(?<m1>${NUM})${SP}(?:${RANGE}${SP}(?<m2>${NUM})${SP})?月份?(?:${SP}(?<day>${NUM})${SP}[日号])?(?<mSuffix>末|底|初|上旬|中旬|下旬)?`,
  `|(?<ySuffix>年初|年底|年末|年中(?![国央华心部东西南北文外共医药])|底|末|初|全年))`,
].join('');
/** The same pattern without group names (a lookahead may not repeat them). */
function unnamed(pattern: string): string {
  return pattern.replace(/\(\?<([A-Za-z0-9]+)>/g, '(?:').replace(/\\k<[A-Za-z0-9]+>/g, '');
}

export const TIME_RE = new RegExp(
  [
    // Every expression starts with one of these: a cheap first test at each offset.
    `(?=[截到至自从目今当现如眼昨明后本上下去前首同第年底末初全近最过这0-9０-９〇零一二两三四五六七八九十 \\t\\u3000])`,
    `(?<prefix>截至|截止到|截止|截到|到|至|自|从)?${SP}`,
    `(?:`,
    `(?<now>目前|今日|当前|现在|今天|至今|如今|眼下|现有(?=[\u4e00-\u9fff]))`,
    `|(?<dayRel>昨天|昨日|前天|明天|明日|后天)`,
    // 普京17日在论坛上…: a day of the report's month (or the month before, for a day still to come).
    `|(?<![0-9０-９月号/.\\-第每到—–~～])(?<!(?<!截)至)(?<dayOnly>[0-9]{1,2})日(?!内|以内|之内|游|左右|以上|以下|均|起算|后)`,
    `|(?<![0-9０-９.])(?<ny>[12][0-9]{3})(?<sep>[./-])(?<nm>[0-9]{1,2})\\k<sep>(?<nd>[0-9]{1,2})(?![0-9])`,
    `|(?<monthRel>本月|当月|上个?月|下个?月)(?:${SP}(?<relDay>${NUM})${SP}[日号])?`,
    `|(?<![0-9０-９.〇零一二两三四五六七八九十百千万])(?<ago>${NUM})${SP}(?<agoUnit>年|个月)(?:多|余)?(?:以来|来)`,
    // 近五年, 过去3年, 最近两个月, 这五年来: the span up to the report's date. 近 alone also
    // approximates a duration (工期近五年), so it reads as a time only where a time phrase stands:
    // before 来/以来/里/间/中, or before a clause break.
    // 过去一年 always speaks of a time (a heading 《过去一年全面建设…》 too); 过去5年平均 may be a base.
    `|(?<recentWord>过去的?|最近|近|这)${SP}(?<recent>${NUM})${SP}(?<recentUnit>年|个月)(?=(?:多|余)?(?:以来|来|里|间|中|，|,)|(?<=过去的?${SP}[一1]${SP}年))(?:多|余)?(?:以来|来|里|间|中)?`,
    // 两年前, 3个月前: the calendar year or month that long before the report's date.
    `|(?<![0-9０-９.〇零一二两三四五六七八九十百千万第])(?<before>${NUM})${SP}(?<beforeUnit>年|个月)(?<beforeWord>以前|之前|前)(?![0-9０-９一二三四五六七八九十])`,
    // 去年同期, 上年同期: the span the sentence speaks of, one year earlier (filled in by the scan).
    `|(?<sameRel>去|上|前)一?年同期`,
    // A year and/or a part (2020年1月3日, 今年上半年, 1—5月). The lookahead makes sure one of them is
    // there, so the regex never matches empty and the engine scans the text natively.
    `|(?=${unnamed(YEAR)}|${unnamed(PART)})${YEAR}?${SP}${PART}?`,
    `)`,
    `(?<suffix>以来)?`,
  ].join(''),
  'g',
);
