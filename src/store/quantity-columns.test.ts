import { describe, expect, it } from 'vitest';
import { cellsOf, EVENT_COLUMNS, fieldsOf, insertColumns, ITEM_COLUMNS } from './fact-columns.ts';
import {
  FILING_COLUMNS,
  QUANTITY_COLUMNS,
  QUANTITY_INSERT_COLUMNS,
  quantityCells,
  quantityFromRow,
  valuesOfRow,
  type QuantityRow,
} from './quantity-columns.ts';

const row: QuantityRow = {
  id: 7,
  report_id: 2,
  ord: 0,
  span_start: 10,
  span_end: 15,
  value: 300,
  value_max: null,
  unit: '家',
  approx: 'over',
  measure: 'level',
  subject: '企业',
  period_start: '2021-01-01',
  period_end: '2021-12-31',
  has_period: 1,
  region: '重庆',
  sentence_start: 0,
  sentence_end: 30,
  surface: '300余家',
  sentence_text: '两地300余家零部件企业参与对方整车配套',
  stage: 'extract.quantities@1',
  status: 'actual',
  cues: null,
  curation_id: null,
  rejected: 0,
  indicator_override: null,
};

describe('the quantities column table', () => {
  it('maps a row to every StoredQuantity field, in its order', () => {
    const q = quantityFromRow(row, 'auto:企业', null);
    expect(Object.keys(q)).toEqual([
      'id',
      'reportId',
      'span',
      'text',
      'value',
      'valueMax',
      'unit',
      'approx',
      'measure',
      'subject',
      'period',
      'region',
      'status',
      'sentence',
      'sentenceText',
      'stage',
      'indicatorId',
      'cues',
      'curation',
    ]);
    expect(q.span).toEqual([10, 15]);
    expect(q.period).toEqual({ start: '2021-01-01', end: '2021-12-31' });
    expect(q.cues).toEqual({ period: null, region: null, status: null });
    expect(valuesOfRow({ ...row, has_period: 0 }).period).toBeNull();
  });

  it('writes every column but the id, and reads back what it wrote', () => {
    const columns = Object.keys(row).filter((c) => c !== 'id');
    expect([...QUANTITY_INSERT_COLUMNS].sort()).toEqual(columns.sort());
    expect(QUANTITY_COLUMNS.filter((c) => c.column).length).toBe(Object.keys(row).length);
    const cells = quantityCells({
      reportId: 2,
      ord: 0,
      span: [10, 15],
      sentence: [0, 30],
      surface: row.surface,
      sentenceText: row.sentence_text,
      stage: row.stage,
      values: valuesOfRow(row),
      cues: { period: null, region: null, status: null, indicator: null },
      curationId: null,
      rejected: false,
      indicatorOverride: null,
    });
    const written = Object.fromEntries(QUANTITY_INSERT_COLUMNS.map((c, i) => [c, cells[i]]));
    expect(written).toEqual({ ...row, id: undefined, cues: '{"period":null,"region":null,"status":null,"indicator":null}' });
    expect(FILING_COLUMNS).toBe(
      'q.id, q.report_id, q.ord, q.value, q.value_max, q.unit, q.approx, q.measure, q.subject, q.period_start, q.period_end, q.has_period, q.region, q.status, q.rejected, q.indicator_override, r.ref_date',
    );
  });

  it('holds events and items the same way: one table each for the INSERT, the mapper and the export', () => {
    const place = {
      reportId: 2,
      ord: 1,
      span: [3, 5] as [number, number],
      sentence: [0, 9] as [number, number],
      surface: '开工',
      sentenceText: '成渝中线高铁开工建设',
      stage: 't@1',
      areas: ['交通枢纽' as const],
    };
    const event = { ...place, date: '2022-06-24', summary: '成渝中线高铁开工建设' };
    const row = { id: 9, ...Object.fromEntries(insertColumns(EVENT_COLUMNS).map((c, i) => [c, cellsOf(EVENT_COLUMNS, event)[i]])) };
    expect(fieldsOf(EVENT_COLUMNS, row as never)).toEqual({
      id: 9,
      reportId: 2,
      span: [3, 5],
      text: '开工',
      date: '2022-06-24',
      summary: event.summary,
      sentence: [0, 9],
      sentenceText: event.sentenceText,
      stage: 't@1',
      areas: ['交通枢纽'],
    });
    expect(insertColumns(ITEM_COLUMNS)).toEqual(expect.arrayContaining(['name', 'total', 'done', 'ref_date', 'areas']));
    expect(Object.keys(fieldsOf(ITEM_COLUMNS, { ...row, name: 'x', total: 1, done: 0, ref_date: null } as never))).toEqual([
      'id',
      'reportId',
      'span',
      'text',
      'name',
      'total',
      'done',
      'sentence',
      'sentenceText',
      'stage',
      'areas',
    ]);
  });
});
