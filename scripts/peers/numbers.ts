/**
 * `npm run peers -- --only numbers`: the number reader and the time resolver of src/extract on other
 * projects' test suites (../shared/peers/numbers-time, converted to JSON with their own expectations).
 *
 * - cn2an (`cn2an.json`): every positive case (an expected number, any mode) through `parseNumber`.
 * - Duckling `Numeral.json` (ZH): the whole input through `parseNumber`.
 * - Recognizers-Text Chinese `NumberModel` / `PercentModel`: extraction — a case passes when the
 *   numbers (percentages) found in the input are exactly the expected (text, value) pairs.
 * - JioNLP `time_parse.json`: the cases whose expected time is exactly one calendar day, one
 *   calendar month or one calendar year (start 00:00:00, end 23:59:59) — the precisions an event
 *   date or a figure's period takes — through `resolveTime` with JioNLP's reference time as anchor.
 *   Each input is a whole time expression, so `resolveTime` may take its standalone-only forms
 *   (20240307, 09-01, 周一, 国庆, 农历…). Deliberate differences from JioNLP: a month-day or festival
 *   without a year (3月8号, 妇女节) and a bare weekday (周一) stay in the reference's year and week
 *   (a report speaks of its own time) where JioNLP picks the next one; 二月十五 without 农历 is solar;
 *   半年 is six calendar months, not 182.5 days.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findNumbers, parseNumber } from '../../src/extract/numbers.ts';
import { resolveTime } from '../../src/extract/time.ts';

const PEERS = join(import.meta.dirname, '..', '..', '..', 'shared', 'peers', 'numbers-time');

interface Case<E> {
  input: string;
  expected: E;
  NotSupported?: string;
  reference_time?: unknown;
}

const load = <E>(file: string): Case<E>[] => JSON.parse(readFileSync(join(PEERS, file), 'utf8')) as Case<E>[];
const same = (a: number | null, b: number) => a !== null && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
const rate = (ok: number, all: number) => `${ok}/${all} = ${all ? (ok / all).toFixed(3) : '-'}`;

export interface SuiteResult {
  name: string;
  passed: number;
  total: number;
  failures: string[];
}

export function cn2an(): SuiteResult {
  const cases = load<unknown>('cn2an/cn2an.json').filter((c) => typeof c.expected === 'number');
  const failures: string[] = [];
  let passed = 0;
  for (const c of cases) {
    const got = parseNumber(c.input);
    if (same(got, c.expected as number)) passed++;
    else failures.push(`${c.input} → ${got} (want ${c.expected})`);
  }
  return { name: 'cn2an positives (parseNumber)', passed, total: cases.length, failures };
}

export function ducklingNumeral(): SuiteResult {
  const cases = load<{ value: number }>('duckling/Numeral.json');
  const failures: string[] = [];
  let passed = 0;
  for (const c of cases) {
    const got = parseNumber(c.input);
    if (same(got, c.expected.value)) passed++;
    else failures.push(`${c.input} → ${got} (want ${c.expected.value})`);
  }
  return { name: 'Duckling Numeral ZH (parseNumber)', passed, total: cases.length, failures };
}

interface RecognizerHit {
  Text: string;
  Resolution: { value: string };
}

function recognizers(file: string, name: string, percentOnly: boolean): SuiteResult {
  const cases = load<RecognizerHit[]>(file);
  const failures: string[] = [];
  let passed = 0;
  for (const c of cases) {
    // Recognizers-Text prints its Text with full-width characters folded (NFKC); compare likewise.
    const want = c.expected.map((h) => `${h.Text.normalize('NFKC')}=${Number(h.Resolution.value.replace('%', ''))}`).sort();
    const got = findNumbers(c.input)
      .map((n) => {
        const pct = c.input.slice(n.end, n.end + 1);
        const isPercent = n.percent || pct === '%' || pct === '％';
        const end = !n.percent && isPercent ? n.end + 1 : n.end;
        return { text: c.input.slice(n.start, end).normalize('NFKC'), value: n.value, isPercent };
      })
      .filter((n) => !percentOnly || n.isPercent)
      .map((n) => `${n.text}=${n.value}`)
      .sort();
    if (JSON.stringify(want) === JSON.stringify(got)) passed++;
    else failures.push(`${c.input}: got [${got.join(', ')}] want [${want.join(', ')}]`);
  }
  return { name, passed, total: cases.length, failures };
}

type Precision = 'day' | 'month' | 'year';

/** The selection rule: an expected time of exactly one calendar day, month or year. */
export function jionlpPrecision(time: unknown): Precision | null {
  if (!Array.isArray(time) || time.length !== 2 || typeof time[0] !== 'string' || typeof time[1] !== 'string') return null;
  const [s, e] = time as [string, string];
  if (!s.endsWith('00:00:00') || !e.endsWith('23:59:59')) return null;
  const [sd, ed] = [s.slice(0, 10), e.slice(0, 10)];
  if (sd === ed) return 'day';
  const monthEnd = new Date(Date.UTC(Number(sd.slice(0, 4)), Number(sd.slice(5, 7)), 0)).getUTCDate();
  if (sd.slice(0, 7) === ed.slice(0, 7) && sd.endsWith('-01') && Number(ed.slice(8)) === monthEnd) return 'month';
  if (sd.slice(0, 4) === ed.slice(0, 4) && sd.endsWith('-01-01') && ed.endsWith('-12-31')) return 'year';
  return null;
}

