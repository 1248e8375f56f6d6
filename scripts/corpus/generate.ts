/**
 * The corpus generator: report i of a run is drawn from its own random stream (seed, i), so a run
 * is reproducible report by report, and a report can be regenerated alone. Bodies are checked
 * unique across the run (a 52-bit digest of title, date and paragraphs): the generator never writes
 * the same report twice unless asked to with `duplicates` (exact byte copies of earlier reports).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ParagraphPool } from './pool.ts';
import { randomFor, type Random } from './random.ts';
import { encodeReport, renderHtml, renderMarkdown, renderOcr, SITES, type GeneratedFormat, type ReportContent } from './render.ts';
import { drawPlaceSwaps, varyParagraph, varyTitle, type Variation } from './vary.ts';

export const GENERATOR_VERSION = 'twincity-corpus@3';

export interface GeneratedReport {
  index: number;
  /** Path relative to the output folder: `0012/r0012345.html`. */
  path: string;
  format: GeneratedFormat;
  charset: string;
  title: string;
  published: string;
  bytes: Buffer;
  /** The index of the report this one copies byte for byte, when it is a requested duplicate. */
  duplicateOf: number | null;
}

const FIRST_DAY = Date.UTC(2019, 0, 1);
const LAST_DAY = Date.UTC(2026, 9, 31);
const DAY_MS = 86_400_000;

const TOPICS = [
  '交通互联互通',
  '产业协同发展',
  '科技创新合作',
  '公共服务共建共享',
  '生态环境联防联治',
  '对外开放',
  '巴蜀文化旅游走廊',
  '西部金融中心建设',
  '毗邻地区合作',
  '现代化都市圈建设',
];
const PROGRESS = ['跑出加速度', '取得新进展', '迈上新台阶', '成效显著', '按下快进键', '积厚成势', '提质增效', '蹄疾步稳'];
const PAIRS = ['成渝地区双城经济圈', '川渝两地', '成渝“双核”', '双城经济圈', '川渝'];
const HEADINGS = ['共建科创中心', '推动毗邻合作', '共建文旅走廊', '提速基础设施建设', '深化产业协同', '便利共享公共服务', '携手扩大开放', '共筑生态屏障'];
const SURNAMES = '王李张刘陈杨黄赵周吴徐孙马胡朱郭何罗高林蒋';
const GIVEN = ['君芳', '国栋', '亚同', '春阳', '尤', '伟', '静', '敏', '磊', '婷', '洋', '晨曦', '一帆', '思远', '雨桐'];

const EXTENSION: Record<GeneratedFormat, string> = { html: 'html', markdown: 'md', ocr: 'txt' };

function personName(random: Random): string {
  return SURNAMES[random.int(0, SURNAMES.length - 1)] + random.pick(GIVEN);
}

function templateTitle(random: Random, year: number): string {
  const lead = random.chance(0.25) ? `${year}年${random.pick(['上半年', '前三季度', '一季度', '以来'])}` : '';
  return `${lead}${random.pick(PAIRS)}${random.pick(TOPICS)}${random.pick(PROGRESS)}`;
}

export function reportPath(index: number, format: GeneratedFormat): string {
  return `${String(Math.floor(index / 1000)).padStart(4, '0')}/r${String(index).padStart(7, '0')}.${EXTENSION[format]}`;
}

