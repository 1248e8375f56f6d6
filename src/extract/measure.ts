/**
 * How a figure is stated: its measure (a level, a change or a share, GUIDE.md §2) and an
 * approximator standing before it (约, 超过, 不足), read from the words of its clause before it.
 */
import type { Approx, Measure } from '../document/index.ts';
import { lexicon } from './lexicon.ts';

/** An approximator just before the figure (约, 超过, 不足), or 约占…的 in front of a share. */
export function findApproxBefore(window: string): Approx | null {
  const lex = lexicon();
  const trimmed = window.replace(/[了达\s]+$/, '');
  // 节约, 签约, 制约 end in 约 but do not approximate.
  if (/(?:节|签|制|预|合|简|公|条|履|特|违|集)约$/.test(trimmed)) return null;
  for (const [word, approx] of lex.approxBefore) if (trimmed.endsWith(word)) return approx;
  // 至少新增5条: 至少 governs the verb and its figure.
  if (/(?:至少|最少)[\u4e00-\u9fa5]{1,3}$/.test(trimmed)) return 'over';
  const share = /(约|近|超过?)占[^，。；]*$/.exec(window);
  if (share) return share[1] === '约' || share[1] === '近' ? 'about' : 'over';
  return null;
}

let sharePatterns: { share: RegExp; notShare: RegExp } | null = null;

export function hasShareVerb(window: string): boolean {
  if (!sharePatterns) {
    const lex = lexicon();
    const alternation = (words: readonly string[]) => new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|') || '(?!)', 'g');
    sharePatterns = { share: alternation(lex.shareWords), notShare: alternation(lex.notShareWords) };
  }
  const { share, notShare } = sharePatterns;
  share.lastIndex = 0;
  // Most windows hold no share word at all: only those pay for removing 占地, 占用….
  if (!share.test(window)) return false;
  share.lastIndex = 0;
  notShare.lastIndex = 0;
  return share.test(window.replace(notShare, ''));
}

/** Share when 占 (or 全国…的 X%) governs the figure, change when a growth or saving verb does. */
/** `next`: the words right after the figure (a few characters). */
export function findMeasure(window: string, unit: string, next: string): Measure {
  const lex = lexicon();
  // 增至, 提高到, 降至: the figure is the new level, not the change.
  const reachesLevel = /(?:增|升|降|减|提高|提升|增加|下降|减少|降低|扩大|缩小|压缩|缩短|缩减|减至|上涨|回落)(?:至|到)$/.test(window.replace(/\s+$/, ''));
  // 占比提高一成, 比重上升0.5个百分点: the share moved; the figure is the change.
  if (/(?:占比|比重|份额)[^，。；]{0,8}(?:提高|提升|上升|增加|下降|降低|减少|扩大|缩小)了?$/.test(window.replace(/\s+$/, ''))) return 'change';
  if (hasShareVerb(window)) return 'share';
  // 实现1.5%的正增长: a rate of growth written before what it is; 21%的份额: a share
  if (unit === '%' && /^的(?:正|负)?(?:增长|增幅|涨幅|降幅|下降|回落)/.test(next)) return 'change';
  if (unit === '%' && next.startsWith('的')) return 'share';
  // 完成年度计划的28%, 相当于全国的三成: a percentage of a named whole.
  if (unit === '%' && /的(?:约|近|超过?|逾|不足|不到)?$/.test(window.replace(/\s+$/, ''))) return 'share';
  // 配套率超过80%, 覆盖率达95%: a rate that is a part of a whole (a growth rate is a change).
  if (unit === '%' && /(?<!增长|增|降|涨|速)率[^，。；]{0,4}$/.test(window)) return 'share';
  // 优良水体比例达到100%, a table's 水质比例（%）column: a part of a whole
  if (unit === '%' && /(?:比例|比重|占比|份额)[^，。；]{0,4}$/.test(window)) return 'share';
  // 增加值 (value added) and 增长点 name things; they are not an increase.
  const words = window.replace(/增加值|增长点|增长极/g, '');
  if (!reachesLevel && lex.changeWords.some((w) => words.includes(w))) return 'change';
  if (unit === '百分点') return 'change';
  return 'level';
}
