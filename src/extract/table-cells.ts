/**
 * Bare figures in a table: a cell with no unit of its own takes the unit, the subject and the period
 * its column header or the table's caption declares (总投资（亿元）, 单位：万元, 2021年末（亿元）).
 */
import type { Cue, Period } from '../document/index.ts';
import type { UnitEntry } from './lexicon.ts';
import { scaleExact } from './numbers.ts';
import { declaredUnits, type DeclaredUnit } from './tables.ts';
import { timeExpressionsOf, type TimeContext, type TimeExpression } from './time.ts';
import type { Reading } from './units.ts';

/** What the tables of a report say of their bare cells, by the cell's start. */
export interface TableCells {
  /** The column's (or caption's) name: the cell's subject. */
  subjects: Map<number, string>;
  /** What a table's column header or caption says of when (2021年末（亿元）): its cells' period. */
  periods: Map<number, { period: Period; cue: Cue }>;
}

/** Gives each bare table cell among `readings` its declared unit (scaling the value), and reads its subject and period. */
export function readTableCells(text: string, readings: readonly Reading[], units: readonly UnitEntry[], time: TimeContext): TableCells {
  const tableSubjects = new Map<number, string>();
  const tablePeriods = new Map<number, { period: Period; cue: Cue }>();
  /** A header or caption is read once, not once per cell under it. */
  const tableTimes = new Map<string, TimeExpression[]>();
  const declared = declaredUnits(text, units);
  for (const r of declared.size ? readings : []) {
    const d = declared.get(r.number.start);
    if (r.unit || !d || d.end !== r.number.end || r.number.magnitude || r.number.percent || r.number.kind !== 'arabic') continue;
    r.number = {
      ...r.number,
      value: scaleExact(r.number.value, d.factor),
      ...(r.number.valueMax !== undefined ? { valueMax: scaleExact(r.number.valueMax, d.factor) } : {}),
    };
    r.unit = d.unit;
    tableSubjects.set(r.number.start, d.subject);
    const said = tableTime(d, time, tableTimes);
    if (said) tablePeriods.set(r.number.start, said);
  }
  return { subjects: tableSubjects, periods: tablePeriods };
}

/** The period a table's row (when a time names it), else its column header, else its caption, states (a span, not a comparison's base). */
function tableTime(d: DeclaredUnit, time: TimeContext, memo: Map<string, TimeExpression[]>): { period: Period; cue: Cue } | null {
  for (const written of [d.row, d.header, d.caption]) {
    if (!written) continue;
    let times = memo.get(written);
    if (!times) memo.set(written, (times = timeExpressionsOf(written, time)));
    const t = times.find((x) => x.period.end !== null && !/(?:较|比|同比)$/.test(written.slice(Math.max(0, x.start - 2), x.start)));
    if (t) return { period: t.period, cue: { level: 'heading', span: null, text: written.slice(t.start, t.end) } };
  }
  return null;
}
