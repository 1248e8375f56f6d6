/**
 * The places a text names (data/lexicon/regions.json and the division tables): region aliases, known
 * places, development zones and towns by their own names, and 全省/全市 as the place they stand for.
 */
import { alternation, lexicon } from './lexicon.ts';
import { lastStartingBefore } from './sorted.ts';
import { tagWords } from './words.ts';

export interface RegionMention {
  start: number;
  end: number;
  /** What the figure's region reads: 成渝, 重庆, 四川, 成都, or a smaller place as written. */
  region: string;
  /** The side it lies on, for telling whether a clause names both sides. */
  side: string;
  /** The words as they stand in the text. */
  text: string;
}

/** The names by first character, with the lengths they come in (longest first): a scan, not a regex of thousands. */
let mentionIndex: Map<string, { lengths: number[]; names: Set<string> }> | null = null;

function placeIndex(): Map<string, { lengths: number[]; names: Set<string> }> {
  if (mentionIndex) return mentionIndex;
  const lex = lexicon();
  const names = [...lex.regionAliases.entries()].filter(([, region]) => region !== null).map(([a]) => a);
  names.push(...lex.places.keys());
  const index = new Map<string, { lengths: number[]; names: Set<string> }>();
  for (const name of names) {
    let entry = index.get(name[0]);
    if (!entry) index.set(name[0], (entry = { lengths: [], names: new Set() }));
    entry.names.add(name);
    if (!entry.lengths.includes(name.length)) entry.lengths.push(name.length);
  }
  for (const entry of index.values()) entry.lengths.sort((a, b) => b - a);
  mentionIndex = index;
  return index;
}

/** 0 a province (or the Circle's sides), 1 a city, 2 a county or district: how fine a place is. */
const placeLevel = (m: { region: string; side: string }): number => (m.region === m.side ? 0 : /[县区旗]$/.test(m.region) ? 2 : 1);

/** region-words.json as the scan matches it, compiled once. */
let notScope: { organisationAfter: RegExp; nationWholeBefore: RegExp; nationWholeAfter: RegExp; nationActor: RegExp } | null = null;

function notScopePatterns(): NonNullable<typeof notScope> {
  if (notScope) return notScope;
  const words = lexicon().regionWords;
  notScope = {
    organisationAfter: new RegExp(`^(?:${alternation(words.organisationAfter)})`),
    nationWholeBefore: new RegExp(`(?:${alternation(words.nationAsWhole.before)})$`),
    // A number right after 全国 (全国3000多家, 全国的6.5%) counts it as a whole, too.
    nationWholeAfter: new RegExp(`^(?:[0-9０-９]|的[0-9０-９]|${alternation(words.nationAsWhole.after)})`),
    nationActor: new RegExp(`中国(?=${alternation(words.nationActor.after)}|[0-9０-９]{1,4}(?:年|月))`, 'g'),
  };
  return notScope;
}

/** Every region alias (川渝, 两地, 重庆市…) and known place (沙坪坝区, 绵阳, 美国) in the text, the longest at each place. */
export function findRegionMentions(text: string): RegionMention[] {
  const lex = lexicon();
  const index = placeIndex();
  const { organisationAfter, nationWholeBefore, nationWholeAfter } = notScopePatterns();
  const mentions: RegionMention[] = [];
  for (let at = 0; at < text.length;) {
    const entry = index.get(text[at]);
    let name: string | null = null;
    if (entry) {
      for (const length of entry.lengths) {
        const candidate = text.slice(at, at + length);
        if (candidate.length === length && entry.names.has(candidate)) {
          name = candidate;
          break;
        }
      }
    }
    if (!name) {
      at++;
      continue;
    }
    const end = at + name.length;
    const alias = lex.regionAliases.get(name);
    const place = alias ? null : lex.places.get(name);
    const region = alias ?? place?.region ?? name;
    // 占全国的6.5%, 全国第一, 全国首个: the whole a share or a rank is of, not the figure's scope.
    const whole = region === '全国' && (nationWholeBefore.test(text.slice(Math.max(0, at - 2), at)) || nationWholeAfter.test(text.slice(end, end + 6)));
    // 成都银行内江分行, 南宁海关, 四川大学: a place inside an organisation's name is not the figure's scope.
    const organisation = organisationAfter.test(text.slice(end, end + 4));
    if (!whole && !organisation) {
      const mention = { start: at, end, region, side: alias ?? place?.side ?? region, text: name };
      // 甘肃白银, 四川省内江市, 平顶山市郏县: a place written right after the one containing it is the scope
      const outer = mentions.at(-1);
      if (
        outer &&
        outer.end === at &&
        placeLevel(outer) < placeLevel(mention) &&
        (outer.side === mention.side || (outer.side === '四川' && mention.side === '成都'))
      )
        mentions.pop();
      mentions.push(mention);
      // 湖南麻阳, 丹东宽甸: a county's bare name right after its province or city is that county
      const county = placeLevel(mention) <= 1 ? countyAfter(text, end, mention.side) : null;
      if (county) {
        mentions.pop();
        mentions.push({ start: end, end: end + county.length, region: county, side: mention.side, text: county });
        at = end + county.length;
        continue;
      }
    }
    at = end;
  }
  return withTownsAndZones(text, withNationActor(text, withoutPartners(text, withoutDatelines(text, mentions))));
}

