/**
 * An OCR'd report in Markdown marks where each printed page ends (`<!-- Page 8 -->`). A sentence the
 * page cut (…航空运输货物周转量17.4 ⏎ <!-- Page 8 --> ⏎ 亿吨公里，增长10.4%。) is one paragraph again:
 * a prose paragraph that stops mid-sentence joins the paragraph after the marker.
 */
import { PROSE_PUNCT, SENTENCE_END } from './chars.ts';
import { blockText, type DraftBlock } from './draft-blocks.ts';

/** A page marker an OCR or PDF-to-Markdown tool leaves: an HTML comment naming the page, or a form feed. */
const PAGE_MARKER = /<!--\s*page\b[^>]*-->|\f/i;
/** What cannot open a continued sentence: a heading's or a list's mark, a table's caption. */
const NEW_BLOCK = /^(?:[#>|]|[-*+•●]\s|\d{1,2}[.、)）]|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|表\s*\d|图\s*\d)/;

function rawEnd(block: DraftBlock): number {
  for (let k = block.pieces.length - 1; k >= 0; k--) if (block.pieces[k].raw >= 0) return block.pieces[k].raw + block.pieces[k].rawLength;
  return -1;
}

function rawStart(block: DraftBlock): number {
  for (const p of block.pieces) if (p.raw >= 0) return p.raw;
  return -1;
}

export function joinAcrossPageBreaks(raw: string, blocks: readonly DraftBlock[]): DraftBlock[] {
  if (!PAGE_MARKER.test(raw)) return [...blocks];
  const out: DraftBlock[] = [];
  for (const block of blocks) {
    const before = out[out.length - 1];
    if (before && before.kind === 'paragraph' && block.kind === 'paragraph') {
      const text = blockText(before).trimEnd();
      const next = blockText(block).trimStart();
      const [end, start] = [rawEnd(before), rawStart(block)];
      const between = end >= 0 && start > end ? raw.slice(end, start) : '';
      if (PAGE_MARKER.test(between) && PROSE_PUNCT.test(text) && !SENTENCE_END.test(text) && !NEW_BLOCK.test(next)) {
        out[out.length - 1] = { kind: 'paragraph', pieces: [...before.pieces, ...block.pieces] };
        continue;
      }
    }
    out.push(block);
  }
  return out;
}
