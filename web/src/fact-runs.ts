/**
 * Cuts a report's text into runs at every fact boundary, so each run can be rendered as one text
 * node with the facts covering it (quantities inside a cooperation item, an event inside a marked
 * sentence). Pure: the report page renders the runs, tests check them against the text.
 */
export type FactKind = 'quantity' | 'event' | 'item';

export interface FactRef {
  kind: FactKind;
  /** Index into the report's list of that kind. */
  index: number;
  span: readonly [number, number];
}

export interface Run {
  start: number;
  end: number;
  /** The facts whose span covers this run, outermost (longest) first. */
  facts: FactRef[];
  /** Inside one of the marked ranges (the sentence an analyst arrived to see). */
  marked: boolean;
  /** Inside the target range (the figure itself). */
  target: boolean;
}

const inside = (range: readonly [number, number], start: number, end: number) => range[0] <= start && end <= range[1];

export function cutRuns(
  length: number,
  facts: readonly FactRef[],
  marked: readonly (readonly [number, number])[] = [],
  target: readonly [number, number] | null = null,
): Run[] {
  const clamp = (n: number) => Math.max(0, Math.min(length, n));
  const valid = facts.filter((f) => clamp(f.span[0]) < clamp(f.span[1]));
  const cuts = new Set<number>([0, length]);
  for (const f of valid) cuts.add(clamp(f.span[0])).add(clamp(f.span[1]));
  for (const m of marked) cuts.add(clamp(m[0])).add(clamp(m[1]));
  if (target) cuts.add(clamp(target[0])).add(clamp(target[1]));
  const points = [...cuts].sort((a, b) => a - b);

  // Sweep: facts sorted by start enter the active list as the runs reach them, leave once passed.
  const byStart = [...valid].sort((a, b) => a.span[0] - b.span[0] || b.span[1] - a.span[1]);
  let next = 0;
  let active: FactRef[] = [];
  const runs: Run[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i];
    const end = points[i + 1];
    while (next < byStart.length && byStart[next].span[0] <= start) active.push(byStart[next++]);
    active = active.filter((f) => f.span[1] > start);
    const covering = active.filter((f) => inside(f.span, start, end));
    covering.sort((a, b) => b.span[1] - b.span[0] - (a.span[1] - a.span[0]));
    runs.push({
      start,
      end,
      facts: covering,
      marked: marked.some((m) => inside(m, start, end)),
      target: target !== null && inside(target, start, end),
    });
  }
  return runs;
}

/**
 * The store wraps matched words in `[` `]` and gives their offsets; drop those brackets (and only
 * those: a report's own brackets stay) and move the offsets to match.
 */
export function unbracket(snippet: string, highlights: readonly (readonly [number, number])[]): { text: string; ranges: [number, number][] } {
  const drop = new Set<number>();
  for (const [s, e] of highlights) {
    if (snippet[s - 1] === '[' && snippet[e] === ']') drop.add(s - 1).add(e);
  }
  let text = '';
  const shift: number[] = [];
  for (let i = 0; i <= snippet.length; i++) {
    shift.push(text.length);
    if (i < snippet.length && !drop.has(i)) text += snippet[i];
  }
  return { text, ranges: highlights.map(([s, e]) => [shift[s], shift[e]]) };
}
