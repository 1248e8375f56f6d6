/**
 * The one folder walk: inputs expanded the way every road into the pipeline takes them — folders
 * recursively, entries in code-point order of names (deterministic), hidden entries skipped.
 * Files of a kind no reader takes come out as `skipped` with the reason, never silently dropped.
 */
import { opendir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { extensionOf, REPORT_EXTENSIONS } from './sniff.ts';

const isUrl = (input: string) => /^https?:\/\//i.test(input);

/** One entry per file or URL to read; a folder that cannot be listed yields `{ error }`. */
export type ExpandedInput = { input: string } | { input: string; error: string } | { input: string; skipped: string };

/** Why a file found in a folder is not read, or null when a reader takes it. */
export function notAReport(name: string): string | null {
  const ext = extensionOf(name);
  if (REPORT_EXTENSIONS.has(ext)) return null;
  const kinds = [...REPORT_EXTENSIONS].join(', ');
  return `skipped: ${ext ? `.${ext}` : 'a file without an extension'} is not a kind of report the Observatory reads (${kinds}); name the file itself to try reading it`;
}

async function* walk(dir: string): AsyncGenerator<ExpandedInput> {
  const entries: { name: string; isDir: boolean }[] = [];
  try {
    for await (const entry of await opendir(dir)) {
      if (entry.name.startsWith('.')) continue;
      entries.push({ name: entry.name, isDir: entry.isDirectory() });
    }
  } catch (error) {
    yield { input: dir, error: `cannot list folder (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDir) {
      yield* walk(path);
      continue;
    }
    const skipped = notAReport(entry.name);
    yield skipped ? { input: path, skipped } : { input: path };
  }
}

/**
 * Files and URLs in the order the reader takes them. A top-level path that is not a folder
 * (missing, unreadable, a file of any extension) is passed on as it is: the reader says what is wrong.
 */
export async function* expandInputs(inputs: string[]): AsyncGenerator<ExpandedInput> {
  for (const input of inputs) {
    if (isUrl(input)) {
      yield { input };
      continue;
    }
    const location = resolve(input);
    const info = await stat(location).catch(() => null);
    if (info?.isDirectory()) yield* walk(location);
    else yield { input: location };
  }
}

/** How many files and URLs `expandInputs` would read (a feed counts once), for a progress bar's total. */
export async function countReportFiles(inputs: string[]): Promise<number> {
  let count = 0;
  for await (const entry of expandInputs(inputs)) if (!('skipped' in entry)) count++;
  return count;
}
