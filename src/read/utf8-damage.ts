/**
 * UTF-8 with a few damaged bytes (issue 16): a report saved as UTF-8 whose bytes were hit in a
 * handful of places is still UTF-8. Strict decoding refuses it and detection then guesses a legacy
 * charset (shift_jis, big5) that turns the whole text into nonsense; here the bytes are scanned once
 * for the places that are not UTF-8, so the decoder can read the rest and name those places.
 */

/** How many offsets a warning names before it says how many more. */
export const MAX_NAMED_OFFSETS = 10;

export interface Utf8Damage {
  /** Byte offsets where an invalid sequence starts, in order (at most `limit` of them). */
  offsets: number[];
  /** How many invalid sequences there are in all. */
  bad: number;
  /** How many well-formed multi-byte characters there are. */
  good: number;
}

/** The length of the well-formed UTF-8 sequence at `i` (Unicode table 3-7), or 0 when there is none. */
function sequenceAt(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i];
  if (b0 < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < bytes.length && bytes[i + k] >= lo && bytes[i + k] <= hi;
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const lo = b0 === 0xe0 ? 0xa0 : 0x80;
    const hi = b0 === 0xed ? 0x9f : 0xbf;
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const lo = b0 === 0xf0 ? 0x90 : 0x80;
    const hi = b0 === 0xf4 ? 0x8f : 0xbf;
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/** One pass over the bytes: where UTF-8 breaks, and how much of it holds. */
export function scanUtf8(bytes: Uint8Array, limit = MAX_NAMED_OFFSETS): Utf8Damage {
  const offsets: number[] = [];
  let bad = 0;
  let good = 0;
  let i = 0;
  while (i < bytes.length) {
    if (bytes[i] < 0x80) {
      i++;
      continue;
    }
    const n = sequenceAt(bytes, i);
    if (n > 0) {
      good++;
      i += n;
      continue;
    }
    // A run of bad bytes (a cut sequence and its stray continuations) is one place.
    if (offsets.length < limit) offsets.push(i);
    bad++;
    i++;
    while (i < bytes.length && bytes[i] >= 0x80 && bytes[i] <= 0xbf) i++;
  }
  return { offsets, bad, good };
}

/**
 * True when the bytes are UTF-8 but for a few places: well-formed multi-byte characters outnumber
 * the damaged places twenty to one. Text in GB18030 or Big5 is nowhere near (most of its byte pairs
 * are not UTF-8), so a legacy page is never taken for damaged UTF-8.
 */
export function isDamagedUtf8(damage: Utf8Damage): boolean {
  return damage.bad > 0 && damage.good >= 20 * damage.bad;
}

/** "at bytes 12, 480 and 3 more" — the places a warning names. */
export function describeOffsets(damage: Utf8Damage): string {
  const more = damage.bad - damage.offsets.length;
  const named = damage.offsets.join(', ');
  return `${damage.bad === 1 ? 'byte' : 'bytes'} ${named}${more > 0 ? ` and ${more} more` : ''}`;
}
