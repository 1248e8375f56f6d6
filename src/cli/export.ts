import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { guarded, STORE_OPTION } from './query-support.ts';
import { EXPORT_FORMATS, tablesToJson, tablesToXlsx, tableToCsv, type ExportFormat } from '../store/export.ts';
import { openExistingStore } from '../store/index.ts';

/** `twincity export --format csv|xlsx|json`: the store's tables for spreadsheets and scripts. */
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
        const store = await openExistingStore(opts.store);
        let tables;
        try {
          tables = await store.exportTables();
        } finally {
          await store.close();
        }
        if (opts.table) {
          tables = tables.filter((t) => t.name === opts.table);
          if (!tables.length) throw new Error(`no table "${opts.table}"`);
        }
        const emit = (data: string | Buffer, file?: string) => {
          if (file) {
            writeFileSync(file, data);
            process.stderr.write(`twincity: wrote ${file}\n`);
          } else {
            process.stdout.write(data);
          }
        };
        if (format === 'json') return emit(tablesToJson(tables), opts.out);
        if (format === 'xlsx') {
          if (!opts.out && process.stdout.isTTY) throw new Error('xlsx is binary: pass --out FILE.xlsx (or redirect stdout)');
          return emit(await tablesToXlsx(tables), opts.out);
        }
        if (tables.length === 1) return emit(tableToCsv(tables[0]), opts.out);
        if (!opts.out) throw new Error('CSV holds one table: pass --table NAME, or --out FOLDER for one file per table');
        mkdirSync(opts.out, { recursive: true });
        for (const t of tables) emit(tableToCsv(t), join(opts.out, `${t.name}.csv`));
      }),
    );
}
