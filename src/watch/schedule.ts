/** When a source is due: its interval (`--every 30m`), and the back-off after failures. */

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** `90s`, `30m`, `2h`, `1d` (or a bare number of seconds) as seconds; throws naming what it cannot read. */
export function parseInterval(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$/i.exec(text);
  if (!match) throw new Error(`cannot read the interval ${JSON.stringify(text)}: write a number and s, m, h or d (30m, 2h, 1d)`);
  const seconds = Math.round(Number(match[1]) * UNITS[(match[2] || 's').toLowerCase()]);
  if (seconds < 1) throw new Error(`the interval ${JSON.stringify(text)} is under a second`);
  return seconds;
}

/** 1800 → `30m`: the interval as people write it. */
export function formatInterval(seconds: number): string {
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3600],
    ['m', 60],
  ] as const) {
    if (seconds >= size && seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}

/** A failing source is tried at most this far apart, however long it has been failing. */
export const MAX_BACKOFF_SECONDS = 6 * 3600;

/**
 * The wait before the next fetch: the interval after a success; after the n-th failure in a row the
 * interval doubled n−1 times, capped at MAX_BACKOFF_SECONDS (or the interval, when that is longer),
 * so a broken source is not hammered and a fixed one is noticed within hours.
 */
export function nextWaitSeconds(everySeconds: number, consecutiveErrors: number): number {
  if (consecutiveErrors <= 0) return everySeconds;
  const backedOff = everySeconds * 2 ** Math.min(consecutiveErrors - 1, 20);
  return Math.min(backedOff, Math.max(everySeconds, MAX_BACKOFF_SECONDS));
}

export const addSeconds = (iso: string, seconds: number): string => new Date(Date.parse(iso) + seconds * 1000).toISOString();
