/**
 * Clause and sentence bounds for the quantity finder: where a figure's clause, the clause before it
 * and its full sentence (across semicolons) start. Every look back is bounded, so the finder stays linear.
 */
import type { Span } from '../document/index.ts';
import { findSpanAt } from '../document/index.ts';

/** Characters that end a clause: the unit within which a figure's own words are looked for. */
export const CLAUSE_END = new Set(['，', ',', '；', ';', '。', '！', '？', '!', '?', '：', ':', '\n']);
/** Looking further than this for a figure's words is never useful, and keeps the finder linear. */
export const MAX_LOOKBACK = 80;

/** Start of the clause before the one starting at `clauseStart`, within the sentence. */
export function previousClauseStart(text: string, clauseStart: number, floor: number): number {
  if (clauseStart <= floor) return floor;
  return findClauseStart(text, clauseStart - 1, floor);
}

const CLAUSE_BREAKS = /[，,；;。！？!?：:\n]/g;
let clauseBreaks: { text: string; positions: number[] } = { text: '', positions: [] };

/** Offsets of every clause-ending character of `text`, found in one native scan and kept for the last text. */
function clauseBreaksOf(text: string): number[] {
  if (clauseBreaks.text !== text) {
    const positions: number[] = [];
    CLAUSE_BREAKS.lastIndex = 0;
    for (let m = CLAUSE_BREAKS.exec(text); m; m = CLAUSE_BREAKS.exec(text)) positions.push(m.index);
    clauseBreaks = { text, positions };
  }
  return clauseBreaks.positions;
}

/** Where the clause holding offset `at - 1` starts: after the last clause break before `at`, within the lookback. */
export function findClauseStart(text: string, at: number, floor: number): number {
  const limit = Math.max(floor, at - MAX_LOOKBACK);
  const breaks = clauseBreaksOf(text);
  // The last break before `at` (binary search).
  let lo = 0;
  let hi = breaks.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (breaks[mid] < at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found >= 0 && breaks[found] >= limit ? breaks[found] + 1 : limit;
}

/** Whether `at` stands inside round brackets opened after `from`. */
export function insideBrackets(text: string, from: number, at: number): boolean {
  let depth = 0;
  for (let i = from; i < at; i++) {
    if (text[i] === '（' || text[i] === '(') depth++;
    else if ((text[i] === '）' || text[i] === ')') && depth > 0) depth--;
  }
  return depth > 0;
}

/** Where the full sentence (ended by 。！？, not ；) that holds `sentenceStart` begins, within its paragraph. */
export function fullStopBefore(text: string, sentenceStart: number, paragraphs: readonly Span[], at: number): number {
  const p = findSpanAt(paragraphs, at);
  const floor = Math.max(p >= 0 ? paragraphs[p][0] : 0, sentenceStart - 4 * MAX_LOOKBACK);
  for (let i = sentenceStart - 1; i >= floor; i--) if ('。！？!?\n'.includes(text[i])) return i + 1;
  return floor;
}
