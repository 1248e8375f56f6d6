/**
 * The word lists the extractor reads, kept as data in `data/lexicon/` so a new measure word or region
 * alias is a one-line change there, not a code change. Loaded once, on first use.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Approx } from '../document/index.ts';
import { countyShortNames, placeTable, type Place } from './places.ts';

const LEXICON_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data', 'lexicon');

export interface UnitEntry {
  /** As printed after the number. */
  surface: string;
  /** As the contract prints it. */
  unit: string;
  /** False when the word after a Chinese numeral is usually part of another word (两部, 一班). */
  chinese: boolean;
  /** False when the word only counts after a Chinese numeral (四大, 八大). */
  arabic: boolean;
  /** What the number is multiplied by in this unit (三成 → 30 %); 1 for most. */
  scale: number;
  /** Characters that, right after the surface, make it part of another word (成员, 成都). */
  notBefore: string;
}

export interface Lexicon {
  /** Longest surface first, so 个百分点 wins over 个. */
  units: UnitEntry[];
  approxBefore: Map<string, Approx>;
  approxInside: Map<string, Approx>;
  approxAfter: Map<string, Approx>;
  changeWords: string[];
  shareWords: string[];
  /** Words holding a share word that do not mean a share (占地面积). */
  notShareWords: string[];
  /** A noun that implies the unit of a count with a magnitude and no measure word before it (2.2万城镇居民 → 人), longest first. */
  implicitUnits: [string, string][];
  /** Words that may stand between such a count and its noun (116.7万贫困人口), longest first. */
  implicitModifiers: string[];
  /** A county's bare name (麻阳) → its province, read only right after the province or its city. */
  countyShorts: ReadonlyMap<string, string>;
  /** Fixed phrases whose numeral counts nothing (三次产业, 两个市场, 四处): not-figures.json. */
  notFigurePhrases: string[];
  /** Alias → region; a null region means "known, but too ambiguous to name a region". */
  regionAliases: Map<string, string | null>;
  /** Every other place (沙坪坝区, 绵阳市, 江苏省, 美国) → the region printed and the side it lies on. */
  places: Map<string, Place>;
  notPlaces: Set<string>;
  /** National institutions (人民银行, 国家统计局, 我国): a story they speak in, naming no place, is about the nation. */
  nationalBodies: string[];
  /** The words around a figure's subject (subject-words.json). */
  subjectWords: SubjectWords;
  /** The words around a place name that make it no figure's scope (region-words.json). */
  regionWords: RegionWords;
}

/** A word of a list, or a word that does not count with one of `notBefore` right after it (`notAfter` right before it). */
export type WordEntry = string | { word: string; notBefore?: string[]; notAfter?: string[] };

export interface SubjectWords {
  leadingFillers: WordEntry[];
  trailingFillers: string[];
  measureOnly: string[];
  nounStops: string[];
  actorEnds: WordEntry[];
  contribution: { verbs: string[]; sides: string[] };
}

export interface RegionWords {
  organisationAfter: string[];
  nationAsWhole: { before: string[]; after: string[] };
  nationActor: { after: string[] };
}

/** Festivals by name: on a solar or lunar [month, day], or the n-th weekday of a month [month, n, weekday]. */
export interface Festivals {
  solar: Record<string, [number, number]>;
  lunar: Record<string, [number, number]>;
  nthWeekday: Record<string, [number, number, number]>;
}

const escapeRegex = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The entries as one regex alternation, in their order: 已经|已|共(?!同|建)|(?<!日|月)均. */
export function alternation(entries: readonly WordEntry[]): string {
  return entries
    .map((e) => {
      if (typeof e === 'string') return escapeRegex(e);
      const before = e.notAfter?.length ? `(?<!${e.notAfter.map(escapeRegex).join('|')})` : '';
      const after = e.notBefore?.length ? `(?!${e.notBefore.map(escapeRegex).join('|')})` : '';
      return `${before}${escapeRegex(e.word)}${after}`;
    })
    .join('|');
}

interface UnitsFile {
  units: { surface: string; unit: string; chinese?: boolean; arabic?: boolean; scale?: number; notBefore?: string }[];
  approx: Record<'before' | 'inside' | 'after', Record<string, Approx>>;
  measure: { change: string[]; share: string[]; notShare?: string[] };
  implicit?: Record<string, string[] | string>;
}
interface RegionsFile {
  aliases: Record<string, string | null>;
  places?: Record<string, string>;
  notPlaces: string[];
  nationalBodies?: string[];
}

/** units.json's `implicit` as noun → unit, longest noun first (城镇居民 before 居民). */
function implicitUnits(record: Record<string, string[] | string>): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [unit, nouns] of Object.entries(record)) if (Array.isArray(nouns) && !unit.startsWith('$')) for (const noun of nouns) pairs.push([noun, unit]);
  return pairs.sort((a, b) => b[0].length - a[0].length);
}

let cached: Lexicon | null = null;
let festivalsCached: Festivals | null = null;

const readLexicon = <T>(file: string): T => JSON.parse(readFileSync(join(LEXICON_DIR, file), 'utf8')) as T;

/** The festivals the time resolver knows (festivals.json). */
export function festivals(): Festivals {
  festivalsCached ??= readLexicon<Festivals>('festivals.json');
  return festivalsCached;
}

export function lexicon(): Lexicon {
  if (cached) return cached;
  const units = JSON.parse(readFileSync(join(LEXICON_DIR, 'units.json'), 'utf8')) as UnitsFile;
  const regions = JSON.parse(readFileSync(join(LEXICON_DIR, 'regions.json'), 'utf8')) as RegionsFile;
  const byLength = <T extends { surface: string }>(a: T, b: T) => b.surface.length - a.surface.length;
  const sortedMap = (record: Record<string, Approx>) => new Map(Object.entries(record).sort((a, b) => b[0].length - a[0].length));
  cached = {
    units: units.units
      .map((u) => ({
        surface: u.surface,
        unit: u.unit,
        chinese: u.chinese ?? true,
        arabic: u.arabic ?? true,
        scale: u.scale ?? 1,
        notBefore: u.notBefore ?? '',
      }))
      .sort(byLength),
    approxBefore: sortedMap(units.approx.before),
    approxInside: sortedMap(units.approx.inside),
    approxAfter: sortedMap(units.approx.after),
    changeWords: [...units.measure.change].sort((a, b) => b.length - a.length),
    shareWords: [...units.measure.share].sort((a, b) => b.length - a.length),
    notShareWords: units.measure.notShare ?? [],
    implicitUnits: implicitUnits(units.implicit ?? {}),
    implicitModifiers: [...((units.implicit?.$modifiers as string[] | undefined) ?? [])].sort((a, b) => b.length - a.length),
    regionAliases: new Map(Object.entries(regions.aliases).sort((a, b) => b[0].length - a[0].length)),
    places: placeTable(new Map(Object.entries(regions.places ?? {}))),
    // (filled by placeTable, just above)
    countyShorts: countyShortNames(),
    notPlaces: new Set(regions.notPlaces),
    nationalBodies: [...(regions.nationalBodies ?? [])].sort((a, b) => b.length - a.length),
    subjectWords: readLexicon<SubjectWords>('subject-words.json'),
    notFigurePhrases: readLexicon<{ phrases: string[] }>('not-figures.json').phrases,
    regionWords: readLexicon<RegionWords>('region-words.json'),
  };
  return cached;
}