/** Draws report `index` (attempt > 0 redraws it when its body collided with an earlier one). */
export function drawReport(pool: ParagraphPool, seed: number, index: number, attempt = 0): GeneratedReport & { bodyDigest: number } {
  const random = randomFor(seed, index, attempt);
  const published = new Date(FIRST_DAY + random.int(0, (LAST_DAY - FIRST_DAY) / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
  const reportYear = Number(published.slice(0, 4));
  const format: GeneratedFormat = random.pick(['html', 'html', 'markdown', 'ocr'] as const);
  const variation: Variation = {
    reportYear,
    conflicting: random.chance(0.03),
    placeSwaps: drawPlaceSwaps(random),
  };
  const chosen = random.sample(pool.paragraphs, random.int(3, 8));
  const paragraphs = chosen.map((p) => varyParagraph(p.text, p.key, p.sourceYear, variation));
  const headings = new Map<number, string>();
  if (random.chance(0.3)) {
    for (let i = 1; i < paragraphs.length; i += random.int(2, 3)) headings.set(i, random.pick(HEADINGS));
  }
  const title =
    pool.titles.length && random.chance(0.2)
      ? (({ text, sourceYear }) => varyTitle(text, sourceYear, reportYear))(random.pick(pool.titles))
      : templateTitle(random, reportYear);
  const site = random.pick(SITES);
  const content: ReportContent = {
    title,
    published,
    site: site.name,
    author: personName(random),
    editor: personName(random),
    paragraphs,
    headings,
    related: Array.from({ length: random.int(3, 6) }, () => templateTitle(random, reportYear)),
    url: `https://${site.host}/${published.replace(/-/g, '/')}/${String(index).padStart(7, '0')}.html`,
  };
  let text: string;
  let charset = 'utf-8';
  if (format === 'html') ({ text, charset } = renderHtml(content, random));
  else if (format === 'markdown') text = renderMarkdown(content, random);
  else text = renderOcr(content, random);
  const digest = createHash('sha1')
    .update(`${title}\n${published}\n${paragraphs.join('\n')}`)
    .digest();
  return {
    index,
    path: reportPath(index, format),
    format,
    charset,
    title,
    published,
    bytes: encodeReport(text, charset),
    duplicateOf: null,
    bodyDigest: digest.readUIntBE(0, 6) * 0x80 + (digest[6] >>> 1), // 55 bits, exact in a double
  };
}

/** Separate stream key for the "is this report a duplicate" draw, so it does not shift report draws. */
const DUPLICATE_STREAM = 0x64757031;

export interface CorpusOptions {
  reports: number;
  out: string;
  seed?: number;
  /** Fraction (0–1) of reports written as exact copies of an earlier report. Default 0. */
  duplicates?: number;
  onProgress?: (written: number, total: number) => void;
}

export interface CorpusManifest {
  generator: string;
  seed: number;
  reports: number;
  duplicates: number;
  formats: Record<GeneratedFormat, number>;
  charsets: Record<string, number>;
  bytes: number;
  poolParagraphs: number;
  /** Which pool the corpus was made from (`ParagraphPool.digest`). */
  poolDigest: string;
  /** Draws that collided with an earlier body and were redrawn. */
  redraws: number;
}

/** Written first and rewritten last: marks the folder as generated, and holds the manifest. Hidden, so readers skip it. */
export const MANIFEST_FILE = '.twincity-corpus.json';

/**
 * Generates a corpus into `out`, one file a report in folders of 1 000. An existing folder is
 * replaced only if it holds a previous generated corpus (it carries a marker file).
 */
export function writeCorpus(pool: ParagraphPool, options: CorpusOptions): CorpusManifest {
  const { reports, out, seed = 1, duplicates = 0 } = options;
  if (existsSync(out) && readdirSync(out).length) {
    if (!existsSync(join(out, MANIFEST_FILE))) throw new Error(`corpus: ${out} is not empty and was not written by the generator; refusing to replace it`);
    rmSync(out, { recursive: true, force: true });
  }
  mkdirSync(out, { recursive: true });

  const digests = new Set<number>();
  const attempts = new Map<number, number>(); // only for reports that needed a redraw
  const manifest: CorpusManifest = {
    generator: GENERATOR_VERSION,
    seed,
    reports,
    duplicates: 0,
    formats: { html: 0, markdown: 0, ocr: 0 },
    charsets: {},
    bytes: 0,
    poolParagraphs: pool.paragraphs.length,
    poolDigest: pool.digest,
    redraws: 0,
  };
  writeFileSync(join(out, MANIFEST_FILE), JSON.stringify({ ...manifest, complete: false }) + '\n');
  const original = (index: number): GeneratedReport => drawReport(pool, seed, index, attempts.get(index) ?? 0);
  let shard = '';
  for (let index = 0; index < reports; index++) {
    let report: GeneratedReport;
    const dup = randomFor(seed, index, DUPLICATE_STREAM);
    if (index > 0 && duplicates > 0 && dup.chance(duplicates)) {
      let source = dup.int(0, index - 1);
      // a duplicate of a duplicate copies the same original
      while (isDuplicate(seed, source, duplicates)) source = randomFor(seed, source, DUPLICATE_STREAM).int(0, source - 1);
      const copy = original(source);
      report = { ...copy, index, path: reportPath(index, copy.format), duplicateOf: source };
      manifest.duplicates++;
    } else {
      let attempt = 0;
      let drawn = drawReport(pool, seed, index, attempt);
      while (digests.has(drawn.bodyDigest)) {
        drawn = drawReport(pool, seed, index, ++attempt);
        manifest.redraws++;
      }
      if (attempt) attempts.set(index, attempt);
      digests.add(drawn.bodyDigest);
      report = drawn;
    }
    const dir = report.path.slice(0, report.path.indexOf('/'));
    if (dir !== shard) {
      mkdirSync(join(out, dir), { recursive: true });
      shard = dir;
    }
    writeFileSync(join(out, report.path), report.bytes);
    manifest.formats[report.format]++;
    manifest.charsets[report.charset] = (manifest.charsets[report.charset] ?? 0) + 1;
    manifest.bytes += report.bytes.length;
    options.onProgress?.(index + 1, reports);
  }
  writeFileSync(join(out, MANIFEST_FILE), JSON.stringify({ ...manifest, complete: true }, null, 2) + '\n');
  return manifest;
}

function isDuplicate(seed: number, index: number, duplicates: number): boolean {
  return index > 0 && randomFor(seed, index, DUPLICATE_STREAM).chance(duplicates);
}
