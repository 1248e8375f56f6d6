/**
 * A document's own date under its title (GUIDE.md §3: a document issued or adopted): a full date in
 * parentheses standing as its own paragraph — 关于…的意见⏎（2023年5月14日） — right below a line that
 * reads as a document's title, and below that, perhaps, its issuer (中共四川省委 四川省人民政府). The
 * event is the document, named by its issuer and title.
 */
import type { Span } from '../document/index.ts';
import { findSpanAt } from '../document/index.ts';
import { eventWords } from './events-words.ts';
import type { TimeExpression } from './time.ts';

/** A title or an issuer line: Han characters and spaces, quotes and brackets, no sentence punctuation. */
const TITLE_LINE = /^[\p{Script=Han}\s《》〈〉“”「」（）()、·—\-0-9０-９]{4,120}$/u;
const ISSUER_LINE = /^[\p{Script=Han}\s（）()]{2,40}$/u;

const line = (text: string, paragraphs: readonly Span[], p: number) => text.slice(paragraphs[p][0], paragraphs[p][1]).trim();

/** The document a date line `t` dates, as its span and summary, or null when `t` is no such line. */
export function documentDate(text: string, paragraphs: readonly Span[], t: TimeExpression): { span: Span; summary: string } | null {
  if (t.precision !== 'day' || !t.explicitYear) return null;
  const p = findSpanAt(paragraphs, t.start);
  if (p < 1) return null;
  const own = line(text, paragraphs, p);
  if (!/^[（(]\s*$/u.test(text.slice(paragraphs[p][0], t.start).trim()) || !/^[（(][^）)]*[）)]$/u.test(own)) return null;
  if (own.replace(/\s+/g, '').length - text.slice(t.start, t.end).replace(/\s+/g, '').length !== 2) return null;
  const title = line(text, paragraphs, p - 1);
  if (!TITLE_LINE.test(title) || !eventWords().documentTitleEnd.test(title)) return null;
  const issuer = p >= 2 ? line(text, paragraphs, p - 2) : '';
  const named = ISSUER_LINE.test(issuer) && !eventWords().documentTitleEnd.test(issuer) ? `${issuer}${title}` : title;
  return { span: [paragraphs[p - 1][0], paragraphs[p][1]], summary: named.replace(/\s+/g, '') };
}
