/**
 * The SQLite driver (better-sqlite3, WAL): the embedded default, one file, one writer. Statements
 * are prepared once and kept; a transaction is BEGIN IMMEDIATE … COMMIT around async work, with
 * writers queued so that two never share one.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { queryTerms } from '../search-terms.ts';
import { TransactionContext, WriteLock, type Dialect, type Migration, type Params, type SqlDriver } from '../sql.ts';

const quote = (s: string): string => `"${s.replaceAll('"', '""')}"`;

/**
 * An FTS5 MATCH expression for queryTerms: every word as all its jieba words (column tokens) or its
 * character pairs as a phrase (column grams). Quoting keeps FTS5 operators in user input inert.
 */
export function ftsMatchExpression(words: readonly string[]): string {
  return queryTerms(words)
    .map(({ tokens, grams }) => {
      const alternatives: string[] = [];
      if (tokens.length) alternatives.push(`(${tokens.map((t) => `tokens : ${quote(t)}`).join(' AND ')})`);
      if (grams.length) alternatives.push(`grams : ${quote(grams.join(' '))}`);
      return `(${alternatives.join(' OR ')})`;
    })
    .join(' AND ');
}

export const sqliteDialect: Dialect = {
  name: 'sqlite',
  contains: (haystack, needle) => `instr(${haystack}, ${needle}) > 0`,
  listOf: (expr, distinct = false) => `group_concat(${distinct ? 'DISTINCT ' : ''}${expr})`,
  insertSearchTerms: 'INSERT INTO search_index (rowid, tokens, grams) VALUES ',
  searchTermsRow: '(?, ?, ?)',
  rowsPerInsert: 1,
  deleteSearchTerms: 'DELETE FROM search_index WHERE rowid IN (SELECT id FROM search_docs WHERE report_id = ?)',
  clearSearchTerms: 'DELETE FROM search_index',
  // FTS5 walks the match's rowids newest first and stops after `window`.
  searchCandidates: (window) => `SELECT rowid AS id FROM search_index WHERE search_index MATCH ? ORDER BY rowid DESC LIMIT ${window}`,
  matchExpression: ftsMatchExpression,
};

export class SqliteDriver implements SqlDriver {
  readonly dialect = sqliteDialect;
  readonly location: string;
  readonly shown: string;
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly lock = new WriteLock();
  private readonly context = new TransactionContext<true>();

  constructor(path: string, opts: { readonly?: boolean } = {}) {
    this.location = path;
    this.shown = path;
    if (!opts.readonly) mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
    // Another process may hold the write lock for a whole refreshDerived(); wait rather than fail.
    this.db.pragma('busy_timeout = 60000');
    if (!opts.readonly) {
      this.db.pragma('journal_mode = WAL');
      // In WAL mode NORMAL never corrupts: a kill loses nothing committed; power loss at worst the last commits.
      this.db.pragma('synchronous = NORMAL');
      // Checkpoint every ~40 MB of WAL rather than 4 MB: a page rewritten several times between two
      // checkpoints (index pages, search segments) is copied back once.
      this.db.pragma('wal_autocheckpoint = 10000');
      // Statement journals (a statement that may write several rows keeps one, to undo just
      // itself on a constraint error) and temporary indexes in memory, not in temporary files.
      this.db.pragma('temp_store = MEMORY');
    }
    this.db.pragma('foreign_keys = ON');
  }

  private stmt(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private static args(params: Params | undefined): unknown[] {
    if (!params) return [];
    return Array.isArray(params) ? params : [params];
  }

  async all<T>(sql: string, params?: Params): Promise<T[]> {
    return this.stmt(sql).all(...SqliteDriver.args(params)) as T[];
  }
  async get<T>(sql: string, params?: Params): Promise<T | undefined> {
    return this.stmt(sql).get(...SqliteDriver.args(params)) as T | undefined;
  }
  async run(sql: string, params?: Params): Promise<number> {
    return this.stmt(sql).run(...SqliteDriver.args(params)).changes;
  }
  async exec(sql: string): Promise<void> {
    this.db.exec(sql);
  }

  get inTransaction(): boolean {
    return this.context.current === true;
  }

  transaction<T>(work: () => Promise<T>): Promise<T> {
    return this.lock.run(() =>
      this.context.run(true, async () => {
        this.db.exec('BEGIN IMMEDIATE');
        try {
          const result = await work();
          this.db.exec('COMMIT');
          return result;
        } catch (error) {
          if (this.db.inTransaction) this.db.exec('ROLLBACK');
          throw error;
        }
      }),
    );
  }

  async schemaVersion(): Promise<number> {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  /**
   * Each migration in its own write transaction, the version re-read inside it (BEGIN IMMEDIATE is
   * exclusive): two processes opening a new store at once must not both apply the same migration.
   */
  async migrate(migrations: readonly Migration[]): Promise<number> {
    for (const m of migrations) {
      await this.transaction(async () => {
        if (m.version <= (await this.schemaVersion())) return;
        this.db.exec(m.sql);
        this.db.pragma(`user_version = ${m.version}`);
      });
    }
    return this.schemaVersion();
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
