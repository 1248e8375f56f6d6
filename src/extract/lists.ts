/**
 * The passes over a report's findings that read lists of figures: a classifier with nothing after it
 * counts what the next member counts; rates after as many figures, 分别 between, pair with them in
 * order; else a list takes its places or names 分别 (respective.ts).
 */
import type { QuantityFinding } from './quantities.ts';
import type { RegionMention } from './region-mentions.ts';
import { assignRespectively, figureLists } from './respective.ts';
import { joinSubject } from './subject.ts';

/**
 * Reads the lists among `findings` (in text order). `aheads` are the words after each finding's unit
 * (its counted noun), `tailEnds` where each one's trailing qualifier ends (30%以上).
 */
export function readLists(text: string, findings: QuantityFinding[], aheads: string[], tailEnds: readonly number[], regions: readonly RegionMention[]): void {
  shareCountedNouns(text, findings, aheads);
  for (const list of figureLists(text, findings, tailEnds)) {
    if (!pairWithFiguresBefore(text, findings, list)) assignRespectively(text, list, regions);
  }
}

/**
 * 3批次311项“川渝通办”, 51名、50名优秀年轻干部: a classifier with nothing after it counts the same
 * thing as the figure right after it.
 */
function shareCountedNouns(text: string, findings: QuantityFinding[], aheads: string[]): void {
  for (let i = findings.length - 2; i >= 0; i--) {
    const f = findings[i];
    const next = findings[i + 1];
    if (
      aheads[i] ||
      next.span[0] - f.span[1] > 1 ||
      !'、和与及'.includes(text.slice(f.span[1], next.span[0])) ||
      f.unit === '%' ||
      f.unit === '百分点' ||
      f.unit === '倍'
    )
      continue;
    aheads[i] = aheads[i + 1];
    if (!f.subject) f.subject = next.subject;
    else if (aheads[i + 1] && !f.subject.includes(aheads[i + 1])) f.subject = joinSubject(f.subject, aheads[i + 1]);
  }
}

/**
 * 货物吞吐量2.1亿吨，集装箱吞吐量135万标箱，分别增长3.5%和8.2%: a list of rates right after as many
 * figures, 分别 between, gives each rate the subject (and region) of the figure in its place.
 */
function pairWithFiguresBefore(text: string, findings: QuantityFinding[], list: QuantityFinding[]): boolean {
  const at = findings.indexOf(list[0]);
  const n = list.length;
  if (at < n) return false;
  const before = findings.slice(at - n, at);
  const gap = text.slice(before[n - 1].span[1], list[0].span[0]);
  if (gap.length > 12 || !/^[，,；;]?\s*(?:同比|比上年|较上年)?分别/.test(gap.replace(/^(?:以上|左右|多|余)/, ''))) return false;
  if (before.some((f) => f.measure !== 'level' || f.sentence[0] !== list[0].sentence[0])) return false;
  if (list.some((f) => f.measure === 'level') || new Set(before.map((f) => f.subject)).size < n) return false;
  const verb = gap
    .replace(/^[^，,；;]*[，,；;]\s*/, '')
    .replace(/分别/g, '')
    .trim();
  list.forEach((f, i) => {
    f.subject = joinSubject(before[i].subject, verb);
    f.region = before[i].region;
  });
  return true;
}
