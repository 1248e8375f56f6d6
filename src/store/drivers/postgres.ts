/**
 * The PostgreSQL driver (node-postgres): the store for shared deployments, where several
 * processes (ingest on other machines, API servers) use one database. A transaction holds one
 * pooled connection for its async context; other statements take any connection. Search runs on
 * a tsvector of the same jieba tokens and character pairs the SQLite store indexes, as two
 * weights (A tokens, B pairs) standing for FTS5's two columns.
 */
import pg from 'pg';
import { queryTerms } from '../search-terms.ts';
import { numberedPlaceholders, orderedValues, TransactionContext, WriteLock, type Dialect, type Migration, type Params, type SqlDriver } from '../sql.ts';

/** A tsquery operand: quoted, with its weight (A: jieba tokens, B: character pairs). */
const operand = (lexeme: string, weight: 'A' | 'B'): string => `'${lexeme.toLowerCase().replaceAll("'", "''").replaceAll('\\', '\\\\')}':${weight}`;

/**
 * A tsquery for queryTerms, as the SQLite store's FTS5 expression means it: every word as all its
 * jieba words (weight A) or its character pairs adjacent (`<->`, weight B).
 */
export function tsQueryExpression(words: readonly string[]): string {
  return queryTerms(words)
    .map(({ tokens, grams }) => {
      const alternatives: string[] = [];
      if (tokens.length) alternatives.push(`(${tokens.map((t) => operand(t, 'A')).join(' & ')})`);
      if (grams.length) alternatives.push(`(${grams.map((g) => operand(g, 'B')).join(' <-> ')})`);
      return `(${alternatives.join(' | ')})`;
    })
    .join(' & ');
}

export const postgresDialect: Dialect = {
  name: 'postgres',
  contains: (haystack, needle) => `strpos(${haystack}, ${needle}) > 0`,
  listOf: (expr, distinct = false) => `string_agg(${distinct ? 'DISTINCT ' : ''}CAST(${expr} AS TEXT), ',')`,
  insertSearchTerms: 'INSERT INTO search_index (id, terms) VALUES ',
  searchTermsRow: "(?, setweight(to_tsvector('simple', CAST(? AS TEXT)), 'A') || setweight(to_tsvector('simple', CAST(? AS TEXT)), 'B'))",
  deleteSearchTerms: 'DELETE FROM search_index WHERE id IN (SELECT id FROM search_docs WHERE report_id = ?)',
  rowsPerInsert: 1000,
  clearSearchTerms: 'DELETE FROM search_index',
  searchCandidates: (window) => `SELECT id FROM search_index WHERE terms @@ to_tsquery('simple', CAST(? AS TEXT)) ORDER BY id DESC LIMIT ${window}`,
  matchExpression: tsQueryExpression,
};

// bigint (counts, ids) as a JS number: ids and counts stay far below 2^53.
const INT8 = 20;
const getTypeParser = ((oid: number, format?: string) =>
  oid === INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'];

/** The URL as it may be shown: without its password. */
export function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}

export class PostgresDriver implements SqlDriver {
  readonly dialect = postgresDialect;
  readonly location: string;
  readonly shown: string;
  private readonly pool: pg.Pool;
  private readonly lock = new WriteLock();
  private readonly context = new TransactionContext<pg.PoolClient>();
  /** Each statement's $n text and a name: a named statement is parsed and planned once per connection. */
  private readonly translated = new Map<string, ReturnType<typeof numberedPlaceholders> & { name: string }>();

  constructor(url: string, opts: { max?: number } = {}) {
    this.location = url;
    this.shown = redactedUrl(url);
    this.pool = new pg.Pool({ connectionString: url, max: opts.max ?? 8, types: { getTypeParser } });
    // An idle connection's error (server restart) must not crash the process; the next query reconnects.
    this.pool.on('error', () => undefined);
  }

  private async query<T>(sql: string, params: Params | undefined): Promise<pg.QueryResult<T & pg.QueryResultRow>> {
    let statement = this.translated.get(sql);
    if (!statement) this.translated.set(sql, (statement = { ...numberedPlaceholders(sql), name: `tc${this.translated.size}` }));
    const values = orderedValues(statement.order, params);
    const session = this.context.current ?? this.pool;
    return session.query<T & pg.QueryResultRow>({ name: statement.name, text: statement.text, values });
  }

  async all<T>(sql: string, params?: Params): Promise<T[]> {
    return (await this.query<T>(sql, params)).rows;
  }
  async get<T>(sql: string, params?: Params): Promise<T | undefined> {
    return (await this.query<T>(sql, params)).rows[0];
  }
  async run(sql: string, params?: Params): Promise<number> {
    return (await this.query(sql, params)).rowCount ?? 0;
  }
  async exec(sql: string): Promise<void> {
    await (this.context.current ?? this.pool).query(sql);
  }

  get inTransaction(): boolean {
    return this.context.current !== undefined;
  }

  /** Writers of one process take turns (as on SQLite); other processes run beside them. */
  transaction<T>(work: () => Promise<T>): Promise<T> {
    return this.lock.run(async () => {
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        const result = await this.context.run(client, work);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    });
  }

  async schemaVersion(): Promise<number> {
    const row = await this.get<{ v: number | null }>(
      "SELECT CASE WHEN to_regclass('schema_migrations') IS NULL THEN 0 ELSE (SELECT coalesce(max(version), 0) FROM schema_migrations) END AS v",
    );
    return row?.v ?? 0;
  }

  /** Each migration in its own transaction under an advisory lock, so concurrent openers apply it once. */
  async migrate(migrations: readonly Migration[]): Promise<number> {
    await this.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    for (const m of migrations) {
      await this.transaction(async () => {
        await this.exec('SELECT pg_advisory_xact_lock(8127301)');
        if (m.version <= (await this.schemaVersion())) return;
        await this.exec(m.sql);
        await this.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [m.version, m.name, new Date().toISOString()]);
      });
    }
    return this.schemaVersion();
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
