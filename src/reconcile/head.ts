/**
 * The head noun phrase of a subject (GUIDE §2 `series`): what is measured, without place, time,
 * verbs or asides. Filing (indicator.ts) keys figures by it; jieba's word tags (extract/words.ts) tell
 * the leading verbs and trailing times it drops, and whether what is left is a noun phrase at all.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { findRegionMentions } from '../extract/region-mentions.ts';
import { SLOGAN } from '../extract/subject.ts';
import { tagWords } from '../extract/words.ts';

const wordsSchema = z.object({
  namesNothing: z.array(z.string()),
  wholeOf: z.array(z.string()),
  complements: z.array(z.string()),
  trailing: z.array(z.string()),
  nouns: z.array(z.string()),
  synonyms: z.array(z.tuple([z.string(), z.string()])),
  terms: z.array(z.string()),
  headNouns: z.array(z.string()),
  bareHeads: z.array(z.string()),
  runIns: z.array(z.string()),
  casualties: z.array(z.tuple([z.string(), z.string()])),
  events: z.array(z.string()),
});
const headWordsPath = fileURLToPath(new URL('../../data/lexicon/head-words.json', import.meta.url));
let loaded: z.infer<typeof wordsSchema> | null = null;
const headWords = () => (loaded ??= wordsSchema.parse(JSON.parse(readFileSync(headWordsPath, 'utf8'))));
let synonyms: [RegExp, string][] | null = null;
/** Short or official forms of one name (一产 → 第一产业), from the lexicon. */
const shortForms = () => (synonyms ??= headWords().synonyms.map(([re, to]): [RegExp, string] => [new RegExp(re, 'gu'), to]));

/** Words around what is measured that do not change it: places, times, verbs, qualifiers. */
const FRAMING_START =
  /^(?:截至目前|目前|今年以来|去年|今年|当年|全年|年末|年底|年初|同期|其中|累计|共有|已有|共计|合计|总计|共|已|均|还|并|新(?!能源|型|兴|材料|区|基建|冠|增|建|设|开)|实现|完成|达到|达|拥有|有|为|是|川渝两地|成渝两地|两地|双方|全市|全省|全区|全国|我国|我市|我省|本市|全县|全社会|该国|该省|该市|本轮|本次|此次|计划|预计|力争|争取)+/u;
const FRAMING_END =
  /(?:已经|将|要|增速高于|增速低于|增速高|增速低|高于|低于|快于|慢于|上升到|增加到|增长到|提高到|下降到|达到了|同比|环比|比上年|比去年|比上年末|比上年同期|比|较|分别|累计|共|达到|达|为|是|实现|完成|增长|下降|上涨|下跌|提高|提升|增加|减少|降低|扩大|缩小|增速|增幅|突破|超过|超|约|近|逾|总计|合计|共计|已|均|计)+$/u;
/** A head that is only a time or a comparison's base (比上年同期提高…): it names no indicator. */
const TIME_ONLY = /^(?:上年|去年|今年|前年|同期|全年|一季度|二季度|三季度|四季度|上半年|下半年|前三季度|年初|年末|年底|比|较|和)+$/u;
/** Verbs, times and circumstances inside a phrase that do not change what it names: 第一产业实现增加值, 在沃尔沃带动下, 围绕人工智能、大健康等. */
const INNER =
  /在[^在，,]{1,12}(?:带动|推动|拉动|支撑|影响)下|围绕[^，,]{1,24}?等(?=.{2})|实现|完成|已经|累计报告|累计(?=.{2})|各类(?=.{2})|(?:19|20)\d{2}年(?:末|底)?|\d{1,2}(?:[-—–~至]\d{1,2})?月(?:末|底|份)?|上半年|下半年|前三季度|[一二三四1-4]季度|单月|当月|全年|当年|全市|全省|全区|我市|我省/gu;
/**
 * What a phrase says before the amount it counts: 电影+活动带动电影全产业链产值 → 电影全产业链产值.
 * Not before a growth (地方工业拉动规上工业增长): there the driver is what is measured.
 */