/** 对东盟、欧盟进出口总额, 对美国出口: a trade partner, not whose figure it is (对叙利亚…发动打击 is where). */
const PARTNER_BEFORE = /对$/u;
const LIST_JOIN = /^(?:、|和|及|与)$/u;
const TRADE_AFTER = /^[^，。；]{0,4}?(?:进出口|出口|进口|贸易|投资|直接投资|实际投资)/u;

/** The mentions but those naming a trade partner (a list of them after one 对). */
function withoutPartners(text: string, mentions: RegionMention[]): RegionMention[] {
  const partners = new Set<RegionMention>();
  for (let i = 0; i < mentions.length; i++) {
    if (!PARTNER_BEFORE.test(text.slice(Math.max(0, mentions[i].start - 1), mentions[i].start))) continue;
    let j = i;
    while (j + 1 < mentions.length && LIST_JOIN.test(text.slice(mentions[j].end, mentions[j + 1].start))) j++;
    if (!TRADE_AFTER.test(text.slice(mentions[j].end, mentions[j].end + 12))) continue;
    for (let k = i; k <= j; k++) partners.add(mentions[k]);
    i = j;
  }
  return partners.size ? mentions.filter((m) => !partners.has(m)) : mentions;
}

/** A dateline (新华社北京10月4日电, 本报成都3月2日讯, a paragraph's 菲律宾马尼拉2005年12月12日讯): the city a story was filed from. */
const DATELINE =
  /(?:(?:新华社|中新社|中新网|本报|人民网|新华网|央视网|央广网)\s*[\u4e00-\u9fff]{2,6}?|(?<=^|\n)\s*[\u4e00-\u9fff]{2,8}?)\s*(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:电|讯)/gu;

/** The mentions but those naming a dateline's city, which is where a story was filed, not its scope. */
function withoutDatelines(text: string, mentions: RegionMention[]): RegionMention[] {
  if (!/日(?:电|讯)/.test(text)) return mentions;
  const spans: [number, number][] = [];
  for (const m of text.matchAll(DATELINE)) spans.push([m.index, m.index + m[0].length]);
  return spans.length ? mentions.filter((m) => !spans.some(([a, b]) => a <= m.start && m.end <= b)) : mentions;
}

const DOMESTIC = /(?<![中全])国内(?=市场|旅游|游客|消费|需求|航线)/gu;

/** 中国 as its clause's actor (中国在全球设立…, 中国与有关国家签署…): 全国. Elsewhere (中国鞋都) it names no scope. */
function withNationActor(text: string, mentions: RegionMention[]): RegionMention[] {
  const added: RegionMention[] = [];
  // 国内市场, 国内旅游: the nation's own market (国内生产总值, 国内外 are no scope)
  for (const m of text.matchAll(DOMESTIC)) {
    const inside = mentions[lastStartingBefore(mentions, m.index + 2)];
    if (!inside || inside.end <= m.index) added.push({ start: m.index, end: m.index + 2, region: '全国', side: '全国', text: '国内' });
  }
  for (const m of text.matchAll(notScopePatterns().nationActor)) {
    const inside = mentions[lastStartingBefore(mentions, m.index + 2)];
    if (inside && inside.end > m.index) continue;
    added.push({ start: m.index, end: m.index + 2, region: '全国', side: '全国', text: '中国' });
  }
  return added.length ? [...mentions, ...added].sort((a, b) => a.start - b.start) : mentions;
}

