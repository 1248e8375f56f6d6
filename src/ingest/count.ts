/**
 * Counts the report files under the inputs the way the reader walks them (hidden entries skipped,
 * report extensions only), for a progress bar's total. A URL counts one; a feed file counts one
 * though it may hold many reports, so the total is an estimate that the bar can outgrow.
 */
import { opendir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { extensionOf, REPORT_EXTENSIONS } from '../read/sniff.ts';

export async function countReportFiles(inputs: string[]): Promise<number> {
  let count = 0;
  const walk = async (dir: string): Promise<void> => {
    for await (const entry of await opendir(dir)) {
      if (entry.name.startsWith('.')) continue;
      if (entry.isDirectory()) await walk(join(dir, entry.name));
      else if (REPORT_EXTENSIONS.has(extensionOf(entry.name))) count++;
    }
  };
  for (const input of inputs) {
    if (/^https?:\/\//i.test(input)) {
      count++;
      continue;
    }
    const info = await stat(resolve(input)).catch(() => null);
    if (info?.isDirectory()) await walk(resolve(input));
    else count++;
  }
  return count;
}
