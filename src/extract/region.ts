/** A figure's own region (GUIDE.md §2 `region`): the place its clause, its sentence or its paragraph names. */
import type { Cue, Span } from '../document/index.ts';
import { findSpanAt } from '../document/index.ts';
import type { RegionMention } from './region-mentions.ts';
import { lastStartingBefore } from './sorted.ts';

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
  const i = lastStartingBefore(mentions, at);
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
  const next = mentions[i + 1];
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
  return null;
}

/**
 * A sentence that opens a news story: its first words are a reporter's or an agency's lead (记者今天从…
 * 获悉, 据…统计, 新华社…电, 当地时间) or a broadcast's date (今天（8月13日）), before any comma. A
 * feed that runs a broadcast's stories together in one paragraph starts a new one there, and a place
 * the story before it named is no scope for it.
 */
const STORY_OPENER =
  /^[^，,。；;：:]{0,40}?(?:记者(?:今天|近日|日前|昨天|从|在|获悉|了解到)|今天（\d{1,2}月\d{1,2}日）|据[^，,。]{1,16}(?:统计|消息|报道|介绍|数据)|新华社[^，,。]{0,12}电|当地时间)/u;
/** How far back the check looks (a longer stretch of one paragraph is read as before). */
const STORY_REACH = 2000;

function storyBetween(text: string, from: number, to: number): boolean {
  if (to - from > STORY_REACH) return false;
  // (Searched within the stretch only: a text with no 。 at all must not be scanned to its end per figure.)
  const stretch = text.slice(from, to);
  for (let k = stretch.indexOf('。'); k >= 0; k = stretch.indexOf('。', k + 1)) {
    if (STORY_OPENER.test(text.slice(from + k + 1, Math.min(to + 60, from + k + 61)))) return true;
  }
  return false;
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
