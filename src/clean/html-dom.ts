/**
 * The parsed page and the walks over it. Every walk here is iterative (an explicit stack), so the
 * depth of a page's nesting never becomes the depth of our call stack (issue 16); the parse still
 * flattens what hangs below MAX_DEPTH, which bounds the work the scoring does per text node.
 */
import { Element as DomElement, type AnyNode, type ChildNode, type Element, type Text } from 'domhandler';
import { parseDocument } from 'htmlparser2';

/** Never text: dropped with everything inside. */
export const DROP_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'svg',
  'math',
  'canvas',
  'video',
  'audio',
  'source',
  'track',
  'map',
  'area',
  'select',
  'option',
  'optgroup',
  'button',
  'input',
  'textarea',
  'head',
  'title',
  'meta',
  'link',
  'base',
  'nav',
  'dialog',
  'menu',
  'datalist',
  'label',
]);
/** Elements that start a new block of text. */
/** h1–h6: block elements, and the lines of a page's visible text. */
export const HEADING_TAGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'] as const;

export const BLOCK_TAGS = new Set<string>([
  'address',
  'article',
  'blockquote',
  'body',
  'center',
  'dd',
  'details',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  ...HEADING_TAGS,
  'header',
  'hgroup',
  'hr',
  'html',
  'li',
  'main',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
  'caption',
  'aside',
  'br',
  'tt',
  'legend',
]);

export const isElement = (n: AnyNode): n is Element => n.type === 'tag' || n.type === 'script' || n.type === 'style';
export const isText = (n: AnyNode): n is Text => n.type === 'text';
/** A node's children (none for text and comments). */
export const childrenOf = (n: AnyNode | HtmlDom): ChildNode[] => (n as { children?: ChildNode[] }).children ?? [];

/** Parses once; the same DOM serves the metadata reader and the main-text extractor. */
export function parseHtml(html: string) {
  const dom = parseDocument(html, { withStartIndices: true, withEndIndices: true, decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  flattenDeep(dom, MAX_DEPTH);
  return dom;
}
export type HtmlDom = ReturnType<typeof parseHtml>;

/** Deeper than this, a page is malformed (thousands of unclosed tags). */
const MAX_DEPTH = 250;

/**
 * Replaces what hangs below `maxDepth` by a flat run of its text nodes, with a <br> where a block
 * element began, so text and paragraph breaks survive and the scoring's walks up the ancestors stay short.
 */
function flattenDeep(root: HtmlDom, maxDepth: number): void {
  const stack: [AnyNode, number][] = [[root as unknown as AnyNode, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    const children = (node as { children?: ChildNode[] }).children;
    if (!children) continue;
    if (depth < maxDepth) {
      for (const child of children) stack.push([child, depth + 1]);
      continue;
    }
    const flat: ChildNode[] = [];
    const pending: ChildNode[] = [...children].reverse();
    while (pending.length) {
      const next = pending.pop()!;
      if (isText(next)) flat.push(next);
      else if (isElement(next) && !DROP_TAGS.has(next.name)) {
        if (BLOCK_TAGS.has(next.name)) flat.push(new DomElement('br', {}));
        for (let i = next.children.length - 1; i >= 0; i--) pending.push(next.children[i]);
      }
    }
    flat.forEach((child, i) => {
      child.parent = node as Element;
      child.prev = flat[i - 1] ?? null;
      child.next = flat[i + 1] ?? null;
    });
    (node as Element).children = flat;
  }
}

/**
 * The nodes below `root` in document order (depth first, `root` itself not included). `descend`
 * says whether to walk into a node's children (default: always).
 */
export function* descendants(root: AnyNode | HtmlDom, descend: (node: AnyNode) => boolean = () => true): Generator<AnyNode> {
  const stack: AnyNode[] = [...childrenOf(root)].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    yield node;
    if (!descend(node)) continue;
    const children = childrenOf(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
}

/** Every element below `root`, in document order. */
export function elementsBelow(root: AnyNode | HtmlDom): Element[] {
  const out: Element[] = [];
  for (const node of descendants(root, isElement)) if (isElement(node)) out.push(node);
  return out;
}

/** The first element named `name`, depth first. */
export function findFirst(root: AnyNode | HtmlDom, name: string): Element | null {
  for (const node of descendants(root, isElement)) if (isElement(node) && node.name === name) return node;
  return null;
}

/** Keeps, at every level below `root`, the children `keep` accepts (top-down: a child is judged before its own children are). */
export function filterTree(root: AnyNode | HtmlDom, keep: (child: ChildNode) => boolean): void {
  const stack: { children: ChildNode[] }[] = [root as { children: ChildNode[] }];
  while (stack.length) {
    const parent = stack.pop()!;
    parent.children = parent.children.filter(keep);
    for (const child of parent.children) if (isElement(child)) stack.push(child);
  }
}

/** Visits the nodes below `roots` in document order; `leave` runs after a node's children, as a recursive walk would. */
export function walkInOut<S>(roots: readonly AnyNode[], rootState: S, enter: (node: AnyNode, state: S) => { state: S; leave?: () => void } | null): void {
  type Entry = { node: AnyNode; state: S } | { leave: () => void };
  const stack: Entry[] = [];
  for (let i = roots.length - 1; i >= 0; i--) stack.push({ node: roots[i], state: rootState });
  while (stack.length) {
    const entry = stack.pop()!;
    if ('leave' in entry) {
      entry.leave();
      continue;
    }
    const entered = enter(entry.node, entry.state);
    if (!entered) continue;
    if (entered.leave) stack.push({ leave: entered.leave });
    const children = childrenOf(entry.node);
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], state: entered.state });
  }
}
