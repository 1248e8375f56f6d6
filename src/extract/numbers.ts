/**
 * The number reader: Arabic numerals (half- and full-width, thousands separators, decimals),
 * Chinese numerals (两, 十二, 一百二十万, 〇, 壹贰叁), magnitudes after either (49.28万, 7.7万亿),
 * fractions (三分之二, 2/3), percentages (百分之三十, 21%) and ranges (3—5万).
 *
 * Two entry points: `parseNumber` reads a whole string (the peers' suites use it), `readNumberAt`
 * reads the longest number that starts at an offset of a longer text (the quantity finder uses it).
 * Both are pure and run in time linear in what they read.
 */

const CN_DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  兩: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  壹: 1,
  贰: 2,
  貳: 2,
  叁: 3,
  參: 3,
  肆: 4,
  伍: 5,
  陆: 6,
  陸: 6,
  柒: 7,
  捌: 8,
  玖: 9,
  幺: 1,
};
/** Units inside a section (十, 百, 千) and section markers (万, 亿). */
const CN_SMALL_UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const CN_BIG_UNITS: Record<string, number> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };
/** Magnitude words after an Arabic number: 万 ×1e4, 亿 ×1e8, 万亿 ×1e12, 千万 ×1e7… */
const MAGNITUDE: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 1e4, 亿: 1e8, 萬: 1e4, 億: 1e8 };

// Sets rather than `in` on objects keyed by CJK characters: these run for every character scanned.
const CN_DIGIT_SET = new Set(Object.keys(CN_DIGITS));
const CN_NUMERAL_SET = new Set([...Object.keys(CN_DIGITS), ...Object.keys(CN_SMALL_UNITS), ...Object.keys(CN_BIG_UNITS)]);
const isCnDigit = (c: string) => CN_DIGIT_SET.has(c);
const isCnNumeralChar = (c: string) => CN_NUMERAL_SET.has(c);
const isAsciiDigit = (c: string) => c >= '0' && c <= '9';
const isWideDigit = (c: string) => c >= '０' && c <= '９';
const isDigit = (c: string) => isAsciiDigit(c) || isWideDigit(c);
const digitValue = (c: string) => (isWideDigit(c) ? c.charCodeAt(0) - 0xff10 : c.charCodeAt(0) - 48);

/** Signs that join two numbers into a range: 3—5万, 3-5, 3~5, 3至5. */
const RANGE_SEPARATORS = new Set(['—', '–', '-', '－', '~', '～', '〜', '至', '到']);

export type NumberKind = 'arabic' | 'chinese' | 'fraction' | 'percent';

export interface NumberReading {
  start: number;
  end: number;
  value: number;
  /** The upper end of a range (3—5万 → value 30000, valueMax 50000). */
  valueMax?: number;
  kind: NumberKind;
  /** The magnitude word(s) read after the digits, e.g. "万亿"; "" when none. */
  magnitude: string;
  /** True for 百分之三十 and X%: the number is a percentage. */
  percent: boolean;
  /** Digits only, no magnitude, no decimal point: a candidate year or code. */
  plainInteger: boolean;
  /** The number of Arabic digits before the decimal point (0 for Chinese numerals). */
  integerDigits: number;
}

/**
 * Reads a Chinese numeral written with units (一百二十万, 十二, 两千零五) or positionally (二〇二〇),
 * with an optional decimal part (三点五). Returns null when the characters do not form a number
 * (十四五 — a plan's name — has a digit after a digit inside a unit-written numeral).
 */
export function parseChineseNumeral(s: string): number | null {
  return readChineseNumeral(s).value;
}

function fail(at: number): { value: null; failAt: number } {
  return { value: null, failAt: at };
}

/**
 * Reads a Chinese numeral; on failure also tells where it went wrong (`failAt`, an index into `s`),
 * so that a scanner can retry the prefix before that point instead of every shorter prefix.
 */
