/**
 * Bytes → text in the charset the report was written in. Order of evidence, strongest first:
 * a byte-order mark, the transport's charset (HTTP header), the document's own declaration
 * (`<meta charset>`, `http-equiv`, `<?xml encoding?>`), then statistical detection (chardet).
 * Decoding itself is iconv-lite; GB2312/GBK are decoded as GB18030 (a strict superset), so pages
 * that declare GB2312 but use GBK characters still read right.
 */
import chardet from 'chardet';
import iconv from 'iconv-lite';

export interface Decoded {
  text: string;
  /** The charset used, lower-case WHATWG-style name. */
  charset: string;
  /** Where the charset came from: `bom`, `transport`, `declared`, `detected`, `default`. */
  evidence: 'bom' | 'transport' | 'declared' | 'detected' | 'default';
  /** Share of U+FFFD replacement characters in the output (0 = clean decode). */
  replacementRatio: number;
}

/** Charset aliases that must decode with a wider table than their name says. */
const WIDER: Record<string, string> = {
  gb2312: 'gb18030',
  gbk: 'gb18030',
  'x-gbk': 'gb18030',
  cp936: 'gb18030',
  'windows-936': 'gb18030',
  big5: 'big5-hkscs',
  'x-big5': 'big5-hkscs',
  'iso-8859-1': 'windows-1252', // as browsers do
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  'utf8': 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
};

export function normalizeCharset(name: string | null | undefined): string | null {
  if (!name) return null;
  const n = name.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (!n) return null;
  const wide = WIDER[n] ?? n;
  return iconv.encodingExists(wide) ? wide : null;
}

function bomCharset(bytes: Uint8Array): { charset: string; skip: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { charset: 'utf-8', skip: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: 'utf-16le', skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: 'utf-16be', skip: 2 };
  return null;
}

/**
 * The charset a document declares in its first 4 KB (read as Latin-1, which cannot fail):
 * `<meta charset=…>`, `<meta http-equiv="Content-Type" content="…; charset=…">`, `<?xml encoding=…?>`.
 */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 4096)).toString('latin1');
  const patterns = [
    /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i,
    /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i,
    /@charset\s+["']([\w.:-]+)/i,
  ];
  for (const re of patterns) {
    const m = re.exec(head);
    const cs = normalizeCharset(m?.[1]);
    if (cs) return cs;
  }
  return null;
}

/** True when the bytes are valid UTF-8 (a fast check that settles most pages without detection). */
export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function decodeWith(bytes: Uint8Array, charset: string, skip = 0): string {
  const body = skip ? bytes.subarray(skip) : bytes;
  if (charset === 'utf-8') return new TextDecoder('utf-8').decode(body);
  return iconv.decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), charset);
}

function replacementRatio(text: string): number {
  if (!text.length) return 0;
  let bad = 0;
  for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) bad++;
  return bad / text.length;
}

export function decodeBytes(bytes: Uint8Array, opts: { transportCharset?: string | null; sniffDeclared?: boolean } = {}): Decoded {
  const bom = bomCharset(bytes);
  if (bom) {
    const text = decodeWith(bytes, bom.charset, bom.skip);
    return { text, charset: bom.charset, evidence: 'bom', replacementRatio: replacementRatio(text) };
  }
  const transport = normalizeCharset(opts.transportCharset);
  const declared = opts.sniffDeclared === false ? null : declaredCharset(bytes);
  // A page that is valid UTF-8 yet declares a legacy charset is almost always mislabelled
  // (re-saved by a CMS); valid UTF-8 of any length is very unlikely to be GBK by chance.
  const utf8 = isValidUtf8(bytes);
  const hasHighBytes = bytes.some((b) => b >= 0x80);
  let charset: string;
  let evidence: Decoded['evidence'];
  if (transport && !(utf8 && hasHighBytes && transport !== 'utf-8')) {
    charset = transport;
    evidence = 'transport';
  } else if (declared && !(utf8 && hasHighBytes && declared !== 'utf-8')) {
    charset = declared;
    evidence = 'declared';
  } else if (utf8) {
    charset = 'utf-8';
    evidence = hasHighBytes || !declared ? 'default' : 'declared';
  } else {
    const guess = normalizeCharset(chardet.detect(bytes.subarray(0, 64 * 1024)));
    charset = guess ?? 'gb18030';
    evidence = guess ? 'detected' : 'default';
  }
  const text = decodeWith(bytes, charset);
  return { text, charset, evidence, replacementRatio: replacementRatio(text) };
}
