/**
 * Whether a dated sentence reports a milestone (GUIDE.md §3) — a meeting held, a document issued, a
 * line opened — rather than something else dated: a statement (外交部发言人12日表示，…: the date is
 * the saying's, what follows is what was said), a news source (记者今天从…获悉, 据…13日报道, 新华社北京
 * 10月4日电), a data release (11日发布的数据显示), a forecast (预计今晚合龙), a denial, or the reporter's
 * own visit (今天我们走进辽宁).
 */
import type { TimeExpression } from './time.ts';
import { startsWithin } from './sorted.ts';
import { eventWords } from './events-words.ts';

/**
 * 11日发布的周度石油库存数据显示…, 公布的统计, 发布消息称: a release names the source of figures or news,
 * not a milestone (发布…数据; 发布的报告显示; 发布消息, not 发布国务院任免国家工作人员消息).
 */
const DATA_RELEASE =
  /(?:发布|公布|发出)(?:的|了)?[^，,。；;《》“”]{0,12}?(?:数据|统计数字|统计)(?:显示|表明)?|(?:发布|公布)(?:的|了)?(?:最新)?(?:报告|消息)(?:显示|表明|称|说)|(?:发布|公布)了?消息/gu;
/** Where a clause ends. */
const CLAUSE_END = /[，,；;：:。！？!?]/u;
/** 新华社北京10月4日电, 蒙特利尔2005年12月7日讯: a dispatch line, whose date is the report's. */
const DISPATCH_BEFORE = /(?:[社报网台][\p{Script=Han}]{1,8}|^[\p{Script=Han}\s]{0,10})$/u;

/** A clause is read no further than this either side (a text without punctuation stays linear). */
const MAX_CLAUSE = 200;

/** The clause around [start, end) within [from, to): from the last clause break before it to the next after it. */
function clauseAround(text: string, start: number, end: number, from: number, to: number): [number, number] {
  let s = start;
  const sFloor = Math.max(from, start - MAX_CLAUSE);
  while (s > sFloor && !CLAUSE_END.test(text[s - 1])) s--;
  let e = end;
  const eCeil = Math.min(to, end + MAX_CLAUSE);
  while (e < eCeil && !CLAUSE_END.test(text[e])) e++;
  return [s, e];
}

/** The stretch with data releases blanked out (same length, so offsets hold). */
const withoutReleases = (s: string) => s.replace(DATA_RELEASE, (m) => '　'.repeat(m.length));

/**
 * The first event predicate in [from, to) that counts, or -1: not one inside a data release, not
 * one a forecast word stands before in its clause (预计今晚合龙), not the visit of the report's own
 * people (我们走进…), and none after words of a running total (…以来，…已…; 已有45个…).
 */
export function predicateAt(text: string, from: number, to: number): number {
  const { verbs, forecast, reporter, visit, cumulative } = eventWords();
  const stretch = withoutReleases(text.slice(from, to));
  const global = new RegExp(verbs.source, 'gu');
  for (let m = global.exec(stretch); m; m = global.exec(stretch)) {
    const at = from + m.index;
    const [cs] = clauseAround(text, at, at, from, to);
    const lead = text.slice(cs, at);
    if (forecast.test(lead) || (reporter.test(lead) && visit.test(text.slice(at, to)))) continue;
    // …以来，以军已袭击…约30000个目标; 已有45个发布了预警: a running total, not a milestone.
    if (cumulative.test(text.slice(from, at))) return -1;
    return at;
  }
  return -1;
}

/**
 * Whether the date `t` in the sentence [ss, se) dates a milestone rather than a statement, a news
 * source, a forecast or a denial. `times`: the dated expressions of the text.
 */
export function datesMilestone(text: string, t: TimeExpression, ss: number, se: number, times: readonly TimeExpression[]): boolean {
  const words = eventWords();
  const [cs, ce] = clauseAround(text, t.start, t.end, ss, se);
  const before = text.slice(cs, t.start);
  const after = text.slice(t.end, ce);
  if (words.forecast.test(before) || words.denial.test(before)) return false;
  // 新华社北京10月4日电
  if (/^(?:讯|电(?:$|[^\p{Script=Han}]|记者))/u.test(after) && DISPATCH_BEFORE.test(before)) return false;
  // 据…13日报道，…: the source's date, unless what it reports happened 当天.
  if (/^(?:另)?(?:据|根据|综合)/u.test(before) && words.reportNoun.test(after.replace(/^[（(][^）)]*[）)]/u, '')))
    return words.sameDayBack.test(text.slice(ce, se));
  // 记者今天从…了解到， / 6月27日，记者从…获悉，
  const source = sourceClause(text, cs, ce, t, se);
  if (source && words.sourceVerb.test(source)) return false;
  // 官员今天（8月16日）称，…15日发生的强震…: the statement's date, when what it reports opens with a date of its own.
  const clause = text.slice(cs, ce);
  if (words.speechEnd.test(clause) && !words.verbs.test(withoutReleases(clause)) && ce < se) {
    const [, reportedEnd] = clauseAround(text, ce + 1, ce + 1, ce + 1, se);
    if (startsWithin(times, ce + 1, reportedEnd)) return false;
  }
  return true;
}

/** The clause naming where the reporter learned the news: the date's own, or the next when the date stands alone. */
function sourceClause(text: string, cs: number, ce: number, t: TimeExpression, se: number): string | null {
  const clause = text.slice(cs, ce);
  const { reporter, sourceVerb } = eventWords();
  const ends = (s: string) => sourceVerb.test(s) && new RegExp(`(?:${sourceVerb.source})$`, 'u').test(s);
  if (reporter.test(clause) && ends(clause)) return clause;
  // the date alone in its clause ("6月27日，"), the source in the next
  if (text.slice(cs, ce).trim() === text.slice(t.start, t.end).trim() && ce < se) {
    const [ns, ne] = clauseAround(text, ce + 1, ce + 1, ce + 1, se);
    const next = text.slice(ns, ne);
    if (reporter.test(next) && ends(next)) return next;
  }
  return null;
}
