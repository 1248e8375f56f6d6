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

  it('logs a conflict once per group: not the groups an upgraded store had as pairs, but a group a new report brings', async () => {
    const path2 = join(dir, 'upgraded.db');
    let upgraded = await openStore(path2);
    await upgraded.ingestDocument(A);
    await upgraded.ingestDocument(B);
    await upgraded.refreshDerived();
    await upgraded.close();
    // as a store whose conflicts were logged as pairs before migration 013
    const db = new Database(path2);
    db.exec(`UPDATE changes SET key = 'pair-' || key WHERE kind = 'conflict';
      UPDATE store_meta SET value = (SELECT CAST(max(id) AS TEXT) FROM reports) WHERE key = 'conflict_groups_baseline_report'`);
    db.close();
    upgraded = await openStore(path2);
    try {
      await upgraded.refreshDerived({ full: true });
      expect((await upgraded.changes({ kinds: ['conflict'] })).length).toBe(1);
      // a third value for the same moment joins the group: the group is new to the log (its pair was not)
      const D = report('d', '川渝汽车配套再进一步\n\n2024年6月30日\n\n截至目前，两地共有150家零部件企业参与对方整车配套。\n');
      await upgraded.ingestDocument(D);
      await upgraded.refreshDerived();
      const conflicts = await upgraded.changes({ kinds: ['conflict'] });
      expect(conflicts.length).toBe(2);
      expect(conflicts.at(-1)!.detail).toMatchObject({ memberCount: 3 });
      expect(conflicts.at(-1)!.title).toMatch(/130家.*150家|150家.*130家/);
      // and once only
      await upgraded.refreshDerived({ full: true });
      expect((await upgraded.changes({ kinds: ['conflict'] })).length).toBe(2);
    } finally {
      await upgraded.close();
    }
  });
});
