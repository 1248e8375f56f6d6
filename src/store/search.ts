/**
 * Search: candidates from the index (FTS5 on SQLite, the dialect's own on PostgreSQL), ranked here
 * by BM25 over a bounded window, with snippets around the matched words. And the index's refill.
 */
import type { Span } from '../document/index.ts';
import { queryTokens, queryWords, searchTermsOf, type SearchTerms } from './search-terms.ts';
import type { SqlDriver } from './sql.ts';
import type { Page, SearchHit, SearchQuery } from './types.ts';
import { clampLimit, clampOffset } from './values.ts';

/** Search ranks only the newest this many matching index rows (reports and fact sentences), so its cost is bounded. */
export const SEARCH_WINDOW = 1000;

/** SQL for the text a search_docs row stands for (reports keep theirs in reports.text); the literal holds a newline. */
const SEARCH_BODY = "CASE WHEN d.kind = 'report' THEN coalesce(r.title, '') || '\n' || r.text ELSE d.body END";

/** Text around the first match of any token, the matched words wrapped in [ ]. */
export function makeSnippet(body: string, tokens: readonly string[], before = 16, length = 64): { snippet: string; highlights: Span[] } {
  const lower = body.toLowerCase();
  const needles = [...new Set(tokens.map((t) => t.toLowerCase()))].filter(Boolean).sort((a, b) => b.length - a.length);
  let first = -1;
  for (const n of needles) {
    const at = lower.indexOf(n);
    if (at >= 0 && (first < 0 || at < first)) first = at;
  }
  const from = first < 0 ? 0 : Math.max(0, first - before);
  const to = Math.min(body.length, from + length);
  const window = body.slice(from, to).replace(/\s+/g, ' ');
  // Find matches in the window, longest first, without overlap.
  const marks: Span[] = [];
  const lw = window.toLowerCase();
  for (const n of needles) {
    let at = lw.indexOf(n);
    while (at >= 0) {
      const span: Span = [at, at + n.length];
      if (!marks.some((m) => m[0] < span[1] && span[0] < m[1])) marks.push(span);
      at = lw.indexOf(n, at + n.length);
    }
  }
  marks.sort((a, b) => a[0] - b[0]);
  // Adjacent matches (中欧 + 班列) read as one highlighted word.
  for (let i = marks.length - 1; i > 0; i--) {
    if (marks[i - 1][1] === marks[i][0]) marks.splice(i - 1, 2, [marks[i - 1][0], marks[i][1]]);
  }
  let snippet = from > 0 ? '…' : '';
  const highlights: Span[] = [];
  let cursor = 0;
  for (const [s, e] of marks) {
    snippet += window.slice(cursor, s) + '[';
    const start = snippet.length;
    snippet += window.slice(s, e);
    highlights.push([start, snippet.length]);
    snippet += ']';
    cursor = e;
  }
  snippet += window.slice(cursor) + (to < body.length ? '…' : '');
  return { snippet, highlights };
}

/** Occurrences of `needle` in `text` (non-overlapping). */
function occurrences(text: string, needle: string): number {
  let n = 0;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) n++;
  return n;
}

/**
 * BM25 over the candidates (k1 1.2, b 0.75), every query word weighted alike: all candidates hold
 * every word, so a word's rarity says little among them. A word's frequency is how often it occurs
 * as typed, else how often its rarest jieba word does (双城经济圈 written apart). Rank: lower is
 * better (as FTS5's); ties go to the earlier indexed row.
 */
function rankHits<T extends { id: number; body: string }>(hits: T[], words: readonly string[], wordTokens: readonly string[][]): { hit: T; rank: number }[] {
  const k1 = 1.2;
  const b = 0.75;
  const averageLength = hits.reduce((sum, h) => sum + h.body.length, 0) / Math.max(1, hits.length) || 1;
  return hits
    .map((hit) => {
      const lengthNorm = k1 * (1 - b + (b * hit.body.length) / averageLength);
      let score = 0;
      words.forEach((word, i) => {
        const tokens = wordTokens[i];
        const tf = Math.max(occurrences(hit.body, word), tokens.length ? Math.min(...tokens.map((t) => occurrences(hit.body, t))) : 0);
        score += (tf * (k1 + 1)) / (tf + lengthNorm);
      });
      return { hit, rank: -score };
    })
    .sort((x, y) => x.rank - y.rank || x.hit.id - y.hit.id);
}

