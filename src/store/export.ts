/**
 * Writers for the store's tables: CSV with a BOM so Excel opens Chinese right (csv-stringify), XLSX
 * with one sheet per table and Chinese headers (exceljs), JSON and JSON Lines. Each writes a stream
 * as the rows come (store.exportStreams() reads them a page at a time), so an export of any size
 * holds a page in memory; the in-memory forms (tableToCsv, tablesToXlsx, tablesToJson) are the
 * same writers over tables already read.
 */
import { PassThrough, Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setImmediate } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import { stringify as csvStringifier } from 'csv-stringify';
import { stringify } from 'csv-stringify/sync';
import type { ExportRow, ExportTable, ExportTableStream } from './types.ts';

export { EXPORT_FORMATS, type ExportFormat } from './export-formats.ts';

const BOM = '\uFEFF';

type Cell = string | number | null;

/** A field with a line break of its own is quoted too: csv-stringify only quotes the record delimiter (CRLF) by default. */
const CSV_OPTIONS = { record_delimiter: 'windows', quoted_match: /[\r\n]/ } as const;

/** A table already read, as a stream of its rows. */
export function streamOfTable(table: ExportTable): ExportTableStream {
  const { rows, ...rest } = table;
  return {
    ...rest,
    rows: async function* () {
      yield* rows;
    },
  };
}

/** A table as a grid: the Chinese header row, then one row per record in column order. */
export function tableGrid(table: ExportTable): Cell[][] {
  return [table.columns.map((c) => c.header), ...table.rows.map((row) => table.columns.map((c) => row[c.key] ?? null))];
}

const csvCell = (c: Cell) => (c === null ? '' : typeof c === 'string' ? defuseFormula(c) : c);

