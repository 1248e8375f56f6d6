/**
 * Plain text, OCR'd newspaper text and PDF text layers → paragraphs. Hand-written line rules:
 *
 * - spaces an OCR engine puts between Chinese characters go ("核心 提示" → "核心提示");
 * - a line that stops mid-sentence continues on the next text line, even across a blank line
 *   (column breaks), with no space between CJK characters and one space between Latin words;
 * - a line that ends a sentence ends its paragraph; a short line without sentence punctuation is a
 *   heading (or a caption) and stays its own paragraph; bullets start list items;
 * - page chrome copied with the text (header, byline, footer, contact and copyright lines, keyword
 *   stuffing) is dropped, and the headline and dateline become metadata.
 */
import type { Block } from '../document/index.ts';
import { chromeRule, isDateLine, isKeywordStuffing } from './boilerplate.ts';
import { CJK, CJK_PUNCT, UNSPACED, countNonWhitespace, isCjkDominant, PROSE_PUNCT, SENTENCE_END, squash } from './chars.ts';
import { isTitleLike, readByline, stripSiteName } from './meta.ts';
import { findRepeats } from './dedupe.ts';
import type { DraftBlock, Piece } from './draft-blocks.ts';

export interface Line {
  /** The line's text, markup removed, trimmed. */
  text: string;
  /** Raw offset of the first character of `text`. */
  raw: number;
  kind: Block['kind'];
}

export interface ReflowResult {
  blocks: DraftBlock[];
  title: string | null;
  published: string | null;
  site: string | null;
  author: string | null;
}

