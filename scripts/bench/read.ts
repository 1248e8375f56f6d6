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

type Page = { id: string; path: string; bytes: Uint8Array };

function ours(page: Page): string {
  return mainTextOf(page.bytes, page.path)?.text ?? '';
}

const quiet = new VirtualConsole(); // jsdom reports CSS it cannot parse; that is noise here

function readability(page: Page): string {
  const bytes = page.bytes[0] === 0x1f && page.bytes[1] === 0x8b ? gunzipSync(page.bytes) : page.bytes;
  const html = decodeBytes(bytes).text;
  try {
    const dom = new JSDOM(html, { url: 'https://example.com/', virtualConsole: quiet });
    const text = new Readability(dom.window.document).parse()?.textContent ?? '';
    dom.window.close();
    return text;
  } catch {
    return ''; // a page readability cannot take scores as empty
  }
}

/**
 * Both extractors on every page, alternating page by page, so that load from other processes on a
 * shared machine falls on both sides alike.
 */
function timeBoth(pages: Page[]): [Timing, Timing] {
  const sides: [Timing, Timing] = [{ seconds: 0, predictions: {} }, { seconds: 0, predictions: {} }];
  const extractors = [ours, readability];
  for (const page of pages) {
    extractors.forEach((extract, side) => {
      const start = process.hrtime.bigint();
      const text = extract(page);
      sides[side].seconds += Number(process.hrtime.bigint() - start) / 1e9;
      sides[side].predictions[page.id] = { articleBody: text };
    });
  }
  return sides;
}

export async function run(argv: string[] = process.argv.slice(2)): Promise<void> {
  const limit = argv.includes('--pages') ? Number(argv[argv.indexOf('--pages') + 1]) : Infinity;
  console.log('suite | pages | MB | ours: pages/s, MB/s, F1 | readability+jsdom: pages/s, MB/s, F1 | speed ratio');
  for (const suite of suites()) {
    const pages = suite.pages.slice(0, limit).map(([id, path]) => ({ id, path, bytes: new Uint8Array(readFileSync(path)) }));
    const megabytes = pages.reduce((n, p) => n + (p.bytes[0] === 0x1f ? gunzipSync(p.bytes).length : p.bytes.length), 0) / 1024 / 1024;
    timeBoth(pages.slice(0, 3)); // warm the JIT on both sides alike
    const [ours, theirs] = timeBoth(pages);
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
