/**
 * The selection walked in document order into paragraph/heading/caption/list-item blocks, each
 * text piece keeping its raw offset, each block its share of link text.
 */
import type { AnyNode, ChildNode, Element, Text } from 'domhandler';
import { textContent } from 'domutils';
import type { Block } from '../document/index.ts';
import { joinsWithoutSpace, squash } from './chars.ts';
import { blockText, trimBlock, type DraftBlock } from './draft-blocks.ts';
import { BLOCK_TAGS, isElement, isText, walkInOut } from './html-dom.ts';

const HEADING = /^h[1-6]$/;

/** How the block walk reads text (a subset of the extractor's options). */
export interface BlockOptions {
  blankLineBreaks?: boolean;
  markdown?: boolean;
  rawBase?: number;
}

/** Collects blocks from text as it comes, keeping raw offsets exact where the text is copied as is. */
class BlockWriter {
  readonly blocks: DraftBlock[] = [];
  readonly linkShare: number[] = [];
  /** The kind of block the text at hand belongs to. */
  kind: Block['kind'] = 'paragraph';
  private current: DraftBlock = { kind: 'paragraph', pieces: [] };
  private linkChars = 0;
  private lastChar = '';
  private pendingSpace = false;
  private sourceBreak = false;
  private readonly base: number;

  constructor(private readonly opts: BlockOptions) {
    this.base = opts.rawBase ?? 0;
  }

  /** Ends the block at hand (kept when it holds text) and starts one of the current kind. */
  flush(): void {
    const block = trimBlock(this.current);
    const text = blockText(block);
    if (text) {
      this.blocks.push(block);
      this.linkShare.push(this.linkChars / Math.max(1, squash(text).length));
    }
    this.current = { kind: this.kind, pieces: [] };
    this.linkChars = 0;
    this.lastChar = '';
    this.pendingSpace = false;
  }

  /** Sets the kind of the block at hand and of those that follow. */
  setKind(kind: Block['kind']): void {
    this.kind = kind;
    this.current.kind = kind;
  }

  /** One text node's data. */
  addText(node: Text, inLink: boolean): void {
    const raw = node.startIndex ?? -1;
    const rawLength = node.endIndex !== null && node.startIndex !== null ? node.endIndex - node.startIndex + 1 : node.data.length;
    if (this.opts.markdown && rawLength === node.data.length) this.emitMarkdown(node.data, raw, inLink);
    else this.emit(node.data, raw, rawLength, inLink);
  }

  /** Emits `data` (which starts at raw offset `raw`, or -1 when offsets inside it are not exact). */
  private emit(data: string, raw: number, rawLength: number, inLink: boolean): void {
    const exact = raw >= 0 && rawLength === data.length; // no entities: word offsets are exact
    const words = /\S+|\s+/g;
    for (let m = words.exec(data); m; m = words.exec(data)) {
      const piece = m[0];
      if (/^\s/.test(piece)) {
        if (this.opts.blankLineBreaks && /\n[^\S\n]*\n/.test(piece)) this.flush();
        else {
          this.pendingSpace = true;
          this.sourceBreak = /[\n\r]/.test(piece);
        }
        continue;
      }
      if (this.pendingSpace && this.lastChar) {
        // A source line break between two Han characters is formatting, not a space.
        const cjkJoin = this.sourceBreak && joinsWithoutSpace(this.lastChar, piece[0]);
        if (!cjkJoin) this.current.pieces.push({ text: ' ', raw: -1, rawLength: 0 });
      }
      this.pendingSpace = false;
      this.current.kind = this.kind;
      this.current.pieces.push(
        exact
          ? { text: piece, raw: this.base + raw + m.index, rawLength: piece.length }
          : { text: piece, raw: raw >= 0 ? this.base + raw : -1, rawLength: raw >= 0 ? rawLength : 0 },
      );
      if (inLink) this.linkChars += piece.length;
      this.lastChar = piece[piece.length - 1];
    }
  }

