import type { Command } from 'commander';
import { guarded, STORE_OPTION } from './query-support.ts';
import { formatFigure, formatPeriod, renderTable } from '../store/text-table.ts';

/** `twincity series ID`: an indicator's points in time order, each with the reports it rests on. */
export function registerSeries(program: Command): void {
  program
    .command('series')
    .description("an indicator's series: points by period, each with its sources (report, sentence, span)")
    .argument('<id>', 'indicator id, as `twincity indicators` lists it')
    .option(...STORE_OPTION)
    .option('--json', 'print the indicator with its series and conflicts as JSON')
    .action(
      guarded(async (id: string, opts: { store?: string; json?: boolean }) => {
        const store = await (await import('../store/index.ts')).openExistingStore(opts.store);
        try {
          const detail = await store.indicator(id);
          if (!detail) throw new Error(`no indicator "${id}" (see \`twincity indicators\`)`);
          if (opts.json) {
            process.stdout.write(JSON.stringify(detail, null, 2) + '\n');
            return;
          }
          process.stdout.write(
            `${detail.nameZh}${detail.nameEn ? ` — ${detail.nameEn}` : ''}  [${detail.id}]  ${detail.area ?? '未编目'}  单位 ${detail.unit}\n\n`,
          );
          const rows = detail.series.flatMap((p) => p.sources.map((s, i) => ({ p, s, first: i === 0 })));
          process.stdout.write(
            renderTable(rows, [
              { header: '日期', value: (r) => (r.first ? r.p.date : '') },
              { header: '期间', value: (r) => (r.first ? formatPeriod(r.p.period) : '') },
              { header: '地区', value: (r) => (r.first ? r.p.region : '') },
              { header: '数值', value: (r) => (r.first ? formatFigure(r.p) : ''), align: 'right' },
              { header: '报告', value: (r) => r.s.reportId, align: 'right' },
              { header: '原文', value: (r) => r.s.text },
              { header: '位置', value: (r) => `${r.s.span[0]}–${r.s.span[1]}` },
              { header: '句子', value: (r) => r.s.sentence, max: 60 },
            ]),
          );
          process.stdout.write(`${detail.series.length} point(s) from ${detail.sourceCount} report(s), ${detail.conflicts.length} conflict(s)\n`);
        } finally {
          await store.close();
        }
      }),
    );
}
