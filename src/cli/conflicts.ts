import type { Command } from 'commander';
import { guarded, STORE_OPTION, toInt } from './query-support.ts';
import { openExistingStore, type ConflictSide } from '../store/index.ts';
import { formatFigure, renderTable } from '../store/text-table.ts';

const sourcesOf = (side: ConflictSide): string => side.sources.map((s) => `#${s.reportId}${s.published ? ` ${s.published}` : ''} 「${s.text}」`).join('; ');

/** `twincity conflicts`: where reports disagree on the same indicator, region and moment. */
export function registerConflicts(program: Command): void {
  program
    .command('conflicts')
    .description('values that disagree beyond their qualifiers for the same indicator, region and period')
    .option('--indicator <id>', 'only this indicator')
    .option('--area <area>', 'only this key area')
    .option('--region <region>', 'only this region (成渝, 重庆, 四川, 成都…)')
    .option('--limit <n>', 'conflicts per page', toInt, 100)
    .option('--offset <n>', 'skip this many', toInt, 0)
    .option(...STORE_OPTION)
    .option('--json', 'print the page of conflicts as JSON, with every source sentence')
    .action(
      guarded(async (opts: { indicator?: string; area?: string; region?: string; limit: number; offset: number; store?: string; json?: boolean }) => {
        const store = await openExistingStore(opts.store);
        try {
          const page = await store.conflicts({ indicatorId: opts.indicator, area: opts.area, region: opts.region, limit: opts.limit, offset: opts.offset });
          if (opts.json) {
            process.stdout.write(JSON.stringify(page, null, 2) + '\n');
            return;
          }
          process.stdout.write(
            renderTable(page.rows, [
              { header: '指标', value: (c) => c.indicatorName, max: 26 },
              { header: '地区', value: (c) => c.region },
              { header: '日期', value: (c) => c.date },
              { header: '甲', value: (c) => formatFigure(c.a), align: 'right' },
              { header: '甲来源', value: (c) => sourcesOf(c.a), max: 40 },
              { header: '乙', value: (c) => formatFigure(c.b), align: 'right' },
              { header: '乙来源', value: (c) => sourcesOf(c.b), max: 40 },
            ]),
          );
          process.stdout.write(`${page.total} conflict(s)\n`);
        } finally {
          await store.close();
        }
      }),
    );
}
