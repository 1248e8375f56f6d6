/**
 * Events and cooperation items written out once, as quantities are (quantity-columns.ts): each
 * column with what the writer puts in it, the field it reads back as and its export header. The
 * INSERT column lists, the row mappers and the export's columns are drawn from these tables.
 */
import type { Span } from '../document/index.ts';
import type { KeyArea, StoredEvent, StoredItem } from './types.ts';
import { json, parseJson } from './values.ts';

type Cell = string | number | null;

export interface FactColumn<In, Row, Out> {
  readonly column: keyof Row & string;
  /** What the writer puts in it; absent: the database fills it (id). */
  readonly write?: (f: In) => Cell;
  /** The field it reads back as; a field of two columns (span, sentence) is read on its first. */
  readonly field?: keyof Out;
  /** How the field is read; default: the column as stored. */
  readonly read?: (r: Row) => unknown;
  /** The export header, when the column is exported. */
  readonly header?: string;
}

/** Where any fact stands in its report, as the writer holds it (quantities, events, items). */
export interface FactSpot {
  reportId: number;
  ord: number;
  span: Span;
  sentence: Span;
  surface: string;
  sentenceText: string;
  stage: string;
}

/** Where an event or an item stands, and the key areas its words name. */
interface FactPlace extends FactSpot {
  areas: readonly KeyArea[];
}

/** The columns that place any fact's row in its report (sources of series points read them too). */
export interface SpotRow {
  report_id: number;
  ord: number;
  span_start: number;
  span_end: number;
  sentence_start: number;
  sentence_end: number;
  surface: string;
  sentence_text: string;
}

/** The columns events and items share (rows.ts' row shapes have them). */
interface PlaceRow extends SpotRow {
  id: number;
  stage: string;
  areas: string;
}

export interface EventInsert extends FactPlace {
  date: string;
  summary: string;
}
export interface EventRow extends PlaceRow {
  date: string;
  summary: string;
}
export interface ItemInsert extends FactPlace {
  name: string;
  total: number | null;
  done: number | null;
  refDate: string | null;
}
export interface ItemRow extends PlaceRow {
  name: string;
  total: number | null;
  done: number | null;
  ref_date: string | null;
}

/** A fact's place columns, in the order of its fields: before and after what the fact itself says. */
function placeColumns<In extends FactPlace, Row extends PlaceRow, Out>(idHeader: string) {
  type C = FactColumn<In, Row, Out>;
  const before: C[] = [
    { column: 'id', field: 'id' as keyof Out, header: idHeader },
    { column: 'report_id', write: (f) => f.reportId, field: 'reportId' as keyof Out, header: '报告编号' },
    { column: 'ord', write: (f) => f.ord },
    { column: 'span_start', write: (f) => f.span[0], field: 'span' as keyof Out, read: (r) => [r.span_start, r.span_end], header: '起始位置' },
    { column: 'span_end', write: (f) => f.span[1], header: '结束位置' },
    { column: 'surface', write: (f) => f.surface, field: 'text' as keyof Out, header: '原文' },
  ];
  const after: C[] = [
    { column: 'sentence_start', write: (f) => f.sentence[0], field: 'sentence' as keyof Out, read: (r) => [r.sentence_start, r.sentence_end] },
    { column: 'sentence_end', write: (f) => f.sentence[1] },
    { column: 'sentence_text', write: (f) => f.sentenceText, field: 'sentenceText' as keyof Out, header: '所在句子' },
    { column: 'stage', write: (f) => f.stage, field: 'stage' as keyof Out },
    { column: 'areas', write: (f) => json(f.areas), field: 'areas' as keyof Out, read: (r) => parseJson<KeyArea[]>(r.areas, []), header: '重点领域' },
  ];
  return { before, after };
}

const eventPlace = placeColumns<EventInsert, EventRow, StoredEvent>('事件编号');
/** The events table, in the order of StoredEvent's fields. */
export const EVENT_COLUMNS: readonly FactColumn<EventInsert, EventRow, StoredEvent>[] = [
  ...eventPlace.before,
  { column: 'date', write: (e) => e.date, field: 'date', header: '日期' },
  { column: 'summary', write: (e) => e.summary, field: 'summary', header: '摘要' },
  ...eventPlace.after,
];

const itemPlace = placeColumns<ItemInsert, ItemRow, StoredItem>('事项编号');
/** The items table, in the order of StoredItem's fields. */
export const ITEM_COLUMNS: readonly FactColumn<ItemInsert, ItemRow, StoredItem>[] = [
  ...itemPlace.before,
  { column: 'name', write: (i) => i.name, field: 'name', header: '事项' },
  { column: 'total', write: (i) => i.total, field: 'total', header: '总数' },
  { column: 'done', write: (i) => i.done, field: 'done', header: '已完成' },
  ...itemPlace.after,
  // the report's date, copied so the timeline reads items in date order through an index
  { column: 'ref_date', write: (i) => i.refDate },
];

/** The columns a table's writer fills, in INSERT order. */
export const insertColumns = <In, Row, Out>(table: readonly FactColumn<In, Row, Out>[]): string[] => table.filter((c) => c.write).map((c) => c.column);

/** A fact's row values, in insertColumns order. */
export const cellsOf = <In, Row, Out>(table: readonly FactColumn<In, Row, Out>[], fact: In): Cell[] => table.filter((c) => c.write).map((c) => c.write!(fact));

/** A row's fields, in table order. */
export function fieldsOf<In, Row, Out>(table: readonly FactColumn<In, Row, Out>[], row: Row): Out {
  const out: Record<string, unknown> = {};
  for (const c of table) if (c.field) out[c.field as string] = c.read ? c.read(row) : row[c.column];
  return out as Out;
}

/** The export header of a column. */
export const headerOf = <In, Row, Out>(table: readonly FactColumn<In, Row, Out>[], column: keyof Row): string =>
  table.find((c) => c.column === column)!.header!;