const DRIVER = /^.*(?:带动|拉动|推动|促进)(?=.{3,}$)(?!.*增长$)/u;
/** Leftovers at the edges: a list number (1公共财政…), an unclosed aside, a value run in (总指数为99.5). */
const EDGE_START = /^(?:[\d.、#°①-⑳]+|[一二三四五六七八九十]{1,3}[)）、]|[)）、]+)+/u;
const EDGE_END = /(?:[（(][^）)]*|为[\d.]+.*|[\d.]+|数量|规模|(?<=.{3})类|(?<=.{3})记者|(?<=.{3})[从由]的?)$/u;
const ASIDE = /[（(][^（）()]*[）)]/gu;
const ASIDE_TAIL = /^[^（）()]*[）)]/u;
const NOISE = /[\s"'“”‘’「」『』《》〈〉【】[\]、，,。.；;：:！!？?·•●—–\-~～]+/gu;
/** Predicates a subject may run into after what it names: 外债便利化试点落地, 跨省城际公交稳定运行. */
const TRAILING_PREDICATE =
  /(?:持续|稳定|全部|顺利|加快|加速|正式|已经|已)?(?:落地|运行|启动|推进|实施|开展|落实|显现|开工|投用|投运|上线|建成|完成|仅存|仅有|尚存)$/u;
/** A list whose items the figures take in turn (蔬菜、水果产量分别增长): the part names several things. */
const SEVERAL = /、.*分别|分别.*、/u;
/** A count's verb of new things right before the figure: 新增, 新建, 新设, 新开工, 新开通, 新引进. */
const NEW_BEFORE = /(新增|新建|新设|新开工|新开通|新引进)$/u;
const CONTRACTED_SECTORS = /(?:[一二三]{2}|三次)产业.*分别/u;
/** A list member that is a place's name (天府新区成都直管区, 东部新区, 某县): the list is of places, not of things. */
const PLACE_NAME = /(?:区|县|市|州|省|镇|乡|街道|园区|新区)$/u;

/**
 * Several things respectively (商品零售额、餐饮收入分别增长): no one indicator. A list of places before
 * one thing (天府新区、东部新区完成投资分别增长) is one indicator in several places.
 */
function namesSeveral(part: string): boolean {
  // 一三产业比重分别…, 三次产业对经济增长的贡献率分别为…: the sectors contracted into one word are several
  if (CONTRACTED_SECTORS.test(part)) return true;
  if (!SEVERAL.test(part)) return false;
  const members = part.split('分别')[0].split('、');
  return !members.slice(0, -1).every((m) => PLACE_NAME.test(m.trim()));
}

/** Leading verbs and prepositions before what is measured: 联合开行中欧班列 → 中欧班列 (jieba POS). */
function dropLeadingVerbs(phrase: string): string {
  const words = tagWords(phrase);
  let k = 0;
  while (k < words.length - 1 && /^(?:v|p|d|ad|c|vd)$/.test(words[k].tag)) k++;
  const rest = words
    .slice(k)
    .map((w) => w.word)
    .join('');
  // What two characters are left of a compound (放映场次 → 场次) names less than the compound.
  return rest.length >= 3 ? rest : phrase;
}

/** A measure, comparison or contribution whose thing is elided: 降幅比同期收窄, 拉动GDP增长 (not 增速 alone). */
const namesNothing = (text: string): boolean => headWords().namesNothing.some((w) => text.startsWith(w) && text.length > w.length);

/**
 * False for a part that says only where a share of the figure before it went (迁入重庆, 重庆接入): a
 * place and a verb, no noun. A verb alone (受伤, 遇难) is what is counted, so it stays.
 */
function namesAThing(phrase: string): boolean {
  const rest = withoutPlaces(phrase);
  if (rest === phrase || rest.length > 2 || !tagWords(phrase).some((w) => w.tag === 'ns')) return true;
  const { nouns } = headWords();
  return tagWords(rest).some((w) => nouns.includes(w.tag));
}

/**
 * A section heading an OCR'd page ran into the line before it (…440辆加快共建西部科学城, 试点落地加快共建
 * 现代化国际都市): a campaign slogan names no measured thing, so it is cut off, or the part is one.
 */

/**
 * A compound name the cutting split (转移/v 净收入 lost its verb-like first word, 新接订单 its 新) is
 * put back whole: the head runs from the term on.
 */
function keepTerm(before: string, head: string): string {
  const term = headWords().terms.find((t) => before.includes(t) && !head.includes(t));
  if (!term) return head;
  const from = before.slice(before.indexOf(term));
  return from.endsWith(head) || head.length < 2 ? from.replace(FRAMING_END, '').replace(EDGE_END, '') : head;
}

/** One part of a subject cut down to what it names, or '' when it names nothing. */
function partHead(part: string, places: (text: string) => string): string {
  const slogan = SLOGAN.exec(part);
  if (slogan) part = part.slice(0, slogan.index);
  // The end of an aside whose start is cut off (含预售） of 商品房销售面积（含预售）) names nothing.
  let head = places(part.replace(ASIDE, '').replace(ASIDE_TAIL, '').replace(NOISE, ''));
  const whole = head;
  head = head.replace(INNER, '').replace(DRIVER, '').replace(EDGE_START, '').replace(EDGE_END, '');
  for (let k = 0; k < 3; k++) head = head.replace(FRAMING_START, '').replace(FRAMING_END, '').replace(EDGE_END, '');
  if (namesNothing(head)) return '';
  head = head.replace(TRAILING_PREDICATE, '');
  if (head.length >= 2) head = dropLeadingVerbs(head);
  head = keepTerm(whole, head);
  for (const [re, to] of shortForms()) head = head.replace(re, to);
  if (head.length < 2 || /^[\d.]+$/u.test(head) || TIME_ONLY.test(head)) return '';
  return namesAThing(head) ? head : '';
}

/**
 * The head noun phrase of a subject: its last part (the words nearest the number, what it counts),
 * asides and framing removed. 实现地区生产总值（GDP） → 地区生产总值; 第二产业投资增长 工业投资增长 → 工业投资.
 * A part that names only the whole of a share (约占全国开行量的) or a unit's complement (标准煤) gives
 * way to the part before it; a part that names several things in turn (、…分别) names none of them.
 */
export function headPhrase(subject: string, places: (text: string) => string = (t) => t): string {
  const words = headWords();
  const parts = subject.normalize('NFKC').split(/\s+/u).filter(Boolean);
  while (parts.length && /^[）)\]】"”]+$/u.test(parts[parts.length - 1])) parts.pop();
  const last = parts[parts.length - 1] ?? '';
  // A figure inside an aside still open (计划播种面积1128万亩（水田168万亩) is what the aside names.
  // Not a note on the unit or the basis (（人民币, （下同, （按可比价格计算).
  const open = /^[（(]([^（）()]+)$/u.exec(last);
  if (open && parts.length > 1 && !UNIT_NOTE.test(open[1])) return partHead(open[1], places);
  const toll = tollOf(parts);
  if (toll !== null) return toll;
  const compared = COMPARED_WITH.exec(last.replace(NOISE, ''));
  if (compared && parts.length > 1) return comparedHead(parts.slice(0, -1).join(' '), compared, places);
  // A last part of one noun (乡镇街道18个、村200多个) is what is counted, too short to file by.
  if (isSingleNoun(last.replace(NOISE, ''))) return '';
  for (let i = parts.length - 1; i >= 0; i--) {
    let part = parts[i];
    if (namesSeveral(places(part))) return '';
    // a list of places before one thing: the thing is named after the last of them
    if (SEVERAL.test(places(part))) part = part.slice(part.lastIndexOf('、') + 1);
    const bare = part.replace(NOISE, '');
    if (words.wholeOf.some((w) => bare.startsWith(w)) || words.complements.includes(bare) || words.runIns.includes(bare)) continue;
    // Another figure's comparison between the thing and this figure (生产总值626.9亿元，现价总量比同期增加73.5亿元，同比增长2%).
    if (i < parts.length - 1 && OTHER_COMPARISON.test(bare)) continue;
    const head = partHead(part, places);
    // 新增228个水环境保护项目: the words before the figure say it counts new ones (a flow, not the stock)
    const flow = i > 0 && i === parts.length - 1 ? NEW_BEFORE.exec(parts[i - 1].replace(NOISE, '')) : null;
    if (head && flow && !head.startsWith(flow[1])) return flow[1] + head;
    if (head) return head;
    if (namesNothing(bare.replace(FRAMING_START, ''))) return '';
  }
  return '';
}

/** A last part comparing the figure before with a whole's (增长6.6%，高于全国0.8个百分点): a difference. */
const COMPARED_WITH = /^(?:分别|均|增速|增幅)*(高于|低于|快于|慢于|超过|超出)(全国|全省|全市|全区|全国平均水平|全省平均水平|平均水平)(?:平均)?(?:水平)?$/u;

/** The head of a difference from a whole's: 规模以上工业增加值同比增长 + 高于全国 → 规模以上工业增加值增速高于全国. */
function comparedHead(before: string, compared: RegExpExecArray, places: (text: string) => string): string {
  const of = headPhrase(before, places);
  if (!of) return '';
  const saysGrowth = /(?:增长|下降|增速|增幅|上涨|回落)$/u.test(before.replace(NOISE, '')) || /增速|增幅/u.test(compared[0]);
  const growth = saysGrowth && !/增速|增幅|涨幅/u.test(of) ? '增速' : '';
  return `${of}${growth}${compared[1]}${compared[2]}`;
}

/**
 * A toll by its cause (强震已造成 188人遇难 → 地震死亡人数), '' for a toll after words naming no cause
 * (造成 50人死亡: of what?), null when the last part is no toll or the subject is the toll alone.
 */
function tollOf(parts: readonly string[]): string | null {
  const { casualties, events } = headWords();
  const last = (parts[parts.length - 1] ?? '').replace(NOISE, '');
  const counted = casualties.find(([re]) => new RegExp(re, 'u').test(last));
  if (!counted) return null;
  const before = parts.slice(0, -1).join('');
  const cause = events.find((e) => before.includes(e));
  // 死亡人数 alone is a bulletin's row (of its section); a bare toll after other words has lost its cause.
  if (!cause) return parts.length > 1 ? '' : null;
  let head = `${cause}${counted[1]}`;
  for (const [re, to] of shortForms()) head = head.replace(re, to);
  return head;
}

/** A part that compares another figure with a base period's (现价总量比同期增加): the figure before this one's. */
const OTHER_COMPARISON = /比(?:同期|上年|去年|上年同期|去年同期|上年末|年初)(?:增加|减少|增长|下降|提高|降低)$/u;

/** What an aside after a figure says of its unit or basis, not of the thing: 3.5亿元（人民币，下同）. */
const UNIT_NOTE = /^(?:人民币|美元|欧元|港元|港币|日元|英镑|下同|含|不含|包括|按|以|现价|可比|折合|约合|合|单位|套|件|台|个)/u;

/** One character naming a thing (村, 户): not a framing word or a particle. */
const isSingleNoun = (text: string): boolean =>
  text.length === 1 && /\p{Script=Han}/u.test(text) && tagWords(text).every((w) => [...headWords().nouns, 'zg'].includes(w.tag));

/** What a signing or a joint action did, after its actors: 签订（合作）协议, 签署备忘录. */
const ACTION = /(签订|签署|达成|缔结)(?:了)?(?:合作|战略合作|框架)?(协议|备忘录|合同|意向书)$/u;

/**
 * Whether a subject's last part breaks the part before it down by who acted (GUIDE §2 `series`: the
 * 重庆 and 四川 values of one indicator share it): 川渝两地签订合作协议50项，其中重庆市生态环境局与
 * 四川省生态环境厅签订协议10项 — the same signing, other signatories.
 */
export function breaksDownByActor(whole: string, part: string): boolean {
  const a = ACTION.exec(headPhrase(whole));
  const b = ACTION.exec(headPhrase(part));
  return a !== null && b !== null && a[1] === b[1] && a[2] === b[2] && b.index > 0;
}

/** A verb of reaching a level at a head's end (降至, 增加到, 达到), with the adverbs before it. */
const REACHING = /(?:进一步|已经|已|再次|逐步|持续)*(?:降至|升至|增至|减至|达至|降到|升到|增加到|减少到|增长到|提高到|下降到|达到)$/u;

/**
 * The head as an automatic group's name: trailing times, particles and adverbs dropped (暑期档电影票房今天
 * → 暑期档电影票房); '' when no noun is left (携手, 下一个, 现在的): a fragment names no group.
 */
export function groupName(head: string): string {
  const { trailing, nouns } = headWords();
  // 战略石油储备规模进一步降至: the verb of reaching a level, after the thing, names no part of it
  const tagged = tagWords(head.replace(REACHING, ''));
  let end = tagged.length;
  while (end > 0 && trailing.includes(tagged[end - 1].tag)) end--;
  // 美战略石油储备: a country by its one-character short name is a place, not part of the thing
  const start = tagged.length > 1 && /^[美俄日英法德韩乌以伊朝印欧]$/u.test(tagged[0].word) && /^(?:ns|j)$/.test(tagged[0].tag) ? 1 : 0;
  const kept = tagged.slice(start, end);
  const { headNouns, bareHeads } = headWords();
  // jieba tags 收入, 支出 as verbs: as a head's last word they name an amount (一般公共预算收入).
  const lastNoun = kept.length > 0 && headNouns.some((w) => kept[kept.length - 1].word.endsWith(w));
  if (!kept.some((w) => nouns.includes(w.tag)) && !lastNoun) return '';
  const name = kept.map((w) => w.word).join('');
  return bareHeads.includes(name) ? '' : name;
}

/** A total's suffix on an automatic group's name (总额, 总量, 规模): the thing is the same without it. */
const TOTAL_SUFFIX = /(?:总额|总量|总值|规模)$/u;

/** The key of an automatic group: 固定资产投资总额 and 固定资产投资, 战略石油储备规模 and 战略石油储备 are one thing. */
export function groupKey(name: string): string {
  return name.length >= 5 ? name.replace(TOTAL_SUFFIX, '') : name;
}

/** Removes the places a phrase names (川渝两地, 重庆市, 绵阳): an indicator is the same everywhere. */
export function withoutPlaces(phrase: string): string {
  // (the same phrases recur across a report's figures and its reports: read each once)
  let out = placeless.get(phrase);
  if (out === undefined) {
    if (placeless.size >= MAX_PLACELESS) placeless.clear();
    placeless.set(phrase, (out = removePlaces(phrase)));
  }
  return out;
}

const placeless = new Map<string, string>();
const MAX_PLACELESS = 20_000;

function removePlaces(phrase: string): string {
  const mentions = findRegionMentions(phrase);
  let out = '';
  let at = 0;
  for (const m of mentions) {
    out += phrase.slice(at, m.start);
    at = m.end;
  }
  return out + phrase.slice(at);
}
