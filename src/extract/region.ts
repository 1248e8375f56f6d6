/** A figure's own region (GUIDE.md §2 `region`): the place its clause, its sentence or its paragraph names. */
import type { Cue, Span } from '../document/index.ts';
import { findSpanAt } from '../document/index.ts';
import type { RegionMention } from './region-mentions.ts';
import { lastStartingBefore } from './sorted.ts';
import { storyBetween } from './stories.ts';

/** A region and the words that set it. */
export interface RegionFind {
  region: string;
  cue: Cue;
}

function found(region: string, mention: RegionMention, level: Cue['level']): RegionFind {
  return { region, cue: { level, span: [mention.start, mention.end], text: mention.text } };
}

/**
 * The figure's region: the region named in its clause; else inside the words after it; else the
 * region `carried` from the sentence's figure before; else the nearest place named before it in the
 * sentence or paragraph.
 */
export function findRegion(
  text: string,
  mentions: readonly RegionMention[],
  at: number,
  sentence: Span,
  paragraphs: readonly Span[],
  clauseStart: number,
  subjectEnd: number,
  carried: RegionFind | null,
  memberStart = clauseStart,
): RegionFind | null {
  const last = lastStartingBefore(mentions, at);
  // Places given as examples of the set a figure counts (黑龙江三江平原、浙江萧绍平原等13个重点区域) are not its scope.
  const examples = exampleList(text, mentions, last, at);
  if (examples) {
    const members = mentions.slice(examples.first, last + 1);
    const sides = new Set(members.map((m) => (m.side === '成都' ? '四川' : m.side)));
    if (members.length > 1 && sides.size === 1) return found(members[0].side === '成都' ? '四川' : members[0].side, members[0], 'clause');
    if (members.length > 1 && sides.size === 2 && sides.has('重庆') && sides.has('四川')) return found('成渝', members[0], 'clause');
  }
  const i = examples ? examples.first - 1 : last;
  // A list mark inside a place's own name (31个省（自治区、直辖市）) starts no member.
  const around = mentions[lastStartingBefore(mentions, memberStart)];
  if (around && around.start < memberStart && memberStart < around.end) memberStart = clauseStart;
  if (memberStart > clauseStart) {
    // A later member of a list that names its own place (重庆132个、四川116个) is that place's.
    let own: RegionMention | null = null;
    for (let k = i; k >= 0 && mentions[k].start >= memberStart; k--) if (mentions[k].end <= at) own = mentions[k];
    if (own) return found(own.region, own, 'clause');
  }
  // In the figure's clause: both sides joined (重庆市生态环境局与四川省生态环境厅签订协议10项) is 成渝;
  // otherwise the clause's first place is its actor (重庆同四川毗邻的13个区县, 如邻水县80%以上的产品).
  let first: RegionMention | null = null;
  const sides = new Set<string>();
  for (let k = i; k >= 0 && mentions[k].start >= clauseStart; k--) {
    if (mentions[k].end > at) continue;
    first = mentions[k];
    sides.add(mentions[k].side);
  }
  if (first) {
    const joined = sides.size > 1 && /[与和及、]|联合/.test(text.slice(clauseStart, at)) && !sides.has('成渝');
    if (joined && sides.has('重庆') && (sides.has('四川') || sides.has('成都'))) return found('成渝', first, 'clause');
    return found(first.region, first, 'clause');
  }
  // A region inside the words after the figure (300余家川渝企业) names its scope.
  const next = mentions[last + 1];
  if (next && next.start >= at && next.end <= subjectEnd) return found(next.region, next, 'clause');
  if (carried) return carried;
  // The place leading the sentence is its actor (成都、重庆入选…，累计部署…1700余套; 川渝两地已开通…至开州区…，总共7条).
  const lead = sentenceLead(text, mentions, sentence[0], at);
  if (lead) return found(lead.region, lead.mention, 'sentence');
  // Further away, the place named last before it in its sentence or paragraph, as written (内江, not 四川).
  const before = i >= 0 && mentions[i].end <= at ? mentions[i] : null;
  if (before && before.start >= sentence[0]) return found(before.region, before, 'sentence');
  const p = findSpanAt(paragraphs, at);
  if (before && p >= 0 && before.start >= paragraphs[p][0] && !storyBetween(text, before.end, sentence[0])) return found(before.region, before, 'paragraph');
  return p >= 0 ? speakersPlace(text, mentions, at, paragraphs[p], last) : null;
}

