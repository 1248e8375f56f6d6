/**
 * Repeated text in a report: a page that prints its article twice, a teaser stitched from the
 * opening paragraphs, a summary box that repeats a paragraph word for word. Works on block texts
 * and returns which to keep; the first full copy of anything wins.
 */
import { nfkc, squash } from './chars.ts';

/** Blocks shorter than this (whitespace removed) are never dropped as repeats: headings may recur. */
const MIN_REPEAT = 8;
/** A block at least this long that sits whole inside another kept block is a repeat. */
const MIN_CONTAINED = 30;
/** An exact repeat this long is a paragraph printed twice, wherever it stands. */
const MIN_WHOLE_PARAGRAPH = 100;
/** How many leading blocks may be teasers or summary boxes. */
const TOP_BLOCKS = 40;
/** Share of a block that must be found elsewhere, in pieces from ≥ 2 other blocks, to be a teaser. */
const TEASER_COVERAGE = 0.8;

/** Pieces a teaser is stitched from: runs between wide gaps and after sentence ends. */
function pieces(text: string): string[] {
  return text
    .split(/\s{2,}|(?<=[。！？!?；;])|\n/)
    .map((p) => nfkc(squash(p)))
    .filter((p) => p.length >= 6);
}

export interface RepeatOptions {
  /** Also drop long blocks standing whole inside another (off for OCR lines, which are fragments). */
  containment?: boolean;
}

export function findRepeats(blocks: readonly string[], opts: RepeatOptions = {}): boolean[] {
  if (blocks.length > 5000) return blocks.map(() => true); // quadratic below; such inputs are not articles
  const keep = blocks.map(() => true);
  // NFKC: a copy that differs only in full- or half-width punctuation is the same text.
  const flat = blocks.map((b) => nfkc(squash(b)));

  // 1. Exact repeats: the later copy goes when it is a whole paragraph, or part of a run of
  //    repeats (an article printed twice). A short line recurring alone (a table label, "Serves 4")
  //    is the report's own and stays.
  const seen = new Set<string>();
  const repeat = flat.map((text) => {
    if (text.length < MIN_REPEAT) return false;
    if (seen.has(text)) return true;
    seen.add(text);
    return false;
  });
  for (let i = 0; i < flat.length;) {
    if (!repeat[i]) {
      i++;
      continue;
    }
    let j = i;
    let runLength = 0;
    while (j < flat.length && (repeat[j] || flat[j].length < MIN_REPEAT)) runLength += flat[j++].length;
    const run = repeat.slice(i, j).filter(Boolean).length;
    for (let k = i; k < j; k++) {
      if (repeat[k] && (flat[k].length >= MIN_WHOLE_PARAGRAPH || (run >= 3 && runLength >= 60))) keep[k] = false;
    }
    i = j;
  }

  // All blocks in one string, so a piece is looked up with one native indexOf, not one per block.
  const joined = flat.join('\u0000');
  const starts: number[] = [];
  flat.reduce((at, text) => (starts.push(at), at + text.length + 1), 0);
  const blockAt = (offset: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  /** The first block holding `part` that `accept` takes, or -1. */
  const findIn = (part: string, accept: (k: number) => boolean): number => {
    for (let at = joined.indexOf(part); at >= 0;) {
      const k = blockAt(at);
      if (accept(k)) return k;
      // A refused block is refused wherever the part stands in it: search on after its end.
      at = joined.indexOf(part, starts[k] + flat[k].length + 1);
    }
    return -1;
  };

  // 2. Teasers: a block made of pieces of two or more other blocks (an excerpt of the opening).
  //    Teasers and summary boxes stand near the top, so only the first blocks are candidates.
  flat.forEach((text, i) => {
    if (i >= TOP_BLOCKS || !keep[i] || text.length < MIN_CONTAINED) return;
    // Longest pieces first, so that a block which cannot reach the coverage is given up early.
    const parts = pieces(blocks[i]).sort((a, b) => b.length - a.length);
    if (parts.length < 2) return; // one piece can come from one block only
    const total = parts.reduce((n, p) => n + p.length, 0);
    let covered = 0;
    let unchecked = total;
    const sources = new Set<number>();
    for (const part of parts) {
      if ((covered + unchecked) / total < TEASER_COVERAGE) break;
      unchecked -= part.length;
      const j = findIn(part, (k) => k !== i && keep[k] && flat[k].length < text.length + part.length);
      if (j >= 0) {
        covered += part.length;
        sources.add(j);
      }
    }
    if (sources.size >= 2 && covered / total >= TEASER_COVERAGE) keep[i] = false;
  });

  // 3. A long block that stands whole inside another kept block (a summary box repeating a paragraph).
  if (opts.containment === false) return keep;
  flat.forEach((text, i) => {
    if (i >= TOP_BLOCKS || !keep[i] || text.length < MIN_CONTAINED) return;
    // Only longer blocks can hold it: search those alone rather than the whole report.
    for (let k = 0; k < flat.length; k++) {
      if (k !== i && keep[k] && flat[k].length > text.length && flat[k].includes(text)) {
        keep[i] = false;
        break;
      }
    }
  });
  return keep;
}
