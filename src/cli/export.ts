import { createWriteStream, mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { guarded, STORE_OPTION } from './query-support.ts';
import { EXPORT_FORMATS, type ExportFormat } from '../store/export-formats.ts';

/** A stream to a file, or to stdout (written chunk by chunk, waiting when the pipe is full: stdout is never ended). */
async function emit(stream: Readable, file?: string): Promise<void> {
  if (file) {
    await pipeline(stream, createWriteStream(file));
    process.stderr.write(`twincity: wrote ${file}\n`);
    return;
  }
  for await (const chunk of stream) {
    if (!process.stdout.write(chunk as string | Buffer)) await once(process.stdout, 'drain');
  }
}

/** `twincity export --format csv|xlsx|json|jsonl`: the store's tables for spreadsheets and scripts, streamed as they are read. */
export function registerExport(program: Command): void {
  program
    .command('export')
    .description('export reports, quantities, indicators, series, conflicts, events and items (Chinese headers)')
    .requiredOption('--format <format>', `one of ${EXPORT_FORMATS.join(', ')}`)
    .option('--out <path>', 'file to write (csv: a folder, one file per table, unless --table is given); default stdout')
    .option('--table <name>', 'only this table (reports, quantities, indicators, series, conflicts, events, items, failures)')
    .option(...STORE_OPTION)
    .action(
      guarded(async (opts: { format: string; out?: string; table?: string; store?: string }) => {
        if (!(EXPORT_FORMATS as readonly string[]).includes(opts.format)) {
          throw new Error(`--format must be one of ${EXPORT_FORMATS.join(', ')}, not "${opts.format}"`);
        }
        const format = opts.format as ExportFormat;
        if (format === 'xlsx' && !opts.out && process.stdout.isTTY) throw new Error('xlsx is binary: pass --out FILE.xlsx (or redirect stdout)');
        // the store and the writers load when an export runs, not when the CLI starts
        const [{ openExistingStore }, { csvStream, jsonLinesStream, jsonStream, xlsxStream }] = await Promise.all([
          import('../store/index.ts'),
          import('../store/export.ts'),
        ]);
        const store = await openExistingStore(opts.store);
        try {
          const tables = store.exportStreams(opts.table ? { tables: [opts.table] } : {});
          if (!tables.length) throw new Error(`no table "${opts.table}"`);
          if (format === 'json') return await emit(jsonStream(tables), opts.out);
          if (format === 'jsonl') return await emit(jsonLinesStream(tables), opts.out);
          if (format === 'xlsx') return await emit(xlsxStream(tables), opts.out);
          if (tables.length === 1) return await emit(csvStream(tables[0]), opts.out);
          if (!opts.out) throw new Error('CSV holds one table: pass --table NAME, or --out FOLDER for one file per table');
          mkdirSync(opts.out, { recursive: true });
          for (const t of tables) await emit(csvStream(t), join(opts.out, `${t.name}.csv`));
        } finally {
          await store.close();
        }
      }),
    );
}
