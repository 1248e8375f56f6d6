import type { Command } from 'commander';
import { guarded, pagingOptions } from './query-support.ts';
import { renderTable } from '../store/text-table.ts';

/** `twincity search WORDS`: full-text search over reports and facts (jieba tokens in FTS5). */
export function registerSearch(program: Command): void {
  pagingOptions(
    program
      .command('search')
      .description('full-text search over reports and their facts; Chinese words are segmented with jieba')
      .argument('<words...>', 'what to look for, e.g. 高铁 or 氢能 汽车 (all words must match)'),
    'hits',
    20,
  )
    .option('--json', 'print the page of hits as JSON')
    .action(
      guarded(async (words: string[], opts: { limit: number; offset: number; store?: string; json?: boolean }) => {
        const store = await (await import('../store/index.ts')).openExistingStore(opts.store);
        try {
          const page = await store.search(words.join(' '), { limit: opts.limit, offset: opts.offset });
          if (opts.json) {
            process.stdout.write(JSON.stringify(page, null, 2) + '\n');
            return;
          }
          process.stdout.write(
            renderTable(page.rows, [
              { header: '报告', value: (h) => h.reportId, align: 'right' },
              { header: '类别', value: (h) => ({ report: '报告', quantity: '数据', event: '事件', item: '事项' })[h.kind] },
              { header: '日期', value: (h) => h.published },
              { header: '标题', value: (h) => h.title, max: 24 },
              { header: '摘录', value: (h) => h.snippet, max: 70 },
            ]),
          );
          process.stdout.write(
            `${page.total} hit(s)${page.total > page.offset + page.rows.length ? `, showing ${page.offset + 1}–${page.offset + page.rows.length}` : ''}\n`,
          );
        } finally {
          await store.close();
        }
      }),
    );
}
