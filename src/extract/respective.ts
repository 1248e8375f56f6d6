/**
 * Respective assignment (分别): a list of N figures after N places or N coordinated names gives each
 * figure its own, in order. "川渝两地…同比增长6.6%、7.3%" → 四川 6.6%, 重庆 7.3%; "旅客和货邮吞吐量分别
 * 增长14%和30%以上" → 旅客吞吐量 14%, 货邮吞吐量 30%.
 *
 * Works on the quantity finder's output; changes only the `region` and `subject` of list members.
 */
import { lexicon } from './lexicon.ts';
import { tagWords } from './words.ts';

interface Figure {
  span: readonly [number, number];
  unit: string;
  subject: string;
  region: string | null;
  sentence: readonly [number, number];
}

interface Mention {
  start: number;
  end: number;
  region: string;
  side: string;
}

/** Qualifiers that may stand between a list member and the joiner (14%和30%, 30%以上和…). */
const TRAILING_QUALIFIER = /^(?:以上|左右|上下|以下|以内|有余|多|余)/;
/** What may stand between two members of one list: a joiner, maybe with the second one's verb (下降12.5%和增长2.1%). */
const MAX_LIST_GAP = 12;
const LIST_GAP = /^(?:、|和|与|及|以及)(?:同比|环比)?(?:增长|下降|增加|减少|提高|降低|上升)?$/;

/**
 * Runs of figures of one sentence and one unit joined only by 、/和/与/及: the lists that 分别 and a
 * list of places can distribute over. Only runs of two or more.
 */
export function figureLists<F extends Figure>(text: string, figures: readonly F[], tailEnds: readonly number[]): F[][] {
  const lists: F[][] = [];
  let current: F[] = [];
  for (let i = 0; i < figures.length; i++) {
    const f = figures[i];
    const prev = current[current.length - 1];
    const joined =
      prev !== undefined &&
      prev.sentence[0] === f.sentence[0] &&
      prev.unit === f.unit &&
      f.span[0] - tailEnds[i - 1] <= MAX_LIST_GAP &&
      LIST_GAP.test(text.slice(tailEnds[i - 1], f.span[0]).replace(TRAILING_QUALIFIER, ''));
    if (!joined) {
      if (current.length > 1) lists.push(current);
      current = [];
    }
    current.push(f);
  }
  if (current.length > 1) lists.push(current);
  return lists;
}

/** The sides a two-character contraction names, in the order written: 川渝 → 四川, 重庆. */
const CONTRACTED_SIDES: Record<string, string> = { 川: '四川', 渝: '重庆', 成: '成都' };
const PAIR_CONTRACTIONS = new Set(['川渝', '成渝', '渝川']);
const PLACE_JOINER = /^(?:、|和|与|及|以及|同)$/;

/**
 * The places named one by one before `at` in the sentence, nearest run first: 重庆、四川、成都, or 川渝
 * read as its two sides when it is said to be two (川渝两地) or 分别 follows it.
 */
function placeList(text: string, mentions: readonly Mention[], sentenceStart: number, at: number): string[] | null {
  let best: string[] | null = null;
  let run: Mention[] = [];
  const close = () => {
    const regions = run.map((m) => m.region);
    if (run.length > 1 && new Set(regions).size === regions.length) best = regions;
    run = [];
  };
  // Only the places of the sentence, and not further back than a list of places is long: found by
  // binary search, so that many lists in a text with many places stay linear.
  const from = Math.max(sentenceStart, at - MAX_PLACE_LOOKBACK);
  for (let k = firstStartingAtOrAfter(mentions, from); k < mentions.length; k++) {
    const m = mentions[k];
    if (m.end > at) break;
    const surface = text.slice(m.start, m.end);
    if (PAIR_CONTRACTIONS.has(surface)) {
      close();
      const rest = text.slice(m.end, at);
      // 成渝 also opens names (成渝中线高铁, 成渝地区): only a pair when said to be two, or straight before 分别.
      if (/^(?:两地|两省市|两省|双方|分别)/.test(rest)) best = [...surface].map((c) => CONTRACTED_SIDES[c]);
      continue;
    }
    const last = run[run.length - 1];
    if (last && !PLACE_JOINER.test(text.slice(last.end, m.start))) close();
    run.push(m);
  }
  close();
  return best;
}

const MAX_PLACE_LOOKBACK = 120;

