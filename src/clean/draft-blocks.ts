/**
 * Building clean text piece by piece while remembering where each piece came from in `raw`:
 * the one place clean→raw offsets are made. Text the cleaner inserts itself (paragraph breaks,
 * a space between joined words) has no raw counterpart and is simply not recorded.
 */
import { makeSpan, OffsetMap, type Block } from '../document/index.ts';

/** A piece of clean text and the raw range it was copied from (`raw < 0`: inserted text). */
export interface Piece {
  text: string;
  raw: number;
  rawLength: number;
}

export interface DraftBlock {
  kind: Block['kind'];
  pieces: Piece[];
}

export const blockText = (b: DraftBlock): string => b.pieces.map((p) => p.text).join('');

export interface Assembled {
  text: string;
  blocks: Block[];
  rawOffsets: OffsetMap;
}

/** Joins blocks with "\n\n", recording each block's span and each piece's raw origin. */
export function assemble(blocks: readonly DraftBlock[]): Assembled {
  const map = new OffsetMap();
  const out: string[] = [];
  const spans: Block[] = [];
  let offset = 0;
  for (const block of blocks) {
    if (out.length) {
      out.push('\n\n');
      offset += 2;
    }
    const start = offset;
    for (const piece of block.pieces) {
      if (piece.raw >= 0) map.add(offset, piece.raw, piece.text.length, piece.rawLength);
      out.push(piece.text);
      offset += piece.text.length;
    }
    spans.push({ span: [start, offset], kind: block.kind });
  }
  const text = out.join('');
  return { text, blocks: spans.map((b) => ({ kind: b.kind, span: makeSpan(text, b.span[0], b.span[1], 'block') })), rawOffsets: map };
}

/** Trims whitespace at both ends of a block, piece by piece, keeping raw offsets exact. */
export function trimBlock(block: DraftBlock): DraftBlock {
  const pieces = block.pieces.map((p) => ({ ...p }));
  while (pieces.length) {
    const p = pieces[0];
    const t = p.text.replace(/^\s+/, '');
    const cut = p.text.length - t.length;
    if (p.raw >= 0 && p.rawLength === p.text.length) {
      p.raw += cut;
      p.rawLength -= cut;
    }
    p.text = t;
    if (t) break;
    pieces.shift();
  }
  while (pieces.length) {
    const p = pieces[pieces.length - 1];
    const t = p.text.replace(/\s+$/, '');
    if (p.raw >= 0 && p.rawLength === p.text.length) p.rawLength -= p.text.length - t.length;
    p.text = t;
    if (t) break;
    pieces.pop();
  }
  return { kind: block.kind, pieces };
}
