/**
 * Filing a figure under an indicator (GUIDE §2 `series`): the catalogue entry whose unit, measure
 * and subject pattern it matches, else an automatic group keyed by the head noun phrase of its
 * subject (what is measured, without place, time, verbs or asides), its unit kind and its measure.
 * Two figures share an indicator exactly when they belong on one chart, so the key errs on the
 * side of keeping things apart: a wrong merge shows a false series, a missed one only a short one.
 */
import type { Measure } from '../document/index.ts';
import { findRegionMentions } from '../extract/quantities.ts';
import { tagWords } from '../extract/segment.ts';
import { matchIndicator, type Catalog } from './catalog.ts';

export interface Filing {
  /** A catalogue id, or `auto:<what>:<unit kind>:<measure>`. */
  id: string;
  /** The indicator's name: the catalogue's, or the automatic group's noun phrase. */
  name: string;
  /** Why: the catalogue rule (`catalogue:<id> /pattern/`) or the automatic key. */
  rule: string;
}

/** Units that count the same kind of thing: people (人, 名, 人次, 位), cases (件, 件次). */
const UNIT_KIND: Record<string, string> = { 名: '人', 人次: '人', 位: '人', 件次: '件', 次: '次', 家: '家', 户: '户' };
export const unitKind = (unit: string): string => UNIT_KIND[unit] ?? unit;

/** Words around what is measured that do not change it: places, times, verbs, qualifiers. */
const FRAMING_START =
  /^(?:截至目前|目前|今年以来|去年|今年|当年|全年|同期|其中|累计|共有|已有|共计|合计|总计|共|已|均|还|并|新|实现|完成|达到|达|拥有|有|为|是|川渝两地|成渝两地|两地|双方|全市|全省|全区|全国|我国|我市|我省|本市|全县)+/u;
const FRAMING_END =
  /(?:已经|将|要|上升到|增加到|增长到|提高到|下降到|达到了|同比|环比|比上年|比去年|比上年末|比上年同期|比|较|分别|累计|共|达到|达|为|是|实现|完成|增长|下降|上涨|下跌|提高|提升|增加|减少|降低|扩大|缩小|增速|增幅|突破|超过|超|约|近|逾|总计|合计|共计|已|均|计)+$/u;
/** A head that is only a time or a comparison's base (比上年同期提高…): it names no indicator. */
const TIME_ONLY = /^(?:上年|去年|今年|前年|同期|全年|一季度|二季度|三季度|四季度|上半年|下半年|前三季度|年初|年末|年底|比|较|和)+$/u;

/** Words every indicator's name may carry without changing what it measures. */
const GENERIC = /政务服务|总额|总值|总量|总数|数量|规模|金额|数额|人数|个数|总|值|额|数|量|事项|项目|累计|合计|新增|共/gu;
/** Short forms a report uses for an indicator's own words. */
const SYNONYMS: [RegExp, string][] = [
  [/^一产/u, '第一产业'],
  [/^二产/u, '第二产业'],
  [/^三产/u, '第三产业'],
  [/^GDP$/u, '地区生产总值'],
  [/规上/gu, '规模以上'],
  [/限上/gu, '限额以上'],
];
/** Verbs and times inside a phrase that do not change what it names: 第一产业实现增加值. */
const INNER =
  /实现|完成|已经|(?:19|20)\d{2}年(?:末|底)?|\d{1,2}(?:[-—–~至]\d{1,2})?月(?:末|底|份)?|上半年|下半年|前三季度|[一二三四1-4]季度|单月|当月|全年|当年|全市|全省|全区|我市|我省/gu;