const BULLET = /^(?:[-*+•●○◆◇■□▪▶►·]\s*|\d{1,2}[.、)）]\s*|[（(][一二三四五六七八九十\d]{1,3}[)）]\s*|[一二三四五六七八九十]{1,3}、)/;
const CAPTION = /^(?:图\s*[\d一二三四五六七八九十]*\s*[：:]|图为|▲|△|[（(]图|资料来源|数据来源|制图|摄影|[（(]?记者.{1,12}摄[)）]?$|\(?photo|source:)/i;
const wordChar = /[\p{L}\p{N}]/u;
const isCjkish = (c: string) => UNSPACED.test(c) || CJK_PUNCT.test(c);

/** Splits text into lines with their raw offsets; Markdown marks go when `markdown` is set. */
export function splitLines(raw: string, start = 0, end = raw.length, markdown = false): Line[] {
  const lines: Line[] = [];
  const re = /[^\r\n]*(?:\r\n|\n|\r|$)/g;
  re.lastIndex = start;
  for (let m = re.exec(raw); m && m.index < end; m = re.exec(raw)) {
    if (!m[0]) break;
    let text = m[0].replace(/[\r\n]+$/, '');
    let offset = m.index;
    let kind: Block['kind'] = 'paragraph';
    if (markdown) {
      const prefix = /^\s{0,3}(?:(#{1,6})\s+|>\s?|(?:[-*+]|\d+[.)])\s+)/.exec(text);
      if (prefix) {
        if (prefix[1]) kind = 'heading';
        else if (!prefix[0].trim().startsWith('>')) kind = 'list-item';
        text = text.slice(prefix[0].length);
        offset += prefix[0].length;
      }
      text = text.replace(/\s#+\s*$/, '');
    }
    const lead = text.length - text.trimStart().length;
    lines.push({ text: text.trim(), raw: offset + lead, kind });
    if (re.lastIndex >= raw.length) break;
  }
  return lines;
}

/** The pieces of one line, with OCR spaces between CJK characters removed and other runs collapsed. */
function linePieces(line: Line, cjkDoc: boolean, markdown: boolean): Piece[] {
  const pieces: Piece[] = [];
  const re = /\S+|\s+/g;
  const text = line.text;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const run = m[0];
    if (/^\s/.test(run)) {
      const before = text[m.index - 1] ?? '';
      const after = text[m.index + run.length] ?? '';
      // In Chinese text a space beside a CJK character, next to a digit or a punctuation mark on the
      // other side, is an OCR artefact ("就 医" → "就医", "手续, 业务" → "手续,业务").
      const joinable = (c: string) => isCjkish(c) || /[\d,.;:!?()%]/.test(c);
      const drop = cjkDoc && (isCjkish(before) || isCjkish(after)) && joinable(before) && joinable(after);
      if (!drop) pieces.push({ text: ' ', raw: line.raw + m.index, rawLength: run.length });
      continue;
    }
    let word = run;
    if (markdown) word = word.replace(/\*\*|__/g, '');
    if (word) pieces.push({ text: word, raw: line.raw + m.index, rawLength: word === run ? run.length : run.length });
  }
  return pieces;
}

/** Length without whitespace (`squash(s).length`, without building the string). */
const flatLength = countNonWhitespace;

/** Whether `line` runs on into `next` (one paragraph broken by the page or column width). */
function continues(line: Line, next: Line, fullWidth: number): boolean {
  const text = line.text;
  if (line.kind === 'heading' || next.kind === 'heading') return false;
  if (SENTENCE_END.test(text)) return false;
  if (BULLET.test(next.text) || CAPTION.test(next.text)) return false;
  // A date alone on its line heads the next entry of a timeline, whatever came before.
  if (isDateLine(next.text) || isDateLine(text)) return false;
  // The next line begins with punctuation that cannot start a sentence: certainly a continuation.
  if (/^[，,。．.、；;：:！!？?）)」』”’%％]/.test(next.text)) return true;
  if (/[：:]$/.test(text)) return false;
  // Latin text: a word hyphenated at the line end, or a line that goes on in lower case.
  if (/[a-z]-$/.test(text) || /^[a-z]/.test(next.text)) return true;
  const len = flatLength(text);
  if (len >= fullWidth * 0.85) return true;
  // A line with prose punctuation that stops mid-sentence was cut by the layout.
  return PROSE_PUNCT.test(text) && len >= 10;
}

function blockKind(text: string, hint: Block['kind']): Block['kind'] {
  if (hint !== 'paragraph') return hint;
  if (CAPTION.test(text)) return 'caption';
  if (BULLET.test(text)) return 'list-item';
  const flat = squash(text);
  if (flat.length <= 40 && !/[。！？!?；;，,]/.test(flat.slice(0, -1)) && !SENTENCE_END.test(flat)) return 'heading';
  return 'paragraph';
}

/** A navigation bar copied as text: "首页 | 新闻 | 政务公开" or "首页 > 新闻中心 > 要闻". */
export function isNavLike(line: string): boolean {
  const segments = line
    .split(/[|｜>›»]/)
    .map((x) => x.replace(/\s+/g, ''))
    .filter(Boolean);
  if (segments.length >= 3 && segments.every((x) => x.length <= 8)) return true;
  const tokens = line.trim().split(/\s+/);
  // "首页 新闻 政务 互动": short Chinese labels in a row (Latin headlines have short words too).
  return CJK.test(line) && tokens.length >= 4 && tokens.every((t) => t.length <= 4) && !PROSE_PUNCT.test(line);
}

/** Typical width of a full line, for telling a wrapped line from a short one (75th percentile). */
function typicalWidth(lines: Line[]): number {
  const lengths = lines
    .map((l) => flatLength(l.text))
    .filter((n) => n >= 10)
    .sort((a, b) => a - b);
  if (!lengths.length) return Infinity;
  return lengths[Math.floor(lengths.length * 0.75)];
}

export interface ReflowOptions {
  markdown?: boolean;
  /** Title already known (front matter): its line is not repeated in the text. */
  title?: string | null;
}

type Head = Pick<ReflowResult, 'title' | 'published' | 'site' | 'author'>;

/**
 * Headline and dateline: a byline in the first lines fixes both; what stands above the headline is
 * page header. Fills `result`; returns the index (in `textLines`) of the first line of the report
 * and the lines that went into metadata.
 */
function findHead(textLines: Line[], result: Head): { first: number; dropped: Set<Line> } {
  let first = 0;
  const head = textLines.slice(0, 15);
  let bylineAt = head.findIndex((l) => readByline(l.text) !== null);
  const dropped = new Set<Line>();
  const titleAbove = bylineAt > 0 && head.slice(0, bylineAt).some((l) => !chromeRule(l.text) && isTitleLike(l.text));
  // A dated line with no headline above it and not first is a timeline entry, not a dateline.
  if (bylineAt > 0 && !titleAbove) bylineAt = -1;
  if (bylineAt < 0) return { first: headlineWithoutDateline(textLines, result), dropped };
  const byline = readByline(head[bylineAt].text)!;
  Object.assign(result, { published: byline.published, site: byline.site, author: byline.author });
  dropped.add(head[bylineAt]);
  for (let i = bylineAt - 1; i >= 0; i--) {
    if (!chromeRule(head[i].text) && isTitleLike(head[i].text)) {
      result.title = head[i].text;
      first = i;
      break;
    }
  }
  // A dateline first (a newspaper page header): the headline is the next title-like line.
  if (!result.title && bylineAt === 0) {
    const next = head.slice(bylineAt + 1, bylineAt + 3).findIndex((l) => !chromeRule(l.text) && isTitleLike(l.text));
    if (next >= 0 && bylineAt + 2 + next < textLines.length) {
      result.title = head[bylineAt + 1 + next].text;
      first = bylineAt + 1 + next;
    }
  }
  return { first, dropped };
}

/** No dateline: the headline is the first line, after any navigation or chrome lines above it. Returns its index (0 when none). */
function headlineWithoutDateline(textLines: Line[], result: Head): number {
  for (let i = 0; i < Math.min(6, textLines.length - 1); i++) {
    const text = textLines[i].text;
    if (chromeRule(text) || isNavLike(text)) continue;
    if (!isTitleLike(text)) return 0;
    result.title = text;
    return i;
  }
  return 0;
}

/**
 * Lines kept as text: header zone, chrome, headline repeats and stray Latin scraps in Chinese text
 * go (blank lines stay: they tell the reflow where paragraphs may end). `lastChrome`: the raw offset
 * of the last chrome line dropped.
 */
function textBodyLines(
  all: Line[],
  firstLine: Line | undefined,
  dropped: Set<Line>,
  titleFlat: string | null,
  cjkDoc: boolean,
): { kept: Line[]; lastChrome: number } {
  const kept: Line[] = [];
  let lastChrome = -1;
  for (const line of all) {
    if (!line.text) {
      kept.push(line);
      continue;
    }
    if (firstLine && line.raw < firstLine.raw) continue;
    if (dropped.has(line)) continue;
    if (titleFlat && flatLength(line.text) === titleFlat.length && squash(line.text) === titleFlat) continue;
    if (chromeRule(line.text, { dateLines: false }) || isKeywordStuffing(line.text)) {
      lastChrome = line.raw;
      continue;
    }
    if (cjkDoc && !CJK.test(line.text) && flatLength(line.text) <= 12 && !/\d/.test(line.text)) continue;
    if (!wordChar.test(line.text)) continue;
    kept.push(line);
  }
  return { kept, lastChrome };
}

/**
 * Removes from `kept` repeats among whole lines (a page printed twice, a teaser stitched from the
 * opening) — before reflow, so a teaser cut mid-sentence cannot be joined onto the paragraph after
 * it — and footer scraps after the last paragraph.
 */
function dropRepeatedLines(kept: Line[], lastChrome: number): void {
  const textual = kept.filter((l) => l.text);
  const keepLine = findRepeats(
    textual.map((l) => l.text),
    { containment: false },
  );
  const repeated = new Set(textual.filter((_, i) => !keepLine[i]));
  // Footer scraps after the last paragraph: short lines that end no sentence (an address among the
  // contact lines), when page footer lines were dropped around them.
  for (let i = textual.length - 1; i > 0 && textual.length >= 3; i--) {
    const line = textual[i];
    if (repeated.has(line) || line.raw > lastChrome) continue;
    if (flatLength(line.text) > 30 || SENTENCE_END.test(line.text) || /[，,。]/.test(line.text)) break;
    repeated.add(line);
  }
  for (let i = kept.length - 1; i >= 0; i--) if (repeated.has(kept[i])) kept.splice(i, 1);
}

/** Reflow: joins wrapped lines into blocks, across blank lines when the sentence is unfinished. */
function joinLines(kept: Line[], cjkDoc: boolean, markdown: boolean): DraftBlock[] {
  const blocks: DraftBlock[] = [];
  const fullWidth = typicalWidth(kept.filter((l) => l.text));
  let current: { pieces: Piece[]; kind: Block['kind']; last: Line | null } = { pieces: [], kind: 'paragraph', last: null };
  const flush = () => {
    if (current.pieces.length) {
      const text = current.pieces.map((p) => p.text).join('');
      blocks.push({ kind: blockKind(text, current.kind), pieces: current.pieces });
    }
    current = { pieces: [], kind: 'paragraph', last: null };
  };
  for (const line of kept) {
    if (!line.text) continue;
    const prev = current.last;
    if (prev && !continues(prev, line, fullWidth)) flush();
    const pieces = linePieces(line, cjkDoc, markdown);
    if (current.pieces.length && pieces.length) joinAcrossLineEnd(current.pieces, pieces[0].text[0]);
    if (!current.pieces.length) current.kind = line.kind;
    current.pieces.push(...pieces);
    current.last = line;
  }
  flush();
  return blocks;
}

/** Between two joined Latin lines: a space, or nothing where a hyphenated word was broken at the line end. */
function joinAcrossLineEnd(pieces: Piece[], after: string): void {
  const before = pieces[pieces.length - 1].text.slice(-1);
  if (isCjkish(before) || isCjkish(after)) return;
  if (before === '-' && /[a-z]/.test(after) && /[a-z]-$/.test(pieces.at(-1)!.text)) {
    const last = pieces.at(-1)!;
    pieces[pieces.length - 1] = { ...last, text: last.text.slice(0, -1), rawLength: last.rawLength - 1 };
  } else pieces.push({ text: ' ', raw: -1, rawLength: 0 });
}

export function reflowText(raw: string, start = 0, opts: ReflowOptions = {}): ReflowResult {
  const all = splitLines(raw, start, raw.length, opts.markdown);
  const cjkDoc = isCjkDominant(raw.slice(start, start + 20000));
  const textLines = all.filter((l) => l.text);
  const result: ReflowResult = { blocks: [], title: null, published: null, site: null, author: null };
  const { first, dropped } = findHead(textLines, result);
  if (opts.title) result.title = opts.title;
  const titleFlat = result.title ? squash(result.title) : null;
  const { kept, lastChrome } = textBodyLines(all, textLines[first], dropped, titleFlat, cjkDoc);
  dropRepeatedLines(kept, lastChrome);
  result.blocks.push(...joinLines(kept, cjkDoc, !!opts.markdown));
  // A dated line standing alone near the top (no byline) is the publication date.
  if (!result.published) {
    for (const line of textLines.slice(0, 6)) {
      const byline = readByline(line.text);
      if (byline && flatLength(line.text) <= 30) {
        result.published = byline.published;
        break;
      }
    }
  }
  // A headline line copied with the site's name ("标题_重庆市人民政府网"): the name is not the title.
  // (Only now: the line itself, name and all, has already been left out of the text.)
  if (result.title && !opts.title) result.title = stripSiteName(result.title);
  return result;
}
