/**
 * The store's tables as people read them: Chinese headers, one row per record, sources resolved.
 * Each table is declared once (its columns, its query, its order); export.ts writes them out.
 * A quantity's columns and headers come from its column table (quantity-columns.ts).
 */
import { CONFLICT_DECISION_JOIN } from './curation.ts';
import { EVENT_COLUMNS, headerOf, ITEM_COLUMNS, type FactColumn } from './fact-columns.ts';
import { quantityHeader, type QuantityRow } from './quantity-columns.ts';
import { fillSentences, type SentenceRow } from './sentence-text.ts';
import type { Dialect, SqlDriver } from './sql.ts';
import type { ExportTable, ExportTableStream } from './types.ts';

type Row = Record<string, string | number | null>;

/** One exported table: what it is called, its columns, and the query giving its rows. */
export interface ExportSource {
  name: string;
  title: string;
  columns: { key: string; header: string }[];
  /** `SELECT … FROM …`, without the order. */
  select: string;
  /** What the rows are ordered by: SQL expressions with their direction, together unique. */
  order: { expr: string; desc?: boolean }[];
  /** Facts whose long sentence is not stored have it cut from their report's text. */
  sentences?: boolean;
}

const cols = (pairs: [string, string][]) => pairs.map(([key, header]) => ({ key, header }));

/** The quantities table's exported columns: its own (header from its column table) and what joins give. */
const QUANTITY_EXPORT: (keyof QuantityRow | { key: string; sql: string; header: string })[] = [
  'id',
  'report_id',
  { key: 'indicator_id', sql: 'qi.indicator_id', header: '指标编号' },
  'subject',
  'value',
  'value_max',
  'unit',
  'approx',
  'measure',
  'period_start',
  'period_end',
  'region',
  'surface',
  'span_start',
  'span_end',
  'sentence_text',
  'stage',
  'status',
  { key: 'curation', sql: 'c.action AS curation', header: '人工校核' },
  { key: 'curated_by', sql: 'c.actor AS curated_by', header: '校核人' },
];

function quantitiesSource(): ExportSource {
  const columns = QUANTITY_EXPORT.map((c) => (typeof c === 'string' ? { key: c, sql: `q.${c}`, header: quantityHeader(c) } : c));
  return {
    name: 'quantities',
    title: '数据',
    columns: columns.map(({ key, header }) => ({ key, header })),
    // the sentence's offsets come along, for cutting a sentence that is not stored
    select: `SELECT ${columns.map((c) => c.sql).join(', ')}, q.sentence_start, q.sentence_end
      FROM quantities q LEFT JOIN quantity_indicator qi ON qi.quantity_id = q.id LEFT JOIN curations c ON c.id = q.curation_id`,
    order: [{ expr: 'q.report_id' }, { expr: 'q.ord' }],
    sentences: true,
  };
}

/** A figure value's header, as the quantities table has it (series and conflicts show the same values). */
const h = quantityHeader;

/** The report ids behind a series point (SQL over `point`, a series_points alias). */
const reportsOf = (dialect: Dialect, point: string) =>
  `(SELECT ${dialect.listOf('q.report_id', true)} FROM point_sources ps JOIN quantities q ON q.id = ps.quantity_id WHERE ps.point_id = ${point}.id)`;

function seriesSource(dialect: Dialect): ExportSource {
  return {
    name: 'series',
    title: '序列',
    columns: cols([
      ['indicator_id', '指标编号'],
      ['name_zh', '指标名称'],
      ['date', '日期'],
      ['period_start', h('period_start')],
      ['period_end', h('period_end')],
      ['region', h('region')],
      ['value', h('value')],
      ['value_max', h('value_max')],
      ['unit', h('unit')],
      ['approx', h('approx')],
      ['report_ids', '来源报告'],
      ['quantity_ids', '来源数据'],
    ]),
    select: `SELECT sp.indicator_id, i.name_zh, sp.date, sp.period_start, sp.period_end, sp.region, sp.value, sp.value_max, sp.unit,
      sp.approx, ${reportsOf(dialect, 'sp')} AS report_ids,
      (SELECT ${dialect.listOf('ps.quantity_id')} FROM point_sources ps WHERE ps.point_id = sp.id) AS quantity_ids
      FROM series_points sp JOIN indicators i ON i.id = sp.indicator_id`,
    order: [{ expr: 'sp.indicator_id' }, { expr: 'sp.ord' }],
  };
}