/** Index of the first mention starting at or after `at` (mentions are sorted by start). */
function firstStartingAtOrAfter(mentions: readonly Mention[], at: number): number {
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (mentions[mid].start < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A count of the places just named (三地, 两省市, 双方): no part of a distributed name. */
const PLACE_COUNT = /^(?:[两二三四五六七八九十]+(?:地|省市|省|市|方)|双方)/;

/**
 * "A和B<head>分别…" read as N subjects: prefix + A + head, prefix + B + head, plus what follows 分别.
 * null when the words before 分别 do not split into N conjuncts.
 */
function distributeSubject(subject: string, n: number): { conjuncts: string[]; subjects: string[] } | null {
  // 分别 may have been cut from the subject's end with the verb (进出口总额分别为): then all of it is coordinated.
  const at = subject.indexOf('分别');
  if (at === 0) return null;
  const head0 = at < 0 ? subject : subject.slice(0, at);
  // The coordination is the last piece (between clause breaks or joined words) holding a joiner.
  const pieces = head0.split(/[，,；;\s]+/).filter(Boolean);
  const k = pieces.findLastIndex((p) => CONJUNCTION.test(p));
  if (k < 0) return null;
  const lead = pieces.slice(0, k).join(' ');
  const rest = [...pieces.slice(k + 1), at < 0 ? '' : subject.slice(at + 2).trim()].filter(Boolean).join(' ');
  const parts = pieces[k].split(CONJUNCTION);
  if (parts.length < n || parts.some((p) => !p)) return null;
  const members = parts.slice(parts.length - n);
  const before = parts.slice(0, parts.length - n).join('、');
  const first = members[0];
  const last = members[n - 1];
  const firstWords = tagWords(first).map((w) => w.word);
  const firstHead = firstWords[firstWords.length - 1];
  let firstConjunct: string;
  let lastConjunct = '';
  const ownHead = firstWords.length > 1 ? last.indexOf(firstHead) : -1;
  if (ownHead > 0) {
    // 成渝中线高铁和渝西高铁全长: each conjunct is a whole name with its own head (高铁).
    firstConjunct = first;
    lastConjunct = last.slice(0, ownHead + firstHead.length);
  } else {
    // 旅客和货邮吞吐量: the last conjunct is as long as the first word; what follows it is the shared head.
    firstConjunct = firstHead;
    for (const w of tagWords(last).map((t) => t.word)) {
      if (lastConjunct.length >= firstConjunct.length) break;
      lastConjunct += w;
    }
    // 规上工业增加值、工业投资, 新能源汽车、集成电路产量: the last conjunct is a whole noun, so the first
    // is too; only a place leading it (重庆规上…) is shared.
    if (lastConjunct.length === last.length || lastConjunct.length > firstConjunct.length) firstConjunct = first.slice(leadingPlace(first).length) || first;
  }
  // 规上工业增加值、固定资产投资: a first member ending in a measured noun has its own head; nothing is shared.
  if (MEASURED_NOUN.test(first)) lastConjunct = last;
  const prefix = before + first.slice(0, first.length - firstConjunct.length);
  let head = last.slice(lastConjunct.length);
  if (PLACE_COUNT.test(head)) head = head.replace(PLACE_COUNT, '');
  // 吞吐量均居全国前10: what the names share ends where a predicate begins.
  head = head.replace(/(?:均|都|同比|环比|分别).*$/, '');
  const conjuncts = [firstConjunct, ...members.slice(1, n - 1), lastConjunct];
  if (conjuncts.some((c) => !c || c.length > 12)) return null;
  return { conjuncts, subjects: conjuncts.map((c) => [lead, prefix + c + head, rest].filter(Boolean).join(' ')) };
}

const CONJUNCTION = /、|以及|和|与|及/;
/** Nouns that name a measured figure: a conjunct ending in one is complete (增加值, 进出口总额). */
const MEASURED_NOUN = /(?:值|额|量|率|数|价|投资|收入|规模|面积|里程|人次)$/;

/** The region name or known place a phrase opens with (重庆, 渝西地区), or ''. */
function leadingPlace(phrase: string): string {
  const lex = lexicon();
  for (let n = Math.min(phrase.length, 16); n >= 2; n--) {
    const head = phrase.slice(0, n);
    if (lex.regionAliases.has(head) || lex.places.has(head)) return head;
  }
  return '';
}

/** Gives each member of a list its place and its name when the sentence distributes them. */
export function assignRespectively<F extends Figure>(text: string, list: F[], mentions: readonly Mention[]): void {
  const first = list[0];
  // Names are distributed only when the sentence says so (分别, 依次) before the list.
  const distributed = /分别|依次/.test(text.slice(Math.max(first.sentence[0], first.span[0] - MAX_PLACE_LOOKBACK), first.span[0]))
    ? distributeSubject(first.subject, list.length)
    : null;
  // 川渝两地港口集装箱和商品汽车吞吐量分别增长9%和12%: the list runs over the things, not the places.
  const overThings = distributed !== null && distributed.conjuncts.some((c) => !leadingPlace(c));
  const places = overThings ? null : placeList(text, mentions, first.sentence[0], first.span[0]);
  if (places && places.length === list.length) list.forEach((f, i) => (f.region = places[i]));
  // Later members carry the first one's words (and perhaps a joiner picked up on the way).
  if (distributed && list.every((f) => f.subject.startsWith(first.subject))) list.forEach((f, i) => (f.subject = distributed.subjects[i]));
}
