/**
 * Read + clean throughput on both peer suites, beside @mozilla/readability + jsdom on the same
 * pages in the same run (`npm run bench -- --only read`). Both sides start from the page's bytes
 * (gunzip and charset decoding included); both sides' main text is scored with the suite's metric,
 * so speed is compared at known quality. `--pages N` takes the first N pages of each suite.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { decodeBytes } from '../../src/read/charset.ts';
import { mainTextOf, score, suites } from '../peers/body.ts';

interface Timing {
  seconds: number;
  predictions: Record<string, { articleBody: string }>;
}

function timeOurs(pages: { id: string; path: string; bytes: Uint8Array }[]): Timing {
  const predictions: Record<string, { articleBody: string }> = {};
  const start = process.hrtime.bigint();
  for (const page of pages) predictions[page.id] = { articleBody: mainTextOf(page.bytes, page.path)?.text ?? '' };
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, predictions };
}

function timeReadability(pages: { id: string; path: string; bytes: Uint8Array }[]): Timing {
  const predictions: Record<string, { articleBody: string }> = {};
  const quiet = new VirtualConsole(); // jsdom reports CSS it cannot parse; that is noise here
  const start = process.hrtime.bigint();
  for (const page of pages) {
    const bytes = page.bytes[0] === 0x1f && page.bytes[1] === 0x8b ? gunzipSync(page.bytes) : page.bytes;
    const html = decodeBytes(bytes).text;
    let text = '';
    try {
      const dom = new JSDOM(html, { url: 'https://example.com/', virtualConsole: quiet });
      text = new Readability(dom.window.document).parse()?.textContent ?? '';
      dom.window.close();
    } catch {
      // a page readability cannot take scores as empty
    }
    predictions[page.id] = { articleBody: text };
  }
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, predictions };
}

export async function run(argv: string[] = process.argv.slice(2)): Promise<void> {
  const limit = argv.includes('--pages') ? Number(argv[argv.indexOf('--pages') + 1]) : Infinity;
  console.log('suite | pages | MB | ours: pages/s, MB/s, F1 | readability+jsdom: pages/s, MB/s, F1 | speed ratio');
  for (const suite of suites()) {
    const pages = suite.pages.slice(0, limit).map(([id, path]) => ({ id, path, bytes: new Uint8Array(readFileSync(path)) }));
    const megabytes = pages.reduce((n, p) => n + (p.bytes[0] === 0x1f ? gunzipSync(p.bytes).length : p.bytes.length), 0) / 1024 / 1024;
    timeOurs(pages.slice(0, 5)); // warm the JIT on both sides alike
    timeReadability(pages.slice(0, 2));
    const ours = timeOurs(pages);
    const theirs = timeReadability(pages);
    const truth = JSON.parse(readFileSync(suite.truth, 'utf8')) as Record<string, unknown>;
    const ids = new Set(pages.map((p) => p.id));
    const subset = Object.fromEntries(Object.entries(truth).filter(([id]) => ids.has(id)));
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const truthFile = join(mkdtempSync(join(tmpdir(), 'twincity-bench-')), 'truth.json');
    writeFileSync(truthFile, JSON.stringify(subset));
    const f1Ours = score(truthFile, ours.predictions).f1;
    const f1Theirs = score(truthFile, theirs.predictions).f1;
    const rate = (t: Timing) => `${(pages.length / t.seconds).toFixed(1)} pages/s, ${(megabytes / t.seconds).toFixed(2)} MB/s`;
    console.log(
      `${suite.name} | ${pages.length} | ${megabytes.toFixed(1)} | ${rate(ours)}, F1 ${f1Ours.toFixed(3)} | ${rate(theirs)}, F1 ${f1Theirs.toFixed(3)} | ${(theirs.seconds / ours.seconds).toFixed(1)}×`,
    );
  }
}
