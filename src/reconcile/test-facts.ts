/** Facts for the reconcile tests: a figure of one report with the defaults the tests do not vary. */
import type { ReconcileFact } from './series.ts';

let nextId = 1;

export function reconcileFact(init: Partial<ReconcileFact> & Pick<ReconcileFact, 'value'>): ReconcileFact {
  return {
    quantityId: nextId++,
    reportId: 1,
    unit: '项',
    subject: 's',
    valueMax: null,
    approx: 'exact',
    measure: 'level',
    period: null,
    region: '成渝',
    refDate: '2022-06-28',
    ...init,
  };
}
