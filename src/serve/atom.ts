/**
 * Atom 1.0 (RFC 4287) for the change feeds, so analysts can subscribe in their reader. Written by
 * hand: a feed is a handful of elements, and what matters is escaping every text we put in.
 */
import type { Change } from '../store/types.ts';

const escapeXml = (s: string): string =>
  s
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');

export const KIND_ZH: Record<Change['kind'], string> = { report: '新报道', point: '新数据点', conflict: '新冲突', decision: '审定' };

export interface AtomFeed {
  /** The feed's own absolute URL (its id and its rel="self" link). */
  selfUrl: string;
  title: string;
  /** The site's origin, for the entries' links into the dashboard. */
  origin: string;
  changes: readonly Change[];
}

/** Where a change is seen on the dashboard. */
export function changeLink(origin: string, change: Change): string {
  if ((change.kind === 'point' || change.kind === 'conflict') && change.indicatorId) return `${origin}/indicators/${encodeURIComponent(change.indicatorId)}`;
  if (change.reportId !== null) return `${origin}/reports/${change.reportId}`;
  if (change.indicatorId) return `${origin}/indicators/${encodeURIComponent(change.indicatorId)}`;
  return `${origin}/`;
}

/** The feed, newest entry first; `updated` is the newest change's time (or the epoch for an empty feed). */
export function atomFeed(feed: AtomFeed): string {
  const newest = [...feed.changes].reverse();
  const updated = newest[0]?.at ?? new Date(0).toISOString();
  const entries = newest.map((c) => {
    const summary = typeof c.detail.reason === 'string' ? `${c.title}（${c.detail.reason}）` : c.title;
    return [
      '  <entry>',
      `    <id>${escapeXml(`${feed.selfUrl}#${c.kind}-${c.id}`)}</id>`,
      `    <title>${escapeXml(`${KIND_ZH[c.kind]}：${c.title}`)}</title>`,
      `    <updated>${escapeXml(c.at)}</updated>`,
      `    <published>${escapeXml(c.at)}</published>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(changeLink(feed.origin, c))}"/>`,
      `    <category term="${c.kind}" label="${KIND_ZH[c.kind]}"/>`,
      `    <summary type="text">${escapeXml(summary)}</summary>`,
      '  </entry>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
    `  <id>${escapeXml(feed.selfUrl)}</id>`,
    `  <title>${escapeXml(feed.title)}</title>`,
    `  <updated>${escapeXml(updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(feed.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(`${feed.origin}/`)}"/>`,
    '  <author><name>双城观察 Twin-City Observatory</name></author>',
    '  <generator>twincity</generator>',
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
