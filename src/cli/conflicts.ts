import type { Command } from 'commander';
import { guarded, pagingOptions } from './query-support.ts';
import type { Conflict, ConflictMember } from '../store/index.ts';
import { renderTable } from '../store/text-table.ts';

/** The table shows a group's first values; --json has the first CONFLICT_MEMBERS_INLINE, the API (/api/conflicts/{id}/members) all. */
const SHOWN_VALUES = 5;

const more = (c: Conflict, shown: number) => (c.memberCount > shown ? ` …+${c.memberCount - shown}` : '');
/** 210项 ×2 / 300余项 ×1: each value as printed, with how many sources state it. */
const valuesOf = (c: Conflict): string =>
  c.members
    .slice(0, SHOWN_VALUES)
    .map((m) => `${m.printed} ×${m.sourceTotal ?? m.sources.length}`)
    .join(' / ') + more(c, SHOWN_VALUES);
const firstSource = (m: ConflictMember): string => {
  const s = m.sources[0];
  return s ? `${m.printed} #${s.reportId}${s.published ? ` ${s.published}` : ''}` : m.printed;
};
const sourcesOf = (c: Conflict): string => c.members.slice(0, SHOWN_VALUES).map(firstSource).join('; ') + more(c, SHOWN_VALUES);
const verdictOf = (c: Conflict): string =>
  c.decision ? `${c.decision.verdict === 'resolved' ? '已裁定' : '非冲突'}${c.decision.stands ? `：${c.decision.stands}` : ''}` : '';

/** `twincity conflicts`: where reports disagree on the same indicator, region and moment. */
export function registerConflicts(program: Command): void {
  pagingOptions(
    program
      .command('conflicts')
      .description('conflict groups: the values that disagree beyond their qualifiers for one indicator, region and period, one row each')
      .option('--indicator <id>', 'only this indicator')
      .option('--area <area>', 'only this key area')
      .option('--region <region>', 'only this region (成渝, 重庆, 四川, 成都…)'),
    'conflicts',
    100,
  )
    .option('--json', 'print the page of conflicts as JSON, with every source sentence')
    .action(
      guarded(async (opts: { indicator?: string; area?: string; region?: string; limit: number; offset: number; store?: string; json?: boolean }) => {
        const store = await (await import('../store/index.ts')).openExistingStore(opts.store);
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
              { header: '编号', value: (c) => c.id, align: 'right' },
              { header: '数值', value: (c) => c.memberCount, align: 'right' },
              { header: '各值（来源数）', value: valuesOf, max: 60 },
              { header: '来源', value: sourcesOf, max: 60 },
              { header: '审定', value: verdictOf },
            ]),
          );
          process.stdout.write(`${page.total} conflict group(s) (one per indicator, region and date)\n`);
        } finally {
          await store.close();
        }
      }),
    );
}
