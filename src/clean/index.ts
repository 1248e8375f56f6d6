/**
 * The clean stage: from a read Document's `raw` to its main text (`text`, `blocks`,
 * `rawOffsets`) and what the report says about itself (`meta`: title, published, site, author).
 * HTML pages go through the main-text extractor (html.ts); plain text, OCR and PDF text through the
 * line reflow (reflow.ts); Markdown bodies through whichever fits their content; every kind then
 * loses repeated blocks (dedupe.ts).
 */
import { emptyMeta, type Document, type DocumentMeta, type Message, type Stage } from '../document/index.ts';
import { frontMatterEnd } from '../document/front-matter.ts';
import { dateInName } from '../document/dates.ts';
import { findRepeats } from './dedupe.ts';
import { extractHtml, parseHtml } from './html.ts';
import { findHtmlMeta, isTitleLike, type FoundMeta } from './meta.ts';
import { joinAcrossPageBreaks } from './page-breaks.ts';
import { reflowText } from './reflow.ts';
import { assemble, blockText, type DraftBlock } from './draft-blocks.ts';

export interface MainText {
  blocks: DraftBlock[];
  found: Partial<FoundMeta>;
  messages: Message[];
}

const note = (reason: string, ruleId: string, severity: Message['severity'] = 'info'): Message => ({ reason, ruleId, source: 'clean', severity });
/** Markup that makes a Markdown body (or a feed item) HTML rather than text. */
const HAS_HTML = /<(?:p|div|br|span|table|ul|ol|li|h[1-6]|img|a|section|article|blockquote)\b[^>]*>/i;

