/**
 * The unit after a number (data/lexicon/units.json): the measure word, its scale (三成 = 30 %), the
 * qualifiers around it (100余万人, 30%以上), and the unit a bare list member takes from the next one.
 */
import type { Approx } from '../document/index.ts';
import { lexicon, type UnitEntry } from './lexicon.ts';
import { findNumbers, scaleExact, type NumberReading } from './numbers.ts';
import { lastStartingBefore } from './sorted.ts';
import type { TimeExpression } from './time.ts';

export const LATIN = /[A-Za-zＡ-Ｚａ-ｚ]/;

/** A number and the unit read after it. */
export interface Reading {
  number: NumberReading;
  unit: UnitEntry | null;
  /** Where the figure as printed ends (after the unit). */
  end: number;
  /** Where the figure's trailing qualifier (以上, 左右, 多) ends. */
  tailEnd: number;
  approxInside: Approx | null;
  approxAfter: Approx | null;
  inheritedUnit?: string;
}

/** Every number of the text with its unit, leaving out those inside a time expression (近五年, 3个月以来). */
export function readFigures(text: string, times: readonly TimeExpression[], units: readonly UnitEntry[]): Reading[] {
  const unitsByFirstChar = unitIndex(units);
  return findNumbers(text)
    .map((n) => readUnit(text, n, unitsByFirstChar))
    .filter((r): r is Reading => r !== null && !insideTime(times, r.number.start));
}

/** A number without its own unit takes the unit of the next one in a list: 0.8、1.5个百分点. */
export function inheritListUnits(text: string, readings: Reading[]): void {
  for (let i = readings.length - 2; i >= 0; i--) {
    const r = readings[i];
    const next = readings[i + 1];
    const nextUnit = next.unit?.unit ?? next.inheritedUnit;
    if (r.unit || !nextUnit || next.number.percent) continue;
    const between = text.slice(r.number.end, next.number.start);
    if (between.length === 1 && '、和与及至'.includes(between) && r.number.kind === next.number.kind) r.inheritedUnit = nextUnit;
  }
}

/** Whether offset `at` lies inside a time expression (近五年, 两年前, 3个月以来): a period, not a figure. */
function insideTime(times: readonly TimeExpression[], at: number): boolean {
  const i = lastStartingBefore(times, at + 1);
  return i >= 0 && times[i].end > at;
}

const unitIndexes = new WeakMap<readonly UnitEntry[], Map<string, UnitEntry[]>>();
/** Units by their first character (longest first within each), so reading a unit is a short list. */
function unitIndex(units: readonly UnitEntry[]): Map<string, UnitEntry[]> {
  let index = unitIndexes.get(units);
  if (!index) {
    index = new Map();
    for (const u of units) {
      const list = index.get(u.surface[0]) ?? [];
      list.push(u);
      index.set(u.surface[0], list);
    }
    unitIndexes.set(units, index);
  }
  return index;
}

const MAGNITUDES: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 1e4, 亿: 1e8 };

