/**
 * What the store needs of a SQL database, so that one store (`sql-store.ts`) runs on SQLite (the
 * embedded default) and on PostgreSQL (shared deployments). Statements are written once, in the
 * SQL both accept (`INSERT … ON CONFLICT DO NOTHING`, `RETURNING`, `CAST(@x AS TEXT)`), with `?`
 * or `@name` parameters; the few places the two differ are the `Dialect`'s.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** Positional (`?`) or named (`@name`) parameters. */
export type Params = readonly unknown[] | Readonly<Record<string, unknown>>;

/** A connection, or a transaction's connection: what a statement runs on. */
export interface SqlSession {
  all<T>(sql: string, params?: Params): Promise<T[]>;
  get<T>(sql: string, params?: Params): Promise<T | undefined>;
  /** Rows changed. */
  run(sql: string, params?: Params): Promise<number>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/** A numbered schema change, `NNN_name.sql` in the dialect's migrations folder. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Where the SQL of the two databases differs. */
export interface Dialect {
  readonly name: 'sqlite' | 'postgres';
  /** `haystack` contains `needle` (both SQL expressions). */
  contains(haystack: string, needle: string): string;
  /** The values of `expr` over a group, comma-separated. */
  listOf(expr: string, distinct?: boolean): string;
  /** Indexes search_docs rows' terms: `INSERT … VALUES ` followed by one `searchTermsRow` per row. */
  readonly insertSearchTerms: string;
  /**
   * Rows one INSERT may carry. SQLite: 1 — a statement writing several rows keeps a statement
   * journal of every page it touches (to undo just itself), which in a large store (facts spread
   * over deep indexes) cost more than the statements it saved. PostgreSQL: many — each statement is
   * a round trip.
   */
  readonly rowsPerInsert: number;
  /** One row of insertSearchTerms: parameters (id, tokens, grams). */
  readonly searchTermsRow: string;
  /** Drops a report's search terms: parameter (report id). */
  readonly deleteSearchTerms: string;
  /** Empties the search index. */
  readonly clearSearchTerms: string;
  /** The ids of the newest `window` index rows matching the expression (one parameter), newest first. */
  searchCandidates(window: number): string;
  /** The match expression for the query words (`searchCandidates`'s parameter). */
  matchExpression(words: readonly string[]): string;
}

export interface SqlDriver extends SqlSession {
  readonly dialect: Dialect;
  /** The SQLite file, or the PostgreSQL URL (with its password: not for showing). */
  readonly location: string;
  /** The location as it may be shown (a URL without its password). */
  readonly shown: string;
  /**
   * Runs `work` in one transaction on one connection: statements issued through the driver while
   * it runs (in its async context) go to that transaction. Writers are serialized.
   */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  /** Whether the calling async context is inside `transaction`. */
  readonly inTransaction: boolean;
  /** Applies the migrations the database lacks; returns its schema version. */
  migrate(migrations: readonly Migration[]): Promise<number>;
  /** The schema version without migrating. */
  schemaVersion(): Promise<number>;
  close(): Promise<void>;
}

/** Runs one writer at a time: a promise chain, since writes interleave at every `await`. */
export class WriteLock {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** The transaction an async context is in, per driver. */
export class TransactionContext<C> {
  private readonly storage = new AsyncLocalStorage<C>();
  get current(): C | undefined {
    return this.storage.getStore();
  }
  run<T>(context: C, work: () => Promise<T>): Promise<T> {
    return this.storage.run(context, work);
  }
}

/**
 * `?` and `@name` placeholders as `$1, $2…` (PostgreSQL), with the order of the values they take:
 * a number is a position in a positional list, a string a key of a named one. Quoted text is left
 * alone. A name used twice takes one number.
 */
export function numberedPlaceholders(sql: string): { text: string; order: (number | string)[] } {
  const order: (number | string)[] = [];
  const named = new Map<string, number>();
  let positional = 0;
  let text = '';
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (c === "'" || c === '"') {
      const end = sql.indexOf(c, i + 1);
      const stop = end < 0 ? sql.length : end + 1;
      text += sql.slice(i, stop);
      i = stop - 1;
    } else if (c === '?') {
      order.push(positional++);
      text += `$${order.length}`;
    } else if (c === '@' && /[A-Za-z_]/.test(sql[i + 1] ?? '')) {
      const name = /^[A-Za-z_]\w*/.exec(sql.slice(i + 1))![0];
      let n = named.get(name);
      if (n === undefined) {
        order.push(name);
        named.set(name, (n = order.length));
      }
      text += `$${n}`;
      i += name.length;
    } else {
      text += c;
    }
  }
  return { text, order };
}

/** The values for numberedPlaceholders' order. */
export function orderedValues(order: readonly (number | string)[], params: Params | undefined): unknown[] {
  if (!params) return [];
  if (Array.isArray(params)) return order.map((k) => (params as readonly unknown[])[k as number]);
  const named = params as Readonly<Record<string, unknown>>;
  return order.map((k) => {
    if (!Object.hasOwn(named, k)) throw new Error(`missing SQL parameter @${String(k)}`);
    return named[k as string];
  });
}
