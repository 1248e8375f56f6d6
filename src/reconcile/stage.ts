/**
 * The reconcile stage a single report goes through: every figure filed under its indicator
 * (indicator.ts; in the report's order, context.ts), so `twincity extract` prints it and the store
 * keeps it with its reason. Series,
 * duplicates and conflicts need every report, and are the store's (series.ts over stored facts).
 */
import type { Document, Stage } from '../document/index.ts';
import { loadCatalog, type Catalog } from './catalog.ts';
import { fileFigures } from './context.ts';
import { withoutPlaces } from './indicator.ts';

export function indicatorStage(catalog: Catalog = loadCatalog()): Stage {
  const stage: Stage = {
    name: 'reconcile.indicators',
    version: '7',
    requires: ['quantities'],
    assigns: ['quantities'],
    run(doc: Document) {
      // In the report's order: a figure may take what it measures from one before it (context.ts).
      const filed = fileFigures(doc.quantities, catalog, withoutPlaces);
      doc.quantities.forEach((q, i) => {
        q.indicator = filed[i]?.id ?? null;
        q.indicatorRule = filed[i]?.rule ?? null;
      });
      return doc;
    },
  };
  return stage;
}
