/**
 * Units a table declares once instead of after every figure: a column header `总投资（亿元）`, or a
 * line `单位：万元` above the table. Tables reach the extractor flattened to text, either one cell a
 * line (an HTML table, each cell its own paragraph) or one row a line, cells parted by spaces or tabs.
 *
 * `declaredUnits` is pure: it returns, for the start offset of each bare figure in a table, the unit
 * and magnitude its column (or the table) declares and the words naming it (the column and the row).
 */
import type { UnitEntry } from './lexicon.ts';

export interface DeclaredUnit {
  unit: UnitEntry;
  /** The magnitude the declaration carries: 亿元 → 1e8. */
  factor: number;
  /** Where the bare figure ends (its digits). */
  end: number;
  /** The column's name and the row's name: 总投资 成渝中线高铁. */
  subject: string;
  /** The column's header as written (2021年末（亿元）) and the table's caption (表6：2021年末…), which may say when. */
  header?: string;
  caption?: string;
  /** The row's name when it is a time (a 年份 column's 2017年): it says when, before the header and caption. */
  row?: string;
}

const MAGNITUDE_PREFIXES: [string, number][] = [
  ['万亿', 1e12],
  ['千万', 1e7],
  ['百万', 1e6],
  ['十万', 1e5],
  ['亿', 1e8],
  ['万', 1e4],
  ['千', 1e3],
  ['百', 1e2],
];
/** A table's caption line: 表6：2021年末全部金融机构存贷款余额及其增长速度. */
const CAPTION = /^\s*(?:表|附表)\s*[0-9０-９一二三四五六七八九十]+\s*[：:．.、]?[^，。；]{0,60}$/;
/** A line that is prose, not a table row: it has the punctuation of a sentence. */
const PROSE = /[，。；！？,;!?]/;
const MAX_CELL_LINE = 80;
const MAX_COLUMNS = 24;
/** A figure cell; a table prints a decline with its sign (-2.6). */
const NUMERIC = /^[-−－]?[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?$/;
const HEADER_UNIT = /^(.{1,16}?)\s*[（(]\s*(?:单位[：:]\s*)?([^（()）\s]{1,5})\s*[)）]$/;
const TABLE_UNIT = /单位\s*[：:]\s*([^\s，。；（()）、]{1,5})/;
/** Columns that number or date the rows, whatever unit the table declares. */
/** A column that gives each row's unit. */
const UNIT_HEADER = /^(?:单位|计量单位)$/;
const INDEX_HEADER = /^(?:序号|编号|序|排名|排序|名次|年份|年度|时间|日期|代码|[^\s]{0,4}(?:时间|日期|年份))$/;

/** Reads a declared unit (亿元, 万人次, %, 公里) into a unit entry and the magnitude before it. */
export function readDeclaredUnit(written: string, units: readonly UnitEntry[]): { unit: UnitEntry; factor: number } | null {
  const exact = units.find((u) => u.surface === written && u.arabic);
  if (exact) return { unit: exact, factor: exact.scale };
  for (const [prefix, factor] of MAGNITUDE_PREFIXES) {
    if (!written.startsWith(prefix)) continue;
    const rest = units.find((u) => u.surface === written.slice(prefix.length) && u.arabic && u.scale === 1);
    if (rest) return { unit: rest, factor };
  }
  return null;
}

interface Cell {
  text: string;
  start: number;
  end: number;
}
interface Line {
  cells: Cell[];
  start: number;
  end: number;
}

/** The text's lines, each split into cells at runs of spaces, tabs or ideographic spaces. */
function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  let at = 0;
  for (const raw of text.split('\n')) {
    const cells: Cell[] = [];
    const re = /[^\s\u3000]+/g;
    for (let m = re.exec(raw); m; m = re.exec(raw)) cells.push({ text: m[0], start: at + m.index, end: at + m.index + m[0].length });
    lines.push({ cells, start: at, end: at + raw.length });
    at += raw.length + 1;
  }
  return lines;
}

