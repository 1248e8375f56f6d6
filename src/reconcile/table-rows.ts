/**
 * Rows of a bulletin's table read as figures (GUIDE §2 `series`): a row that is a part of the row
 * above it (`#住宅` under 商品房销售面积, 铁路 · 航空 · 公路 under 货物周转量) measures the part, not the
 * whole: 住宅销售面积, 铁路货物周转量 — the names the bulletin's text gives them, when it does.
 */
import { tagWords } from '../extract/words.ts';
import type { FileableFigure } from './indicator.ts';
import { sameUnitKind } from './units.ts';

/** How many figures up a table's sub-row looks for the row it is part of. */
const ROWS_UP = 12;

/** A table cell's subject: its column heading, then its row label (`2021年 #住宅`, `比上年增长 航空`). */
function cell(subject: string): { column: string; row: string } | null {
  const parts = subject.normalize('NFKC').trim().split(/\s+/u);
  return parts.length === 2 && COLUMN.test(parts[0]) ? { column: parts[0], row: parts[1] } : null;
}

/** A table's column heading: a year or a year's end, a growth on the year before, an output. */
const COLUMN = /^(?:(?:19|20)\d{2}年末?|比上年末?增长|比上年同期增长|增长|产量|绝对数|指数)$/u;

/** The nearest row above a table cell in the same column, or -1. */
function rowAbove(figures: readonly FileableFigure[], i: number): number {
  const here = cell(figures[i].subject);
  for (let k = i - 1; here && k >= 0 && i - k <= ROWS_UP; k--) if (cell(figures[k].subject)?.column === here.column) return k;
  return -1;
}

/**
 * Whether a cell's row is a part of a row above it: marked `#`, or a bare label (航空, 公路) right
 * under such a part; a bare label under a whole row (饲料 under 集成电路) is a sibling.
 */
function isPartRow(figures: readonly FileableFigure[], heads: readonly string[], i: number, depth = 0): boolean {
  const here = cell(figures[i].subject);
  if (!here) return false;
  if (here.row.startsWith('#')) return true;
  const above = rowAbove(figures, i);
  return heads[i].length <= 2 && above >= 0 && depth < ROWS_UP && isPartRow(figures, heads, above, depth + 1);
}

/**
 * The phrase a sub-row's figure measures, or null when it is no sub-row: its part named as the text
 * names it (住宅 + 商品房销售面积 → 住宅销售面积 when the report says so, else 住宅 + the whole's name,
 * …) — `heads` are the report's head phrases, figure by figure.
 */
export function subRowPhrase(figures: readonly FileableFigure[], heads: readonly string[], i: number): string | null {
  const here = cell(figures[i].subject);
  const part = heads[i];
  // The label itself, not what cutting left of it (注册护士 → 护士).
  if (!here || !part || here.row.replace(/^#/u, '') !== part || !isPartRow(figures, heads, i)) return null;
  let k = rowAbove(figures, i);
  while (k >= 0 && isPartRow(figures, heads, k)) k = rowAbove(figures, k);
  if (k < 0 || figures[k].measure !== figures[i].measure || !sameUnitKind(figures[k].unit, figures[i].unit)) return null;
  // The names the report's text gives (a table's own cells name parts only by their labels).
  const named = new Set(heads.filter((_, n) => !cell(figures[n].subject)));
  return partOf(part, heads[k], named);
}

/** 住宅 of 商品房销售面积 → 住宅销售面积 (the report's own name first), 铁路 of 货物周转量 → 铁路货物周转量. */
function partOf(part: string, whole: string, named: Set<string>): string {
  const first = tagWords(whole)[0]?.word ?? '';
  const instead = part + whole.slice(first.length);
  const before = part + whole;
  if (part.length > 2 && named.has(part)) return part;
  if (named.has(instead)) return instead;
  if (named.has(before)) return before;
  // A part with a name of its own (住户存款 of 金融机构人民币存款余额) keeps it, under the whole.
  return part.length > 2 ? `${whole}中${part}` : before;
}
