/**
 * The event finder's word lists (data/lexicon/events.json) as the patterns it matches: the event
 * predicates, and the words that mark a dated sentence as something other than a milestone — a
 * statement, a news source, a forecast, a denial, a reporter's own visit. Loaded once, on first use.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { alternation, type WordEntry } from './lexicon.ts';

interface EventsFile {
  verbs: WordEntry[];
  continuing: WordEntry[];
  bornAfterDate: WordEntry[];
  monthParts: WordEntry[];
  sameOccasion: WordEntry[];
  speech: WordEntry[];
  sourceVerbs: WordEntry[];
  reportNouns: WordEntry[];
  forecast: WordEntry[];
  denial: WordEntry[];
  reporters: WordEntry[];
  sameDayBack: WordEntry[];
  documentNouns: WordEntry[];
  visits: WordEntry[];
  modal: WordEntry[];
  cumulative: WordEntry[];
}

export interface EventWords {
  /** An event predicate anywhere in a stretch of text. */
  verbs: RegExp;
  /** A paragraph opening that continues the timeline entry above it (审议通过…). */
  continuing: RegExp;
  /** 1928年10月生: a birth written right after its date. */
  bornAfterDate: RegExp;
  /** 4月底, 7月下旬: a part of a month, which dates an event to that month. */
  monthPart: RegExp;
  /** 会上, 同时, 当天: a sentence opening that sets it on the occasion of the event before it. */
  sameOccasion: RegExp;
  /** A clause ending in a verb of saying (…12日表示，): what follows is what was said. */
  speechEnd: RegExp;
  /** 记者…从…获悉: where the reporter learned the news. */
  sourceVerb: RegExp;
  /** 据…13日报道, …发布的消息: the news source's date. */
  reportNoun: RegExp;
  /** 预计今天…: a forecast, not a milestone. */
  forecast: RegExp;
  /** 否认…: a denial. */
  denial: RegExp;
  /** 记者, 我们: the report's own people, whose visit is no milestone. */
  reporter: RegExp;
  /** 走进, 来到: a visit, at the start of a string. */
  visit: RegExp;
  /** 要, 应当, 力争: an obligation or a plan. */
  modal: RegExp;
  /** 以来, 已有: a running total so far. */
  cumulative: RegExp;
  /** 当天, 当日: a day that refers back to the date of its clause. */
  sameDayBack: RegExp;
  /** …的意见, …规划》: how a document's title ends. */
  documentTitleEnd: RegExp;
}

let cached: EventWords | null = null;

const byLength = (entries: readonly WordEntry[]) =>
  [...entries].sort((a, b) => (typeof b === 'string' ? b : b.word).length - (typeof a === 'string' ? a : a.word).length);
const anywhere = (entries: readonly WordEntry[]) => new RegExp(`(?:${alternation(byLength(entries))})`, 'u');

export function eventWords(): EventWords {
  if (cached) return cached;
  const file = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data', 'lexicon', 'events.json');
  const words = JSON.parse(readFileSync(file, 'utf8')) as EventsFile;
  cached = {
    verbs: anywhere(words.verbs),
    continuing: new RegExp(`^(?:${alternation(words.continuing)})`, 'u'),
    bornAfterDate: new RegExp(`^(?:${alternation(byLength(words.bornAfterDate))})(?=[，,。；;、（(]|$)`, 'u'),
    monthPart: new RegExp(`月(?:${alternation(byLength(words.monthParts))})$`, 'u'),
    sameOccasion: new RegExp(`^(?:${alternation(byLength(words.sameOccasion))})`, 'u'),
    speechEnd: new RegExp(`(?:${alternation(byLength(words.speech))})$`, 'u'),
    sourceVerb: anywhere(words.sourceVerbs),
    reportNoun: new RegExp(`^(?:${alternation(byLength(words.reportNouns))})`, 'u'),
    forecast: anywhere(words.forecast),
    denial: anywhere(words.denial),
    reporter: anywhere(words.reporters),
    modal: anywhere(words.modal),
    cumulative: anywhere(words.cumulative),
    visit: new RegExp(`^(?:${alternation(byLength(words.visits))})`, 'u'),
    sameDayBack: anywhere(words.sameDayBack),
    documentTitleEnd: new RegExp(`(?:${alternation(byLength(words.documentNouns))})[》」]?$`, 'u'),
  };
  return cached;
}