/** A county's bare name (麻阳) at `at`, in the province `side`, not written with its 县 (then the table reads it). */
function countyAfter(text: string, at: number, side: string): string | null {
  const counties = lexicon().countyShorts;
  const province = side === '成都' ? '四川' : side;
  for (const length of [3, 2]) {
    const name = text.slice(at, at + length);
    if (name.length === length && counties.get(name) === province && !/[县旗市区]/.test(text[at + length] ?? '')) return name;
  }
  return null;
}

/** A zone's own name: 上合示范区, 天府新区, 临港新片区 (not 国家级新区, 各示范区). */
const ZONE = /([\u4e00-\u9fff]{2,4}?)(示范区|新片区|新区|自贸试验区|综合保税区)/gu;
const NOT_ZONE_NAME =
  /^(?:国家级?|省级|市级|更|高水平|高标准|高质量|各|全|该|本|这|此|首批|试点|示范|综合|重点|一批|多个|两个|[一二三四五六七八九十0-9]+个|[一二三四五六七八九十0-9]+家|的|和|与|及)|(?:的|和|与|及|、)$/u;
/** jieba tags no zone name holds: verbs, adverbs, prepositions, pronouns, conjunctions, particles. */
const NOT_IN_NAME_TAGS = /^(?:v|vn|vd|ad|d|p|r|c|u)/;
/** A town written right after its county or city: 晋江县陈埭镇, 临汾市永和县 is a county (known already). */
const TOWN = /^[县市区]?([^的各等和与及个一二三四五六七八九十百千两\P{Script=Han}]{2,3}?(?:镇|乡|街道))(?![村民里政府干部长党委])/u;

/**
 * Places the division tables do not hold: development zones by their own names, and towns where
 * the text writes them after their county (then anywhere else in the text too), as written.
 */
function withTownsAndZones(text: string, mentions: RegionMention[]): RegionMention[] {
  const added: RegionMention[] = [];
  // mentions are sorted and do not overlap: the one starting last before `end` is the only one that may
  const taken = (start: number, end: number) => {
    const m = mentions[lastStartingBefore(mentions, end)];
    return m !== undefined && start < m.end;
  };
  if (/示范区|新片区|新区|自贸试验区|综合保税区/.test(text)) {
    for (const m of text.matchAll(ZONE)) {
      const [name, prefix] = [m[0], m[1]];
      if (
        NOT_ZONE_NAME.test(prefix) ||
        // a verb or an adverb before the zone's kind is a phrase about zones (赋予综合保税区), not a name
        tagWords(prefix).some((w) => NOT_IN_NAME_TAGS.test(w.tag)) ||
        /国家|省级|市级|关于|促进|推进|推动|加快|支持|允许|鼓励|引导|依托|统筹|设立|建设|打造|复制|推广|借鉴|总结|学习|参照|申报|获批|批复|整合|赋予|给予|发挥|利用|发展|用好|办好|建好|[级大个家批类在对将为向]/.test(
          prefix,
        ) ||
        taken(m.index, m.index + name.length)
      )
        continue;
      added.push({ start: m.index, end: m.index + name.length, region: name, side: name, text: name });
    }
  }
  const parks = nationalParks(text);
  const inPark = (m: RegionMention) => parks.some((p) => p.start <= m.start && m.end <= p.end);
  if (parks.length) {
    mentions = mentions.filter((m) => !inPark(m));
    added.push(...parks);
  }
  const towns = new Map<string, string>();
  for (const outer of mentions) {
    const t = TOWN.exec(text.slice(outer.end, outer.end + 7));
    if (t && placeLevel(outer) >= 1) towns.set(t[1], outer.side);
  }
  for (const [town, side] of towns) {
    for (let at = text.indexOf(town); at >= 0; at = text.indexOf(town, at + town.length)) {
      if (!taken(at, at + town.length)) added.push({ start: at, end: at + town.length, region: town, side, text: town });
    }
  }
  if (!added.length) return mentions;
  // a county written right before its town (晋江县陈埭镇) gives way to it, as a province does to its city
  const townStarts = new Set(added.filter((a) => towns.has(a.text)).map((a) => a.start));
  const outerOfTown = (m: RegionMention) => townStarts.has(m.end) || townStarts.has(m.end + 1);
  return [...mentions.filter((m) => !outerOfTown(m)), ...added].sort((a, b) => a.start - b.start);
}

