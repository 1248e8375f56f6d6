/**
 * Rewrites a source paragraph for one generated report: its figures move with the report's year
 * (so the same paragraph reused across years makes a series), recent years move with it, and a
 * place may be swapped. The figure a paragraph prints is a function of (paragraph, figure, year):
 * two reports of the same year agree — unless one is drawn as a conflicting report, which prints
 * the one misprinted alternative of that figure for that year (a few percent off): the conflicts
 * the store must catch, two values a period, not a cloud of them.
 *
 * A paragraph pinned to a year that does not move (history, "截至2020年12月末"; a target, "到2035年")
 * keeps its figures: they describe a fixed period, and moving them would make false conflicts.
 */
import { mixKeys, type Random } from './random.ts';

export interface Variation {
  /** The year the generated report is published. */
  reportYear: number;
  /** A conflicting report prints each figure's misprinted alternative for its year. */
  conflicting: boolean;
  /** Whole-word place swaps applied to the paragraph (成都 → 绵阳…). */
  placeSwaps: ReadonlyArray<readonly [string, string]>;
}

/** Characters that, right before or after a number, make it part of a name or code (5G, PM2.5, C-V2X). */
const NAME_NEIGHBOUR = /[A-Za-z×+_/#]/;
/** After a number: it is a date part, a time or a sequence, never a figure to move. */
const DATE_OR_SEQUENCE_AFTER = /^(?:[年月日号时点届期批]|[：:．.](?!\d)|[—\-~～至到]\d)/;

/**
 * Every Arabic number in `text` with what it is: a year to shift, a figure to vary, or something
 * to leave alone. Pure; exported for tests.
 */
export function classifyNumbers(text: string): { start: number; end: number; kind: 'year' | 'figure' | 'keep' }[] {
  const found: { start: number; end: number; kind: 'year' | 'figure' | 'keep' }[] = [];
  for (const m of text.matchAll(/\d+(?:\.\d+)?/g)) {
    const start = m.index;
    const end = start + m[0].length;
    const before = text[start - 1] ?? '';
    const after = text.slice(end, end + 2);
    let kind: 'year' | 'figure' | 'keep';
    if (/^(?:19|20)\d\d$/.test(m[0]) && (after.startsWith('年') || /^[-—/.]\d/.test(after))) kind = 'year';
    else if (NAME_NEIGHBOUR.test(before) || NAME_NEIGHBOUR.test(after[0] ?? '')) kind = 'keep';
    else if (before === '第' || /[-—~～]/.test(before) || DATE_OR_SEQUENCE_AFTER.test(after)) kind = 'keep';
    else kind = 'figure';
    found.push({ start, end, kind });
  }
  return found;
}

/** A figure scaled by `factor`, printed with the original's precision (decimals, or round tens/hundreds). */
export function scaleFigure(printed: string, factor: number): string {
  const decimals = printed.includes('.') ? printed.length - printed.indexOf('.') - 1 : 0;
  const value = Number(printed) * factor;
  if (decimals > 0) {
    const out = value.toFixed(decimals);
    return Number(out) > 0 ? out : printed;
  }
  const original = Number(printed);
  if (original < 20) {
    // small counts (3个中心, 4项试点) move by a step or two, never to zero
    return String(Math.max(1, original + Math.round((factor - 1) * 10)));
  }
  // keep the look of the printed figure: 3000 → 3400, 1475 → 1623
  const zeros = printed.length - printed.replace(/0+$/, '').length;
  const step = 10 ** Math.max(0, Math.min(zeros - 1, printed.length - 2));
  return String(Math.max(step, Math.round(value / step) * step));
}

/**
 * The factor for one figure in one year. Levels grow by a per-figure annual rate (2–14 %) with a
 * little yearly wobble; rates and shares (followed by % or 百分点) wobble around their value.
 */
export function figureFactor(figureKey: number, yearsFromSource: number, isRate: boolean): number {
  const growth = 0.02 + (((mixKeys([figureKey, 1]) >>> 0) % 1000) / 1000) * 0.12;
  const wobble = (((mixKeys([figureKey, yearsFromSource, 2]) >>> 0) % 1000) / 1000 - 0.5) * (isRate ? 0.5 : 0.06);
  if (isRate) return yearsFromSource === 0 ? 1 : 1 + wobble;
  return (1 + growth) ** yearsFromSource * (1 + (yearsFromSource === 0 ? 0 : wobble));
}

/** The misprint a conflicting report gives one figure in one year: 2–9 % off, up or down. */
export function misprintFactor(figureKey: number, reportYear: number): number {
  const h = mixKeys([figureKey, reportYear, 3]) >>> 0;
  return 1 + (h & 1 ? 1 : -1) * (0.02 + (((h >>> 1) % 1000) / 1000) * 0.07);
}

export function varyParagraph(text: string, paragraphId: number, sourceYear: number, v: Variation): string {
  const numbers = classifyNumbers(text);
  const pinned = numbers.some((n) => {
    const year = Number(text.slice(n.start, n.end));
    return n.kind === 'year' && (year < sourceYear - 1 || year > sourceYear);
  });
  const yearsFromSource = v.reportYear - sourceYear;
  const figureYears = pinned ? 0 : yearsFromSource;
  let out = '';
  let last = 0;
  let figureIndex = 0;
  for (const n of numbers) {
    const printed = text.slice(n.start, n.end);
    let replacement = printed;
    if (n.kind === 'year') {
      const year = Number(printed);
      // the recent past of the source moves with the report; history (2020年1月3日…) and targets stay
      if (year >= sourceYear - 1 && year <= sourceYear) replacement = String(year + yearsFromSource);
    } else if (n.kind === 'figure') {
      const isRate = /^\s*(?:%|％|个百分点|百分点)/.test(text.slice(n.end, n.end + 5));
      const figureKey = mixKeys([paragraphId, figureIndex++]);
      const factor = figureFactor(figureKey, figureYears, isRate) * (v.conflicting ? misprintFactor(figureKey, v.reportYear) : 1);
      replacement = scaleFigure(printed, factor);
      if (isRate && Number(printed) <= 100 && Number(replacement) > 100) replacement = printed;
    }
    out += text.slice(last, n.start) + replacement;
    last = n.end;
  }
  out += text.slice(last);
  for (const [from, to] of v.placeSwaps) out = out.split(from).join(to);
  return out;
}

/** Shifts the recent years of a title the same way as the body. */
export function varyTitle(title: string, sourceYear: number, reportYear: number): string {
  return title.replace(/(?:19|20)\d\d(?=年)/g, (y) =>
    Number(y) >= sourceYear - 1 && Number(y) <= sourceYear ? String(Number(y) + reportYear - sourceYear) : y,
  );
}

/** Cities of Sichuan that can stand in for 成都 in a report about a city pair. */
export const SICHUAN_CITIES = ['绵阳', '德阳', '宜宾', '泸州', '南充', '达州', '遂宁', '内江', '自贡', '乐山', '眉山', '资阳', '广安', '雅安'];
/** Districts of Chongqing that can stand in for one another. */
export const CHONGQING_DISTRICTS = ['万州', '永川', '江津', '合川', '涪陵', '綦江', '大足', '璧山', '铜梁', '潼南', '荣昌', '长寿', '渝北', '开州'];

/** Draws the place swaps of one report: most keep their places, some move to another city. */
export function drawPlaceSwaps(random: Random): [string, string][] {
  const swaps: [string, string][] = [];
  if (random.chance(0.3)) swaps.push(['成都', random.pick(SICHUAN_CITIES)]);
  if (random.chance(0.2)) {
    const [from, to] = random.sample(CHONGQING_DISTRICTS, 2);
    swaps.push([from, to]);
  }
  return swaps;
}
