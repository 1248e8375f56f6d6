// The change log: a store that held reports before the log began does not log its old points and
// conflicts as new when their indicators are rebuilt; what a new report brings is logged, once.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { processDocument } from '../pipeline.ts';
import { readBytes } from '../read/index.ts';
import { openStore, type Store } from './index.ts';

const report = (name: string, text: string) => processDocument(readBytes(new TextEncoder().encode(text), { location: `/r/${name}.txt` })[0]);
const A = report('a', '成渝汽车产业协同发展取得新进展\n\n2024年6月28日\n\n截至目前，两地共有130家零部件企业参与对方整车配套。\n');
const B = report('b', '川渝汽车产业链持续壮大\n\n2024年6月30日\n\n截至目前，两地共有300余家零部件企业参与对方整车配套。\n');
const C = report('c', '成渝汽车产业链再添新成员\n\n2024年9月30日\n\n截至目前，两地共有420家零部件企业参与对方整车配套。\n');

describe('change log', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tc-changes-log-'));
  const path = join(dir, 'o.db');
  let store: Store;
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts at its migration: old points and conflicts are no change, new ones are', async () => {
    store = await openStore(path);
    await store.ingestDocument(A);
    await store.ingestDocument(B);
    await store.refreshDerived();
    expect((await store.changes({ kinds: ['conflict'] })).length).toBe(1);
    await store.close();
    // as a store made before the log: its reports are the baseline, nothing of theirs logged
    const db = new Database(path);
    db.exec("DELETE FROM changes; UPDATE store_meta SET value = (SELECT CAST(max(id) AS TEXT) FROM reports) WHERE key = 'changes_baseline_report'");
    db.close();
    store = await openStore(path);
    await store.refreshDerived({ full: true });
    expect(await store.changes()).toEqual([]);

    await store.ingestDocument(C);
    await store.refreshDerived();
    const changes = await store.changes();
    expect(changes.map((c) => c.kind).sort()).toEqual(['point', 'report']);
    expect(changes.find((c) => c.kind === 'point')!.title).toMatch(/420家/);
    // a rebuild logs nothing again
    await store.refreshDerived({ full: true });
    expect((await store.changes()).length).toBe(changes.length);
  });
});
