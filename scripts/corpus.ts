/**
 * `npm run corpus -- --reports N --out DIR [--seed S] [--duplicates F]`: writes N generated reports
 * (HTML with chrome, feed Markdown, OCR text) recombined from data/corpus. Same seed, same corpus.
 */
import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { loadPool } from './corpus/pool.ts';
import { writeCorpus } from './corpus/generate.ts';

const { values } = parseArgs({
  options: {
    reports: { type: 'string' },
    out: { type: 'string' },
    seed: { type: 'string', default: '1' },
    duplicates: { type: 'string', default: '0' },
  },
});
const reports = Number(values.reports);
const seed = Number(values.seed);
const duplicates = Number(values.duplicates);
if (!values.out || !Number.isInteger(reports) || reports < 1 || !Number.isInteger(seed) || !(duplicates >= 0 && duplicates < 1)) {
  console.error('usage: npm run corpus -- --reports N --out DIR [--seed S] [--duplicates FRACTION]');
  process.exit(2);
}

const started = performance.now();
const pool = await loadPool();
const bar = process.stderr.isTTY ? new SingleBar({ format: 'corpus {bar} {value}/{total} reports | {eta_formatted} left' }, Presets.shades_classic) : null;
bar?.start(reports, 0);
const manifest = writeCorpus(pool, {
  reports,
  out: values.out,
  seed,
  duplicates,
  onProgress: (written) => {
    if (bar && (written % 200 === 0 || written === reports)) bar.update(written);
    // without a terminal (a log file, the bench), a line every 100 000 reports
    if (!bar && written % 100_000 === 0 && written < reports) console.log(`  … ${written}/${reports} reports written`);
  },
});
bar?.stop();
const seconds = (performance.now() - started) / 1000;
console.log(
  `wrote ${manifest.reports} reports (${manifest.formats.html} HTML, ${manifest.formats.markdown} Markdown, ${manifest.formats.ocr} OCR text; ` +
    `${manifest.duplicates} duplicates) to ${values.out}: ${(manifest.bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s, ` +
    `from ${manifest.poolParagraphs} source paragraphs, seed ${seed}`,
);
