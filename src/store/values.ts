/** Small conversions every store module uses: timestamps, JSON columns, page bounds. */
export const nowIso = (): string => new Date().toISOString();
export const json = (v: unknown): string => JSON.stringify(v);
export const parseJson = <T>(s: string | null | undefined, fallback: T): T => (s ? (JSON.parse(s) as T) : fallback);
export const clampLimit = (n: number | undefined, dflt: number, max = 1000): number => Math.max(1, Math.min(max, Math.floor(n ?? dflt)));
export const clampOffset = (n: number | undefined): number => Math.max(0, Math.floor(n ?? 0));
