import type { Command } from 'commander';
import { guarded, STORE_OPTION } from './query-support.ts';

export interface ReindexSummary {
  reports: number;
  reindexed: number;
  current: number;
  failed: { location: string; reason: string }[];
}

/** `twincity reindex`: re-read the stored bytes and re-extract reports made by older stage versions. */
export function registerReindex(program: Command): void {
  program
    .command('reindex')
    .description('re-extract stored reports (from their kept bytes) whose stage versions differ from the current pipeline')
    .option('--force', 're-extract every report, even those already made by the current stages')
    .option(...STORE_OPTION)
    .option('--json', 'print the summary as JSON')
    .action(
      guarded(async (opts: { force?: boolean; store?: string; json?: boolean }) => {
        const [{ processDocument, documentPipeline }, { readBytesAsync }, { openStore, resolveStorePath }] = await Promise.all([
          import('../pipeline.ts'),
          import('../read/index.ts'),
          import('../store/index.ts'),
        ]);
        const store = await openStore(resolveStorePath(opts.store));
        const current = documentPipeline.stages.map((s) => `${s.name}@${s.version}`);
        const summary: ReindexSummary = { reports: 0, reindexed: 0, current: 0, failed: [] };
        try {
          for await (const raw of store.raws()) {
            summary.reports++;
            if (!opts.force && sameStages(raw.stages, current)) {
              summary.current++;
              continue;
            }
            try {
              // Reports stored without their bytes are re-read from the decoded source (as UTF-8).
              const bytes = raw.bytes ?? new TextEncoder().encode((await store.rawText(raw.id)) ?? '');
              const docs = await readBytesAsync(bytes, { location: raw.location, source: raw.source.includes('#') ? undefined : raw.source });
              const doc = docs.find((d) => d.source === raw.source) ?? (docs.length === 1 ? docs[0] : undefined);
              if (!doc) throw new Error(`the stored bytes no longer hold ${raw.source}`);
              doc.contentHash = raw.contentHash;
              await store.replaceFacts(raw.id, processDocument(doc));
              summary.reindexed++;
            } catch (error) {
              const reason = error instanceof Error ? error.message : String(error);
              await store.recordFailure(raw.location, `reindex: ${reason}`);
              summary.failed.push({ location: raw.location, reason });
            }
          }
          if (summary.reindexed) await store.refreshDerived();
        } finally {
          await store.close();
        }
        if (opts.json) process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
        else {
          process.stdout.write(
            `reindex: ${summary.reports} report(s): ${summary.reindexed} re-extracted, ${summary.current} already current, ${summary.failed.length} failed\n`,
          );
          for (const f of summary.failed) process.stdout.write(`  failed ${f.location}: ${f.reason}\n`);
        }
        process.exitCode = summary.failed.length ? 1 : 0;
      }),
    );
}

function sameStages(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}
