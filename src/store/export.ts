/**
 * Writers for the store's tables (store.exportTables()): CSV with a BOM so Excel opens Chinese
 * right (csv-stringify), XLSX with one sheet per table and Chinese headers (exceljs), and JSON.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import type { ExportTable } from './types.ts';

export type ExportFormat = 'csv' | 'xlsx' | 'json';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'xlsx', 'json'];

const BOM = '\uFEFF';

type Cell = string | number | null;

/** A table as a grid: the Chinese header row, then one row per record in column order. */
export function tableGrid(table: ExportTable): Cell[][] {
  return [table.columns.map((c) => c.header), ...table.rows.map((row) => table.columns.map((c) => row[c.key] ?? null))];
}

/**
 * One table as CSV text, BOM first, CRLF line ends (what Excel expects). A field with a line break
 * of its own is quoted too: csv-stringify only quotes the record delimiter (CRLF) by default.
 */
export function gridToCsv(grid: readonly (readonly Cell[])[]): string {
  return (
    BOM +
    stringify(
      grid.map((r) => r.map((c) => (c === null ? '' : typeof c === 'string' ? defuseFormula(c) : c))),
      { record_delimiter: 'windows', quoted_match: /[\r\n]/ },
    )
  );
}

/**
 * A text cell that Excel would read as a formula (`=HYPERLINK(…)`, `+…`, `-…`, `@…`) gets a leading
 * apostrophe, as OWASP advises for CSV injection: the cell shows the text, nothing is evaluated.
 * Numbers stay numbers (a negative value is a number cell, not text).
 */
export function defuseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function tableToCsv(table: ExportTable): string {
  return gridToCsv(tableGrid(table));
}

/**
 * Every table in one workbook, a sheet per table named by its Chinese title. Written with exceljs's
 * streaming writer: rows are committed as they go instead of building the whole workbook in memory.
 */
export async function tablesToXlsx(tables: readonly ExportTable[]): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  workbook.creator = 'twincity';
  workbook.created = new Date(0); // deterministic output for the same store
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.title, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = table.columns.map((c) => ({ header: c.header, key: c.key, width: Math.max(8, Math.min(40, c.header.length * 3)) }));
    sheet.getRow(1).font = { bold: true };
    for (const row of table.rows) {
      sheet.addRow(table.columns.map((c) => row[c.key] ?? null)).commit();
    }
    sheet.commit();
  }
  await workbook.commit();
  await finished;
  return Buffer.concat(chunks);
}

/** Reads a workbook written by tablesToXlsx back into grids keyed by sheet name. */
export async function xlsxToGrids(data: Buffer | Uint8Array): Promise<Map<string, Cell[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  const grids = new Map<string, Cell[][]>();
  workbook.eachSheet((sheet) => {
    const width = sheet.columnCount;
    const grid: Cell[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => {
      const cells: Cell[] = [];
      for (let i = 1; i <= width; i++) {
        const v = row.getCell(i).value;
        cells.push(v === null || v === undefined ? null : typeof v === 'number' ? v : String(v));
      }
      grid.push(cells);
    });
    grids.set(sheet.name, grid);
  });
  return grids;
}

/** `{ "<table>": [ {column: value, …}, … ], … }` with the machine column names. */
export function tablesToJson(tables: readonly ExportTable[]): string {
  return JSON.stringify(Object.fromEntries(tables.map((t) => [t.name, t.rows])), null, 2) + '\n';
}
