/** The `---` fenced front matter of a Markdown report: the reader takes its meta, the cleaner skips it. */
export const FRONT_MATTER = /^\uFEFF?\s*---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** Where the body starts (after the closing `---`), 0 without front matter; no YAML is parsed. */
export function frontMatterEnd(text: string): number {
  return FRONT_MATTER.exec(text)?.[0].length ?? 0;
}
