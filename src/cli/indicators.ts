import type { Command } from 'commander';
import { guarded, STORE_OPTION } from './query-support.ts';
import { KEY_AREA_NAMES } from '../reconcile/catalog.ts';
import { formatFigure, renderTable } from '../store/text-table.ts';

/** `twincity indicators`: the catalogue and the automatic groups, with latest value and counts. */
export function registerIndicators(program: Command): void {
  program
    .command('indicators')
    .description('list indicators (catalogued and automatically grouped) with their latest value')
    .option('--area <area>', `only this key area: ${KEY_AREA_NAMES.join(', ')}`)
    .option('--catalogued', 'only catalogue indicators')
    .option('--uncatalogued', 'only automatic groups of uncatalogued quantities')
    .option('--all', 'also list catalogue indicators with no data yet')
    .option(...STORE_OPTION)
    .option('--json', 'print the indicators as JSON')
    .action(
      guarded(async (opts: { area?: string; catalogued?: boolean; uncatalogued?: boolean; all?: boolean; store?: string; json?: boolean }) => {
        if (opts.area && !(KEY_AREA_NAMES as readonly string[]).includes(opts.area)) {
          throw new Error(`--area must be one of ${KEY_AREA_NAMES.join(', ')}, not "${opts.area}"`);
        }
        const store = await (await import('../store/index.ts')).openExistingStore(opts.store);
        try {
          const catalogued = opts.catalogued ? true : opts.uncatalogued ? false : undefined;
          const rows = (await store.indicators({ area: opts.area, catalogued })).filter((i) => opts.all || i.pointCount > 0);
          if (opts.json) {
            process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
            return;
          }
          process.stdout.write(
            renderTable(rows, [
              { header: '指标', value: (i) => i.id, max: 40 },
              { header: '名称', value: (i) => i.nameZh, max: 30 },
              { header: '领域', value: (i) => i.area ?? '（未编目）' },
              { header: '最新值', value: (i) => (i.latest ? formatFigure(i.latest) : ''), align: 'right' },
              { header: '日期', value: (i) => i.latest?.date },
              { header: '点', value: (i) => i.pointCount, align: 'right' },
              { header: '来源', value: (i) => i.sourceCount, align: 'right' },
              { header: '冲突', value: (i) => i.conflictCount || '', align: 'right' },
            ]),
          );
          process.stdout.write(`${rows.length} indicator(s)\n`);
        } finally {
          await store.close();
        }
      }),
    );
}
