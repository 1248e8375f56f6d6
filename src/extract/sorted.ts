/** Binary search over things sorted by where they start (time expressions, region mentions). */

/** Index of the last item (sorted by start) that starts before `at`, or -1. Binary search. */
export function lastStartingBefore(items: readonly { start: number }[], at: number): number {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].start < at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Whether an item (sorted by start) starts in `[from, to)`. Binary search. */
export function startsWithin(items: readonly { start: number }[], from: number, to: number): boolean {
  const i = lastStartingBefore(items, to);
  return i >= 0 && items[i].start >= from;
}
