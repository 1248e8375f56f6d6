import { once } from 'node:events';
import type { Command } from 'commander';
import { toContractRecord, type Document } from '../document/index.ts';
import { DEFAULT_MAX_BYTES } from '../read/limits.ts';

const say = (line: string) => process.stderr.write(`twincity: ${line}\n`);

/** Problems worth one line on stderr: the report was read, but not cleanly. */
function warnings(doc: Document): string[] {
  return doc.messages.filter((m) => m.severity !== 'info').map((m) => m.reason);
}

/**
 * `twincity extract PATH...`: one JSON line per report (../shared/eval/FORMAT.md) on stdout. A bad
 * input gets one stderr line naming it and the reason; the batch goes on; the exit code is 1 when
 * any input failed. Files are read once each, and files over --max-bytes are refused unread.
 */
export function registerExtract(program: Command): void {
  program
    .command('extract')
    .description('print one JSON object per report: main text, title, date, quantities, events, items')
    .argument('<paths...>', 'files, folders (recursive) or http(s) URLs')
    .option('--max-bytes <n>', 'refuse files and responses larger than this', String(DEFAULT_MAX_BYTES))
    .option('--timeout <ms>', 'time limit per URL', '20000')
    .action(async (paths: string[], opts: { maxBytes: string; timeout: string }) => {
      let failed = 0;
      const maxBytes = Number(opts.maxBytes);
      const timeoutMs = Number(opts.timeout);
      if (!(maxBytes > 0) || !(timeoutMs > 0)) {
        say('--max-bytes and --timeout take positive numbers');
        process.exitCode = 2;
        return;
      }
      // The reader of stdout went away (`| head`): stop quietly, as command-line tools do.
      let closed = false;
      process.stdout.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EPIPE') throw error;
        closed = true;
      });
      const { processDocument, readInputs } = await import('../pipeline.ts');
      for await (const result of readInputs(paths, { maxBytes, timeoutMs })) {
        if (closed) break;
        if (!result.ok) {
          // a folder's other files (notes, spreadsheets) are named, not counted as failed reports
          if (result.error.ruleId !== 'read:not-a-report') failed++;
          say(result.error.message);
          continue;
        }
        const name = result.doc.source.includes('#') ? `${result.doc.location}#${result.doc.source.split('#').pop()}` : result.doc.location;
        try {
          const doc = processDocument(result.doc);
          if (!doc.text.trim()) {
            failed++;
            say(`${name}: no main text found`);
            continue;
          }
          for (const reason of warnings(doc)) say(`warning: ${name}: ${reason}`);
          // Wait for a slow reader of stdout rather than buffering a whole batch in memory.
          if (!process.stdout.write(JSON.stringify(toContractRecord(doc)) + '\n')) await once(process.stdout, 'drain');
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'EPIPE' || closed) break;
          failed++;
          say(`${name}: ${error instanceof Error ? error.message : error}`);
        }
      }
      process.exitCode = failed ? 1 : 0;
    });
}