export function jionlpTime(): SuiteResult & { byPrecision: Record<Precision, [number, number]> } {
  const cases = load<{ type?: string; time?: unknown }>('jionlp/time_parse.json');
  const failures: string[] = [];
  const byPrecision: Record<Precision, [number, number]> = { day: [0, 0], month: [0, 0], year: [0, 0] };
  let passed = 0;
  let total = 0;
  for (const c of cases) {
    const precision = c.expected && typeof c.expected === 'object' ? jionlpPrecision(c.expected.time) : null;
    if (!precision) continue;
    total++;
    byPrecision[precision][1]++;
    // JioNLP's reference time as [year, month, day, …] with -1 for a field left unspecified.
    const handler = (c.reference_time as { handler?: number[] } | null)?.handler ?? [];
    const [y, m = -1, d = -1] = handler;
    const year = y && y > 0 ? y : null;
    const anchor = year ? `${year}-${String(m > 0 ? m : 1).padStart(2, '0')}-${String(d > 0 ? d : 1).padStart(2, '0')}` : null;
    const resolved = resolveTime(c.input, { anchor, year });
    const [s, e] = (c.expected.time as string[]).map((t) => t.slice(0, 10));
    if (resolved && resolved.period.start === s && resolved.period.end === e) {
      passed++;
      byPrecision[precision][0]++;
    } else failures.push(`${c.input} → ${resolved ? `${resolved.period.start}..${resolved.period.end}` : 'null'} (want ${s}..${e})`);
  }
  return { name: 'JioNLP time_parse, day/month/year precision (resolveTime)', passed, total, failures, byPrecision };
}

export async function run(argv: string[] = process.argv.slice(2)): Promise<void> {
  if (!existsSync(PEERS)) {
    console.log(`numbers: ${PEERS} not found, skipped`);
    return;
  }
  const verbose = argv.includes('--verbose');
  const time = jionlpTime();
  const suites: (SuiteResult & { goal?: number })[] = [
    { ...cn2an(), goal: 0.95 },
    { ...ducklingNumeral(), goal: 0.9 },
    recognizers('recognizers-text/Number-NumberModel.json', 'Recognizers-Text Chinese NumberModel (findNumbers)', false),
    recognizers('recognizers-text/Number-PercentModel.json', 'Recognizers-Text Chinese PercentModel (findNumbers, %)', true),
    time,
  ];
  for (const s of suites) {
    const goal = s.goal ? `  (goal ≥ ${s.goal})` : '';
    console.log(`${s.name.padEnd(62)} ${rate(s.passed, s.total)}${goal}`);
    if (verbose) for (const f of s.failures) console.log(`    ✗ ${f}`);
  }
  const p = time.byPrecision;
  console.log(`  JioNLP by precision: day ${rate(...p.day)}, month ${rate(...p.month)}, year ${rate(...p.year)}`);
  console.log('  JioNLP selection rule: expected time is exactly one calendar day, month or year (00:00:00–23:59:59).');
  console.log('  JioNLP differences by design: no future preference for 3月8号/妇女节/周一; 二月十五 is solar unless 农历.');
}
