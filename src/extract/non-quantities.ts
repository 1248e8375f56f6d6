/** What GUIDE.md §2 says is not a quantity, though a number and a measure word stand there. */
import { lexicon } from './lexicon.ts';
import { LATIN, type Reading } from './units.ts';

const OPEN_QUOTES = new Set(['“', '"', '「', '『', '‘', '《']);
/** A number touching one of these is part of a code, model name or formula (5G, PM2.5, 1+N, 7×24). */
const CODE_NEIGHBOURS = /[A-Za-zＡ-Ｚａ-ｚ+＋×*＊#@_.．/／]/;

/** What GUIDE.md §2 says is not a quantity: dates, years, ordinals, ranks, codes, names. */
export function isQuantity(text: string, r: Reading, unit: string): boolean {
  const n = r.number;
  const before = text[n.start - 1] ?? '';
  const after = text[r.end] ?? '';
  const beforeWord = text.slice(Math.max(0, n.start - 4), n.start).replace(/\s+$/, '');
  // 第四次 (also across a line break), 前10, 倒数 — but 目前10个, 此前3家: 前 ends another word there.
  if (/第$|倒$|(?<![目当此之以提日年月眼空事面])前$/.test(beforeWord)) return false;
  // 几十个, 数百家: no number is stated; 就业人数8.6万人, 总数120个 state one
  if (/[几数]$/.test(beforeWord) && n.kind !== 'arabic') return false;
  if (CODE_NEIGHBOURS.test(before) || /[0-9０-９]/.test(before)) return false;
  if (/[+＋×*＊]/.test(after) || (LATIN.test(text[n.end] ?? '') && !LATIN.test(r.unit?.surface ?? ''))) return false;
  if (before === '-' || before === '－') return false; // 023-6276-2687
  // A year: 2020年, 2020—2025年, 二〇二〇年. 5年来, 两年多来 are periods (the time resolver reads them).
  if (unit === '年' && (n.value >= 1000 || /[月度代]/.test(after))) return false;
  // 青海、甘肃、四川三省, 共有4市: provinces or cities counted after their list or a verb of having;
  // 川中四市, 川渝两省 name a group
  if ((unit === '省' || unit === '市') && !/(?:、[^，。；、\s]{2,8}|共有|共|有|等)$/u.test(text.slice(Math.max(0, n.start - 12), n.start))) return false;
  // 2023届毕业生: a cohort named by its year.
  if (unit === '届' && n.value >= 1900 && n.value <= 2100 && n.kind === 'arabic') return false;
  // 两年平均增长4.3%: the years an average is taken over, not a figure.
  if ((unit === '年' || unit === '月') && /^(?:多|余)?(?:以来|来|平均)/.test(text.slice(r.end, r.end + 3))) return false;
  // 今年前5个月, 前三个月: a period the time resolver reads, whatever stands before 前.
  if (unit === '月' && /前$/.test(beforeWord)) return false;
  // A lone 一 is nearly always an article or part of a word (一个, 一批, 统一); so is 〇/零.
  const written = text.slice(n.start, n.end);
  // 增长一倍, 近一成 are figures: a rate word after 一 makes it a number.
  if (n.kind === 'chinese' && /^[一〇零幺]$/.test(written) && !(written === '一' && ((r.unit?.scale ?? 1) !== 1 || unit === '倍'))) return false;
  if (n.kind === 'chinese' && /^[〇零一二三四五六七八九]{2,}$/.test(written)) return false;
  // 着陆支腿: a financial numeral alone between words is a word's character, not a number.
  if (n.kind === 'chinese' && /^[壹贰貳叁參肆伍陆陸柒捌玖拾]$/.test(written)) return false;
  // 30年期国债: a term's length names the bond, it counts nothing.
  if (unit === '年' && after === '期') return false;
  if (inFixedPhrase(text, n.start, r.end)) return false;
  // 240小时过境免签, 1小时交通圈: a duration written straight before a noun names a policy or a goal.
  // (but 24小时即可完成, 提前2天破百亿, 连续40天单日票房: a duration before a verb or an adverb is one)
  if (/^(?:小时|分钟|天)$/.test(unit) && /[\u4e00-\u9fa5]/.test(after) && !/[的内以左上多余后前之至到即就可便才破单]/.test(after)) return false;
  // “18条”, “四个优势”, “八方协同”: a figure opening a quoted phrase is a name.
  if (OPEN_QUOTES.has(before) && /^[^，。；、,]{0,6}[”"」』’》]/.test(text.slice(r.tailEnd, r.tailEnd + 8))) return false;
  // Inside a document title 《…三年行动方案》.
  // (Looked for within a title's length only, so that the check costs the same on any text.)
  const behind = text.slice(Math.max(0, n.start - 40), n.start);
  const open = behind.lastIndexOf('《');
  if (open >= 0 && behind.lastIndexOf('》') < open && text.slice(n.start, n.start + 40).includes('》')) return false;
  return n.value !== 0 || n.kind === 'arabic';
}

/** Whether the figure's number lies inside a fixed phrase that counts nothing (三次产业, 两个市场, 四处). */
function inFixedPhrase(text: string, start: number, end: number): boolean {
  const around = text.slice(Math.max(0, start - 6), end + 6);
  const offset = Math.max(0, start - 6);
  for (const phrase of lexicon().notFigurePhrases) {
    for (let at = around.indexOf(phrase); at >= 0; at = around.indexOf(phrase, at + 1)) {
      if (offset + at <= start && start < offset + at + phrase.length) return true;
    }
  }
  return false;
}
