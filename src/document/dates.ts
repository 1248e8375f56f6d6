/**
 * Publication dates as reports print them → `YYYY-MM-DD`. Dates are read literally (the calendar
 * day the report shows), never shifted through a time zone: "Tue, 28 Jun 2022 05:08:04 GMT" and
 * "2022-06-28T23:30:00+08:00" are both 2022-06-28.
 */
const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

const pad = (n: number): string => String(n).padStart(2, '0');

export function isoDate(year: number, month: number, day: number): string | null {
  if (!(year >= 1900 && year <= 2100 && month >= 1 && month <= 12 && day >= 1 && day <= 31)) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1) return null; // 2023-02-30
  return `${year}-${pad(month)}-${pad(day)}`;
}

/**
 * Numeric dates: 2024-06-22, 2024/6/22, 2024.06.22, 2024年6月22日, 20240622 (only as a whole). The two
 * separators agree ("2004 - 01/01/2005", the end of a range "12/01/2004 - 01/01/2005", is no date),
 * and a year right after a slash ends a month-first date, it does not start one.
 */
export const NUMERIC_DATE =
  /(?<![\d./])((?:19|20)\d{2})\s*(?:-\s*(\d{1,2})\s*-|\/\s*(\d{1,2})\s*\/|\.\s*(\d{1,2})\s*\.|年\s*(\d{1,2})\s*月)\s*(\d{1,2})(?:\s*日)?(?![\d])/;
/** Month first, as US-configured servers print it: 9/17/2004, 9/17/2004 5:54:13 AM. */
export const MONTH_FIRST_DATE = /(?<![\d./-])(\d{1,2})\/(\d{1,2})\/((?:19|20)\d{2})(?![\d/])/;

/** Year, month, day of a NUMERIC_DATE match (its month sits in whichever group the separator chose). */
export function numericParts(m: RegExpExecArray, at = 0): [number, number, number] {
  return [+m[at + 1], +(m[at + 2] ?? m[at + 3] ?? m[at + 4] ?? m[at + 5]), +m[at + 6]];
}

/** The first date in a string, or null. */
export function parseDate(value: unknown): string | null {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    return isoDate(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    // Unix seconds or milliseconds, as some feeds and JSON-LD carry them.
    const ms = value > 1e11 ? value : value * 1000;
    return parseDate(new Date(ms));
  }
  if (typeof value !== 'string') return null;
  const s = value.trim();
  const numeric = NUMERIC_DATE.exec(s);
  if (numeric) return isoDate(...numericParts(numeric));
  const monthFirst = MONTH_FIRST_DATE.exec(s);
  if (monthFirst) return isoDate(+monthFirst[3], +monthFirst[1], +monthFirst[2]);
  const compact = /^((?:19|20)\d{2})(\d{2})(\d{2})(?:T|$)/.exec(s);
  if (compact) return isoDate(+compact[1], +compact[2], +compact[3]);
  // 28 Jun 2022 / Jun 28, 2022
  const dmy = /\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3})[a-z]*\.?,?\s+((?:19|20)\d{2})\b/.exec(s);
  if (dmy && MONTHS[dmy[2].toLowerCase()]) return isoDate(+dmy[3], MONTHS[dmy[2].toLowerCase()], +dmy[1]);
  const mdy = /\b([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})\b/.exec(s);
  if (mdy && MONTHS[mdy[1].toLowerCase()]) return isoDate(+mdy[3], MONTHS[mdy[1].toLowerCase()], +mdy[2]);
  return null;
}

/**
 * A date a name or a link prints: `20221020` (file names, `/story20230317-`, `t20180714_`), a path
 * `/2023/03/17/`, or a written date (`2022-10-20`, `2022年10月20日`); null when it prints none.
 */
export function dateInName(name: string | null | undefined): string | null {
  if (!name) return null;
  const compact = /(?<!\d)((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)/.exec(name);
  if (compact) return isoDate(+compact[1], +compact[2], +compact[3]);
  const path = /\/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:\/|$)/.exec(name);
  if (path) return isoDate(+path[1], +path[2], +path[3]);
  const numeric = NUMERIC_DATE.exec(name);
  return numeric ? isoDate(...numericParts(numeric)) : null;
}