const isTableLine = (line: Line, text: string) => {
  const s = text.slice(line.start, line.end).trim();
  return s.length > 0 && s.length <= MAX_CELL_LINE && !PROSE.test(s.replace(TABLE_UNIT, ''));
};
const cleanHeader = (s: string) => s.replace(/[（(].*$/, '').trim();

export function declaredUnits(text: string, units: readonly UnitEntry[]): Map<number, DeclaredUnit> {
  const out = new Map<number, DeclaredUnit>();
  // A cheap test first: most reports hold no table with a declared unit.
  if (!/[）)]\s*\n|单位\s*[：:]/.test(text)) return out;
  const lines = linesOf(text);
  for (let i = 0; i < lines.length;) {
    if (!isTableLine(lines[i], text)) {
      i++;
      continue;
    }
    // A block: table lines, blank lines between them allowed.
    const block: Line[] = [];
    let j = i;
    for (; j < lines.length && (lines[j].cells.length === 0 || isTableLine(lines[j], text)); j++) if (lines[j].cells.length) block.push(lines[j]);
    // A 单位 line may also close the prose line just above the table: （单位：亿元）
    const before = i > 0 ? text.slice(lines[i - 1].start, lines[i - 1].end) : '';
    const tableUnitWritten = block.map((l) => TABLE_UNIT.exec(text.slice(l.start, l.end))?.[1]).find(Boolean) ?? TABLE_UNIT.exec(before)?.[1];
    const tableUnit = tableUnitWritten ? readDeclaredUnit(tableUnitWritten, units) : null;
    const caption = CAPTION.test(before) ? before : undefined;
    readBlock(
      text,
      block.filter((l) => !TABLE_UNIT.test(text.slice(l.start, l.end))),
      tableUnit,
      units,
      out,
      caption,
    );
    i = j;
  }
  return out;
}

function readBlock(
  text: string,
  block: Line[],
  tableUnit: { unit: UnitEntry; factor: number } | null,
  units: readonly UnitEntry[],
  out: Map<number, DeclaredUnit>,
  caption?: string,
): void {
  // The header: the cells before the first figure.
  const first = block.findIndex((l) => l.cells.some((c) => NUMERIC.test(c.text)));
  if (first <= 0) {
    if (tableUnit) readLoose(text, block, tableUnit, out);
    return;
  }
  const headerLines = block.slice(0, first);
  const rowMode = headerLines.some((l) => l.cells.length > 1) || block[first].cells.length > 1;
  const headerCells = rowMode ? headerLines[headerLines.length - 1].cells : headerLines.map((l) => l.cells.map((c) => c.text).join(''));
  let headers = headerCells.map((c) => (typeof c === 'string' ? c : c.text));
  const columnUnit = (h: string) => {
    const m = HEADER_UNIT.exec(h);
    return m ? readDeclaredUnit(m[2], units) : null;
  };
  if (!headers.some((h) => columnUnit(h) || UNIT_HEADER.test(h)) && !tableUnit) return;
  if (rowMode) {
    for (const line of block.slice(first)) {
      const cells = line.cells;
      const rowName = cells.find((c) => !NUMERIC.test(c.text))?.text ?? '';
      cells.forEach((cell, k) => {
        // A row with fewer or more cells than the header (合计, a name with a space) lines up from the right.
        const column = cells.length === headers.length ? k : headers.length - (cells.length - k);
        declare(cell, column >= 0 ? headers[column] : '', rowName);
      });
    }
    return;
  }
  // One cell a line: the cells cycle through the columns. Where the header ends is not marked (the
  // first row's name stands before its first figure, a caption may stand above the header), so each
  // split is tried: the header is the one whose columns line up, every cell under a unit a figure.
  const allCells = joinWrappedHeaders(
    block.map((l) => ({ text: l.cells.map((c) => c.text).join(''), start: l.cells[0].start, end: l.cells[l.cells.length - 1].end })),
  );
  const split = (cells: typeof allCells): { skip: number; columns: number } | null => {
    let best: { skip: number; columns: number } | null = null;
    for (let skip = 0; skip <= 2; skip++) {
      // (A table has a few dozen columns at most: the search stays linear in the cells.)
      for (let end = skip + 2; end <= Math.min(first, skip + MAX_COLUMNS); end++) {
        const columns = end - skip;
        if ((cells.length - end) % columns !== 0 || (best && columns <= best.columns)) continue;
        const names = cells.slice(skip, end).map((c) => c.text);
        const unitColumns = names.map((h, k) => (columnUnit(h) ? k : -1)).filter((k) => k >= 0);
        if (!unitColumns.length && !tableUnit && !names.some((h) => UNIT_HEADER.test(h))) continue;
        // A figure or a table's caption (表3：…) is no column name.
        if (names.some((h) => NUMERIC.test(h) || /^(?:表|图)\s*[0-9０-９一二三四五六七八九十]+|[：:]/.test(h))) continue;
        let lined = true;
        for (let k = end; k < cells.length && lined; k++)
          if (unitColumns.includes((k - end) % columns) && !NUMERIC.test(cells[k].text) && !/^[-—–－/]$/.test(cells[k].text)) lined = false;
        if (lined) best = { skip, columns };
      }
    }
    return best;
  };
  // Lines after the last figure may be the next chart's caption or section's heading, not the table's.
  let lastFigure = allCells.length - 1;
  while (lastFigure > 0 && !NUMERIC.test(allCells[lastFigure].text) && !/^[-—–－/]$/.test(allCells[lastFigure].text)) lastFigure--;
  // First without them; when that lines up nothing, the last cells are the table's (a date column).
  let cells = allCells.slice(0, lastFigure + 1);
  let best = split(cells);
  if (!best && lastFigure < allCells.length - 1) {
    cells = allCells;
    best = split(cells);
  }
  if (!best) return;
  headers = cells.slice(best.skip, best.skip + best.columns).map((c) => c.text);
  const data = cells.slice(best.skip + best.columns);
  for (let k = 0; k < data.length; k++) {
    const rowStart = k - (k % headers.length);
    const row = data.slice(rowStart, rowStart + headers.length);
    const rowName = row.find((c) => !NUMERIC.test(c.text))?.text ?? '';
    const unitColumn = headers.findIndex((h) => UNIT_HEADER.test(h));
    declare(data[k], headers[k % headers.length], rowName, unitColumn >= 0 ? row[unitColumn]?.text : undefined);
  }

  /** `rowUnit`: the row's own cell under a 单位 column (产品名称 | 单位 | 产量: 汽车 | 万辆 | 62.6). */
  function declare(cell: Cell, header: string, rowName: string, rowUnit?: string): void {
    if (!NUMERIC.test(cell.text) || INDEX_HEADER.test(cleanHeader(header))) return;
    const declared = columnUnit(header) ?? (rowUnit ? readDeclaredUnit(rowUnit, units) : null) ?? tableUnit;
    if (declared) out.set(cell.start, declaredCell(declared, cell, header, rowName, caption));
  }
}