/** An id or class naming a part of a page around an article. */
const PAGE_CHROME_NAME = /\b(?:id|class)\s*=\s*["']?[^"'>]*(?:nav|header|footer|menu|sidebar|breadcrumb|comment)/i;

/**
 * Markup without a page around it — no html, head, body or title, no navigation, header or footer,
 * few links — and made of paragraphs: an article body stored on its own.
 */
function isArticleFragment(raw: string): boolean {
  const head = raw.slice(0, 256 * 1024);
  if (/<(?:html|head|body|title|nav|header|footer|aside|frameset)\b/i.test(head)) return false;
  // A page saved without its <html> still shows its make: a form (search, comments) or a part named
  // as chrome (id="header", class="bjlkNav"); an article body stored on its own has neither.
  if (/<form\b/i.test(head) || PAGE_CHROME_NAME.test(head)) return false;
  const paragraphs = head.match(/<p\b/gi)?.length ?? 0;
  // A page's chrome is links; an article body holds few (a saved page without its <html> many).
  const links = head.match(/<a\b/gi)?.length ?? 0;
  return paragraphs >= 3 && links * 2 <= paragraphs;
}

/** Pure: the main-text blocks and found metadata of a read Document. */
export function findMainText(doc: Pick<Document, 'format' | 'raw' | 'meta'> & Partial<Pick<Document, 'source'>>): MainText {
  const messages: Message[] = [];
  switch (doc.format) {
    case 'html': {
      const dom = parseHtml(doc.raw);
      const found = findHtmlMeta(dom);
      if (isArticleFragment(doc.raw)) {
        // An article's body cut out of its page (an app's or a database's HTML field): all of it is
        // the report, and its first line, when it reads as one, is its headline.
        const { blocks } = extractHtml(doc.raw, { fragment: true, title: found.title }, dom);
        const first = blocks[0] ? blockText(blocks[0]) : '';
        if (!found.title && blocks.length > 1 && isTitleLike(first)) return { blocks: blocks.slice(1), found: { ...found, title: first }, messages };
        return { blocks, found, messages };
      }
      const { blocks, notes } = extractHtml(doc.raw, { title: found.title }, dom);
      // Keeping every block is worth a warning; a retry is routine.
      notes.forEach((n) => messages.push(note(n.reason, n.ruleId, n.ruleId === 'clean:html-fallback' ? 'warning' : 'info')));
      return { blocks, found, messages };
    }
    case 'feed-item': {
      if (HAS_HTML.test(doc.raw)) {
        const { blocks } = extractHtml(doc.raw, { fragment: true, title: doc.meta.title });
        return { blocks, found: {}, messages };
      }
      const flow = reflowText(doc.raw, 0, { title: doc.meta.title });
      return { blocks: flow.blocks, found: {}, messages };
    }
    case 'markdown': {
      const bodyStart = frontMatterEnd(doc.raw); // the reader already took the meta from it
      const body = doc.raw.slice(bodyStart);
      if (HAS_HTML.test(body)) {
        // HTML inside a Markdown body is HTML; blank lines between Markdown paragraphs still break.
        // Every part of it is the report (a transcript of a dozen stories, a bulletin with tables):
        // no container is chosen, unless the body is a whole saved page.
        const fragment = !/<(?:html|body)\b/i.test(body);
        const extracted = extractHtml(body, { rawBase: bodyStart, blankLineBreaks: true, markdown: true, fragment, title: doc.meta.title });
        const { notes } = extracted;
        // an OCR'd bulletin's page markers cut sentences: the parts are one paragraph again
        const blocks = joinAcrossPageBreaks(doc.raw, extracted.blocks);
        // A Markdown body is the report itself: keeping all of it is the expected case, not a fallback.
        notes.forEach((n) => messages.push(note(n.reason, n.ruleId)));
        return { blocks, found: fragment ? markdownMeta(doc, blocks, bodyStart) : {}, messages };
      }
      // Plain Markdown: soft-wrapped lines join, blank lines break, marks go (the same walker, on text).
      const plain = extractHtml(body, { rawBase: bodyStart, blankLineBreaks: true, markdown: true, fragment: true, title: doc.meta.title });
      const blocks = joinAcrossPageBreaks(doc.raw, plain.blocks);
      return { blocks, found: markdownMeta(doc, blocks, bodyStart), messages };
    }
    case 'text':
    case 'pdf': {
      const flow = reflowText(doc.raw, 0, { title: doc.meta.title });
      return { blocks: flow.blocks, found: flow, messages };
    }
  }
}

/**
 * What a Markdown report without front matter says of itself: its title is its first heading
 * (else the headline the line reader finds), its date the dateline under it, else a date its title
 * or its file name prints (`# 《新闻联播》 (20221020)`, `20221020.md`). Front matter, when given, wins.
 */
function markdownMeta(doc: Pick<Document, 'raw' | 'meta'> & Partial<Pick<Document, 'source'>>, blocks: DraftBlock[], bodyStart: number): Partial<FoundMeta> {
  if (doc.meta.title && doc.meta.published) return {};
  const lines = reflowText(doc.raw, bodyStart, { markdown: true, title: doc.meta.title });
  const first = blocks[0];
  const heading = first?.kind === 'heading' && blockText(first).length <= 120 ? blockText(first) : null;
  const title = doc.meta.title ?? heading ?? lines.title;
  const file = doc.source?.split(/[\\/]/).pop()?.replace(/#\d+$/, '');
  return { ...lines, title, published: lines.published ?? dateInName(title) ?? dateInName(file) };
}

/** Fills only what the container (front matter, feed item) did not already give. */
function mergeMeta(meta: DocumentMeta, found: Partial<FoundMeta>): DocumentMeta {
  const merged = { ...emptyMeta(), ...meta };
  merged.title ??= found.title ?? null;
  merged.published ??= found.published ?? null;
  merged.site ??= found.site ?? null;
  merged.author ??= found.author ?? null;
  merged.url ??= found.url ?? null;
  return merged;
}

export const mainTextStage: Stage = {
  name: 'clean.main-text',
  version: '6',
  requires: ['raw', 'format', 'meta'],
  assigns: ['text', 'blocks', 'rawOffsets', 'meta'],
  run(doc) {
    const { blocks, found, messages } = findMainText(doc);
    const keep = findRepeats(blocks.map(blockText));
    const kept = blocks.filter((_, i) => keep[i]);
    const repeats = blocks.length - kept.length;
    const { text, blocks: spans, rawOffsets } = assemble(kept);
    doc.text = text;
    doc.blocks = spans;
    doc.rawOffsets = rawOffsets;
    doc.meta = mergeMeta(doc.meta, found);
    doc.messages.push(...messages);
    if (repeats) doc.messages.push(note(`${repeats} repeated block(s) dropped`, 'clean:repeats'));
    if (!text) doc.messages.push(note('no main text found', 'clean:no-main-text', 'warning'));
    return doc;
  },
};

export const cleanStages: Stage[] = [mainTextStage];
