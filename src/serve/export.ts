/**
 * The export downloads over the store's tables and writers (src/store/export.ts): CSV with a BOM
 * (one table), XLSX with one sheet per table and Chinese headers, JSON keyed by table name, or JSON
 * Lines. The body is a stream: rows are read from the store a page at a time and written as they
 * come. This module only picks the tables and names the file.
 */
import type { Readable } from 'node:stream';
import { csvStream, jsonLinesStream, jsonStream, xlsxStream } from '../store/export.ts';
import type { Store } from '../store/types.ts';
import { notFound } from './errors.ts';
import type { EXPORT_TABLES } from './schemas.ts';

import type { ExportFormat } from '../store/export-formats.ts';
export type { ExportFormat };
export type ExportTableName = (typeof EXPORT_TABLES)[number];

export interface ExportFile {
  filename: string;
  contentType: string;
  body: Readable;
}

/** CSV holds one table: the series (what an analyst charts in Excel) unless another is named. */
const DEFAULT_CSV_TABLE: ExportTableName = 'series';

export function exportResponse(store: Store, format: ExportFormat, tableName?: ExportTableName): ExportFile {
  const chosen = tableName ?? (format === 'csv' ? DEFAULT_CSV_TABLE : undefined);
  const tables = store.exportStreams(chosen ? { tables: [chosen] } : {});
  if (chosen && tables.length === 0) throw notFound(`table ${chosen}`);
  const stem = `twincity-${chosen ?? 'all'}`;
  switch (format) {
    case 'csv':
      return { filename: `${stem}.csv`, contentType: 'text/csv; charset=utf-8', body: csvStream(tables[0]) };
    case 'xlsx':
      return { filename: `${stem}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: xlsxStream(tables) };
    case 'json':
      return { filename: `${stem}.json`, contentType: 'application/json; charset=utf-8', body: jsonStream(tables) };
    case 'jsonl':
      return { filename: `${stem}.jsonl`, contentType: 'application/x-ndjson; charset=utf-8', body: jsonLinesStream(tables) };
  }
}