/** How far a quotation around a figure is looked for, each way. */
const QUOTE_REACH = 600;

/**
 * A figure inside a quotation that names no place (“…还有10倍积分，相当于又省了3800元。”在三亚市国际免税城，
 * …说): the place the words after the quotation put its speaker in, in the same paragraph.
 */
function speakersPlace(text: string, mentions: readonly RegionMention[], at: number, paragraph: Span, last: number): RegionFind | null {
  // (searched within the paragraph and a bounded reach, so a text of many unplaced figures stays linear)
  const from = Math.max(paragraph[0], at - QUOTE_REACH);
  const before = text.slice(from, at);
  const opened = before.lastIndexOf('“');
  if (opened < 0 || before.lastIndexOf('”') > opened) return null;
  const closed = text.slice(at, Math.min(paragraph[1], at + QUOTE_REACH)).indexOf('”') + at;
  if (closed < at) return null;
  for (let k = last + 1; k < mentions.length && mentions[k].start < Math.min(paragraph[1], closed + 40); k++) {
    if (mentions[k].start > closed) return found(mentions[k].region, mentions[k], 'paragraph');
  }
  return null;
}

/** What stands between two places of a list: a list mark (and a province the next member is read in: 、湖北武汉), or nothing or a bracket inside one member. */
const LIST_GAP = /^(?:[^，,。；;：:]{0,10}、[\u4e00-\u9fff]{0,3}|[（(]?)$/u;

/** How many members back an example list is followed. */
const EXAMPLES_MAX = 40;

/**
 * The first member of a list of places right before a figure and closed by 等 (安徽江巷等13处,
 * 周口、许昌等3市): the places are examples of what it counts. Null when the figure follows none.
 */
function exampleList(text: string, mentions: readonly RegionMention[], last: number, at: number): { first: number } | null {
  const m = mentions[last];
  if (!m || m.end > at || !/^[^，,。；;：:、]{0,6}等$/u.test(text.slice(m.end, at))) return null;
  let first = last;
  // (at most EXAMPLES_MAX members back, so a text of endless lists stays linear)
  // (a member may name two places: 陕西西安, 广东（珠三角）)
  while (first > 0 && last - first < EXAMPLES_MAX && LIST_GAP.test(text.slice(mentions[first - 1].end, mentions[first].start))) first--;
  return { first };
}

/** How far into its sentence (a time phrase and a comma before it) a place still leads it. */
const LEAD_REACH = 12;

/** The side of the place that opens the sentence, or 成渝 when two places of both sides open it joined (成都、重庆). */
function sentenceLead(text: string, mentions: readonly RegionMention[], sentenceStart: number, at: number): { region: string; mention: RegionMention } | null {
  let k = lastStartingBefore(mentions, sentenceStart) + 1;
  const first = mentions[k];
  if (!first || first.start >= sentenceStart + LEAD_REACH || first.end > at) return null;
  // Only a time phrase may stand before it (2020年，川渝两地…), not another noun (…的重庆).
  if (!/^[\s0-9０-９〇零一二三四五六七八九十年月日今去上下半季度前后以来截至目前，,、]*$/.test(text.slice(sentenceStart, first.start))) return null;
  const sides = new Set([first.side]);
  for (let last = first; mentions[k + 1] && mentions[k + 1].end <= at && /^[、与和及]$/.test(text.slice(last.end, mentions[k + 1].start)); k++) {
    last = mentions[k + 1];
    sides.add(last.side);
  }
  if (sides.has('重庆') && (sides.has('四川') || sides.has('成都'))) return { region: '成渝', mention: first };
  return { region: first.side, mention: first };
}
