import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDocument, makeSpan, textOf, type Document, type Quantity, type Span } from '../document/index.ts';
import { listMigrations, openStore, type Store } from './index.ts';
import { reportSearchTerms, searchTermsOf } from './search-terms.ts';
import { SERIES_SOURCES_INLINE, SOURCES_PER_POINT } from './sql-store.ts';
import { freshDatabase, postgresAvailable } from '../../test/postgres.ts';

/** The sentence (ending in 。) around an offset. */
function sentenceAt(text: string, offset: number): Span {
  const start = text.lastIndexOf('。', offset - 1) + 1;
  const stop = text.indexOf('。', offset);
  return makeSpan(text, start, stop < 0 ? text.length : stop + 1);
}

/** A quantity over the first occurrence of `surface` after `after` in the text. */
function q(
  text: string,
  surface: string,
  init: Omit<Quantity, 'span' | 'sentence' | 'stage' | 'status' | 'cues'> & Partial<Pick<Quantity, 'status' | 'cues'>>,
  after = 0,
): Quantity {
  const at = text.indexOf(surface, after);
  if (at < 0) throw new Error(`"${surface}" not in text`);
  return {
    span: makeSpan(text, at, at + surface.length),
    sentence: sentenceAt(text, at),
    stage: 'test@1',
    status: 'actual',
    cues: { period: null, region: null },
    ...init,
  } as Quantity;
}

function report(name: string, text: string, published: string | null, build: (text: string) => Partial<Document>, hash = name): Document {
  return createDocument({
    source: `${name}.txt`,
    location: `/reports/${name}.txt`,
    format: 'text',
    contentHash: hash,
    charset: 'utf-8',
    raw: text,
    text,
    meta: { title: name, published, author: null, site: null, url: null, categories: [] },
    ...build(text),
  });
}

const TEXT_A = '截至目前，两地共有130家零部件企业参与对方整车配套。目前已有210项政务服务“川渝通办”事项在两地持续落地。成渝中线高铁开工建设。';
const TEXT_B = '两地300余家零部件企业参与对方整车配套。311项政务服务"川渝通办"事项持续落地。2022年6月24日，氢能产业联盟成立。';

const docA = () =>
  report('a', TEXT_A, '2022-06-28', (t) => ({
    quantities: [
      q(t, '130家', {
        value: 130,
        unit: '家',
        approx: 'exact',
        measure: 'level',
        subject: '零部件企业参与对方整车配套',
        period: { start: null, end: '2022-06-28' },
        region: '成渝',
      }),
      q(t, '210项', {
        value: 210,
        unit: '项',
        approx: 'exact',
        measure: 'level',
        subject: '政务服务“川渝通办”事项',
        period: { start: null, end: '2022-06-28' },
        region: '成渝',
      }),
    ],
  }));
const docB = () =>
  report('b', TEXT_B, null, (t) => {
    const at = t.indexOf('2022年6月24日');
    return {
      quantities: [
        q(t, '300余家', { value: 300, unit: '家', approx: 'over', measure: 'level', subject: '零部件企业参与对方整车配套', period: null, region: '成渝' }),
        q(t, '311项', { value: 311, unit: '项', approx: 'exact', measure: 'level', subject: '政务服务"川渝通办"事项', period: null, region: '成渝' }),
      ],
      events: [{ span: makeSpan(t, at, t.length - 1), date: '2022-06-24', summary: '氢能产业联盟成立', sentence: sentenceAt(t, at), stage: 'test@1' }],
      items: [],
    };
  });

let dir: string;
let store: Store;
let cleanup: () => Promise<void> = async () => undefined;

/** The two databases the store runs on; every behaviour below holds on both. */
const backends = [
  {
    name: 'SQLite',
    available: true,
    open: async () => {
      dir = mkdtempSync(join(tmpdir(), 'twincity-store-'));
      store = await openStore(join(dir, 'o.db'));
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    },
  },
  {
    name: 'PostgreSQL',
    available: postgresAvailable,
    open: async () => {
      const db = await freshDatabase();
      store = await openStore(db.url);
      cleanup = db.drop;
    },
  },
];