/** What a table declares of one cell: its unit, its column and row as its subject, and where it says when. */
function declaredCell(declared: { unit: UnitEntry; factor: number }, cell: Cell, header: string, rowName: string, caption?: string): DeclaredUnit {
  const row = ROW_TIME.test(rowName) ? rowName : undefined;
  const subject = [cleanHeader(header), rowName].filter(Boolean).join(' ');
  return { ...declared, end: cell.end, subject, header, ...(caption && { caption }), ...(row && { row }) };
}

/** A row named by a time alone: 2017年, 2021年末, 2022年一季度. */
const ROW_TIME = /^(?:19|20)\d{2}年(?:末|底|[一二三四]季度|上半年|下半年|(?:[1-9]|1[0-2])月)?$/;

/** A header cell's second line, as a page wraps it: 比例（%） under Ⅰ～Ⅲ类水质, （亿元） under 总投资 (a generic measure word at most, not a column's own name). */
const WRAPPED_UNIT = /^(?:比例|比重|占比|份额|增速|增幅|金额|数量|人数)?[（(][^（()）\s]{1,5}[)）]$/u;

/**
 * One cell a line, a header cell wrapped over two lines reads as two columns (Ⅰ～Ⅲ类水质 / 比例（%）):
 * before the first figure, a cell that is only a unit in brackets (with a word or two) joins the
 * name above it when that name declares none.
 */
function joinWrappedHeaders<C extends { text: string; start: number; end: number }>(cells: C[]): C[] {
  const firstFigure = cells.findIndex((c) => NUMERIC.test(c.text));
  const out: C[] = [];
  for (let k = 0; k < cells.length; k++) {
    const above = out[out.length - 1];
    const header = firstFigure < 0 || k < firstFigure;
    if (header && above && WRAPPED_UNIT.test(cells[k].text) && !/[（(]/.test(above.text) && !NUMERIC.test(above.text) && !/[：:]/.test(above.text)) {
      out[out.length - 1] = { ...above, text: above.text + cells[k].text, end: cells[k].end };
    } else out.push(cells[k]);
  }
  return out;
}

/** A table under 单位：… whose rows the text no longer keeps apart: each figure is named by the words before it. */
function readLoose(text: string, block: Line[], tableUnit: { unit: UnitEntry; factor: number }, out: Map<number, DeclaredUnit>): void {
  for (const line of block) {
    const s = text.slice(line.start, line.end);
    let name = '';
    const re = /([\u4e00-\u9fa5]+)|([0-9][0-9,]*(?:\.[0-9]+)?)/g;
    let first = true;
    for (let m = re.exec(s); m; m = re.exec(s)) {
      if (m[1]) name = m[1];
      else if (!/^[\u4e00-\u9fa5]/.test(s.slice(m.index + m[2].length)) && !(first && /^[0-9]{1,3}$/.test(m[2]))) {
        // (A number run into the words after it, or a small integer opening the line, numbers the row.)
        out.set(line.start + m.index, { ...tableUnit, end: line.start + m.index + m[2].length, subject: name });
      }
      first = false;
    }
  }
}
