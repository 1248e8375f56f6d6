import { OffsetMap } from './offsets.ts';
import type { Message } from './message.ts';
import type { Span } from './span.ts';

/** How the report reached us; decides which reader and which cleaner apply. */
export type ReportFormat = 'html' | 'markdown' | 'text' | 'pdf' | 'feed-item';

export interface DocumentMeta {
  title: string | null;
  /** Publication date, `YYYY-MM-DD`. */
  published: string | null;
  author: string | null;
  /** The outlet or site that published it (来源). */
  site: string | null;
  /** The canonical URL when the report gives one (feed link, `<link rel=canonical>`, front matter). */
  url: string | null;
  categories: string[];
}

/** A block of the clean text: paragraphs are separated by a blank line ("\n\n") in `text`. */
export interface Block {
  span: Span;
  kind: 'paragraph' | 'heading' | 'caption' | 'list-item';
}

export type Approx = 'exact' | 'about' | 'over' | 'under';
export type Measure = 'level' | 'change' | 'share';
/** GUIDE §2: a goal, plan, forecast or commitment is a `target`; an achieved fact is `actual`. */
export type FigureStatus = 'actual' | 'target';

/** Where a figure's period or region came from, so the dashboard can say why. */
export type CueLevel = 'clause' | 'sentence' | 'paragraph' | 'section' | 'heading' | 'headline' | 'report-date' | 'report';
export interface Cue {
  level: CueLevel;
  /** The words that set it (`今年1—5月`, `一季度`, `绵阳`), a span into `text` when they stand there. */
  span: Span | null;
  text: string;
}

/** A period as the figure covers it: ISO dates, either end may be open (null). */
export interface Period {
  start: string | null;
  end: string | null;
}

/** What a report's relative times are read against (its date, else the year it speaks from). */
export interface TimeContext {
  /** The report's publication date `YYYY-MM-DD`: the anchor for 截至目前 and N年来. */
  anchor: string | null;
  /** The year 今年 and a bare month refer to: the anchor's year, or the report's own year. */
  year: number | null;
}

export type Precision = 'day' | 'month' | 'year' | 'span';

/** A time expression of the clean text, resolved (the extract.times stage; quantities and events read them). */
export interface TimeExpression {
  start: number;
  end: number;
  /** The time the expression covers; either end may be open. */
  period: Period;
  /** A single day or month as an event's date (`YYYY-MM-DD` / `YYYY-MM`); null for spans. */
  date: string | null;
  precision: Precision;
  /** The year was written (2020年), not taken from the context. */
  explicitYear: boolean;
  /** A month written without a year (6月21日): the caller may re-read it in a timeline. */
  month: number | null;
  day: number | null;
  /** 到2025年, 截至…: the period ends here; 以来: it starts here. */
  open: 'until' | 'since' | null;
  /** 去年同期 (1), 前年同期 (2): the same span as the one spoken of before, that many years earlier. */
  sameYearsBack?: number;
  /** 过去一年 in a report of the year's first months (or its last): the calendar year it looks back on. */
  reviewedYear?: boolean;
}

/** The report's time context and every time expression of its text, in text order. */
export interface DocumentTimes {
  context: TimeContext;
  expressions: TimeExpression[];
}

/** A number stated as a fact about the world (GUIDE.md §2). */
export interface Quantity {
  /** The number and its unit as printed, qualifier words excluded. */
  span: Span;
  /** In base units: magnitudes multiplied out, percentages as their number. */
  value: number;
  /** The upper end when the text gives a range (3—5万); `value` is then the lower end. */
  valueMax?: number;
  unit: string;
  approx: Approx;
  measure: Measure;
  /** The words naming what was measured, as they stand in the sentence. */
  subject: string;
  period: Period | null;
  region: string | null;
  /** `target` for goals, plans and forecasts (GUIDE §2). */
  status: FigureStatus;
  /** Which cue set the period, the region and a target status (null when nothing did). */
  cues: { period: Cue | null; region: Cue | null; status?: Cue | null };
  /** The indicator it is filed under (reconcile.indicators): a catalogue id or an automatic key. */
  indicator?: string | null;
  /** Why it is filed there: the catalogue rule or the automatic key. */
  indicatorRule?: string | null;
  /** The sentence the figure stands in, for showing it to a person. */
  sentence: Span;
  /** The stage (name@version) that found it. */
  stage: string;
}

/** A dated milestone (GUIDE.md §3). */
export interface DatedEvent {
  span: Span;
  /** `YYYY-MM-DD` or `YYYY-MM`. */
  date: string;
  summary: string;
  sentence: Span;
  stage: string;
}

/** A cooperation item with progress: "重点工作65项，其中圆满完成35项". */
export interface CooperationItem {
  span: Span;
  name: string;
  total: number | null;
  done: number | null;
  sentence: Span;
  stage: string;
}

/**
 * The one object that carries a report through read → clean → extract → reconcile → store.
 * The clean `text` owns every fact: spans are offsets into it. The raw source stays alongside so a
 * fact can be traced back to the file (`rawOffsets`).
 */
export interface Document {
  /** The file's base name, or the URL; feed items get `feed.xml#<n>`. */
  source: string;
  /** Where it was read from: an absolute path or a URL. */
  location: string;
  format: ReportFormat;
  /** sha256 of the raw bytes, hex: re-reading the same bytes is a no-op downstream. */
  contentHash: string;
  /** The charset the bytes were decoded with. */
  charset: string;
  /** The decoded source (HTML, Markdown, text) — what `rawOffsets` points into. */
  raw: string;
  meta: DocumentMeta;
  /** The report's main text, once, in reading order; paragraphs separated by "\n\n". */
  text: string;
  rawOffsets: OffsetMap;
  blocks: Block[];
  sentences: Span[];
  /** Time expressions and the context they were read in (extract.times); null before that stage. */
  times: DocumentTimes | null;
  quantities: Quantity[];
  events: DatedEvent[];
  items: CooperationItem[];
  messages: Message[];
  /** name@version of every stage that ran, in order. */
  stages: string[];
}

export function emptyMeta(): DocumentMeta {
  return { title: null, published: null, author: null, site: null, url: null, categories: [] };
}

export function createDocument(init: Pick<Document, 'source' | 'location' | 'format' | 'contentHash' | 'charset' | 'raw'> & Partial<Document>): Document {
  return {
    meta: emptyMeta(),
    text: '',
    rawOffsets: new OffsetMap(),
    blocks: [],
    sentences: [],
    times: null,
    quantities: [],
    events: [],
    items: [],
    messages: [],
    stages: [],
    ...init,
  };
}

/**
 * A JSON round trip gives the same Document back (the OffsetMap serializes itself), but for its
 * time expressions: they are what the extract stages read, not facts, so a worker's answer and the
 * API leave them out (`times` comes back null).
 */
export function documentToJSON(doc: Document): unknown {
  return { ...doc, times: null, rawOffsets: doc.rawOffsets.toJSON() };
}

export function documentFromJSON(json: unknown): Document {
  const d = json as Document & { rawOffsets: Parameters<typeof OffsetMap.fromJSON>[0] };
  return { ...d, rawOffsets: OffsetMap.fromJSON(d.rawOffsets) };
}
