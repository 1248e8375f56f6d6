import { FRONT_MATTER } from '../document/front-matter.ts';
/**
 * What kind of report a byte string is, decided by content first and by name second: a `.txt`
 * file holding front matter is Markdown, a `.html` file holding a PNG is binary.
 */
export type Container = 'gzip' | 'pdf' | 'binary' | 'feed' | 'records' | 'html' | 'markdown' | 'text';

const MAGIC: [string, number[]][] = [
  ['PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['JPEG image', [0xff, 0xd8, 0xff]],
  ['GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['ZIP archive (or Office file)', [0x50, 0x4b, 0x03, 0x04]],
  ['WebP/RIFF file', [0x52, 0x49, 0x46, 0x46]],
  ['7-Zip archive', [0x37, 0x7a, 0xbc, 0xaf]],
  ['ELF executable', [0x7f, 0x45, 0x4c, 0x46]],
  ['OLE2 file (old Office document)', [0xd0, 0xcf, 0x11, 0xe0]],
];

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  for (let i = 0; i < sig.length; i++) if (bytes[i] !== sig[i]) return false;
  return true;
}

/** A name for binary content, or null when the bytes look like text. */
export function binaryKind(bytes: Uint8Array): string | null {
  for (const [name, sig] of MAGIC) if (startsWith(bytes, sig)) return name;
  // UTF-16 text has NULs too; a BOM settles it.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return null;
  const head = bytes.subarray(0, 8192);
  let control = 0;
  for (let i = 0; i < head.length; i++) {
    const b = head[i];
    if (b === 0) return 'binary data (NUL bytes)';
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  return head.length && control / head.length > 0.1 ? 'binary data (control bytes)' : null;
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

export function isPdf(bytes: Uint8Array): boolean {
  // The header may follow a little junk; PDF readers look in the first 1 KB.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(1024, bytes.length)).toString('latin1');
  return head.includes('%PDF-');
}

/** Front matter: a first line of `---` and a closing `---` line. */
export { FRONT_MATTER };

const EXTENSION_KIND: Record<string, Container> = {
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  shtml: 'html',
  php: 'html',
  asp: 'html',
  aspx: 'html',
  jsp: 'html',
  md: 'markdown',
  markdown: 'markdown',
  mdx: 'markdown',
  txt: 'text',
  text: 'text',
  json: 'records',
  jsonl: 'records',
  ndjson: 'records',
  xml: 'feed',
  rss: 'feed',
  atom: 'feed',
  pdf: 'pdf',
  gz: 'gzip',
};

/** File extensions a folder walk picks up (anything else in a folder is not a report). */
export const REPORT_EXTENSIONS = new Set(Object.keys(EXTENSION_KIND));

export function extensionOf(name: string): string {
  const base =
    name
      .replace(/[?#].*$/, '')
      .split(/[\\/]/)
      .pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/** Text kind from decoded content, with the name's extension and media type as tie-breakers. */
export function textKind(text: string, name: string, mediaType?: string): Exclude<Container, 'gzip' | 'pdf' | 'binary'> {
  const head = text
    .slice(0, 2048)
    .replace(/^\uFEFF/, '')
    .trimStart();
  // JSON records: an object or an array of objects (a `.txt` starting "[视频]" is not one).
  // A `.json` file is JSON whatever it holds (the reader says so when it is not).
  if (EXTENSION_KIND[extensionOf(name)] === 'records') return 'records';
  if (/^(?:\{\s*"|\[\s*(?:\{|\]))/.test(head) && (/json/i.test(mediaType ?? '') || !extensionOf(name))) return 'records';
  if (FRONT_MATTER.test(text.slice(0, 64 * 1024))) return 'markdown';
  if (/^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:rss|feed|rdf:RDF)\b/i.test(head)) return 'feed';
  const media = mediaType?.toLowerCase() ?? '';
  if (/rss|atom/.test(media)) return 'feed';
  if (/^(?:<!doctype html|<html|<head|<body|<meta|<title)\b/i.test(head) || /html/.test(media)) return 'html';
  const byExt = EXTENSION_KIND[extensionOf(name)];
  if (byExt === 'html' || byExt === 'markdown') return byExt;
  // Text that is mostly markup is a page without a doctype (a saved fragment).
  const tags = head.match(/<\/?(?:div|p|span|table|td|a|br|ul|li|h[1-6])\b[^>]*>/gi)?.length ?? 0;
  if (tags >= 5) return 'html';
  return 'text';
}