describe('SQLite store', () => {
  beforeEach(() => backends[0].open());
  afterEach(async () => {
    await store.close();
    await cleanup();
  });

  it('applies the numbered migrations and runs in WAL mode', async () => {
    expect((await store.stats()).schemaVersion).toBeGreaterThanOrEqual(1);
    const db = new Database(store.path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('migrates an older store: schema 1 gains the later migrations and its search index is refilled', async () => {
    await store.ingestDocument(docA());
    await store.close();
    const db = new Database(join(dir, 'o.db'));
    // Back to schema 1's search table, as a store made before migration 003 has it.
    db.exec(`DROP TABLE search_index; CREATE VIRTUAL TABLE search_index USING fts5(tokens, tokenize = 'unicode61');`);
    db.exec(
      'DROP INDEX indicators_area; ALTER TABLE indicators DROP COLUMN point_count; ALTER TABLE indicators DROP COLUMN source_count; ALTER TABLE indicators DROP COLUMN conflict_count;',
    );
    db.exec(`DROP TABLE indicator_facts; DROP TABLE dirty_indicators; DROP TABLE conflict_members; DROP TABLE conflicts;
      CREATE TABLE conflicts (id INTEGER PRIMARY KEY, indicator_id TEXT NOT NULL, region TEXT, date TEXT,
        a_point_id INTEGER NOT NULL REFERENCES series_points(id) ON DELETE CASCADE,
        b_point_id INTEGER NOT NULL REFERENCES series_points(id) ON DELETE CASCADE, reason TEXT NOT NULL);
      CREATE INDEX conflicts_indicator ON conflicts(indicator_id);
      ALTER TABLE series_points DROP COLUMN source_count; ALTER TABLE series_points DROP COLUMN sources;
      ALTER TABLE indicators DROP COLUMN series;
      DROP TABLE table_counts; DROP INDEX reports_by_date; DROP INDEX events_by_date; DROP INDEX items_by_date;
      CREATE INDEX events_date ON events(date); ALTER TABLE items DROP COLUMN ref_date;
      DELETE FROM quantity_indicator; DELETE FROM series_points;
      ALTER TABLE quantities DROP COLUMN status; ALTER TABLE quantities DROP COLUMN cues;
      DROP TABLE users; DROP TABLE api_tokens; DROP TABLE curations; DROP TABLE curated_indicators; DROP TABLE conflict_decisions;
      DROP TABLE audit_log; ALTER TABLE quantities DROP COLUMN curation_id; ALTER TABLE quantities DROP COLUMN rejected;
      ALTER TABLE quantities DROP COLUMN indicator_override;`);
    db.pragma('user_version = 1');
    db.close();
    await expect(openStore(join(dir, 'o.db'), { readonly: true })).rejects.toThrow(/schema version 1 is older/);
    store = await openStore(join(dir, 'o.db'));
    expect((await store.stats()).schemaVersion).toBe(listMigrations().at(-1)!.version);
    expect((await store.search('高铁')).total).toBe(1);
    // Derived rows are rebuilt on the first writable open: series points carry their sources again.
    const [indicator] = (await store.indicators()).filter((i) => i.pointCount > 0);
    expect(indicator).toBeDefined();
    expect((await store.indicator(indicator.id))!.series[0].sources.length).toBeGreaterThan(0);
  });
});

describe.each(backends)('store on $name', ({ available, open }) => {
  beforeEach(async (context) => {
    if (!available) return context.skip('no PostgreSQL server: install Debian package postgresql, or set TWINCITY_TEST_POSTGRES');
    await open();
  });
  afterEach(async () => {
    if (!available) return;
    await store.close();
    await cleanup();
  });

  it('ingests new, skips unchanged, replaces changed content at the same location', async () => {
    const a = await store.ingestDocument(docA());
    expect(a.status).toBe('new');
    const first = await store.ingestDocument(docB());
    expect(first.status).toBe('new');
    expect((await store.ingestDocument(docB())).status).toBe('unchanged');

    const changedText = TEXT_B.replace('311项', '312项');
    const changed = report(
      'b',
      changedText,
      null,
      (t) => ({
        quantities: [q(t, '312项', { value: 312, unit: '项', approx: 'exact', measure: 'level', subject: '川渝通办事项', period: null, region: '成渝' })],
      }),
      'b2',
    );
    const replaced = await store.ingestDocument(changed);
    expect(replaced).toEqual({ status: 'replaced', reportId: first.reportId });
    // A copy of a stored report at another place is not stored twice.
    const copy = { ...docA(), location: '/mirror/a.txt' };
    expect(await store.ingestDocument(copy)).toEqual({ status: 'unchanged', reportId: a.reportId });
    const detail = (await store.report(first.reportId))!;
    expect(detail.quantities.map((x) => x.text)).toEqual(['312项']);
    expect(detail.events).toEqual([]);
    expect((await store.stats()).reports).toBe(2);
    // the counts the writer keeps are the tables' own (as exported), through replacing and its cascades
    const tables = await store.exportTables();
    const counted = (name: string) => tables.find((t) => t.name === name)!.rows.length;
    expect(await store.stats()).toMatchObject({
      reports: counted('reports'),
      quantities: counted('quantities'),
      events: counted('events'),
      items: counted('items'),
    });
    expect((await store.stats()).quantities).toBe(3);
  });

  it('keeps every fact with its span, reading back the text under it', async () => {
    const { reportId } = await store.ingestDocument(docA());
    await store.refreshDerived();
    const detail = (await store.report(reportId))!;
    expect(detail.text).toBe(TEXT_A);
    for (const fact of detail.quantities) {
      expect(textOf(detail.text, fact.span)).toBe(fact.text);
      expect(textOf(detail.text, fact.sentence)).toBe(fact.sentenceText);
    }
    expect(detail.quantities.map((x) => [x.text, x.indicatorId])).toEqual([
      ['130家', 'parts_suppliers_cross_supply'],
      ['210项', 'chuanyu_tongban_items'],
    ]);
  });

  it('refuses a report whose span the text cannot honour, writing nothing', async () => {
    const bad = docA();
    bad.quantities[1] = { ...bad.quantities[1], span: [5, 999] };
    await expect(store.ingestDocument(bad)).rejects.toThrow(/outside the text/);
    expect((await store.stats()).reports).toBe(0);
    await store.recordFailure(bad.location, 'bad span');
    expect(await store.failures()).toMatchObject([{ location: bad.location, reason: 'bad span' }]);
    // A later good ingest at the same location clears the failure.
    await store.ingestDocument(docA());
    expect(await store.failures()).toEqual([]);
  });

  it('rolls a report back whole when a write fails midway, keeping what was there before', async () => {
    const { reportId } = await store.ingestDocument(docA());
    const changed = report(
      'a',
      TEXT_A,
      '2022-06-29',
      (t) => ({
        quantities: [
          q(t, '130家', { value: 130, unit: '家', approx: 'exact', measure: 'level', subject: 's', period: null, region: null }),
          // Passes the span check, then breaks the table's CHECK constraint after rows were written.
          q(t, '210项', { value: 210, unit: '项', approx: 'roughly' as never, measure: 'level', subject: 's', period: null, region: null }),
        ],
      }),
      'a2',
    );
    await expect(store.ingestDocument(changed)).rejects.toThrow(/check constraint/i);
    const kept = (await store.report(reportId))!;
    expect(kept.published).toBe('2022-06-28');
    expect(kept.quantities.map((x) => x.subject)).toEqual(['零部件企业参与对方整车配套', '政务服务“川渝通办”事项']);
    expect((await store.search('高铁')).total).toBe(1);
    expect((await store.ingestDocument(docB())).status).toBe('new');
  });

  it('indexes the search terms computed off the writer, and segments itself whatever they lack', async () => {
    const doc = docA();
    const terms = reportSearchTerms(doc);
    const sentence = TEXT_A.slice(doc.quantities[0].sentence[0], doc.quantities[0].sentence[1]);
    expect(terms[sentence]).toEqual(searchTermsOf(sentence));
    // the writer takes the given terms as they are (here a marker word), and segments the sentences left out
    const reportKey = Object.keys(terms).find((k) => k.endsWith(TEXT_A))!;
    const given = { [reportKey]: { tokens: 'precomputedmarker', grams: '' } };
    await store.ingestDocument(doc, undefined, given);
    expect((await store.search('precomputedmarker')).rows.map((h) => h.kind)).toEqual(['report']);
    expect((await store.search('零部件企业')).rows.map((h) => h.kind)).toEqual(['quantity']);
  });

  it('lists at most SOURCES_PER_POINT sources of a point, the first ingested, and counts them all', async () => {
    const n = SOURCES_PER_POINT + 5;
    for (let i = 0; i < n; i++) {
      const day = String(1 + (i % 28)).padStart(2, '0');
      await store.ingestDocument(
        report(`r${i}`, TEXT_A, `2022-07-${day}`, (t) => ({
          quantities: [
            q(t, '210项', {
              value: 210,
              unit: '项',
              approx: 'exact',
              measure: 'level',
              subject: '政务服务“川渝通办”事项',
              period: { start: null, end: '2022-06-28' },
              region: '成渝',
            }),
          ],
        })),
      );
    }
    await store.refreshDerived();
    const [point] = (await store.indicator('chuanyu_tongban_items'))!.series;
    expect(point.sourceTotal).toBe(n);
    expect(point.sources).toHaveLength(SOURCES_PER_POINT);
    const titles = new Set(point.sources.map((s) => s.title));
    expect(titles.has('r0')).toBe(true);
    expect(titles.has(`r${n - 1}`)).toBe(false);
    for (const source of point.sources) {
      expect(TEXT_A.slice(source.span[0], source.span[1])).toBe('210项');
      expect(source.sentence).toContain(source.text);
    }
  });

  it('gives a long series whole, the sources of its last points inline and the others on demand', async () => {
    const n = SERIES_SOURCES_INLINE + 3;
    await store.writeBatch(async () => {
      for (let i = 0; i < n; i++) {
        const text = TEXT_A.replace('210项', `${1000 + i}项`);
        await store.ingestDocument(
          report(`s${i}`, text, '2022-07-01', (t) => ({
            quantities: [
              q(t, `${1000 + i}项`, {
                value: 1000 + i,
                unit: '项',
                approx: 'exact',
                measure: 'level',
                subject: '政务服务“川渝通办”事项',
                period: { start: null, end: `${2000 + i}-12-31` },
                region: '成渝',
              }),
            ],
          })),
        );
      }
    });
    await store.refreshDerived();
    const { series, pointCount } = (await store.indicator('chuanyu_tongban_items'))!;
    expect(series).toHaveLength(n);
    expect(pointCount).toBe(n);
    expect(series.map((p) => p.value)).toEqual(Array.from({ length: n }, (_, i) => 1000 + i));
    expect(series.every((p) => p.sourceTotal === 1)).toBe(true);
    expect(series.filter((p) => p.sources.length === 1)).toHaveLength(SERIES_SOURCES_INLINE);
    expect(series[0].sources).toEqual([]);
    expect(series.at(-1)!.sources[0].text).toBe(`${1000 + n - 1}项`);
    const first = (await store.pointSources('chuanyu_tongban_items', 0))!;
    expect(first.rows.map((s) => s.text)).toEqual(['1000项']);
  });

  it('writes a batch all or nothing, and a batch after a failed one still marks its indicators', async () => {
    const changed = report(
      'b',
      TEXT_B.replace('311项', '312项'),
      null,
      (t) => ({
        quantities: [q(t, '312项', { value: 312, unit: '项', approx: 'exact', measure: 'level', subject: '川渝通办事项', period: null, region: '成渝' })],
      }),
      'b2',
    );
    const bad = docB();
    bad.quantities[0] = { ...bad.quantities[0], span: [5, 999] };
    await expect(
      store.writeBatch(async () => {
        for (const d of [docA(), bad]) await store.ingestDocument(d);
      }),
    ).rejects.toThrow(/outside the text/);
    expect(await store.stats()).toMatchObject({ reports: 0, quantities: 0 });
    await store.refreshDerived();
    expect((await store.indicators()).filter((i) => i.pointCount > 0)).toEqual([]);
    // the same reports again, in a batch that commits: every indicator they touch is rebuilt
    await store.writeBatch(async () => {
      for (const d of [docA(), changed]) await store.ingestDocument(d);
    });
    await store.refreshDerived();
    expect((await store.indicator('chuanyu_tongban_items'))!.series.map((p) => p.value).sort()).toEqual([210, 312]);
    await expect(store.writeBatch(() => store.writeBatch(async () => 0))).rejects.toThrow(/already open/);
  });

  it('keeps a target with its cues, filed under what it targets but no point of its series nor side of a conflict', async () => {
    const doc = docB();
    const cue = { level: 'sentence' as const, span: null, text: '力争' };
    doc.quantities[1] = { ...doc.quantities[1], status: 'target', cues: { period: null, region: cue, status: cue } };
    await store.ingestDocument(docA());
    const { reportId } = await store.ingestDocument(doc);
    await store.refreshDerived();
    const detail = (await store.report(reportId))!;
    const target = detail.quantities.find((x) => x.value === 311)!;
    expect([target.status, target.indicatorId, target.cues.status?.text]).toEqual(['target', 'chuanyu_tongban_items', '力争']);
    const series = (await store.indicator('chuanyu_tongban_items'))!;
    expect(series.series.map((p) => p.value)).toEqual([210]);
    expect((await store.conflicts()).rows.filter((c) => c.indicatorId === 'chuanyu_tongban_items')).toEqual([]);
  });

  it('reconciles series and conflicts across reports', async () => {
    await store.ingestDocument(docA());
    await store.ingestDocument(docB());
    await store.refreshDerived();
    const series = (await store.indicator('chuanyu_tongban_items'))!;
    expect(series.series.map((p) => [p.value, p.sources.map((s) => s.text)])).toEqual([
      [311, ['311项']],
      [210, ['210项']],
    ]);
    expect(series.series[0].sources[0].sentence).toContain('川渝通办');

    const conflicts = (await store.conflicts()).rows;
    const groups = conflicts.map((c) => [c.indicatorId, c.members.map((m) => m.value).sort((x, y) => x - y)]);
    expect(groups).toEqual(
      expect.arrayContaining([
        ['parts_suppliers_cross_supply', [130, 300]],
        ['chuanyu_tongban_items', [210, 311]],
      ]),
    );
    const parts = conflicts.find((c) => c.indicatorId === 'parts_suppliers_cross_supply')!;
    expect(parts.members.flatMap((m) => m.sources.map((s) => s.text)).sort()).toEqual(['130家', '300余家']);
    expect(parts).toMatchObject({ memberCount: 2, reportCount: 2 });
    expect(parts.members.map((m) => m.printed).sort()).toEqual(['130家', '300余家']);
    expect(parts.date?.slice(0, 7)).toBe('2022-06');
    // each value names its point in the series
    const detail = (await store.indicator('parts_suppliers_cross_supply'))!;
    for (const c of detail.conflicts) {
      for (const m of c.members) expect(detail.series[m.ord].value).toBe(m.value);
    }
    expect(detail.conflictedOrds).toEqual([0, 1]);

    const summary = (await store.indicators({ area: '先进制造业' })).find((i) => i.id === 'parts_suppliers_cross_supply')!;
    expect(summary).toMatchObject({ pointCount: 2, sourceCount: 2, conflictCount: 1, catalogued: true });
    expect(summary.sparkline).toHaveLength(2);
    expect(await store.indicators({ limit: 3 })).toHaveLength(3);
    expect((await store.indicators({ limit: 3 }))[0].catalogued).toBe(true);
    // Rebuilding gives the same result.
    await store.refreshDerived();
    expect((await store.conflicts()).total).toBe(conflicts.length);
  });

  it('takes the conflict window from its options', async () => {
    await store.close();
    store = await openStore(join(dir, 'o.db'), { conflictWindowDays: 0 });
    await store.ingestDocument(docA());
    await store.ingestDocument(docB());
    await store.refreshDerived();
    // 2022-06-24 and 2022-06-28 are four days apart: no longer the same moment.
    expect((await store.conflicts()).total).toBe(0);
  });

  it('lists reports filtered by title, treating LIKE wildcards literally', async () => {
    await store.ingestDocument(docA());
    await store.ingestDocument(docB());
    expect((await store.reports({ q: 'a' })).rows.map((r) => r.title)).toEqual(['a']);
    expect((await store.reports({ q: '%' })).total).toBe(0);
    expect(await store.reports({ limit: 1 })).toMatchObject({ total: 2, limit: 1, offset: 0 });
  });

  it('finds two-character words with highlighted snippets', async () => {
    const a = (await store.ingestDocument(docA())).reportId;
    const b = (await store.ingestDocument(docB())).reportId;
    const gaotie = await store.search('高铁');
    expect(gaotie.rows.map((h) => h.reportId)).toEqual([a]);
    expect(gaotie.rows[0].snippet).toContain('[高铁]');
    const [s, e] = gaotie.rows[0].highlights[0];
    expect(gaotie.rows[0].snippet.slice(s, e)).toBe('高铁');
    const qingneng = await store.search('氢能');
    expect(new Set(qingneng.rows.map((h) => h.reportId))).toEqual(new Set([b]));
    expect(qingneng.rows.map((h) => h.kind)).toContain('event');
    expect((await store.search('零部件企业')).total).toBeGreaterThanOrEqual(2);
    expect((await store.search('"; DROP TABLE reports; --')).total).toBe(0);
    // A word inside a longer one, and a query of two words, each of which must occur.
    expect(new Set((await store.search('通办')).rows.map((h) => h.reportId))).toEqual(new Set([a, b]));
    expect(new Set((await store.search('川渝 高铁')).rows.map((h) => h.reportId))).toEqual(new Set([a]));
    expect((await store.search('川渝 火星')).total).toBe(0);
  });

  it('puts events on the timeline with their areas, filtered by date and area', async () => {
    await store.ingestDocument(docB());
    const all = await store.timeline();
    expect(all.map((t) => [t.date, t.summary, t.areas])).toEqual([['2022-06-24', '氢能产业联盟成立', ['先进制造业']]]);
    expect(await store.timeline({ area: '先进制造业', from: '2022-06', to: '2022-06' })).toHaveLength(1);
    expect(await store.timeline({ from: '2022-07-01' })).toEqual([]);
    expect(await store.timeline({ area: '金融' })).toEqual([]);
  });

  it('keeps the raw bytes for reindex', async () => {
    const bytes = new TextEncoder().encode(TEXT_A);
    await store.ingestDocument(docA(), bytes);
    const b = (await store.ingestDocument(docB())).reportId;
    const raws = [];
    for await (const r of store.raws()) raws.push(r);
    const [raw, rawB] = raws;
    expect(new TextDecoder().decode(raw.bytes!)).toBe(TEXT_A);
    expect(await store.rawText(raw.id)).toBeNull();
    // Stored without its bytes, a report keeps its decoded source instead.
    expect(rawB.bytes).toBeNull();
    expect(await store.rawText(b)).toBe(TEXT_B);
  });
});
