/**
 * What the store's query commands share: whole-number options, and running an action so that a
 * failure prints one line (`twincity: …`) and exit code 1 instead of a stack trace, and a closed
 * pipe (`twincity search 高铁 | head`) ends quietly; the one wording of the `--store` option.
 */
import type { Command } from 'commander';

/** `--store <path>`, as every command that opens the store takes it. */
export const STORE_OPTION = ['--store <path>', 'the store: a SQLite file or a postgres:// URL (default: $TWINCITY_STORE or ./data/observatory.db)'] as const;

export function toInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`expected a whole number, not "${value}"`);
  return n;
}

let pipeGuarded = false;

export function guarded<A extends unknown[]>(action: (...args: A) => void | Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    if (!pipeGuarded) {
      pipeGuarded = true;
      process.stdout.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
        throw error;
      });
    }
    try {
      await action(...args);
    } catch (error) {
      process.stderr.write(`twincity: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    }
  };
}

/** The paging options a listing command takes (`--limit`, `--offset`) and the store it reads. */
export function pagingOptions(command: Command, what: string, limit: number): Command {
  return command
    .option('--limit <n>', `${what} per page`, toInt, limit)
    .option('--offset <n>', 'skip this many', toInt, 0)
    .option(...STORE_OPTION);
}
