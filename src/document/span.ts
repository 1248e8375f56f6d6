/**
 * A span is a pair of end-exclusive UTF-16 offsets into one Document's clean `text` — the same
 * numbers a JS `slice` takes, and the shape the extraction contract prints (`[start, end]`).
 * Spans are never copies of text; read the text under a span with `textOf`.
 */
export type Span = [start: number, end: number];

/** Thrown when our own code asks for a span the text cannot honour. */
export class SpanError extends RangeError {
  override name = 'SpanError';
}

/** The one checked constructor: refuses offsets it cannot honour instead of guessing. */
export function makeSpan(text: string, start: number, end: number, what = 'span'): Span {
  if (!Number.isInteger(start) || !Number.isInteger(end)) {
    throw new SpanError(`makeSpan(${what}): offsets must be integers, got [${start}, ${end}]`);
  }
  if (start < 0 || end > text.length || start > end) {
    throw new SpanError(`makeSpan(${what}): [${start}, ${end}] is outside the text (length ${text.length})`);
  }
  return [start, end];
}

export function textOf(text: string, span: Span): string {
  return text.slice(span[0], span[1]);
}

export const spanLength = (span: Span): number => span[1] - span[0];

export const contains = (outer: Span, inner: Span): boolean => outer[0] <= inner[0] && inner[1] <= outer[1];

export const overlaps = (a: Span, b: Span): boolean => a[0] < b[1] && b[0] < a[1];

/** The index of the span in a sorted, non-overlapping list that contains `offset`, or -1. */
export function findSpanAt(spans: readonly Span[], offset: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [s, e] = spans[mid];
    if (offset < s) hi = mid - 1;
    else if (offset >= e) lo = mid + 1;
    else return mid;
  }
  return -1;
}
