/**
 * One shape per fact: the quantities table written out once. Each entry is a column (or a field
 * read from elsewhere) with what the writer puts in it, the StoredQuantity field it reads back as,
 * and its export header. The INSERT column list, the row → StoredQuantity mapper, a figure's values
 * (FigureValues), what filing reads and the export's quantity columns are all drawn from it.
 */
import type { Approx, FigureStatus, Measure, Period } from '../document/index.ts';
import { markOf, type CurationRow, type FigureValues } from './curation.ts';
import type { StoredQuantity } from './types.ts';
import type { FactSpot } from './fact-columns.ts';
import { json, parseJson } from './values.ts';

/** A quantity row as it comes out of the database. */
export interface QuantityRow {
  id: number;
  report_id: number;
  ord: number;
  span_start: number;
  span_end: number;
  value: number;
  value_max: number | null;
  unit: string;
  approx: Approx;
  measure: Measure;
  subject: string;
  period_start: string | null;
  period_end: string | null;
  has_period: number;
  region: string | null;
  sentence_start: number;
  sentence_end: number;
  surface: string;
  sentence_text: string;
  stage: string;
  status: FigureStatus;
  cues: string | null;
  curation_id: number | null;
  rejected: number;
  indicator_override: string | null;
}

/** What the writer holds of a quantity as it inserts its row: its place, its reading (decisions applied), its decision. */
export interface QuantityInsert extends FactSpot {
  values: FigureValues;
  cues: StoredQuantity['cues'];
  curationId: number | null;
  rejected: boolean;
  indicatorOverride: string | null;
}

/** What a row is read with besides its own columns: its filing (quantity_indicator) and its decision (curations). */
export interface QuantityJoins {
  indicatorId: string | null;
  curation: CurationRow | null;
}

type Cell = string | number | null;

export interface QuantityColumn {
  /** The column of `quantities`; null for a field read from another table. */
  readonly column: (keyof QuantityRow & string) | null;
  /** What the writer puts in it; absent: the database fills it (id). */
  readonly write?: (q: QuantityInsert) => Cell;
  /** A figure's value column: what it holds of a FigureValues (indicator_facts holds these too). */
  readonly figure?: (v: FigureValues) => Cell;
  /** The StoredQuantity field it reads back as; a field of two columns (span, period) is read on its first. */
  readonly field?: keyof StoredQuantity;
  /** How the field is read; default: the column as stored. */
  readonly read?: (r: QuantityRow, joins: QuantityJoins) => unknown;
  /** The export header of the column, when exported as stored. */
  readonly header?: string;
}

/** A column holding one of a figure's values, written from a FigureValues. */
const figure = (
  column: QuantityColumn['column'] & string,
  spec: Omit<QuantityColumn, 'column' | 'write' | 'figure'> & { figure: (v: FigureValues) => Cell },
) => ({
  column,
  ...spec,
  write: (q: QuantityInsert) => spec.figure(q.values),
});

export const toPeriod = (start: string | null, end: string | null, has: number): Period | null => (has ? { start, end } : null);

/** The quantities table, in the order of StoredQuantity's fields. */
export const QUANTITY_COLUMNS: readonly QuantityColumn[] = [
  { column: 'id', field: 'id', header: '数据编号' },
  { column: 'report_id', write: (q) => q.reportId, field: 'reportId', header: '报告编号' },
  { column: 'ord', write: (q) => q.ord },
  { column: 'span_start', write: (q) => q.span[0], field: 'span', read: (r) => [r.span_start, r.span_end], header: '起始位置' },
  { column: 'span_end', write: (q) => q.span[1], header: '结束位置' },
  { column: 'surface', write: (q) => q.surface, field: 'text', header: '原文' },
  figure('value', { figure: (v) => v.value, field: 'value', header: '数值' }),
  figure('value_max', { figure: (v) => v.valueMax, field: 'valueMax', header: '上限' }),
  figure('unit', { figure: (v) => v.unit, field: 'unit', header: '单位' }),
  figure('approx', { figure: (v) => v.approx, field: 'approx', header: '限定' }),
  figure('measure', { figure: (v) => v.measure, field: 'measure', header: '类型' }),
  figure('subject', { figure: (v) => v.subject, field: 'subject', header: '主题' }),
  figure('period_start', {
    figure: (v) => v.period?.start ?? null,
    field: 'period',
    read: (r) => toPeriod(r.period_start, r.period_end, r.has_period),
    header: '期间起',
  }),
  figure('period_end', { figure: (v) => v.period?.end ?? null, header: '期间止' }),
  figure('has_period', { figure: (v) => (v.period ? 1 : 0) }),
  figure('region', { figure: (v) => v.region, field: 'region', header: '地区' }),
  { column: 'status', write: (q) => q.values.status, field: 'status', read: (r) => r.status ?? 'actual', header: '状态' },
  { column: 'sentence_start', write: (q) => q.sentence[0], field: 'sentence', read: (r) => [r.sentence_start, r.sentence_end] },
  { column: 'sentence_end', write: (q) => q.sentence[1] },
  { column: 'sentence_text', write: (q) => q.sentenceText, field: 'sentenceText', header: '所在句子' },
  { column: 'stage', write: (q) => q.stage, field: 'stage', header: '抽取阶段' },
  { column: null, field: 'indicatorId', read: (_r, joins) => joins.indicatorId },
  {
    column: 'cues',
    write: (q) => json({ period: q.cues.period ?? null, region: q.cues.region ?? null, status: q.cues.status ?? null, indicator: q.cues.indicator ?? null }),
    field: 'cues',
    read: (r) => parseJson<StoredQuantity['cues']>(r.cues, { period: null, region: null, status: null }),
  },
  { column: null, field: 'curation', read: (_r, joins) => (joins.curation ? markOf(joins.curation) : null) },
  { column: 'curation_id', write: (q) => q.curationId },
  { column: 'rejected', write: (q) => (q.rejected ? 1 : 0) },
  { column: 'indicator_override', write: (q) => q.indicatorOverride },
];

