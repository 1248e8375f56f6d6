// The peers' main-text suites (../shared/peers) with the floors: the Chinese pages' main
// text and dates, and the article benchmark. The figures are in BENCHMARKS.md (`npm run peers`).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mainTextOf, score, suites } from '../scripts/peers/body.ts';
import { sharedDir } from './helpers.ts';

const hasPeers = existsSync(join(sharedDir, 'peers', 'score-body.mjs'));

function run(suite: ReturnType<typeof suites>[number]) {
  const predictions: Record<string, { articleBody: string }> = {};
  const dates: Record<string, string | null> = {};
  for (const [id, path] of suite.pages) {
    const doc = mainTextOf(readFileSync(path), path);
    predictions[id] = { articleBody: doc?.text ?? '' };
    dates[id] = doc?.meta.published ?? null;
  }
  return { figures: score(suite.truth, predictions), dates };
}

describe.skipIf(!hasPeers)('peer suites', () => {
  it('keeps the main text of the Chinese pages (F1 ≥ 0.94) and their dates (≥ 48 of 51)', () => {
    const [chinese] = suites();
    const { figures, dates } = run(chinese);
    expect(figures.f1).toBeGreaterThanOrEqual(0.94);
    const truth = JSON.parse(readFileSync(join(sharedDir, 'peers', 'chinese-web-content', 'eval', 'date_ground.json'), 'utf8')) as Record<
      string,
      { articleBody: string }
    >;
    let right = 0;
    for (const [id, { articleBody }] of Object.entries(truth)) {
      const m = /((?:19|20)\d{2})\D{1,3}(\d{1,2})\D{1,3}(\d{1,2})/.exec(articleBody);
      if (m && dates[id] === `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`) right++;
    }
    expect(right).toBeGreaterThanOrEqual(48);
  }, 120_000);

  it('keeps the article benchmark’s main text (F1 ≥ 0.955)', () => {
    const [, benchmark] = suites();
    expect(run(benchmark).figures.f1).toBeGreaterThanOrEqual(0.955);
  }, 120_000);
});