function readChineseNumeral(s: string): { value: number | null; failAt: number } {
  // (A module-level helper, not a closure: this runs for every numeral character scanned.)
  if (!s) return fail(0);
  const offset = s[0] === '负' ? 1 : 0;
  let negative = false;
  if (s[0] === '负') {
    negative = true;
    s = s.slice(1);
  }
  const point = s.indexOf('点');
  let fraction = 0;
  if (point >= 0) {
    const decimals = s.slice(point + 1);
    if (!decimals || ![...decimals].every(isCnDigit)) return fail(offset + point);
    fraction = Number('0.' + [...decimals].map((c) => CN_DIGITS[c]).join(''));
    s = s.slice(0, point);
    if (!s) return fail(offset);
  }
  const chars = [...s];
  const foreign = chars.findIndex((c) => !isCnNumeralChar(c));
  if (foreign >= 0) return fail(offset + foreign);
  let value: number;
  if (chars.every(isCnDigit)) {
    // Positional: 二〇二〇 → 2020; a lone digit reads as itself.
    value = Number(chars.map((c) => CN_DIGITS[c]).join(''));
  } else {
    let total = 0; // completed 亿 groups and 万 groups
    let section = 0; // the part below 万 being read
    let digit: number | null = null;
    let lastUnit = 0;
    let afterZero = false;
    let prevWasDigit = false;
    for (let index = 0; index < chars.length; index++) {
      const c = chars[index];
      if (isCnDigit(c)) {
        // Two digits in a row is only allowed across a 零 (一千零五); 十四五 is not a number.
        if (prevWasDigit && !(digit === 0)) return fail(offset + index);
        digit = CN_DIGITS[c];
        if (digit === 0) afterZero = true;
        prevWasDigit = true;
        continue;
      }
      prevWasDigit = false;
      if (c in CN_SMALL_UNITS) {
        const unit = CN_SMALL_UNITS[c];
        // 十二 = 12; a bare unit counts one of itself.
        if (lastUnit && unit >= lastUnit) return fail(offset + index); // 百十: units out of order
        // 十二 = 12, 一千零十 = 1010: a unit with no digit (or only 零) before it counts one of itself.
        section += (digit === null || digit === 0 ? 1 : digit) * unit;
        lastUnit = unit;
        digit = null;
        afterZero = false;
      } else {
        const big = CN_BIG_UNITS[c];
        const part = section + (digit ?? 0);
        if (big === 1e8) {
          total = (total + (part || (total ? 0 : 1))) * 1e8;
        } else if (total % 1e8 === 0 && total > 0 && part === 0) {
          total *= 1e4; // 万亿 written as one magnitude
        } else {
          total += (part || 1) * 1e4;
        }
        section = 0;
        digit = null;
        lastUnit = 0;
        afterZero = false;
      }
    }
    // 一万五 = 15000, 三百五 = 350: a trailing digit right after a unit counts one step down.
    const last = chars[chars.length - 1];
    const before = chars[chars.length - 2];
    if (digit !== null && !afterZero && chars.length >= 2 && isCnDigit(last) && before && !isCnDigit(before)) {
      const stepUnit = CN_SMALL_UNITS[before] ?? CN_BIG_UNITS[before];
      if (stepUnit && stepUnit >= 100) digit *= stepUnit / 10;
    }
    value = total + section + (digit ?? 0);
  }
  value += fraction;
  return { value: negative ? -value : value, failAt: -1 };
}

/** Traditional and variant forms read as their simplified twins. */
const VARIANTS: Record<string, string> = { 萬: '万', 億: '亿', 點: '点', 負: '负', 兩: '两', 個: '个', 圓: '圆', 廿: '二十', 卅: '三十', 卌: '四十' };

/** Whole-string multipliers a reader of a lone number may meet: 五打 = 60, 一对 = 2, 3M = 3e6. */
const SUFFIX_FACTORS: [RegExp, number][] = [
  [/[个]$/, 1],
  [/[对双雙對]$/, 2],
  [/打$/, 12],
  [/[kK]$/, 1e3],
  [/M$/, 1e6],
  [/G$/, 1e9],
];

/**
 * Reads `s` as one number and nothing else: "35.1亿", "一百二十万", "三分之二" (2/3), "百分之三十"
 * (30), "1,234", "负 1,200,000", "壹拾壹元壹角" (11.1), "千一" (1100). More lenient than the scanner:
 * the whole string is known to be a number, so a leading unit (千一) or a trailing classifier is fine.
 */