export async function search(db: SqlDriver, query: string, opts: SearchQuery = {}): Promise<Page<SearchHit>> {
  const limit = clampLimit(opts.limit, 20, 200);
  const offset = clampOffset(opts.offset);
  const words = queryWords(query);
  if (!words.length) return { total: 0, limit, offset, rows: [] };
  // Highlight the words as typed, and their jieba words of two or more characters.
  const wordTokens = words.map((w) => queryTokens(w).filter((t) => [...t].length > 1));
  const needles = [...new Set([...words, ...wordTokens.flat()])];
  // Bounded cost: the index gives the newest SEARCH_WINDOW matching rows, so at most that many
  // candidates are ranked however common the word (成渝 is in most of a million reports); older
  // matches are reachable by a narrower query. FTS5's own bm25 is not used: its IDF counts every
  // row holding each word, a walk of the whole index per query.
  const candidates = await db.all<{
    id: number;
    kind: SearchHit['kind'];
    report_id: number;
    ref_id: number;
    body: string;
    title: string | null;
    published: string | null;
  }>(
    `SELECT d.id, d.kind, d.report_id, d.ref_id, ${SEARCH_BODY} AS body, r.title, r.published
    FROM (${db.dialect.searchCandidates(SEARCH_WINDOW)}) s
    JOIN search_docs d ON d.id = s.id JOIN reports r ON r.id = d.report_id`,
    [db.dialect.matchExpression(words)],
  );
  // Facts are indexed by their sentence, so several facts of one sentence are one hit (the first).
  const hits = new Map<string, (typeof candidates)[number]>();
  for (const c of candidates) {
    const key = `${c.report_id}\u0000${c.kind === 'report' ? '' : c.body}`;
    const held = hits.get(key);
    if (!held || c.id < held.id) hits.set(key, c);
  }
  const ranked = rankHits([...hits.values()], words, wordTokens);
  return {
    total: hits.size,
    ...(candidates.length >= SEARCH_WINDOW ? { totalIsLowerBound: true } : {}),
    limit,
    offset,
    rows: ranked.slice(offset, offset + limit).map(({ hit: r, rank }) => ({
      kind: r.kind,
      reportId: r.report_id,
      id: r.ref_id,
      title: r.title,
      published: r.published,
      ...makeSnippet(r.body, needles),
      rank,
    })),
  };
}

async function indexSearchDoc(db: SqlDriver, id: number, body: string, precomputed?: Readonly<Record<string, SearchTerms>>): Promise<void> {
  const terms = precomputed && Object.hasOwn(precomputed, body) ? precomputed[body] : searchTermsOf(body);
  await db.run(db.dialect.insertSearchTerms + db.dialect.searchTermsRow, [id, terms.tokens, terms.grams]);
}

/** Refills the search index from search_docs (after a migration that recreated it). */
export function rebuildSearchIndex(db: SqlDriver): Promise<void> {
  return db.transaction(async () => {
    await db.run(db.dialect.clearSearchTerms);
    for (let after = 0; ;) {
      const rows = await db.all<{ id: number; body: string }>(
        `SELECT d.id, ${SEARCH_BODY} AS body FROM search_docs d
        JOIN reports r ON r.id = d.report_id WHERE d.id > ? ORDER BY d.id LIMIT 1000`,
        [after],
      );
      if (!rows.length) break;
      for (const r of rows) await indexSearchDoc(db, r.id, r.body);
      after = rows[rows.length - 1].id;
    }
    await db.run("DELETE FROM store_meta WHERE key = 'search_rebuild'");
  });
}
