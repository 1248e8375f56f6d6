/** Where a store is: a SQLite file or a PostgreSQL URL (a light module: the CLI reads it before it opens one). */
import { resolve } from 'node:path';

/** Whether a store location names a PostgreSQL database rather than a SQLite file. */
export const isDatabaseUrl = (location: string): boolean => /^postgres(ql)?:\/\//i.test(location);

/**
 * `./data/observatory.db`, or `TWINCITY_STORE` when set; an explicit location wins over both. A
 * file path is made absolute; a `postgres://` URL is kept as it is.
 */
export function resolveStorePath(location?: string): string {
  const chosen = location ?? process.env.TWINCITY_STORE ?? './data/observatory.db';
  return isDatabaseUrl(chosen) ? chosen : resolve(chosen);
}
