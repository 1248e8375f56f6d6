/**
 * Filing: quantities to their indicators (a catalogue entry, else an automatic one named after the
 * subject), what reconciling reads copied into indicator_facts, and the indicators they leave and
 * join marked dirty for the next refreshDerived().
 */
import { assignIndicators } from '../reconcile/index.ts';
import { insertRows, type StoreContext } from './context.ts';
import { followMerges } from './curation.ts';
import { factFigureCells, FACT_FIGURE_COLUMNS, FILING_COLUMNS, type QuantityRow } from './quantity-columns.ts';
import { filingFactOfRow, type FilingFact } from './rows.ts';

/** The indicators of the assignments not yet inserted or marked dirty in this transaction: inserted (automatic ones) and marked. */
async function markIndicators(
  ctx: StoreContext,
  indicatorIds: readonly string[],
  auto: readonly { id: string; nameZh: string; unit: string; measure: string }[],
): Promise<void> {
  const unmarked = [...new Set(indicatorIds)].filter((id) => !ctx.markedInTransaction.has(id));
  if (!unmarked.length) return;
  const newIndicators = auto.filter((a) => unmarked.includes(a.id));
  await insertRows(
    ctx.db,
    `INSERT INTO indicators (id, name_zh, name_en, area, unit, measure, catalogued, description, patterns) VALUES `,
    "(?, ?, NULL, NULL, ?, ?, 0, NULL, '[]')",
    newIndicators.map((a) => [a.id, a.nameZh, a.unit, a.measure]),
    ' ON CONFLICT DO NOTHING',
  );
  await insertRows(
    ctx.db,
    'INSERT INTO dirty_indicators (indicator_id) VALUES ',
    '(?)',
    unmarked.map((id) => [id]),
    ' ON CONFLICT DO NOTHING',
  );
  for (const id of unmarked) ctx.markedInTransaction.add(id);
}

/** indicator_facts' columns: the indicator, the quantity's place, its figure's values (but its status), its report's date. */
const FACT_COLUMNS = ['indicator_id', 'report_id', 'ord', 'quantity_id', ...FACT_FIGURE_COLUMNS.map((c) => c.column!), 'ref_date'];

/**
 * Gives quantities their indicators (a catalogue entry, else an automatic one named after the
 * subject), copies what reconciling reads into indicator_facts and marks the indicators dirty.
 */
export async function assign(ctx: StoreContext, all: readonly FilingFact[], only?: ReadonlySet<number>): Promise<void> {
  // A rejected figure is filed nowhere; a moved one goes where the analyst put it; merges are followed.
  const context = all.filter((f) => !f.rejected);
  // `only`: the figures to file; the others of their reports are read as context (a figure can take
  // what it measures from the one before it), as when the whole report was filed
  const facts = only ? context.filter((f) => only.has(f.quantityId)) : context;
  const machine = assignIndicators(
    context.filter((f) => !f.indicatorOverride),
    ctx.catalog,
  );
  const assignments = [
    ...(only ? machine.assignments.filter((a) => only.has(a.quantityId)) : machine.assignments),
    ...facts.filter((f) => f.indicatorOverride).map((f) => ({ quantityId: f.quantityId, indicatorId: f.indicatorOverride! })),
  ].map((a) => ({ ...a, indicatorId: followMerges(a.indicatorId, ctx.mergedInto) }));
  const used = new Set(assignments.map((a) => a.indicatorId));
  const auto = machine.auto.filter((a) => used.has(a.id));
  if (!assignments.length) return;
  const indicatorOf = new Map(assignments.map((a) => [a.quantityId, a.indicatorId]));
  await markIndicators(
    ctx,
    assignments.map((a) => a.indicatorId),
    auto,
  );
  const filed = facts.filter((f) => indicatorOf.has(f.quantityId));
  await insertRows(
    ctx.db,
    'INSERT INTO quantity_indicator (quantity_id, indicator_id) VALUES ',
    '(?, ?)',
    filed.map((f) => [f.quantityId, indicatorOf.get(f.quantityId)]),
  );
  // A target is filed under what it targets, but is no point of its series and no side of a
  // conflict: 力争2025年达到5000列 is not an achievement to chart or to contradict.
  const assigned = filed.filter((f) => f.status !== 'target');
  await insertRows(
    ctx.db,
    `INSERT INTO indicator_facts (${FACT_COLUMNS.join(', ')}) VALUES `,
    `(${FACT_COLUMNS.map(() => '?').join(', ')})`,
    assigned.map((f) => [indicatorOf.get(f.quantityId), f.reportId, f.ord, f.quantityId, ...factFigureCells(f), f.refDate]),
  );
}

