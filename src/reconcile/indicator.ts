/**
 * Filing a figure under an indicator (GUIDE §2 `series`): the catalogue entry whose measured thing,
 * unit kind and measure it shares, judged from the head noun phrase of its subject (head.ts), else
 * an automatic group keyed by that phrase, its unit kind and its measure. Two figures share an
 * indicator exactly when they belong on one chart, so filing errs on the side of keeping things
 * apart: a wrong merge shows a false series, a missed one only a short one.
 */
import type { Measure } from '../document/index.ts';
import { acceptsUnit, matchIndicator, type Catalog, type CatalogEntry } from './catalog.ts';
import { breaksDownByActor, groupKey, groupName, headPhrase } from './head.ts';
import { unitKind } from './units.ts';

export { groupName, headPhrase, withoutPlaces } from './head.ts';
export { unitKind } from './units.ts';

export interface Filing {
  /** A catalogue id, or `auto:<what>:<unit kind>:<measure>`. */
  id: string;
  /** The indicator's name: the catalogue's, or the automatic group's noun phrase. */
  name: string;
  /** Why: the catalogue entry and the synonym or pattern that matched, or the automatic key. */
  rule: string;
}

/** Words every indicator's name may carry without changing what it measures. */
const GENERIC = /政务服务|总额|总值|总量|总数|数量|规模|金额|数额|人数|个数|人次|总|值|额|数|量|事项|项目|累计|合计|新增|共|的|和|及|在/gu;

/** What filing needs of a figure. */
export interface FileableFigure {
  subject: string;
  unit: string;
  measure: Measure;
}

/** The longest synonym or pattern of an entry found in a phrase, with what it matched. */
function matchedBy(entry: CatalogEntry, phrase: string): { text: string; by: string } | null {
  let best: { text: string; by: string } | null = null;
  entry.patterns.forEach((re, k) => {
    const m = re.exec(phrase);
    if (!m || (best && best.text.length >= m[0].length)) return;
    const synonym = entry.synonyms[k];
    best = { text: m[0], by: synonym !== undefined ? `synonym «${synonym}»` : `pattern /${re.source}/` };
  });
  return best;
}

/**
 * What an entry leaves unexplained in a phrase: the characters no match, qualifier, generic word or
 * place covers (covered where they stand, so 优秀年轻干部互派挂职 is 优秀年轻干部 + 互派挂职).
 */
function leftOver(entry: CatalogEntry, phrase: string, places: (text: string) => string): string {
  const covered = new Array<boolean>(phrase.length).fill(false);
  const cover = (re: RegExp) => {
    for (const m of phrase.matchAll(re)) for (let k = m.index; k < m.index + m[0].length; k++) covered[k] = true;
  };
  for (const re of entry.patterns) cover(new RegExp(re.source, 'gu'));
  for (const q of entry.qualifiers) cover(new RegExp(escapeRegExp(q), 'gu'));
  cover(GENERIC);
  const rest = phrase
    .split('')
    .map((ch, k) => (covered[k] ? ' ' : ch))
    .join('');
  return places(rest).replace(/\s+/gu, '');
}

/** 对东盟进出口值, 对美国出口: trade with a partner, not the total an entry counts. */
const TRADE_PARTNER = /对([^\s，。；、对]{2,8}?)(?:[、和及][^\s，。；、]{2,8}?)*(?:进出口|出口|进口|贸易|投资)/u;
function tradesWithPartner(subject: string, places: (text: string) => string): boolean {
  const m = TRADE_PARTNER.exec(subject);
  return !!m && places(m[1]) !== m[1];
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

/**
 * The catalogue takes a figure when an entry accepts its unit kind and measure and its synonyms or
 * patterns name the whole head phrase (places kept, for 川渝通办): 中长期贷款余额 is not 信贷投放金额,
 * 对东盟进出口值 not 进出口总额 — what is left over would be a qualifier the entry does not list.
 */
function fileByCatalogue(figure: FileableFigure, named: string, catalog: Catalog, places: (text: string) => string): Filing | null {
  const entry = matchIndicator({ ...figure, subject: named }, catalog);
  const match = entry && matchedBy(entry, named);
  if (!entry || !match || !acceptsUnit(entry, figure.unit)) return null;
  // An exclusion anywhere in the subject vetoes (首期 before 科创母基金 names another figure).
  if (entry.exclude.some((re) => re.test(figure.subject)) || tradesWithPartner(figure.subject, places)) return null;
  const rest = leftOver(entry, named, places);
  // What is left may be the entry's own words (参与对方整车 of 参与对方整车配套的零部件企业数).
  if (rest.length > 1 && !entry.nameZh.includes(rest)) return null;
  const unit = figure.unit === entry.unit ? figure.unit : `${figure.unit} as ${entry.unit} (kind ${unitKind(entry.unit)})`;
  return { id: entry.id, name: entry.nameZh, rule: `catalogue:${entry.id} ${match.by} in «${named}», unit ${unit}, ${figure.measure}` };
}

/**
 * Every part of a subject cut to what it names, run together: a catalogue entry may name a thing a
 * report spreads over parts (西部陆海新通道通达 123个国家和地区的 514个港口) — still with nothing left over.
 */
function wholeHead(subject: string): string {
  const parts = subject.split(/\s+/u).filter(Boolean);
  return parts.length > 1 ? headPhrase(parts.join('')) : '';
}

/**
 * The indicator a figure is filed under, or null when its subject names nothing to file it by
 * (a figure without words would join unrelated figures that merely share a unit).
 * `places` strips place names from a phrase (the extractor's lexicon knows them).
 */
export function fileFigure(figure: FileableFigure, catalog: Catalog, places: (text: string) => string = (t) => t): Filing | null {
  const parts = figure.subject.split(/\s+/u).filter(Boolean);
  if (parts.length > 1) {
    const whole = parts.slice(0, -1).join(' ');
    if (breaksDownByActor(whole, parts[parts.length - 1])) {
      const filed = fileFigure({ ...figure, subject: whole }, catalog, places);
      if (filed) return { ...filed, rule: `${filed.rule}; its part «${parts[parts.length - 1]}» names other signatories of the same act` };
    }
  }
  // 纪念…诞辰100周年大会: an anniversary counts the years of what comes before it; the words after
  // (大会, 庆典) are the event that marks it
  const subject = figure.unit === '周年' && parts.length > 1 ? parts.slice(0, -1).join(' ') : figure.subject;
  const named = headPhrase(subject);
  if (named.length < 2) return null;
  const catalogued = fileByCatalogue(figure, named, catalog, places) ?? fileByCatalogue(figure, wholeHead(subject), catalog, places);
  if (catalogued) return catalogued;
  // Two characters (死亡, 比例, 岗位) rarely name one indicator: filing by them would join unrelated
  // figures, so such a figure stays unfiled unless the catalogue names it.
  const head = groupName(headPhrase(subject, places));
  if (head.length < 3) return null;
  const kind = unitKind(figure.unit);
  const id = `auto:${groupKey(head)}:${kind}:${figure.measure}`;
  return { id, name: head, rule: `${id} (head «${head}», unit ${figure.unit} of kind ${kind}, ${figure.measure})` };
}
