/**
 * Links offsets in a Document's clean text back to offsets in its raw (decoded) source, so a fact
 * can be shown in the file it came from. Built by the clean stage piece by piece as it copies runs
 * of raw characters into the clean text; text it inserts itself (paragraph breaks, joined lines)
 * has no raw counterpart and maps to the nearest copied run.
 *
 * Stored as parallel sorted arrays of runs: clean text [cleanStart, cleanStart+length) came from raw
 * text [rawStart, rawStart+rawLength). Runs whose lengths differ (an entity `&amp;` → `&`) map their
 * inside proportionally, their ends exactly. JSON-serializable as `{ runs: [[c, r, len, rawLen], …] }`.
 */
export interface OffsetRun {
  clean: number;
  raw: number;
  length: number;
  rawLength: number;
}

export class OffsetMap {
  private readonly runs: OffsetRun[] = [];

  /** Records that clean[clean, clean+length) was copied from raw[raw, raw+rawLength). */
  add(clean: number, raw: number, length: number, rawLength = length): void {
    if (length <= 0) return;
    const last = this.runs.at(-1);
    if (last && clean < last.clean + last.length) {
      throw new RangeError(`OffsetMap.add: run at clean ${clean} overlaps the previous run (ends ${last.clean + last.length})`);
    }
    if (last && last.length === last.rawLength && length === rawLength && last.clean + last.length === clean && last.raw + last.rawLength === raw) {
      last.length += length;
      last.rawLength += rawLength;
      return;
    }
    this.runs.push({ clean, raw, length, rawLength });
  }

  get size(): number {
    return this.runs.length;
  }

  /** The raw offset of a clean offset; offsets in inserted text map to the end of the run before. */
  toRaw(offset: number): number | null {
    const runs = this.runs;
    if (runs.length === 0) return null;
    let lo = 0;
    let hi = runs.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (runs[mid].clean <= offset) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (best < 0) return runs[0].raw;
    const run = runs[best];
    const inside = offset - run.clean;
    if (inside >= run.length) return run.raw + run.rawLength;
    if (run.length === run.rawLength) return run.raw + inside;
    return run.raw + Math.round((inside / run.length) * run.rawLength);
  }

  toJSON(): { runs: [number, number, number, number][] } {
    return { runs: this.runs.map((r) => [r.clean, r.raw, r.length, r.rawLength]) };
  }

  static fromJSON(json: { runs: [number, number, number, number][] } | null | undefined): OffsetMap {
    const map = new OffsetMap();
    for (const [c, r, l, rl] of json?.runs ?? []) map.add(c, r, l, rl);
    return map;
  }
}
