/**
 * Cooperation items with progress: "重点工作65项，其中圆满完成35项", "34个问题已整改完成30个",
 * "10个平台全部启动方案编制". A total, and how many are done (all of them for 全部/均已).
 */
import type { Span } from '../document/index.ts';
import { findSpanAt } from '../document/index.ts';
import { readNumberAt } from './numbers.ts';

export interface ItemFinding {
  span: Span;
  name: string;
  total: number | null;
  done: number | null;
  sentence: Span;
}

export interface ItemInput {
  text: string;
  sentences: readonly Span[];
}

const NUM = '[0-9０-９一二两三四五六七八九十百千万]+';
const CLASSIFIER = '[项个件条家批类]';
/** 重点工作65项，其中(圆满)完成35项 / 65项重点工作…已完成35项 */
const TOTAL_THEN_DONE = new RegExp(
  `(?<name>[\\u4e00-\\u9fa5“”"]{2,12}?)(?<total>${NUM})(?<cls>${CLASSIFIER})[^。；]{0,30}?其中[^。；，]{0,8}?(?:完成|办结|落地|建成|实现)(?<done>${NUM})\\k<cls>`,
  'g',
);
/** 34个问题已整改完成30个 */
const COUNT_NOUN_DONE = new RegExp(
  `(?<total>${NUM})(?<cls>${CLASSIFIER})(?<name>[\\u4e00-\\u9fa5“”"]{1,12}?)(?:已经|已|均已)[\\u4e00-\\u9fa5]{0,4}?(?:完成|办结|整改|落地|建成)(?<done>${NUM})\\k<cls>`,
  'g',
);
/** Verbs that report an item as done or under way (开工, 落地见效, 挂牌运行). */
const PROGRESS = '完成|办结|整改|落地|建成|开工|投用|投运|实现|启动|签约|开通|通车|挂牌|运行|见效|印发|出台|实施|兑现';
/** 10个平台全部启动方案编制 / 95个事项均已实现 */
const ALL_DONE = new RegExp(`(?<total>${NUM})(?<cls>${CLASSIFIER})(?<name>[\\u4e00-\\u9fa5“”"]{1,12}?)(?:全部|均已|都已|已全部)(?:${PROGRESS})`, 'g');
/**
 * 重大项目248个，已开工235个 / 重点任务120项，截至6月底已完成58项 / 38项重大改革事项中，已落地见效31项:
 * a total, then (within the sentence, after 已 or 累计) a progress verb and the count done, in the same classifier.
 */
const TOTAL_THEN_PROGRESS = new RegExp(
  `(?<name>[\\u4e00-\\u9fa5“”"]{2,12}?)?(?<total>${NUM})(?<cls>${CLASSIFIER})(?<after>[\\u4e00-\\u9fa5“”"]{0,12}?)(?:中|当中)?[，,][^。；]{0,16}?(?:已经|已|累计)[\\u4e00-\\u9fa5]{0,4}?(?:${PROGRESS})[\\u4e00-\\u9fa5]{0,4}?(?<done>${NUM})\\k<cls>`,
  'g',
);

export function findItems(input: ItemInput): ItemFinding[] {
  const { text, sentences } = input;
  const items: ItemFinding[] = [];
  // Characters already under an item: a later pattern does not read them again.
  const taken = new Uint8Array(text.length);
  const add = (m: RegExpExecArray, total: number | null, done: number | null) => {
    const span: Span = [m.index, m.index + m[0].length];
    if (taken.subarray(span[0], span[1]).some((x) => x === 1)) return;
    const si = findSpanAt(sentences, span[0]);
    const sentence: Span = si >= 0 ? sentences[si] : span;
    // The name stands before the total (重点任务120项) or after it (38项重大改革事项).
    const clean = (words: string | undefined) => (words ?? '').replace(/^[年月日的了和与及在将已共]+|[“”"]|(?:中|当中)$/g, '').trim();
    const name = clean(m.groups?.after) || clean(m.groups?.name);
    if (!name || total === null) return;
    taken.fill(1, span[0], span[1]);
    items.push({ span, name, total, done, sentence });
  };
  const value = (s: string | undefined) => (s ? (readNumberAt(s, 0, { allowRange: false })?.value ?? null) : null);
  // Each pattern runs only on the sentences holding its key word (其中, 已, 全部…): a cheap test first.
  const patterns: [RegExp, RegExp, boolean][] = [
    [TOTAL_THEN_DONE, /其中/, false],
    [COUNT_NOUN_DONE, /已/, false],
    [ALL_DONE, /全部|均已|都已/, true],
    [TOTAL_THEN_PROGRESS, /已|累计/, false],
  ];
  for (const [re, key, allDone] of patterns) {
    for (const [ss, se] of sentences) {
      const sentence = text.slice(ss, se);
      if (!key.test(sentence)) continue;
      re.lastIndex = 0;
      for (let m = re.exec(sentence); m; m = re.exec(sentence)) {
        m.index += ss; // offsets into the whole text
        const total = value(m.groups?.total);
        const done = allDone ? total : value(m.groups?.done);
        if (total !== null && done !== null && done <= total) add(m, total, done);
        m.index -= ss;
      }
    }
  }
  items.sort((a, b) => a.span[0] - b.span[0]);
  return items;
}
