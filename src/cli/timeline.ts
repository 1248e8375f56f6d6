import type { Command } from 'commander';
import { guarded, STORE_OPTION, toInt } from './query-support.ts';
import { renderTable } from '../store/text-table.ts';

/** `twincity timeline`: dated events and cooperation items, by date, filtered by area and dates. */
export function registerTimeline(program: Command): void {
  program
    .command('timeline')
    .description('events and cooperation items in date order')
    .option('--area <area>', 'only this key area (交通枢纽, 先进制造业, …)')
    .option('--from <date>', 'from this date on (YYYY, YYYY-MM or YYYY-MM-DD)')
    .option('--to <date>', 'up to this date (inclusive; YYYY, YYYY-MM or YYYY-MM-DD)')
    .option('--limit <n>', 'at most this many entries', toInt, 500)
    .option(...STORE_OPTION)
    .option('--json', 'print the entries as JSON')
    .action(
      guarded(async (opts: { area?: string; from?: string; to?: string; limit: number; store?: string; json?: boolean }) => {
        for (const [flag, v] of [
          ['--from', opts.from],
          ['--to', opts.to],
        ] as const) {
          if (v && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(v)) throw new Error(`${flag} takes YYYY, YYYY-MM or YYYY-MM-DD, not "${v}"`);
        }
        const store = await (await import('../store/index.ts')).openExistingStore(opts.store);
        try {
          const rows = await store.timeline({ area: opts.area, from: opts.from, to: opts.to, limit: opts.limit });
          if (opts.json) {
            process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
            return;
          }
          process.stdout.write(
            renderTable(rows, [
              { header: '日期', value: (t) => t.date },
              { header: '类别', value: (t) => (t.kind === 'event' ? '事件' : '事项') },
              { header: '内容', value: (t) => (t.kind === 'item' && t.total !== null ? `${t.summary}（${t.done ?? '?'}/${t.total}）` : t.summary), max: 60 },
              { header: '领域', value: (t) => t.areas.join('、'), max: 20 },
              { header: '报告', value: (t) => t.reportId, align: 'right' },
            ]),
          );
          process.stdout.write(`${rows.length} entr${rows.length === 1 ? 'y' : 'ies'}\n`);
        } finally {
          await store.close();
        }
      }),
    );
}