  /** Markdown between the tags of a Markdown body: block marks start blocks, inline marks go. */
  private emitMarkdown(data: string, raw: number, inLink: boolean): void {
    const lineRe = /[^\n]*\n?/g;
    for (let m = lineRe.exec(data); m && m[0]; m = lineRe.exec(data)) {
      const line = m[0];
      const at = m.index;
      // A blank line ends a Markdown paragraph (the line walk sees it alone, so say so here).
      if (this.opts.blankLineBreaks && !line.trim() && at > 0) {
        this.flush();
        continue;
      }
      const mark = /^[^\S\n]{0,3}(?:(#{1,6})[^\S\n]+|>[^\S\n]?|(?:[-*+]|\d{1,3}[.)])[^\S\n]+)/.exec(line);
      const outer = this.kind;
      let from = 0;
      if (mark) {
        this.flush();
        this.setKind(mark[1] ? 'heading' : mark[0].trim().startsWith('>') ? 'paragraph' : 'list-item');
        from = mark[0].length;
      }
      this.emitMarkdownInline(line, from, raw >= 0 ? raw + at : -1, inLink);
      if (mark) {
        this.flush();
        this.setKind(outer);
      }
    }
  }

  /** One Markdown line from `from` on, without its inline marks (links keep their text, as link text). */
  private emitMarkdownInline(line: string, from: number, lineRaw: number, inLink: boolean): void {
    const inline = /!\[[^\]]*\]\([^)]*\)|\[([^\]]+)\]\([^)]*\)|\*\*|__|`/g;
    inline.lastIndex = from;
    let last = from;
    const body = line.replace(/[^\S\n]#+[^\S\n]*(\n?)$/, '$1'); // closing ### of a heading
    for (let t = inline.exec(body); t; t = inline.exec(body)) {
      this.emit(body.slice(last, t.index), lineRaw >= 0 ? lineRaw + last : -1, t.index - last, inLink);
      if (t[1]) this.emit(t[1], lineRaw >= 0 ? lineRaw + t.index + 1 : -1, t[1].length, true);
      last = t.index + t[0].length;
    }
    this.emit(body.slice(last), lineRaw >= 0 ? lineRaw + last : -1, body.length - last, inLink);
  }
}

/** The kind of block an element starts, given the kind it stands in. */
function blockKindOf(node: Element, lead: boolean, outer: Block['kind']): Block['kind'] {
  if (HEADING.test(node.name) || lead) return 'heading';
  if (node.name === 'figcaption' || node.name === 'caption') return 'caption';
  if (node.name === 'li' || node.name === 'dt' || node.name === 'dd') return 'list-item';
  return outer === 'list-item' ? outer : 'paragraph'; // a <p> inside an <li> is still the list item
}

/** Walks the selection in document order into blocks, keeping raw offsets and link shares. */
export function toBlocks(roots: readonly AnyNode[], opts: BlockOptions): { blocks: DraftBlock[]; linkShare: number[] } {
  const out = new BlockWriter(opts);
  walkInOut(roots, false, (node, inLink) => {
    if (isText(node)) out.addText(node, inLink);
    if (!isElement(node)) return null;
    if (node.name === 'br' || node.name === 'hr') {
      out.flush();
      return null;
    }
    const lead = isLeadHeading(node);
    const childrenInLink = inLink || node.name === 'a';
    if (!BLOCK_TAGS.has(node.name) && !lead) return { state: childrenInLink };
    const outerKind = out.kind;
    out.flush();
    out.setKind(blockKindOf(node, lead, outerKind));
    const leave = () => {
      out.flush();
      out.setKind(outerKind);
    };
    return { state: childrenInLink, leave };
  });
  out.flush();
  return { blocks: out.blocks, linkShare: out.linkShare };
}

/** A span set bold, or in 黑体 (the heading face of Chinese official documents exported from Word). */
const BOLD_STYLE = /font-weight\s*:\s*(?:bold|[6-9]00)|font-family\s*:[^;]*黑体/i;

/**
 * A bold line standing between paragraphs (<strong>国内联播快讯</strong><p>…</p>, or a <p> holding
 * only it, or only a bold or 黑体 <span>): a story's headline in a digest or a section's name, so a heading.
 */
function isLeadHeading(node: Element): boolean {
  if (node.name !== 'strong' && node.name !== 'b' && !(node.name === 'span' && BOLD_STYLE.test(node.attribs.style ?? ''))) return false;
  const text = squash(textContent(node));
  if (!text || text.length > 60 || /[。！？!?；;，,：:]$/.test(text)) return false;
  const siblings = (node.parent as { children?: ChildNode[] } | null)?.children ?? [];
  // (Its siblings: whitespace, blocks, or other such bold lines — the next story's headline.)
  const alone = siblings.every(
    (c) => c === node || (isText(c) ? !c.data.trim() : isElement(c) && (BLOCK_TAGS.has(c.name) || c.name === 'br' || c.name === node.name)),
  );
  if (!alone) return false;
  // Inside a <p>, the bold text is the whole paragraph; at the top, it stands between blocks.
  return (
    siblings.some((c) => c !== node && isElement(c) && BLOCK_TAGS.has(c.name)) || (isElement(node.parent as AnyNode) && (node.parent as Element).name === 'p')
  );
}