/** Files quantities again as their rows now read, marking the indicators they leave and join dirty. Inside a transaction. */
export async function refile(ctx: StoreContext, quantityIds: readonly number[]): Promise<void> {
  const { db } = ctx;
  for (let at = 0; at < quantityIds.length; at += 500) {
    const part = quantityIds.slice(at, at + 500);
    const marks = part.map(() => '?').join(', ');
    const left = await db.all<{ indicator_id: string }>(`SELECT DISTINCT indicator_id FROM quantity_indicator WHERE quantity_id IN (${marks})`, part);
    for (const { indicator_id: id } of left) {
      await db.run(`DELETE FROM indicator_facts WHERE indicator_id = ? AND quantity_id IN (${marks})`, [id, ...part]);
      await db.run('INSERT INTO dirty_indicators (indicator_id) VALUES (?) ON CONFLICT DO NOTHING', [id]);
    }
    await db.run(`DELETE FROM quantity_indicator WHERE quantity_id IN (${marks})`, part);
    ctx.markedInTransaction.clear();
    // every figure of their reports, so each is filed in its context as on ingest
    const rows = await db.all<QuantityRow & { ref_date: string | null }>(
      `SELECT ${FILING_COLUMNS} FROM quantities q JOIN reports r ON r.id = q.report_id
       WHERE q.report_id IN (SELECT DISTINCT report_id FROM quantities WHERE id IN (${marks})) ORDER BY q.report_id, q.ord`,
      part,
    );
    await assign(ctx, rows.map(filingFactOfRow), new Set(part));
  }
}

/** Every quantity to its indicator again (the catalogue changed), leaving every indicator dirty. Inside a transaction. */
export async function reassignAll(ctx: StoreContext): Promise<void> {
  // Conflicts first: deleting points then finds no conflict pointing at them.
  for (const table of [
    'conflict_members',
    'conflicts',
    'point_sources',
    'series_points',
    'quantity_indicator',
    'indicator_facts',
    'dirty_indicators',
    'indicators',
  ]) {
    await ctx.db.run(`DELETE FROM ${table}`);
  }
  for (let after = 0; ;) {
    let rows = await ctx.db.all<QuantityRow & { ref_date: string | null }>(
      `SELECT ${FILING_COLUMNS} FROM quantities q JOIN reports r ON r.id = q.report_id WHERE q.id > ? ORDER BY q.id LIMIT ${REFILE_PAGE}`,
      [after],
    );
    if (!rows.length) break;
    // A full page ends at a report's end (its figures are filed in their context): the last report's
    // figures wait for the next page, unless that report alone fills the page.
    if (rows.length === REFILE_PAGE) {
      // (trimmed from the end only, so that no row before `after` is ever left out)
      const lastReport = rows[rows.length - 1].report_id;
      let end = rows.length;
      while (end > 0 && rows[end - 1].report_id === lastReport) end--;
      if (end > 0) rows = rows.slice(0, end);
    }
    after = rows[rows.length - 1].id;
    await assign(ctx, rows.map(filingFactOfRow));
  }
}

/** Figures read per page when everything is filed again. */
const REFILE_PAGE = 5000;
