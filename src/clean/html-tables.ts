/** Tables on a page: the record tables metadata reads, and the empty cells a table's columns need. */
import { textContent } from 'domutils';
import type { AnyNode, Element } from 'domhandler';
import { squash } from './chars.ts';
import { descendants, isElement } from './html-dom.ts';
import { blockText, type DraftBlock } from './draft-blocks.ts';

/** A cell that is only a label (索 引 号：, 发布日期：). */
const LABEL_CELL = /^[\p{Script=Han}\s\u3000]{2,10}[:：]$/u;

const NOT_ENTERED = new Set(['td', 'th', 'table']);

/**
 * A record table: the labelled fields a portal prints above a document (索引号、主题分类、发文机关…).
 * Metadata reads them (meta.ts); they are not the report's text.
 */
export function isRecordTable(table: Element): boolean {
  let labels = 0;
  // Cells are not entered, nor tables inside this one.
  const enters = (node: AnyNode) => isElement(node) && !NOT_ENTERED.has(node.name);
  for (const node of descendants(table, enters)) {
    if (isElement(node) && (node.name === 'td' || node.name === 'th') && LABEL_CELL.test(textContent(node).trim())) labels++;
  }
  // Small, too: a layout table around a whole page may hold a few labels (来源：, 作者：) as well.
  return labels >= 3 && squash(textContent(table)).length <= 400;
}

/** Whether the blocks on both sides of `i` are short cells (a name, a unit, a number), as in a table. */
export function isBetweenCells(blocks: readonly DraftBlock[], i: number): boolean {
  const short = (b: DraftBlock | undefined) => b !== undefined && squash(blockText(b)).length <= 24 && !/[。！？]/.test(blockText(b));
  return short(blocks[i - 1]) && short(blocks[i + 1]);
}