export function parseNumber(s: string): number | null {
  let text = s.trim().replace(/[萬億點負兩個圓廿卅卌]/g, (c) => VARIANTS[c]);
  if (!text) return null;
  let sign = 1;
  const signMatch = /^[-−－负]\s*/.exec(text);
  if (signMatch && text.length > signMatch[0].length) {
    sign = -1;
    text = text.slice(signMatch[0].length);
  }
  // Money written out: 壹拾壹元壹角壹分, 壹佰壹拾壹圆整.
  const money = /^(.+?)[元圆](?:(.)角)?(?:(.)分)?[整正]?$/.exec(text);
  if (money) {
    const yuan = parseNumber(money[1]);
    const jiao = money[2] ? parseNumber(money[2]) : 0;
    const fen = money[3] ? parseNumber(money[3]) : 0;
    return yuan === null || jiao === null || fen === null ? null : (sign * Math.round((yuan + jiao / 10 + fen / 100) * 100)) / 100;
  }
  if (/^[一1]?半+个?$/.test(text)) return sign * 0.5;
  let factor = 1;
  for (const [re, f] of SUFFIX_FACTORS) {
    if (re.test(text) && text.length > 1) {
      text = text.replace(re, '');
      factor = f;
      break;
    }
  }
  if (text.startsWith('.')) text = '0' + text;
  // 千一 = 1100, 万九 = 19000: a leading unit counts one of itself.
  if (/^[十百千万亿]/.test(text) && !text.startsWith('百分之')) text = '一' + text;
  const reading = readNumberAt(text, 0, { allowRange: false });
  if (!reading || reading.end !== text.length) return null;
  // A fraction read alone is its value (二分之一 = 0.5); in running text it is a percentage.
  const value = reading.kind === 'fraction' ? reading.value / 100 : reading.value;
  return sign * scaleExact(value, factor);
}

export interface ReadOptions {
  /** Read "3—5万" as one range; off when the caller wants single numbers only. */
  allowRange?: boolean;
}

/** Reads the longest number starting exactly at `start`, or null. */
export function readNumberAt(text: string, start: number, options: ReadOptions = {}): NumberReading | null {
  const first = readSingleAt(text, start);
  if (!first) return null;
  if (options.allowRange === false) return first;
  const sep = text[first.end];
  if (sep && RANGE_SEPARATORS.has(sep) && !first.percent) {
    const second = readSingleAt(text, first.end + 1);
    if (second && second.kind === first.kind && !second.percent) {
      // 3—5万: the magnitude written once applies to both ends.
      const lowValue = first.magnitude ? first.value : scaleExact(first.value, magnitudeFactor(second.magnitude));
      if (second.value > lowValue) {
        return {
          ...second,
          start: first.start,
          value: lowValue,
          valueMax: second.value,
          plainInteger: false,
        };
      }
    }
  }
  return first;
}

/**
 * `value × factor` rounded to the 15 significant digits a double holds exactly, so that a product of
 * a decimal read from the text and a power of ten (1.2万 → 12000, 三成 → 30) carries no binary residue.
 */
export function scaleExact(value: number, factor: number): number {
  return factor === 1 ? value : Number((value * factor).toPrecision(15));
}

function magnitudeFactor(word: string): number {
  let factor = 1;
  for (const c of word) factor *= MAGNITUDE[c] ?? 1;
  return factor;
}

/** The words after which a bare magnitude is a number: 上千家, 逾千亿元, 近亿元, 突破千亿元, 不足百个. */
const BARE_MAGNITUDE_AFTER = /(?:上|逾|超|近|破|过|不足|不到|达)$/u;

