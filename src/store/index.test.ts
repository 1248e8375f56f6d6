import { expect, it } from 'vitest';
import * as store from './index.ts';
import * as reconcile from '../reconcile/index.ts';

// The names the API, the CLI and ingest code against: add, don't rename.
it('pins the public exports', () => {
  expect(Object.keys(store).sort()).toEqual([
    'KEY_AREAS',
    'ROLES',
    'SqlStore',
    'StoreError',
    'hanBigrams',
    'indexTokens',
    'isDatabaseUrl',
    'listMigrations',
    'makeSnippet',
    'openExistingStore',
    'openStore',
    'queryTokens',
    'queryWords',
    'referenceDate',
    'resolveStorePath',
    'storedContentCheck',
  ]);
  expect(Object.keys(reconcile).sort()).toEqual([
    'ABOUT_TOLERANCE',
    'CatalogError',
    'DEFAULT_CONFLICT_WINDOW_DAYS',
    'KEY_AREA_NAMES',
    'REASON_VALUES',
    'acceptsUnit',
    'allowedRange',
    'areasOf',
    'assignIndicators',
    'autoIndicatorId',
    'buildCatalog',
    'buildSeries',
    'compatible',
    'defaultCatalogPath',
    'describeFigure',
    'describeGroup',
    'effectivePeriod',
    'fileFigure',
    'filingLexiconText',
    'findConflictGroups',
    'findConflicts',
    'groupName',
    'headPhrase',
    'indicatorStage',
    'loadCatalog',
    'matchIndicator',
    'normalizeSubject',
    'pointDate',
    'sameMoment',
    'sweepConflicts',
    'unitKind',
    'withoutPlaces',
  ]);
  // The store's key areas and the catalogue's are one list.
  expect([...store.KEY_AREAS]).toEqual([...reconcile.KEY_AREA_NAMES]);
});
