/**
 * The reconcile stage a single report goes through: every figure filed under its indicator
 * (indicator.ts), so `twincity extract` prints it and the store keeps it with its reason. Series,
 * duplicates and conflicts need every report, and are the store's (series.ts over stored facts).
 */
import type { Document, Stage } from '../document/index.ts';
import { loadCatalog, type Catalog } from './catalog.ts';
import { fileFigure, withoutPlaces } from './indicator.ts';

export function indicatorStage(catalog: Catalog = loadCatalog()): Stage {
  const stage: Stage = {
    name: 'reconcile.indicators',
    version: '3',
    requires: ['quantities'],
    assigns: ['quantities'],
    run(doc: Document) {
      for (const q of doc.quantities) {
        const filing = fileFigure(q, catalog, withoutPlaces);
        q.indicator = filing?.id ?? null;
        q.indicatorRule = filing?.rule ?? null;
      }
      return doc;
    },
  };
  return stage;
}