/**
 * Conflicts one row per value (issue 16): the group's columns repeated on each of its values, so an
 * analyst in Excel filters, sorts and pivots them (by 冲突编号, or by 指标 and 日期) without
 * splitting a cell; a group of 1,500 values is 1,500 short rows, read a page at a time.
 */
function conflictsSource(dialect: Dialect): ExportSource {
  return {
    name: 'conflicts',
    title: '冲突',
    columns: cols([
      ['id', '冲突编号'],
      ['indicator_id', '指标编号'],
      ['name_zh', '指标名称'],
      ['region', h('region')],
      ['date', '日期'],
      ['member_count', '数值个数'],
      ['member', '数值序号'],
      ['value', h('value')],
      ['value_max', h('value_max')],
      ['unit', h('unit')],
      ['approx', h('approx')],
      ['period_start', h('period_start')],
      ['period_end', h('period_end')],
      ['report_ids', '来源报告'],
      ['verdict', '审定'],
      ['stands', '采信数值'],
    ]),
    select: `SELECT c.id, c.indicator_id, i.name_zh, c.region, c.date, c.member_count, cm.ord + 1 AS member, sp.value, sp.value_max,
      sp.unit, sp.approx, sp.period_start, sp.period_end, ${reportsOf(dialect, 'sp')} AS report_ids, d.verdict, d.stands
      FROM conflicts c JOIN indicators i ON i.id = c.indicator_id JOIN conflict_members cm ON cm.conflict_id = c.id
      JOIN series_points sp ON sp.id = cm.point_id ${CONFLICT_DECISION_JOIN}`,
    order: [{ expr: 'c.id' }, { expr: 'cm.ord' }],
  };
}

const REPORTS: ExportSource = {
  name: 'reports',
  title: '报告',
  columns: cols([
    ['id', '报告编号'],
    ['source', '文件'],
    ['title', '标题'],
    ['published', '发布日期'],
    ['site', '来源'],
    ['url', '链接'],
    ['location', '位置'],
    ['format', '格式'],
    ['content_hash', '内容哈希'],
    ['ingested_at', '入库时间'],
  ]),
  select: 'SELECT id, source, title, published, site, url, location, format, content_hash, ingested_at FROM reports',
  order: [{ expr: 'id' }],
};

const INDICATORS: ExportSource = {
  name: 'indicators',
  title: '指标',
  columns: cols([
    ['id', '指标编号'],
    ['name_zh', '指标名称'],
    ['name_en', '英文名称'],
    ['area', '重点领域'],
    ['unit', '单位'],
    ['measure', '类型'],
    ['catalogued', '已编目'],
    ['point_count', '数据点数'],
    ['source_count', '来源报告数'],
    ['conflict_count', '冲突数'],
  ]),
  select: `SELECT i.id, i.name_zh, i.name_en, i.area, i.unit, i.measure, i.catalogued, i.point_count, i.source_count,
    i.conflict_count FROM indicators i`,
  order: [{ expr: 'i.catalogued', desc: true }, { expr: 'i.id' }],
};

/** An exported fact table: the named columns of its column table, headers and all. */
function factSource<In, Row, Out>(
  name: string,
  title: string,
  table: readonly FactColumn<In, Row, Out>[],
  exported: (keyof Row & string)[],
  order: ExportSource['order'],
): ExportSource {
  return {
    name,
    title,
    columns: exported.map((key) => ({ key, header: headerOf(table, key) })),
    select: `SELECT ${exported.join(', ')} FROM ${name}`,
    order,
  };
}

const EVENTS = factSource(
  'events',
  '事件',
  EVENT_COLUMNS,
  ['id', 'report_id', 'date', 'summary', 'areas', 'surface', 'span_start', 'span_end', 'sentence_text'],
  [{ expr: 'date' }, { expr: 'report_id' }, { expr: 'ord' }],
);

const ITEMS = factSource(
  'items',
  '合作事项',
  ITEM_COLUMNS,
  ['id', 'report_id', 'name', 'total', 'done', 'areas', 'surface', 'span_start', 'span_end', 'sentence_text'],
  [{ expr: 'report_id' }, { expr: 'ord' }],
);

