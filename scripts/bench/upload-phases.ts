/**
 * `npm run bench -- --only upload-phases [--uploads N]`: where an upload's time goes on the
 * server's one JavaScript thread, measured in this process with the server's own code, no HTTP:
 * the bundled corpus in a fresh store, then N uploads (the load section's files), each read and
 * extracted (in a worker on the server: timed here only for scale), then the parts that run on the
 * server's thread and block its event loop (better-sqlite3 is synchronous): the store write
 * (with the search terms segmented there, as upload.ts does, and — for comparison — with them
 * computed beforehand, as ingest's workers do), the derived rebuild (refreshDerived after every
 * upload) and the read-back of the stored report. Prints p50/p90/max ms of each.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentFromJSON } from '../../src/document/index.ts';
import { ingestCorpusIfEmpty } from '../../src/serve/bootstrap.ts';
import { extractUpload } from '../../src/serve/extract.ts';
import { openStore } from '../../src/store/index.ts';
import { reportSearchTerms } from '../../src/store/search-terms.ts';
import { percentile } from './server.ts';
import { uploadFile } from './uploads.ts';

export async function run(argv: string[] = []): Promise<void> {
  const at = argv.indexOf('--uploads');
  const uploads = at >= 0 ? Number(argv[at + 1]) : 40;
  const dir = mkdtempSync(join(tmpdir(), 'twincity-bench-phases-'));
  const store = await openStore(join(dir, 'observatory.db'));
  await ingestCorpusIfEmpty(store);
  const phases = new Map<string, number[]>();
  const timed = async <T>(name: string, work: () => Promise<T> | T): Promise<T> => {
    const started = performance.now();
    const result = await work();
    phases.set(name, [...(phases.get(name) ?? []), performance.now() - started]);
    return result;
  };
  for (let i = 0; i < uploads; i++) {
    const file = uploadFile(i);
    // uploads alternate a bundled report with a line of its own and a small generated one
    const kind = i % 2 === 0 ? 'bundled' : 'small';
    const at = (name: string) => `${name} [${kind}]`;
    const location = `upload:${file.name}`;
    const outcome = await timed(at('read+extract (worker)'), () => extractUpload({ bytes: file.bytes, location, source: file.name, maxBytes: 20 * 1024 * 1024 }));
    if (!outcome.ok) throw new Error(`${file.name}: ${outcome.reason}`);
    const docs = outcome.docs.map((json) => documentFromJSON(json));
    if ((i >> 1) % 2 === 1) {
      // the same write with the search terms segmented beforehand (off the thread, as ingest's workers do)
      const terms = await timed(at('  segmenting alone'), () => docs.map((d) => reportSearchTerms(d)));
      await timed(at('  write, terms given'), () => store.writeBatch(async () => Promise.all(docs.map((d, k) => store.ingestDocument(d, outcome.bytes[k], terms[k])))));
    } else {
      await timed(at('write (ingestDocument)'), () => store.writeBatch(async () => Promise.all(docs.map((d, k) => store.ingestDocument(d, outcome.bytes[k])))));
    }
    await timed(at('refreshDerived'), () => store.refreshDerived());
    const latest = (await store.reports({ limit: 1 })).rows[0];
    await timed(at('read back (report)'), () => store.report(latest.id));
    await timed('overview (recomputed)', () => store.overview());
  }
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  console.log(`${uploads} uploads into a store holding the bundled corpus; ms on the server's thread unless marked (worker)`);
  console.log('phase                                n    p50 ms   p90 ms   max ms');
  for (const [name, times] of [...phases].sort(([a], [b]) => a.trim().localeCompare(b.trim()))) {
    const sorted = times.slice().sort((a, b) => a - b);
    console.log(`${name.padEnd(34)} ${String(sorted.length).padStart(4)} ${percentile(sorted, 50).toFixed(1).padStart(8)} ${percentile(sorted, 90).toFixed(1).padStart(8)} ${sorted.at(-1)!.toFixed(1).padStart(8)}`);
  }
}