/** Reads one number (no range) at `start`. */
function readSingleAt(text: string, start: number): NumberReading | null {
  const c = text[start];
  if (c === undefined) return null;
  // 千分之四: per mille, read as a percentage (0.4%)
  if (c === '千' && text.startsWith('千分之', start)) {
    const inner = readSingleAt(text, start + 3);
    if (!inner || inner.percent) return null;
    return { ...inner, start, value: inner.value / 10, percent: true, kind: 'percent', plainInteger: false };
  }
  // 超过一半, 占全省近一半: half of a whole, 50%
  if (c === '一' && text[start + 1] === '半' && /(?:占|超过|超|近|约|过|逾|不到|不足)$/u.test(text.slice(Math.max(0, start - 2), start))) {
    return { start, end: start + 2, value: 50, kind: 'percent', magnitude: '', percent: true, plainInteger: false, integerDigits: 0 };
  }
  if (c === '百' && text.startsWith('百分之', start)) {
    const inner = readSingleAt(text, start + 3);
    if (!inner || inner.percent) return null;
    return { ...inner, start, percent: true, kind: 'percent', plainInteger: false };
  }
  if (isDigit(c) || ((c === '-' || c === '－' || c === '负') && isDigit(text[start + 1] ?? ''))) {
    const arabic = readArabicAt(text, start);
    // 零下35摄氏度: below zero
    return arabic && text.slice(start - 2, start) === '零下' ? { ...arabic, value: -arabic.value } : arabic;
  }
  // 千余家, 百多项, 万余人: a bare magnitude before 余/多 counts one of itself.
  if ((c === '十' || c === '百' || c === '千' || c === '万') && /[余多]/.test(text[start + 1] ?? '') && !isCnNumeralChar(text[start - 1] ?? '')) {
    return {
      start,
      end: start + 1,
      value: CN_SMALL_UNITS[c] ?? CN_BIG_UNITS[c],
      kind: 'chinese',
      magnitude: c,
      percent: false,
      plainInteger: false,
      integerDigits: 0,
    };
  }
  // 上百万元, 上千家, 上亿元, 逾千亿元, 近亿元, 超千万吨, 不足百个: a bare magnitude after a word that
  // qualifies an amount counts one of itself (the word says "over", "about" or "under").
  if (/[百千万亿]/.test(c) && BARE_MAGNITUDE_AFTER.test(text.slice(Math.max(0, start - 2), start)) && !isCnNumeralChar(text[start - 2] ?? '')) {
    const run = /^(?:百万|千万|万亿|千亿|百亿|百|千|万|亿)/.exec(text.slice(start, start + 2))![0];
    return {
      start,
      end: start + run.length,
      value: magnitudeFactor(run),
      kind: 'chinese',
      magnitude: run,
      percent: false,
      plainInteger: false,
      integerDigits: 0,
    };
  }
  if (isCnNumeralChar(c) || c === '负') return readChineseAt(text, start);
  return null;
}

function readArabicAt(text: string, start: number): NumberReading | null {
  let i = start;
  let negative = false;
  if (text[i] === '-' || text[i] === '－' || text[i] === '负') {
    negative = true;
    i++;
  }
  let digits = '';
  let integerDigits = 0;
  let grouped = false;
  while (i < text.length) {
    const c = text[i];
    if (isDigit(c)) {
      digits += String(digitValue(c));
      integerDigits++;
      i++;
    } else if (
      (c === ',' || c === '，' || c === '﹐') &&
      integerDigits > 0 &&
      integerDigits <= (grouped ? Infinity : 3) &&
      isThousandsGroup(text, i + 1) &&
      (c === ',' || !isDigit(text[i + 4] ?? ''))
    ) {
      // 1,234,567: a comma followed by exactly three digits is a thousands separator.
      grouped = true;
      i++;
    } else break;
  }
  if (!digits) return null;
  let plainInteger = !grouped;
  if ((text[i] === '.' || text[i] === '．' || text[i] === '点') && isDigit(text[i + 1] ?? '')) {
    digits += '.';
    i++;
    while (i < text.length && isDigit(text[i])) digits += String(digitValue(text[i++]));
    plainInteger = false;
  }
  let value = Number(digits);
  if (negative) value = -value;
  // 2/3 (a fraction, not a date: both sides short)
  if ((text[i] === '/' || text[i] === '／') && isDigit(text[i + 1] ?? '') && integerDigits <= 2 && !digits.includes('.')) {
    let j = i + 1;
    let den = '';
    while (j < text.length && isDigit(text[j])) den += String(digitValue(text[j++]));
    if (den.length <= 2 && Number(den) > value && !isDigit(text[j] ?? '') && text[j] !== '/') {
      return { start, end: j, value: (value / Number(den)) * 100, kind: 'fraction', magnitude: '', percent: true, plainInteger: false, integerDigits };
    }
  }
  const { word, factor, end } = readMagnitude(text, i);
  if (word) plainInteger = false;
  if (text.startsWith('分之', end) && !word) return null; // "3分之2" is not house style; leave it
  // Magnitudes are powers of ten: shift the decimal point in the digits (77587.99亿 is exactly
  // 7758799000000; multiplying the double 77587.99 by 1e8 is not).
  const scaled = factor === 1 ? value : (negative ? -1 : 1) * Number(`${digits}e${Math.round(Math.log10(factor))}`);
  return { start, end, value: scaled, kind: 'arabic', magnitude: word, percent: false, plainInteger, integerDigits };
}

