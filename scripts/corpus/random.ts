import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** The draws the generator makes, over one pure-rand xoroshiro128+ stream. */
export interface Random {
  /** An integer in `[from, to]`. */
  int(from: number, to: number): number;
  /** A float in `[0, 1)`. */
  float(): number;
  /** `true` with probability `p`. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** `k` distinct items in random order (k clipped to the list). */
  sample<T>(items: readonly T[], k: number): T[];
}

/**
 * A stream seeded from several integers (run seed, report index, attempt…), so that every report is
 * drawn from its own stream: report i is the same whether 10 or 1 000 000 are generated, and one
 * report can be regenerated alone (duplicates are written that way).
 */
export function randomFor(...keys: number[]): Random {
  const rng = xoroshiro128plus(mixKeys(keys));
  return {
    int: (from, to) => uniformInt(rng, from, to),
    float: () => uniformFloat64(rng),
    chance: (p) => uniformFloat64(rng) < p,
    pick: (items) => {
      if (!items.length) throw new Error('Random.pick: empty list');
      return items[uniformInt(rng, 0, items.length - 1)];
    },
    sample: (items, k) => {
      const copy = items.slice();
      const n = Math.min(k, copy.length);
      for (let i = 0; i < n; i++) {
        const j = uniformInt(rng, i, copy.length - 1);
        [copy[i], copy[j]] = [copy[j], copy[i]];
      }
      return copy.slice(0, n);
    },
  };
}

/** Folds integers into one 32-bit seed (murmur3's finalizer after each key), well spread for nearby keys. */
export function mixKeys(keys: readonly number[]): number {
  let h = 0x9e3779b9;
  for (const key of keys) {
    h ^= Math.imul(key | 0, 0x85ebca6b) ^ Math.floor(key / 0x100000000);
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h | 0;
}

/** A stable 32-bit hash of a string (FNV-1a), for keys that are text. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