/** One table as CSV text, BOM first, CRLF line ends (what Excel expects). */
export function gridToCsv(grid: readonly (readonly Cell[])[]): string {
  return (
    BOM +
    stringify(
      grid.map((r) => r.map(csvCell)),
      CSV_OPTIONS,
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

/** A table's records for CSV: the header, then each row's cells in column order, formulas defused. */
async function* csvRecords(table: ExportTableStream): AsyncGenerator<(string | number)[]> {
  yield table.columns.map((c) => csvCell(c.header));
  for await (const row of table.rows()) yield table.columns.map((c) => csvCell(row[c.key] ?? null));
}

/** One table as a CSV stream (what tableToCsv writes), written as its rows are read. */
export function csvStream(table: ExportTableStream): Readable {
  const out = new PassThrough();
  out.write(BOM);
  // pipeline ends `out` when the rows are done, and destroys it with the error when reading fails
  pipeline(Readable.from(csvRecords(table)), csvStringifier(CSV_OPTIONS), out).catch((error: unknown) => out.destroy(error as Error));
  return out;
}

/** A stream of the chunks a generator gives; a failure destroys the stream with it. */
const textStream = (chunks: AsyncIterable<string>): Readable => Readable.from(chunks, { objectMode: false });

/**
 * `{ "<table>": [ {column: value, …}, … ], … }` with the machine column names, two-space indented
 * (what JSON.stringify(…, null, 2) writes), written a row at a time.
 */
export function jsonStream(tables: readonly ExportTableStream[]): Readable {
  return textStream(
    (async function* () {
      if (!tables.length) {
        yield '{}\n';
        return;
      }
      yield '{';
      for (const [t, table] of tables.entries()) {
        yield `${t ? ',' : ''}\n  ${JSON.stringify(table.name)}: [`;
        let n = 0;
        // a row holds no nested values, so its lines only need the array's indent
        for await (const row of table.rows()) yield `${n++ ? ',' : ''}\n    ${JSON.stringify(row, null, 2).replace(/\n/g, '\n    ')}`;
        yield n ? '\n  ]' : ']';
      }
      yield '\n}\n';
    })(),
  );
}

/** JSON Lines: one `{"table": name, "row": {…}}` per record, table after table. */
export function jsonLinesStream(tables: readonly ExportTableStream[]): Readable {
  return textStream(
    (async function* () {
      for (const table of tables) {
        const name = JSON.stringify(table.name);
        for await (const row of table.rows()) yield `{"table":${name},"row":${JSON.stringify(row)}}\n`;
      }
    })(),
  );
}

/**
 * Resolves once `out` has room again (or has closed): the workbook writer does not wait for its
 * reader, so rows are not read faster than they are taken away.
 */
function roomIn(out: PassThrough): Promise<void> | undefined {
  if (out.destroyed) throw new Error('export stream closed');
  return out.writableNeedDrain ? drainedOrClosed(out) : undefined;
}

/** Resolves at the stream's next `drain` (or its `close`, so that a gone reader ends the wait). */
function drainedOrClosed(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

/** archiver's streams are readable-stream 2's, which keep their state under `_writableState`. */
type LegacyWritable = Writable & { _writableState?: { needDrain: boolean } };

/**
 * Resolves once the compressor a sheet feeds has room again. exceljs's sheet stream writes to
 * archiver's deflate stream without looking at its answer (exceljs issues #1894, #2916), so rows
 * read from the store faster than zlib compresses them piled up, uncompressed, in the stream
 * archiver puts before its compressor: 0.85 GB for 100,000 reports. `sheet.stream.pipes[0]` is that
 * stream, a readable-stream 2 PassThrough (no `writableNeedDrain`; its state says the same).
 */
function roomInDeflate(sheet: SheetWriter): Promise<void> | undefined {
  const deflate = (sheet as unknown as { stream: { pipes?: LegacyWritable[] } }).stream.pipes?.[0];
  return deflate && (deflate.writableNeedDrain ?? deflate._writableState?.needDrain) ? drainedOrClosed(deflate) : undefined;
}

/** Rows the workbook writer commits between turns of the event loop. */
const YIELD_ROWS = 500;

/**
 * Rows per sheet: Excel opens at most 1,048,576 rows a sheet, so a long table (a million reports'
 * figures) continues on sheets 数值 (2), 数值 (3)… rather than making a workbook Excel refuses.
 */
export const XLSX_SHEET_ROWS = 100_000;

type SheetWriter = ReturnType<ExcelJS.stream.xlsx.WorkbookWriter['addWorksheet']>;

function openSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, table: ExportTableStream, part: number): SheetWriter {
  const sheet = workbook.addWorksheet(part === 1 ? table.title : `${table.title} (${part})`, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((c) => ({ header: c.header, key: c.key, width: Math.max(8, Math.min(40, c.header.length * 3)) }));
  sheet.getRow(1).font = { bold: true };
  return sheet;
}

/** Writes every table into a workbook writer, a sheet per table (or per XLSX_SHEET_ROWS of it), committing each row as it comes. */
async function writeSheets(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  out: PassThrough,
  tables: readonly ExportTableStream[],
  sheetRows = XLSX_SHEET_ROWS,
): Promise<void> {
  workbook.creator = 'twincity';
  workbook.created = new Date(0); // deterministic output for the same store
  for (const table of tables) {
    let part = 1;
    let sheet = openSheet(workbook, table, part);
    let n = 0;
    for await (const row of table.rows()) {
      if (n > 0 && n % sheetRows === 0) {
        sheet.commit();
        sheet = openSheet(workbook, table, ++part);
      }
      sheet.addRow(table.columns.map((c) => row[c.key] ?? null)).commit();
      // the zip is compressed off the event loop: let it run (a page read from SQLite never waits)
      if (++n % YIELD_ROWS === 0) await setImmediate();
      await roomIn(out);
      await roomInDeflate(sheet);
    }
    sheet.commit();
  }
  await workbook.commit();
}

/**
 * Every table in one workbook, a sheet per table named by its Chinese title, through exceljs's
 * streaming writer: rows are committed to the zip as they are read, never a whole workbook in memory.
 */
export function xlsxStream(tables: readonly ExportTableStream[], options: { sheetRows?: number } = {}): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  writeSheets(workbook, out, tables, options.sheetRows).catch((error: unknown) => out.destroy(error as Error));
  return out;
}

/** A stream's bytes, whole. */
async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}

/** The workbook xlsxStream writes, in memory. */
export function tablesToXlsx(tables: readonly ExportTable[]): Promise<Buffer> {
  return bytesOf(xlsxStream(tables.map(streamOfTable)));
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

/** The rows of a JSON Lines export, by table. */
export function parseJsonLines(text: string): Map<string, ExportRow[]> {
  const tables = new Map<string, ExportRow[]>();
  for (const line of text.split('\n').filter(Boolean)) {
    const { table, row } = JSON.parse(line) as { table: string; row: ExportRow };
    const rows = tables.get(table) ?? [];
    rows.push(row);
    tables.set(table, rows);
  }
  return tables;
}
