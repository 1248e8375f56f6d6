import type { Command } from 'commander';
import { guarded, STORE_OPTION } from './query-support.ts';
import type { Source } from '../store/index.ts';
import { resolveStorePath } from '../store/location.ts';
import { DEFAULT_EVERY, describeSource } from '../watch/sources.ts';
import { formatInterval } from '../watch/schedule.ts';

const openStore = async (location: string) => (await import('../store/index.ts')).openStore(location);

function sourceLine(s: Source): string {
  const state = s.lastError ? `error ×${s.consecutiveErrors}: ${s.lastError}` : s.lastOkAt ? `ok ${s.lastOkAt}` : 'not fetched yet';
  return `${String(s.id).padStart(3)}  ${s.kind.padEnd(6)} every ${formatInterval(s.everySeconds).padEnd(4)} ${s.itemsSeen} seen  ${s.name}  ${s.location}\n       ${state}; next ${s.nextDueAt}\n`;
}

/** Which source `ref` names: its id, or its location as added. */
const refOf = (ref: string): number | string => (/^\d+$/.test(ref) ? Number(ref) : ref);

/** `twincity source add|list|remove`: the subscribed feeds, list pages and folders. */
export function registerSource(program: Command): void {
  const source = program.command('source').description('subscribed sources: RSS/Atom feeds, list pages (article links followed), folders');
  source
    .command('add <location>')
    .description('subscribe to a feed or list page URL, or a folder')
    .option('--every <interval>', 'how often to look: 90s, 30m, 2h, 1d', DEFAULT_EVERY)
    .option('--name <name>', 'what to call it (default: from the URL or folder)')
    .option('--kind <kind>', 'for a URL: feed or page (default: guessed from the URL; a page answering with a feed is read as one)')
    .option(...STORE_OPTION)
    .option('--json', 'print the source as JSON')
    .action(
      guarded(async (location: string, opts: { every: string; name?: string; kind?: string; store?: string; json?: boolean }) => {
        if (opts.kind !== undefined && opts.kind !== 'feed' && opts.kind !== 'page') throw new Error(`--kind: feed or page, not "${opts.kind}"`);
        const request = await describeSource({ location, every: opts.every, name: opts.name, kind: opts.kind });
        const store = await openStore(resolveStorePath(opts.store));
        try {
          const added = await store.addSource(request);
          process.stdout.write(opts.json ? `${JSON.stringify(added, null, 2)}\n` : `added source ${added.id}: ${added.kind} ${added.location}\n`);
        } finally {
          await store.close();
        }
      }),
    );
  source
    .command('list')
    .description('the sources with their state: last fetch, items seen, errors, next visit')
    .option(...STORE_OPTION)
    .option('--json', 'print JSON (with each source’s latest errors)')
    .action(
      guarded(async (opts: { store?: string; json?: boolean }) => {
        const store = await openStore(resolveStorePath(opts.store));
        try {
          const sources = await store.sources();
          if (opts.json) {
            const rows = [];
            for (const s of sources) rows.push({ ...s, errors: await store.sourceErrors(s.id, 10) });
            process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
          } else if (!sources.length) process.stdout.write('no sources: add one with `twincity source add URL|DIR`\n');
          else for (const s of sources) process.stdout.write(sourceLine(s));
        } finally {
          await store.close();
        }
      }),
    );
  source
    .command('remove <id-or-location>')
    .description('unsubscribe (what the source brought stays in the store)')
    .option(...STORE_OPTION)
    .action(
      guarded(async (ref: string, opts: { store?: string }) => {
        const store = await openStore(resolveStorePath(opts.store));
        try {
          if (!(await store.removeSource(refOf(ref)))) throw new Error(`no source ${ref} (twincity source list)`);
          process.stdout.write(`removed source ${ref}\n`);
        } finally {
          await store.close();
        }
      }),
    );
}