const column = (name: keyof QuantityRow): QuantityColumn => QUANTITY_COLUMNS.find((c) => c.column === name)!;

const WRITTEN = QUANTITY_COLUMNS.filter((c) => c.write);

/** The columns the writer fills, in INSERT order. */
export const QUANTITY_INSERT_COLUMNS: readonly string[] = WRITTEN.map((c) => c.column!);

/** A quantity's row values, in QUANTITY_INSERT_COLUMNS order. */
export const quantityCells = (q: QuantityInsert): Cell[] => WRITTEN.map((c) => c.write!(q));

/** The columns holding a figure's values but its status (what indicator_facts keeps of a quantity). */
export const FACT_FIGURE_COLUMNS: readonly QuantityColumn[] = QUANTITY_COLUMNS.filter((c) => c.figure);

/** A figure's values as FACT_FIGURE_COLUMNS hold them. */
export const factFigureCells = (v: FigureValues): Cell[] => FACT_FIGURE_COLUMNS.map((c) => c.figure!(v));

/** What a decision can change: the fields of FigureValues. */
const FIGURE_FIELDS = new Set<keyof StoredQuantity>(['value', 'valueMax', 'unit', 'approx', 'measure', 'subject', 'period', 'region', 'status']);
const FIGURE_VALUE_COLUMNS = QUANTITY_COLUMNS.filter((c) => c.field && FIGURE_FIELDS.has(c.field));

const NO_JOINS: QuantityJoins = { indicatorId: null, curation: null };

/** The fields of the given columns read from a row, in table order. */
function readFields(r: QuantityRow, columns: readonly QuantityColumn[], joins: QuantityJoins): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of columns) if (c.field) out[c.field] = c.read ? c.read(r, joins) : r[c.column as keyof QuantityRow];
  return out;
}

/** What a decision can change, as a quantity row holds it. */
export const valuesOfRow = (r: QuantityRow): FigureValues => readFields(r, FIGURE_VALUE_COLUMNS, NO_JOINS) as unknown as FigureValues;

/** The figure's values a row of indicator_facts holds (all but the status). */
export const factValuesOfRow = (
  r: Pick<QuantityRow, 'value' | 'value_max' | 'unit' | 'approx' | 'measure' | 'subject' | 'period_start' | 'period_end' | 'has_period' | 'region'>,
): Omit<FigureValues, 'status'> => readFields(r as QuantityRow, FACT_FIGURE_COLUMNS, NO_JOINS) as unknown as Omit<FigureValues, 'status'>;

/** A quantity row as the store answers it, with its filing and its decision. */
export function quantityFromRow(r: QuantityRow, indicatorId: string | null, curation: CurationRow | null = null): StoredQuantity {
  return readFields(r, QUANTITY_COLUMNS, { indicatorId, curation }) as unknown as StoredQuantity;
}

/** What filing reads of a quantity row (with its report's date as `ref_date`). */
export const FILING_COLUMNS = [
  ...['id', 'report_id', 'ord', ...FIGURE_VALUE_COLUMNS.flatMap((c) => (c.field === 'period' ? ['period_start', 'period_end', 'has_period'] : [c.column!]))],
  'rejected',
  'indicator_override',
]
  .map((c) => `q.${c}`)
  .concat('r.ref_date')
  .join(', ');

/** The export header of a quantity column. */
export const quantityHeader = (name: keyof QuantityRow): string => column(name).header!;