/** Parts of speech a national park's name is made of (三江源, 海南热带雨林, 东北虎豹): nouns, places, names. */
const PARK_NAME_TAGS = /^(?:n|ns|nr|nz|ng|nt|j|x|f)$/;
const PARK = '国家公园';

/**
 * National parks by their names (三江源国家公园 → 三江源), the nouns right before 国家公园 (not
 * 首批国家公园, 设立国家公园): a place finer than the province a name inside it (海南) stands for.
 */
function nationalParks(text: string): RegionMention[] {
  const parks: RegionMention[] = [];
  for (let at = text.indexOf(PARK); at >= 0; at = text.indexOf(PARK, at + PARK.length)) {
    const before = text.slice(Math.max(0, at - 8), at);
    const words = tagWords(before);
    let name = '';
    for (
      let k = words.length - 1;
      k >= 0 && PARK_NAME_TAGS.test(words[k].tag) && /^\p{Script=Han}+$/u.test(words[k].word) && name.length + words[k].word.length <= 6;
      k--
    )
      name = words[k].word + name;
    if (name.length < 2) continue;
    parks.push({ start: at - name.length, end: at + PARK.length, region: name, side: name, text: name + PARK });
  }
  return parks;
}

/** 全省, 我省, 本省, 你省, 该省: the province; 全市, 我市, 本市, 该市: the city (not 全市场). */
const DEICTIC = /(?:全|我|本|你|贵|该)(省|市)(?!场|民|值|委|政府|级)/g;
const MUNICIPALITIES = new Set(['北京', '上海', '天津', '重庆']);
/** How far back a 全省/全市 looks for the province or city it means. */
const DEICTIC_REACH = 600;

/**
 * 全省/我省 and 全市/我市 as the province or city the text last named before them (within a few
 * paragraphs): a report of 四川's statistics bureau says 全省 for 四川, a story of 重庆 says 全市
 * for 重庆. With no such place before them they name nothing (大庆's bulletin never says 大庆).
 */
export function withDeicticPlaces(text: string, mentions: readonly RegionMention[]): RegionMention[] {
  const lex = lexicon();
  // (a county read by its bare name after its province, 湖南麻阳, lies in that province too)
  const domestic = (m: RegionMention) =>
    m.side !== '全国' && m.side !== '成渝' && (lex.places.has(m.text) || lex.regionAliases.has(m.text) || lex.places.get(m.side)?.region === m.side);
  const provinceOf = (m: RegionMention) => (domestic(m) ? (m.side === '成都' ? '四川' : m.side) : null);
  const cityOf = (m: RegionMention) =>
    !domestic(m) || placeLevel(m) === 2 ? null : placeLevel(m) === 1 || MUNICIPALITIES.has(m.region) || m.region === '成都' ? m.region : null;
  const added: RegionMention[] = [];
  let k = -1;
  for (const match of text.matchAll(DEICTIC)) {
    while (k + 1 < mentions.length && mentions[k + 1].end <= match.index) k++;
    let region: string | null = null;
    let side = '';
    for (let j = k; j >= 0 && mentions[j].end >= match.index - DEICTIC_REACH && !region; j--) {
      region = match[1] === '省' ? provinceOf(mentions[j]) : cityOf(mentions[j]);
      side = mentions[j].side;
    }
    if (region) added.push({ start: match.index, end: match.index + 2, region, side: match[1] === '省' ? region : side, text: match[0] });
  }
  if (!added.length) return [...mentions];
  return [...mentions, ...added].sort((a, b) => a.start - b.start);
}

/** The region a report speaks of most; both sides together wins a tie. */
export function dominantRegion(mentions: readonly RegionMention[]): string | null {
  const counts = new Map<string, number>();
  for (const m of mentions) counts.set(m.side, (counts.get(m.side) ?? 0) + 1);
  let best: string | null = null;
  for (const [region, n] of counts) {
    if (best === null || n > counts.get(best)! || (n === counts.get(best)! && region === '成渝')) best = region;
  }
  return best;
}

/** Whether a region is named in `[from, to)`. Binary search over the sorted mentions. */
export function hasMention(mentions: readonly RegionMention[], from: number, to: number): boolean {
  const i = lastStartingBefore(mentions, to);
  return i >= 0 && mentions[i].start >= from;
}
