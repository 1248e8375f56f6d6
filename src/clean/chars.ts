/** Character classes the cleaners share. */

/** CJK ideographs, kana, hangul and the CJK symbol/fullwidth punctuation blocks. */
export const CJK = /[\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]/;
export const CJK_G = new RegExp(CJK.source, 'g');
/** Scripts written without spaces between words (Han, kana): a space inside them is layout, not text. Hangul is not one. */
export const UNSPACED = /[\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
/** Fullwidth / CJK punctuation (no space is ever wanted beside it in Chinese text). */
export const CJK_PUNCT = /[\u3000-\u3004\u3008-\u3020\u2014\u2026\u2018\u2019\u201c\u201d\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]/;
/** Marks that end a sentence; a line ending in one of these is a paragraph end in reflowed text. */
export const SENTENCE_END = /[。！？!?；;…]["'”’」』）)】]*$|[.][”’"')]*$/;
/** Punctuation found inside prose (a line with none is a heading or a label). */
export const PROSE_PUNCT = /[，,。、；;：:！!？?]/;
export const PROSE_PUNCT_G = /[，,。、；;：:！!？?]/g;

export function countMatches(text: string, re: RegExp): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text)) n++;
  return n;
}

/** CJK characters in `text` (a char-code loop: this runs on every text node of every page). */
export function countCjk(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (
      (c >= 0x4e00 && c <= 0x9fff) ||
      (c >= 0x3400 && c <= 0x4dbf) ||
      (c >= 0x3040 && c <= 0x30ff) ||
      (c >= 0xac00 && c <= 0xd7af) ||
      (c >= 0xf900 && c <= 0xfaff)
    )
      n++;
  }
  return n;
}

/** Characters other than whitespace. */
export function countNonSpace(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!(c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x3000 || c === 0xfeff || (c >= 0x2000 && c <= 0x200a))) n++;
  }
  return n;
}

/** Characters other than those `\s` matches (the exact JavaScript set), without building a string. */
export function countNonWhitespace(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 32 && c < 0xa0) {
      n++;
      continue;
    }
    if (!(
      c === 32 ||
      (c >= 9 && c <= 13) ||
      c === 0xa0 ||
      c === 0x1680 ||
      (c >= 0x2000 && c <= 0x200a) ||
      c === 0x2028 ||
      c === 0x2029 ||
      c === 0x202f ||
      c === 0x205f ||
      c === 0x3000 ||
      c === 0xfeff
    ))
      n++;
  }
  return n;
}

/** Length as a reader weighs it: a CJK character carries about as much as a short Latin word. */
export function weightedLength(text: string): number {
  const cjk = countCjk(text);
  return countNonSpace(text) - cjk + cjk * 2.5;
}

/**
 * Whether NFKC leaves `text` as it is, decided by char code: ASCII, CJK ideographs and the common
 * Chinese punctuation marks have no compatibility mapping and never compose with a neighbour.
 * ICU normalization costs far more than this scan, and most Chinese text needs none.
 */
export function isNfkcStable(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isNfkcStableCode(text.charCodeAt(i))) return false;
  return true;
}

function isNfkcStableCode(c: number): boolean {
  return (
    c < 0x80 ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    c === 0x3001 ||
    c === 0x3002 ||
    (c >= 0x3008 && c <= 0x3011) ||
    c === 0x2014 ||
    c === 0x2018 ||
    c === 0x2019 ||
    c === 0x201c ||
    c === 0x201d ||
    c === 0xb7
  );
}

/** Characters whose NFKC form is fixed and simple: fullwidth ASCII, the ellipsis, the ideographic space. */
const SIMPLE_COMPAT = /[\uff01-\uff5e\u2026\u3000]/g;
const simpleCompat = (c: string): string => (c === '\u2026' ? '...' : c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/**
 * `text.normalize('NFKC')`, skipping ICU for text made of stable characters and the simple
 * compatibility ones (their mappings are ASCII, which never composes with a neighbour).
 */
export function nfkc(text: string): string {
  let simple = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isNfkcStableCode(c)) continue;
    if ((c >= 0xff01 && c <= 0xff5e) || c === 0x2026 || c === 0x3000) simple = true;
    else return text.normalize('NFKC');
  }
  return simple ? text.replace(SIMPLE_COMPAT, simpleCompat) : text;
}

/** Whitespace removed, for comparing blocks. */
export const squash = (s: string): string => s.replace(/\s+/g, '');

export const isCjkDominant = (text: string): boolean => {
  const sample = text.length > 20000 ? text.slice(0, 20000) : text;
  const cjk = countCjk(sample);
  return cjk > 0 && cjk >= countMatches(sample, /[A-Za-z]/g) / 4;
};

/** Whether a line break between these two characters is layout, not a space (Chinese/Japanese text). */
export const joinsWithoutSpace = (before: string, after: string): boolean =>
  (UNSPACED.test(before) || CJK_PUNCT.test(before)) && (UNSPACED.test(after) || CJK_PUNCT.test(after));

/** Prose punctuation marks (the PROSE_PUNCT set), by char code: this runs on every text node. */
const PROSE_PUNCT_CODES = new Set([...'，,。、；;：:！!？?'].map((c) => c.charCodeAt(0)));
export function countProsePunct(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (PROSE_PUNCT_CODES.has(text.charCodeAt(i))) n++;
  return n;
}
