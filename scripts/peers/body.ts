/**
 * Main text on the two peer suites of ../shared/peers (`npm run peers -- --only body`):
 * 69 Chinese pages (38 GBK/GB2312) and the 181-page article-extraction benchmark. Every page goes
 * through the Observatory's own read + clean stages, and the suite's scorer (score-body.mjs, the
 * benchmark's metric) grades the result. Also reports date accuracy on the Chinese set.
 * `--write DIR` keeps the predictions; `--page ID` prints one page's text.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanStages } from '../../src/clean/index.ts';
import { createPipeline, type Document } from '../../src/document/index.ts';
import { readBytes } from '../../src/read/index.ts';

const repoRoot = resolve(fileURLToPath(import.meta.url), '..', '..', '..');
const peersDir = resolve(repoRoot, '..', 'shared', 'peers');
const clean = createPipeline(cleanStages);

export interface Suite {
  name: string;
  /** [page id, file path] in a fixed order. */
  pages: [string, string][];
  truth: string;
  /** Published figures to print beside ours. */
  anchors: string;
}

export function suites(): Suite[] {
  const zh = join(peersDir, 'chinese-web-content');
  const zyte = join(peersDir, 'zyte-article-extraction');
  const list = (dir: string, ext: string) =>
    readdirSync(dir).filter((f) => f.endsWith(ext)).sort().map((f): [string, string] => [f.slice(0, -ext.length), join(dir, f)]);
  return [
    { name: 'chinese-web-content (69 pages)', pages: list(join(zh, 'original'), '.html'), truth: join(zh, 'eval', 'cleaned_ground.json'), anchors: 'trafilatura 0.878 · readability+jsdom 0.741' },
    { name: 'article-extraction benchmark (181 pages)', pages: list(join(zyte, 'html'), '.html.gz'), truth: join(zyte, 'ground-truth.json'), anchors: 'trafilatura 2.0 0.958 · readability.js 0.947' },
  ];
}

/** Read + clean one page's bytes; the main text ("" when the page cannot be read). */
export function mainTextOf(bytes: Uint8Array, location: string): Document | null {
  try {
    const [doc] = readBytes(bytes, { location });
    return doc ? clean.run(doc) : null;
  } catch {
    return null;
  }
}

export function score(truthPath: string, predictions: Record<string, { articleBody: string }>): { f1: number; precision: number; recall: number; pages: number } {
  const dir = mkdtempSync(join(tmpdir(), 'twincity-peers-'));
  const file = join(dir, 'predictions.json');
  writeFileSync(file, JSON.stringify(predictions));
  const out = execFileSync(process.execPath, [join(peersDir, 'score-body.mjs'), truthPath, file, '--json'], { encoding: 'utf8' });
  return JSON.parse(out);
}

export async function run(argv: string[] = process.argv.slice(2)): Promise<void> {
  if (!existsSync(peersDir)) {
    console.log(`peers: ${peersDir} not found; skipped`);
    return;
  }
  const flag = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : null);
  const writeDir = flag('--write');
  const onePage = flag('--page');
  for (const suite of suites()) {
    const predictions: Record<string, { articleBody: string }> = {};
    const dates: Record<string, string | null> = {};
    for (const [id, path] of suite.pages) {
      if (onePage && id !== onePage) continue;
      const doc = mainTextOf(readFileSync(path), path);
      predictions[id] = { articleBody: doc?.text ?? '' };
      dates[id] = doc?.meta.published ?? null;
      if (onePage) console.log(`title: ${doc?.meta.title}\npublished: ${doc?.meta.published}\n\n${doc?.text}`);
    }
    if (onePage) continue;
    const figures = score(suite.truth, predictions);
    console.log(`${suite.name}: F1 ${figures.f1.toFixed(3)} (P ${figures.precision.toFixed(3)}, R ${figures.recall.toFixed(3)}) — published: ${suite.anchors}`);
    if (suite.name.startsWith('chinese')) {
      const truthDates = JSON.parse(readFileSync(join(peersDir, 'chinese-web-content', 'eval', 'date_ground.json'), 'utf8')) as Record<string, { articleBody: string }>;
      let right = 0;
      let all = 0;
      const misses: string[] = [];
      for (const [id, { articleBody }] of Object.entries(truthDates)) {
        const m = /((?:19|20)\d{2})\D{1,3}(\d{1,2})\D{1,3}(\d{1,2})/.exec(articleBody);
        if (!m) continue; // UNKNOWN or blank answers are not dates
        all++;
        const want = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
        if (dates[id] === want) right++;
        else misses.push(`    ${id}: gold ${want}, ours ${dates[id] ?? '—'}`);
      }
      console.log(`  publication date: ${right}/${all} right (${((right / all) * 100).toFixed(1)}%)`);
      if (misses.length > 0) console.log(misses.join('\n'));
    }
    if (writeDir) {
      mkdirSync(writeDir, { recursive: true });
      writeFileSync(join(writeDir, `${suite.name.split(' ')[0]}.json`), JSON.stringify(predictions, null, 1));
    }
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await run();
