import { describe, expect, it } from 'vitest';
import { tablesToJson, tablesToXlsx, tableToCsv, xlsxToGrids, gridToCsv } from './export.ts';
import { displayWidth, formatFigure, renderTable, truncate } from './text-table.ts';
import type { ExportTable } from './types.ts';

const table: ExportTable = {
  name: 'quantities',
  title: '数据',
  columns: [
    { key: 'id', header: '编号' },
    { key: 'surface', header: '原文' },
    { key: 'sentence', header: '所在句子' },
    { key: 'value', header: '数值' },
  ],
  rows: [
    { id: 1, surface: '300余家', sentence: '两地300余家零部件企业参与对方整车配套,协同建设"成渝氢走廊"', value: 300 },
    { id: 2, surface: '49.28万人次', sentence: '第一行\n第二行', value: 492800.5 },
    { id: 3, surface: null, sentence: '', value: null },
  ],
};

describe('export writers', () => {
  it('defuses text cells Excel would run as formulas, and leaves numbers alone', () => {
    const csv = gridToCsv([
      ['标题', '数值'],
      ['=HYPERLINK("http://x","点我")', -5],
      ['@SUM(A1)', 3],
      ['+1', 0],
      ['-2', 1],
      ['川渝通办', 2],
    ]);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[1].startsWith(`"'=HYPERLINK(`)).toBe(true);
    expect(lines[1].endsWith(',-5')).toBe(true);
    expect(lines.slice(2, 6)).toEqual(["'@SUM(A1),3", "'+1,0", "'-2,1", '川渝通办,2']);
  });

  it('writes CSV with a BOM, CRLF rows, Chinese headers and quoted fields', () => {
    const csv = tableToCsv(table);
    expect(csv.startsWith('\uFEFF编号,原文,所在句子,数值\r\n')).toBe(true);
    expect(csv).toContain('"两地300余家零部件企业参与对方整车配套,协同建设""成渝氢走廊"""');
    expect(csv).toContain('"第一行\n第二行"');
    expect(csv.endsWith('3,,,\r\n')).toBe(true);
  });

  it('writes one XLSX sheet per table that reads back to the CSV cells', async () => {
    const other: ExportTable = { ...table, name: 'events', title: '事件', rows: [] };
    const grids = await xlsxToGrids(await tablesToXlsx([table, other]));
    expect([...grids.keys()]).toEqual(['数据', '事件']);
    expect(grids.get('数据')![0]).toEqual(['编号', '原文', '所在句子', '数值']);
    expect(grids.get('数据')![2][3]).toBe(492800.5);
    expect(gridToCsv(grids.get('数据')!)).toBe(tableToCsv(table));
    expect(grids.get('事件')).toEqual([['编号', '原文', '所在句子', '数值']]);
  });

  it('writes JSON keyed by table name with machine column names', () => {
    expect(JSON.parse(tablesToJson([table]))).toEqual({ quantities: table.rows });
  });
});

describe('text tables', () => {
  it('pads by display width, Chinese counting two columns', () => {
    expect(displayWidth('高铁ab')).toBe(6);
    const out = renderTable(
      [
        { a: '高铁', b: 1 },
        { a: 'x', b: 22 },
      ],
      [
        { header: '名称', value: (r) => r.a },
        { header: 'n', value: (r) => r.b, align: 'right' },
      ],
    );
    const lines = out.trimEnd().split('\n');
    expect(lines.map(displayWidth)).toEqual([8, 8, 8, 8]);
    expect(lines[3]).toBe('x     22');
  });

  it('truncates to a width and formats figures with their qualifier', () => {
    expect(truncate('成渝地区双城经济圈', 9)).toBe('成渝地区…');
    expect(displayWidth(truncate('成渝地区双城经济圈', 9))).toBeLessThanOrEqual(9);
    expect(formatFigure({ value: 300, unit: '家', approx: 'over' })).toBe('超300家');
    expect(formatFigure({ value: 492800, unit: '人次', approx: 'exact' })).toBe('49.28万人次');
    expect(formatFigure({ value: 770000000000, unit: '元', approx: 'about' })).toBe('约7700亿元');
  });
});