const FAILURES: ExportSource = {
  name: 'failures',
  title: '失败',
  columns: cols([
    ['location', '位置'],
    ['reason', '原因'],
    ['at', '时间'],
  ]),
  select: 'SELECT location, reason, at FROM failures',
  // a location fails once (its row is replaced): it makes the order unique
  order: [{ expr: 'at' }, { expr: 'location' }],
};

/** The exported tables, in the order they are written. */
export function exportSources(dialect: Dialect): ExportSource[] {
  return [REPORTS, quantitiesSource(), INDICATORS, seriesSource(dialect), conflictsSource(dialect), EVENTS, ITEMS, FAILURES];
}

const orderBy = (order: ExportSource['order']) => order.map((o) => `${o.expr}${o.desc ? ' DESC' : ''}`).join(', ');

/** Rows an export reads at a time. */
export const EXPORT_PAGE_ROWS = 1000;

/**
 * The condition for the rows after `last` (the key values of the previous page's last row) in the
 * source's order: a row value when every key runs one way (both databases compare those through
 * the index), else the spelled-out disjunction.
 */
function afterKeys(order: ExportSource['order'], last: readonly unknown[]): { sql: string; params: unknown[] } {
  if (order.every((o) => Boolean(o.desc) === Boolean(order[0].desc))) {
    const op = order[0].desc ? '<' : '>';
    if (order.length === 1) return { sql: `${order[0].expr} ${op} ?`, params: [last[0]] };
    return { sql: `(${order.map((o) => o.expr).join(', ')}) ${op} (${order.map(() => '?').join(', ')})`, params: [...last] };
  }
  const params: unknown[] = [];
  const alternatives = order.map((o, i) => {
    const equal = order.slice(0, i).map((e, j) => (params.push(last[j]), `${e.expr} = ?`));
    params.push(last[i]);
    return `(${[...equal, `${o.expr} ${o.desc ? '<' : '>'} ?`].join(' AND ')})`;
  });
  return { sql: `(${alternatives.join(' OR ')})`, params };
}

/**
 * A table's rows in its order, read `pageSize` at a time: each page starts after the last key of
 * the one before (keyset pagination: no OFFSET to walk, no read held open between pages).
 */
export async function* exportRows(db: SqlDriver, source: ExportSource, pageSize = EXPORT_PAGE_ROWS): AsyncGenerator<Row> {
  const keys = source.order.map((_o, i) => `_k${i}`);
  // the key values ride along under names of their own, taken off before a row is given out
  const select = source.select.replace(/^SELECT /, `SELECT ${source.order.map((o, i) => `${o.expr} AS ${keys[i]}`).join(', ')}, `);
  const limit = Math.max(1, Math.floor(pageSize));
  for (let last: unknown[] | null = null; ;) {
    const after: { sql: string; params: unknown[] } | null = last ? afterKeys(source.order, last) : null;
    const rows: Row[] = await db.all<Row>(
      `${select}${after ? ` WHERE ${after.sql}` : ''} ORDER BY ${orderBy(source.order)} LIMIT ${limit}`,
      after?.params ?? [],
    );
    if (!rows.length) return;
    const tail: Row = rows[rows.length - 1];
    last = keys.map((k): unknown => tail[k]);
    if (source.sentences) await fillSentences(db, rows as unknown as SentenceRow[]);
    for (const row of rows) {
      for (const k of keys) delete row[k];
      yield row;
    }
    if (rows.length < limit) return;
  }
}

/** The tables to export (all, or those named), their rows read as they are iterated. */
export function exportStreams(db: SqlDriver, opts: { tables?: readonly string[]; pageSize?: number } = {}): ExportTableStream[] {
  return exportSources(db.dialect)
    .filter((s) => !opts.tables || opts.tables.includes(s.name))
    .map((source) => ({ name: source.name, title: source.title, columns: source.columns, rows: () => exportRows(db, source, opts.pageSize) }));
}

/** Every table with all its rows, in memory. */
export async function buildExportTables(db: SqlDriver): Promise<ExportTable[]> {
  const tables: ExportTable[] = [];
  for (const t of exportStreams(db)) {
    const rows: Row[] = [];
    for await (const row of t.rows()) rows.push(row);
    tables.push({ name: t.name, title: t.title, columns: t.columns, rows });
  }
  return tables;
}