/** Reads the unit (and any 余/多 before it, any 以上/左右 after it) that follows a number. */
function readUnit(text: string, n: NumberReading, unitsByFirstChar: Map<string, UnitEntry[]>): Reading | null {
  const lex = lexicon();
  if (n.percent) {
    const after = matchPrefix(text, n.end, lex.approxAfter);
    return {
      number: n,
      unit: { surface: '', unit: '%', chinese: true, arabic: true, scale: 1, notBefore: '' },
      end: n.end,
      tailEnd: n.end + (after?.[0].length ?? 0),
      approxInside: null,
      approxAfter: after?.[1] ?? null,
    };
  }
  let pos = n.end;
  const inside = matchPrefix(text, pos, lex.approxInside);
  let approxInside: Approx | null = null;
  if (inside) {
    approxInside = inside[1];
    pos += inside[0].length;
    // 100余万人, 30多亿元: the magnitude comes after the qualifier.
    let factor = 1;
    while (/[十百千万亿]/.test(text[pos] ?? '') && !/[伏瓦米克]/.test(text[pos + 1] ?? '')) factor *= MAGNITUDES[text[pos++]];
    if (factor > 1) n = { ...n, value: scaleExact(n.value, factor), ...(n.valueMax !== undefined ? { valueMax: scaleExact(n.valueMax, factor) } : {}) };
  }
  // 两个多小时, 4个半小时, 三个半月: the classifier, a qualifier or a half, then the time unit.
  const halves = /^个(多|余)?(半)?(小时|钟头|月)/u.exec(text.slice(pos, pos + 5));
  if (halves && (halves[1] || halves[2]) && !approxInside) {
    const value = halves[2] ? n.value + 0.5 : n.value;
    const unit = halves[3] === '月' ? '月' : '小时';
    const end = pos + halves[0].length;
    const after = matchPrefix(text, end, lex.approxAfter);
    return {
      number: { ...n, value },
      unit: { surface: halves[0], unit, chinese: true, arabic: true, scale: 1, notBefore: '' },
      end,
      tailEnd: end + (after?.[0].length ?? 0),
      approxInside: halves[1] ? 'over' : null,
      approxAfter: after?.[1] ?? null,
    };
  }
  const candidates = unitsByFirstChar.get(text[pos] ?? '') ?? [];
  let entry: UnitEntry | null = null;
  for (const u of candidates) {
    if (!text.startsWith(u.surface, pos) || !(n.kind === 'chinese' ? u.chinese : u.arabic)) continue;
    // 三成员, 一成不变: the unit's characters begin another word.
    if (u.notBefore && u.notBefore.includes(text[pos + u.surface.length] ?? '\0')) continue;
    entry = u;
    break;
  }
  if (!entry) {
    // 2.2万城镇居民, 30余万群众: a count with a magnitude before what it counts, the unit its noun implies.
    const magnified = n.magnitude || (inside && pos > n.end + inside[0].length);
    const implied = magnified ? (impliedUnit(text, pos) ?? unitOfThingBefore(text, n.start)) : null;
    if (implied) return { number: n, unit: implied, end: pos, tailEnd: pos, approxInside, approxAfter: null };
    // A bare number may still take its unit from the next one in a list (0.8、1.5个百分点).
    return inside ? null : { number: n, unit: null, end: n.end, tailEnd: n.end, approxInside: null, approxAfter: null };
  }
  const end = pos + entry.surface.length;
  // 三成 is 30 %: the unit carries a scale.
  if (entry.scale !== 1)
    n = { ...n, value: scaleExact(n.value, entry.scale), ...(n.valueMax !== undefined ? { valueMax: scaleExact(n.valueMax, entry.scale) } : {}) };
  // A Latin unit (kW, TEU) must end where the letters end.
  if (LATIN.test(entry.surface) && LATIN.test(text[end] ?? '')) return null;
  const after = matchPrefix(text, end, lex.approxAfter);
  // 多 after the unit qualifies it only at the end of a phrase (两年多来, 3个多): not in 多家.
  const afterOk = after && (after[0] !== '多' || /^[来，,。；、的]?$/.test(text[end + 1] ?? ''));
  return {
    number: n,
    unit: entry,
    end,
    tailEnd: afterOk ? end + after[0].length : end,
    approxInside,
    approxAfter: afterOk ? after[1] : null,
  };
}

/** The unit a noun at `at` implies (units.json `implicit`), as a unit entry printed nowhere in the text. */
function impliedUnit(text: string, at: number): UnitEntry | null {
  const { implicitUnits, implicitModifiers } = lexicon();
  // (one or two modifiers may come first: 116.7万贫困人口, 50万农村留守儿童)
  for (let hops = 0, from = at; hops <= 2; hops++) {
    for (const [noun, unit] of implicitUnits) {
      if (text.startsWith(noun, from)) return { surface: '', unit, chinese: true, arabic: true, scale: 1, notBefore: '' };
    }
    const modifier = implicitModifiers.find((m) => text.startsWith(m, from));
    if (!modifier) break;
    from += modifier.length;
  }
  // 100万晋江人, 300万四川人: the people of a place
  const { places } = lexicon();
  for (let length = 4; length >= 2; length--) {
    const place = text.slice(at, at + length);
    if (places.has(place) && text[at + length] === '人' && !/[次均员才民口数工]/u.test(text[at + length + 1] ?? ''))
      return { surface: '', unit: '人', chinese: true, arabic: true, scale: 1, notBefore: '' };
  }
  return null;
}

/**
 * 国家将投资360亿, 观影人次已经超过2.9亿, 人口超过1亿: an amount with a magnitude and no measure
 * word takes the unit its clause's thing implies (money, 人次, people); none when the clause names none.
 */
const THING_UNITS: readonly [RegExp, string][] = [
  [/人次/u, '人次'],
  [/投资|票房|收入|营收|产值|销售额|营业额|成交额|税费|资金|贷款|融资|利润|总额|金额|GDP|生产总值|增加值|消费额|零售额/u, '元'],
  [/人口|人数/u, '人'],
];
function unitOfThingBefore(text: string, at: number): UnitEntry | null {
  const before = text.slice(Math.max(0, at - 14), at);
  const clause = before.slice(Math.max(...['，', '。', '；', '：', '、', ',', ';'].map((c) => before.lastIndexOf(c))) + 1);
  for (const [thing, unit] of THING_UNITS) if (thing.test(clause)) return { surface: '', unit, chinese: true, arabic: true, scale: 1, notBefore: '' };
  return null;
}

function matchPrefix<T>(text: string, at: number, words: Map<string, T>): [string, T] | null {
  for (const [word, value] of words) if (text.startsWith(word, at)) return [word, value];
  return null;
}
