/**
 * The Circle's key areas are one list, src/reconcile/catalog.ts's KEY_AREA_NAMES: the store's
 * KEY_AREAS, the server's schemas and the dashboard's list (typed against it, as web/ may not import
 * server code at run time) are it, in its order, and so are the catalogue's `areas:` in data/indicators.yaml.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { expect, it } from 'vitest';
import { KEY_AREA_NAMES } from '../src/reconcile/catalog.ts';
import { KEY_AREAS as WEB_KEY_AREAS } from '../web/src/i18n.tsx';
import { repoRoot } from './helpers.ts';

it('the dashboard and the catalogue file list the key areas of src/reconcile, in its order', () => {
  expect(WEB_KEY_AREAS).toEqual([...KEY_AREA_NAMES]);
  const catalogue = parse(readFileSync(join(repoRoot, 'data/indicators.yaml'), 'utf8')) as { areas: Record<string, unknown> };
  expect(Object.keys(catalogue.areas)).toEqual([...KEY_AREA_NAMES]);
});
