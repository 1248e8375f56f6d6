/**
 * The indicator catalogue (data/indicators.yaml): which extracted quantities count as which of the
 * Circle's indicators. Loaded and validated with zod; matching is a pure function over one fact.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import type { Measure } from '../document/index.ts';
import { sameUnitKind } from './units.ts';

export const KEY_AREA_NAMES = ['交通枢纽', '先进制造业', '科技创新', '金融', '公共服务/国际都市', '生态', '文旅', '开放', '机制'] as const;
export type KeyAreaName = (typeof KEY_AREA_NAMES)[number];

const measureSchema = z.enum(['level', 'change', 'share']);

const entrySchema = z.object({
  id: z.string().regex(/^[a-z0-9_.-]+$/, 'ids are lower-case ASCII: letters, digits, _ . -'),
  zh: z.string().min(1),
  en: z.string().min(1),
  area: z.enum(KEY_AREA_NAMES),
  /** The unit the indicator is reported in; quantities in a unit of another kind never match. */
  unit: z.string().min(1),
  /** Other units accepted besides those of the same kind (data/lexicon/unit-kinds.json). */
  units: z.array(z.string()).default([]),
  measure: measureSchema.default('level'),
  /** Names a report gives the measured thing (literal head phrases); any one is enough. */
  synonyms: z.array(z.string().min(1)).default([]),
  /** Regular expressions tried against the quantity's subject; any one matching is enough. */
  patterns: z.array(z.string().min(1)).default([]),
  /** Words a head phrase may carry besides a synonym without naming another thing (参保人员, 跨省). */
  qualifiers: z.array(z.string().min(1)).default([]),
  /** Regular expressions that veto a match (e.g. 新能源汽车 for 汽车产量). */
  exclude: z.array(z.string().min(1)).default([]),
  description: z.string().optional(),
});

const catalogSchema = z.object({
  /** Words that put an event or item into a key area (timeline filtering). */
  areas: z.partialRecord(z.enum(KEY_AREA_NAMES), z.array(z.string().min(1))),
  indicators: z.array(entrySchema).min(1),
});

export type CatalogEntryInput = z.input<typeof entrySchema>;

export interface CatalogEntry {
  id: string;
  nameZh: string;
  nameEn: string;
  area: KeyAreaName;
  unit: string;
  units: string[];
  measure: Measure;
  /** The synonyms, then the patterns: what is tried against a subject. */
  patterns: RegExp[];
  synonyms: string[];
  qualifiers: string[];
  exclude: RegExp[];
  description: string | null;
}

export interface Catalog {
  entries: CatalogEntry[];
  areaKeywords: Map<KeyAreaName, string[]>;
}

export class CatalogError extends Error {
  override name = 'CatalogError';
}

export const defaultCatalogPath = fileURLToPath(new URL('../../data/indicators.yaml', import.meta.url));

/** Validates a parsed catalogue; ids must be unique and every pattern must compile. */
export function buildCatalog(input: unknown, where = 'catalogue'): Catalog {
  const parsed = catalogSchema.safeParse(input);
  if (!parsed.success) {
    throw new CatalogError(`${where}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const seen = new Set<string>();
  const compile = (source: string, id: string): RegExp => {
    try {
      return new RegExp(source, 'u');
    } catch (error) {
      throw new CatalogError(`${where}: indicator ${id}: bad pattern /${source}/: ${(error as Error).message}`);
    }
  };
  const entries = parsed.data.indicators.map((e): CatalogEntry => {
    if (seen.has(e.id)) throw new CatalogError(`${where}: duplicate indicator id ${e.id}`);
    if (!e.synonyms.length && !e.patterns.length) throw new CatalogError(`${where}: indicator ${e.id} has neither synonyms nor patterns`);
    seen.add(e.id);
    return {
      id: e.id,
      nameZh: e.zh,
      nameEn: e.en,
      area: e.area,
      unit: e.unit,
      units: [e.unit, ...e.units],
      measure: e.measure,
      patterns: [...e.synonyms.map((w) => compile(escapeRegExp(w), e.id)), ...e.patterns.map((p) => compile(p, e.id))],
      synonyms: e.synonyms,
      qualifiers: e.qualifiers,
      exclude: e.exclude.map((p) => compile(p, e.id)),
      description: e.description ?? null,
    };
  });
  const areaKeywords = new Map<KeyAreaName, string[]>();
  for (const area of KEY_AREA_NAMES) areaKeywords.set(area, parsed.data.areas[area] ?? []);
  return { entries, areaKeywords };
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

/** Whether an entry takes a figure in this unit: one of its units, or one of the same kind (名 for 人次). */
export const acceptsUnit = (entry: CatalogEntry, unit: string): boolean => entry.units.some((u) => sameUnitKind(u, unit));

/** Reads a YAML or JSON catalogue file (YAML is a superset of JSON, one parser serves both). */
export function loadCatalog(path = defaultCatalogPath): Catalog {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CatalogError(`cannot read indicator catalogue ${path}: ${(error as Error).message}`);
  }
  // The library's own warnings would print several unnamed lines each; one line naming the file instead.
  const doc = parseDocument(text, { logLevel: 'silent' });
  if (doc.errors.length) throw new CatalogError(`indicator catalogue ${path} is not valid YAML: ${firstLine(doc.errors[0].message)}`);
  if (doc.warnings.length) {
    const what = doc.warnings.map((w) => firstLine(w.message).replace(/:$/, '')).join('; ');
    process.stderr.write(`twincity: warning: ${path}: ${doc.warnings.length} YAML warning(s): ${what}\n`);
  }
  return buildCatalog(doc.toJS(), path);
}

const firstLine = (message: string): string => message.split('\n')[0];

/** What matching needs to know about a quantity. */
export interface MatchableFact {
  subject: string;
  unit: string;
  measure: Measure;
}

/**
 * The catalogue entry a quantity belongs to: unit and measure must agree, one pattern must match the
 * subject and no exclusion may. When several entries match, the one whose matching pattern covers
 * the longest stretch of the subject wins (氢燃料电池汽车 beats 汽车); ties go to catalogue order.
 * A subject of several words ("川渝高校已共建 协同创新中心和 重点实验室") is first matched on its
 * last word, the one the number counts, so that a list's earlier items do not claim its later ones.
 */
export function matchIndicator(fact: MatchableFact, catalog: Catalog): CatalogEntry | null {
  const words = fact.subject.trim().split(/\s+/u);
  const head = words.length > 1 ? words[words.length - 1] : null;
  return (head !== null ? bestMatch(head, fact, catalog) : null) ?? bestMatch(fact.subject, fact, catalog);
}

function bestMatch(text: string, fact: MatchableFact, catalog: Catalog): CatalogEntry | null {
  let best: CatalogEntry | null = null;
  let bestLength = 0;
  for (const entry of catalog.entries) {
    if (entry.measure !== fact.measure || !acceptsUnit(entry, fact.unit)) continue;
    if (entry.exclude.some((re) => re.test(fact.subject))) continue;
    for (const re of entry.patterns) {
      const m = re.exec(text);
      if (m && m[0].length > bestLength) {
        best = entry;
        bestLength = m[0].length;
      }
    }
  }
  return best;
}

/** Key areas whose keywords occur in a piece of text (event summaries, item names, sentences). */
export function areasOf(text: string, catalog: Catalog): KeyAreaName[] {
  const found: KeyAreaName[] = [];
  for (const [area, words] of catalog.areaKeywords) {
    if (words.some((w) => text.includes(w))) found.push(area);
  }
  return found;
}