/** What a phrase says before the thing it counts: 电影+活动带动电影全产业链产值 → 电影全产业链产值. */
const DRIVER = /^.*(?:带动|拉动|推动|促进)(?=.{3,}$)/u;
/** Leftovers at the edges: a list number (1公共财政…), an unclosed aside, a value run in (总指数为99.5). */
const EDGE_START = /^[\d.、]+/u;
const EDGE_END = /(?:[（(][^）)]*|为[\d.]+.*|[\d.]+|数量|规模)$/u;
const ASIDE = /[（(][^（）()]*[）)]/gu;
const NOISE = /[\s"'“”‘’「」『』《》〈〉【】[\]、，,。.；;：:！!？?·•●—–\-~～]+/gu;

/**
 * The head noun phrase of a subject: its last part (the words nearest the number, what it counts),
 * asides and framing removed. 实现地区生产总值（GDP） → 地区生产总值; 第二产业投资增长 工业投资增长 → 工业投资.
 */
/** Predicates a subject may run into after what it names: 外债便利化试点落地, 跨省城际公交稳定运行. */
const TRAILING_PREDICATE = /(?:持续|稳定|全部|顺利|加快|加速|正式|已经|已)?(?:落地|运行|启动|推进|实施|开展|落实|显现|开工|投用|投运|上线|建成|完成)$/u;

/** Leading verbs and prepositions before what is measured: 联合开行中欧班列 → 中欧班列 (jieba POS). */
function dropLeadingVerbs(phrase: string): string {
  const words = tagWords(phrase);
  let k = 0;
  while (k < words.length - 1 && /^(?:v|p|d|ad|c|vd)$/.test(words[k].tag)) k++;
  const rest = words
    .slice(k)
    .map((w) => w.word)
    .join('');
  return rest.length >= 2 ? rest : phrase;
}

export function headPhrase(subject: string, places: (text: string) => string = (t) => t): string {
  const parts = subject
    .normalize('NFKC')
    .split(/\s+/u)
    .map((p) => p.replace(ASIDE, '').replace(NOISE, ''))
    .filter(Boolean);
  for (let i = parts.length - 1; i >= 0; i--) {
    let head = places(parts[i]).replace(INNER, '').replace(DRIVER, '').replace(EDGE_START, '').replace(EDGE_END, '');
    for (let k = 0; k < 3; k++) head = head.replace(FRAMING_START, '').replace(FRAMING_END, '');
    head = head.replace(TRAILING_PREDICATE, '');
    if (head.length >= 2) head = dropLeadingVerbs(head);
    for (const [re, to] of SYNONYMS) head = head.replace(re, to);
    if (head.length >= 2 && !/^[\d.]+$/u.test(head) && !TIME_ONLY.test(head)) return head;
  }
  return '';
}

/** What filing needs of a figure. */
export interface FileableFigure {
  subject: string;
  unit: string;
  measure: Measure;
}

/**
 * The indicator a figure is filed under, or null when its subject names nothing to file it by
 * (a figure without words would join unrelated figures that merely share a unit).
 * `places` strips place names from a phrase (the extractor's lexicon knows them).
 */
export function fileFigure(figure: FileableFigure, catalog: Catalog, places?: (text: string) => string): Filing | null {
  const head = headPhrase(figure.subject, places);
  if (head.length < 2) return null;
  // Two characters (死亡, 比例, 岗位) rarely name one indicator: filing by them would join unrelated
  // figures, so such a figure stays unfiled unless the catalogue names it.
  // The catalogue takes a figure when its pattern names the whole head phrase (places kept, for
  // 川渝通办): 中长期贷款余额 is not 信贷投放金额, 对东盟进出口值 not 进出口总额 — what is left over
  // would be a qualifier the entry ignores.
  const named = headPhrase(figure.subject);
  const entry = matchIndicator({ ...figure, subject: named }, catalog);
  if (entry) {
    const pattern = entry.patterns.find((re) => re.test(named));
    const rest = pattern ? (places ?? ((t: string) => t))(named.replace(pattern, '')).replace(GENERIC, '') : named;
    // What is left may be the entry's own words (参与对方整车 of 参与对方整车配套的零部件企业数).
    if (rest.length <= 1 || entry.nameZh.includes(rest)) return { id: entry.id, name: entry.nameZh, rule: `catalogue:${entry.id} /${pattern?.source}/` };
  }
  if (head.length < 3) return null;
  const id = `auto:${head}:${unitKind(figure.unit)}:${figure.measure}`;
  return { id, name: head, rule: id };
}
/** Removes the places a phrase names (川渝两地, 重庆市, 绵阳): an indicator is the same everywhere. */
export function withoutPlaces(phrase: string): string {
  const mentions = findRegionMentions(phrase);
  let out = '';
  let at = 0;
  for (const m of mentions) {
    out += phrase.slice(at, m.start);
    at = m.end;
  }
  return out + phrase.slice(at);
}
