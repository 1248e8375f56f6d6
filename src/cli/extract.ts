import type { Command } from 'commander';
import { toContractRecord } from '../document/index.ts';
import { processDocument, readInputs } from '../pipeline.ts';

/** `twincity extract PATH...`: one JSON line per report (../shared/eval/FORMAT.md). */
export function registerExtract(program: Command): void {
  program
    .command('extract')
    .description('print one JSON object per report: main text, title, date, quantities, events, items')
    .argument('<paths...>', 'files, folders (recursive) or http(s) URLs')
    .action(async (paths: string[]) => {
      let failed = 0;
      for await (const result of readInputs(paths)) {
        if (!result.ok) {
          failed++;
          process.stderr.write(`twincity: ${result.error.message}\n`);
          continue;
        }
        try {
          const doc = processDocument(result.doc);
          process.stdout.write(JSON.stringify(toContractRecord(doc)) + '\n');
        } catch (error) {
          failed++;
          process.stderr.write(`twincity: ${result.doc.location}: ${error instanceof Error ? error.message : error}\n`);
        }
      }
      process.exitCode = failed ? 1 : 0;
    });
}
