import { mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readBytes } from '../../src/read/index.ts';
import { drawReport, MANIFEST_FILE, writeCorpus } from './generate.ts';
import { loadPool, type ParagraphPool } from './pool.ts';

let pool: ParagraphPool;
beforeAll(async () => {
  pool = await loadPool();
});

const files = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((p) => /\.(html|md|txt)$/.test(p))
    .sort();

describe('drawReport', () => {
  it('is a function of (seed, index): same draw, same bytes; another seed, another report', () => {
    const a = drawReport(pool, 11, 5);
    expect(drawReport(pool, 11, 5).bytes.equals(a.bytes)).toBe(true);
    expect(drawReport(pool, 12, 5).bytes.equals(a.bytes)).toBe(false);
  });

  it('writes every format the readers take, and the reader recognises each', () => {
    const seen = new Map<string, string>();
    for (let i = 0; seen.size < 3 && i < 200; i++) {
      const r = drawReport(pool, 3, i);
      if (seen.has(r.format)) continue;
      const [doc] = readBytes(r.bytes, { location: `/corpus/${r.path}` });
      seen.set(r.format, doc.format);
      if (r.charset !== 'utf-8') expect(doc.charset.toLowerCase()).toMatch(/gb/);
      if (r.format === 'markdown') {
        // a feed item's title and date travel in its front matter
        expect(doc.meta.title).toBe(r.title);
        expect(doc.meta.published).toBe(r.published);
      } else {
        // a page or a scan prints its own date
        expect(doc.raw).toMatch(new RegExp(`${r.published}|${Number(r.published.slice(0, 4))}年${Number(r.published.slice(5, 7))}月`));
      }
    }
    expect(Object.fromEntries(seen)).toEqual({ html: 'html', markdown: 'markdown', ocr: 'text' });
  });

  it('builds bodies from the pool paragraphs, with the report year in place of the source year', () => {
    const r = drawReport(pool, 5, 1);
    const [doc] = readBytes(r.bytes, { location: `/corpus/${r.path}` });
    const text = doc.raw.replace(/\s+/g, '');
    // at least one source paragraph survives recognisably (its first 8 characters that are no digits)
    const openings = pool.paragraphs.map((p) => p.text.replace(/\s+/g, '').replace(/[\d.]/g, '').slice(0, 8));
    expect(openings.some((o) => text.replace(/[\d.]/g, '').includes(o))).toBe(true);
  });
});

describe('writeCorpus', () => {
  it('writes N distinct reports in folders of 1 000, with a manifest', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'tc-corpus-')), 'c');
    const manifest = writeCorpus(pool, { reports: 1200, out, seed: 9 });
    const paths = files(out);
    expect(paths).toHaveLength(1200);
    expect(new Set(paths.map((p) => p.split('/')[0]))).toEqual(new Set(['0000', '0001']));
    const bodies = new Set(paths.map((p) => readFileSync(join(out, p)).toString('base64')));
    expect(bodies.size).toBe(1200);
    expect(manifest.formats.html + manifest.formats.markdown + manifest.formats.ocr).toBe(1200);
    expect(JSON.parse(readFileSync(join(out, MANIFEST_FILE), 'utf8'))).toMatchObject({ reports: 1200, seed: 9, complete: true });
  });

  it('is reproducible, and writes exact copies only when asked', () => {
    const base = mkdtempSync(join(tmpdir(), 'tc-corpus-'));
    writeCorpus(pool, { reports: 300, out: join(base, 'a'), seed: 4 });
    writeCorpus(pool, { reports: 300, out: join(base, 'b'), seed: 4 });
    const a = files(join(base, 'a'));
    expect(files(join(base, 'b'))).toEqual(a);
    for (const p of a) expect(readFileSync(join(base, 'b', p)).equals(readFileSync(join(base, 'a', p)))).toBe(true);

    const manifest = writeCorpus(pool, { reports: 300, out: join(base, 'd'), seed: 4, duplicates: 0.2 });
    const copies = files(join(base, 'd')).map((p) => readFileSync(join(base, 'd', p)).toString('base64'));
    expect(manifest.duplicates).toBeGreaterThan(20);
    expect(new Set(copies).size).toBe(300 - manifest.duplicates);
  });

  it('refuses to replace a folder it did not write', () => {
    const out = mkdtempSync(join(tmpdir(), 'tc-corpus-'));
    mkdirSync(join(out, 'notes'));
    writeFileSync(join(out, 'notes', 'keep.txt'), 'mine');
    expect(() => writeCorpus(pool, { reports: 5, out })).toThrow(/not written by the generator/);
  });
});