function isThousandsGroup(text: string, at: number): boolean {
  return isDigit(text[at] ?? '') && isDigit(text[at + 1] ?? '') && isDigit(text[at + 2] ?? '') && !isDigit(text[at + 3] ?? '');
}

/** Magnitude words after Arabic digits: 万, 亿, 万亿, 千万, 十万… (but not 千伏, 千瓦, 千米, 千克). */
function readMagnitude(text: string, at: number): { word: string; factor: number; end: number } {
  let j = at;
  let factor = 1;
  while (j < text.length && text[j] in MAGNITUDE) {
    const c = text[j];
    // 千 before a measure word is part of it (千伏, 千瓦, 千米, 千克), not a magnitude.
    if ((c === '千' || c === '百') && /[伏瓦米克帕]/.test(text[j + 1] ?? '')) break;
    if (c === '百' && text.startsWith('百分', j)) break;
    factor *= MAGNITUDE[c];
    j++;
  }
  return { word: text.slice(at, j), factor, end: j };
}

/** Longer runs of numeral characters are not numbers anyone writes; the cap keeps scanning linear. */
const MAX_CHINESE_RUN = 32;

function readChineseAt(text: string, start: number): NumberReading | null {
  let i = start;
  if (text[i] === '负') i++;
  // A numeral starts with a digit or 十 (十二); 万州, 千亿级 and 百姓 are not numbers.
  if (!(isCnDigit(text[i] ?? '') || text[i] === '十' || text[i] === '拾')) return null;
  let j = i;
  const limit = Math.min(text.length, i + MAX_CHINESE_RUN);
  while (j < limit && (isCnNumeralChar(text[j]) || (text[j] === '点' && isCnDigit(text[j + 1] ?? '')))) j++;
  // Do not swallow 千 of 千伏/千瓦/千米.
  while (j > i && (text[j - 1] === '千' || text[j - 1] === '百') && /[伏瓦米克]/.test(text[j] ?? '')) j--;
  if (j === i) return null;
  if (text.startsWith('分之', j)) {
    const den = parseChineseNumeral(text.slice(start, j));
    // 三分之二: a fraction, read as a percentage of one.
    let k = j + 2;
    const numStart = k;
    while (k < text.length && k < numStart + MAX_CHINESE_RUN && isCnNumeralChar(text[k])) k++;
    const num = parseChineseNumeral(text.slice(numStart, k));
    if (den === null || num === null || den === 0) return null;
    if (den === 100) return { start, end: k, value: num, kind: 'percent', magnitude: '', percent: true, plainInteger: false, integerDigits: 0 };
    return { start, end: k, value: (num / den) * 100, kind: 'fraction', magnitude: '', percent: true, plainInteger: false, integerDigits: 0 };
  }
  // Read the run; if it goes wrong somewhere (十四五 at 五), read the part before that point. A few
  // tries at most, so scanning stays linear whatever the text.
  let end = j;
  for (let attempt = 0; attempt < 4 && end > i; attempt++) {
    const { value, failAt } = readChineseNumeral(text.slice(start, end));
    if (value === null) {
      end = failAt > 0 && start + failAt < end ? start + failAt : end - 1;
      continue;
    }
    const trailingMagnitude = /[万亿]+$/.exec(text.slice(i, end))?.[0] ?? '';
    return { start, end, value, kind: 'chinese', magnitude: trailingMagnitude, percent: false, plainInteger: false, integerDigits: 0 };
  }
  return null;
}

/** Every number in `text`, left to right, none overlapping. Linear in the text's length. */
/** Characters a number can start with; the regex engine skips everything else at native speed. */
const NUMBER_START = /[0-9０-９〇零一二两兩三四五六七八九十拾百千万亿壹贰貳叁參肆伍陆陸柒捌玖幺负\-－]/g;

export function findNumbers(text: string): NumberReading[] {
  const found: NumberReading[] = [];
  const starts = new RegExp(NUMBER_START.source, 'g');
  for (let m = starts.exec(text); m; m = starts.exec(text)) {
    const i = m.index;
    const reading = readNumberAt(text, i);
    if (reading && reading.end > i) {
      found.push(reading);
      starts.lastIndex = reading.end;
    }
  }
  return found;
}

export const isNumeralChar = (c: string): boolean => isDigit(c) || isCnNumeralChar(c);
