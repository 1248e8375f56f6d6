/**
 * Target or actual (GUIDE §2 `status`): a figure is a target when the words before it in its full
 * sentence state a goal, plan, forecast or commitment (力争, 目标, 计划, 预计, 将新增, 到2027年建成,
 * 确保), or when the headline does and the figure states no time of its own, or when it stands in
 * a section that sets out the year's tasks (今年政府工作任务, 2024年工作安排). An achievement marker
 * between the cue and the figure (已, 累计, 实现了) makes it actual again. Pure.
 */
import type { Cue, FigureStatus, Span } from '../document/index.ts';
import { tagWords } from './words.ts';

/** Words that make what follows a goal, plan or forecast. */
const TARGET_CUE = new RegExp(
  [
    '力争|力求|争取(?=到|在|用|实现|达到)',
    '目标(?:是|为|到|：|:)',
    '谋划',
    '规划(?=到|至|在|用|于|新增|建设|建成|投资|实施|完成|每年|年内|开工|开行|引进|培育|打造|举办|推出|开展|安排)',
    // 计划播种面积, 计划投资: a plan; not a plan's name (行动计划, 滚动计划) nor 计划外.
    '(?<!行动|滚动|年度|发展|工作|五年|三年|生育)计划(?!外|内|单列|生育|经济)',
    '预计|预期|预测|有望|(?<![模虚草])拟(?!定|人|合|稿)|确保',
    // 要求95个事项…: a requirement; not 落实总书记要求 (the noun).
    '(?<!总书记|中央|落实|按照|按|的|新)要求(?![，,。；])',
    // 将 as "will", not as 把 (将该省…列入).
    '将(?!该|其|此|这|那|上述|有关|所|原|军|领|士|帅|近|于)',
    '要(?=达到|实现|确保|突破|超过|建成|新增|培育|打造|完成|形成)',
    '(?:通车|建成|投产|达产|投用|运营|完工|竣工|实施)后',
    '到(?=本世纪|\\d{4}年|20\\d\\d)|至(?=20\\d\\d年)',
  ].join('|'),
  'g',
);
/** Words before a cue that make it a report on a plan, not the plan itself: 完成年度计划的95%. */
const NOT_A_PLAN_BEFORE = /(?:完成|超额|超|按|比|与|较|高于|低于|提前|未|如期)[^，。；]{0,4}$/;
/** An achievement between the cue and the figure: 计划投资100亿元，已完成80亿元. */
const ACHIEVED = /已经|已|累计完成|实现了|完成了|达到了|建成了|截至|截止/;

/**
 * A section's heading or lead naming the tasks of the year ahead: 介绍今年政府工作任务时提出,
 * 2024年工作安排, 明年重点工作. Everything it lists is planned.
 */
const SECTION_PLAN =
  /(?:今年|明年|新的一年|下一步|((?:19|20)\d\d)年)(?:政府|全市|全省|全区|全县|全州|我市|我省|我区|我县)?的?(?:工作任务|工作安排|重点任务|主要任务|目标任务|重点工作|工作重点)/;

/** A section (from its heading to the next) whose heading or first paragraph sets out the year's tasks. */
export interface SectionPlan {
  from: number;
  to: number;
  cue: Cue;
}

/** The sections that set out the year's tasks, in text order. */
export function sectionPlans(text: string, headings: readonly Span[], reportYear: number | null): SectionPlan[] {
  const plans: SectionPlan[] = [];
  headings.forEach((heading, i) => {
    const to = i + 1 < headings.length ? headings[i + 1][0] : text.length;
    // the heading and the paragraph after it
    const leadEnd = text.indexOf('\n\n', text.indexOf('\n\n', heading[1]) + 2);
    const end = Math.min(to, leadEnd < 0 ? text.length : leadEnd);
    const m = SECTION_PLAN.exec(text.slice(heading[0], end));
    if (!m || (m[1] && reportYear !== null && Number(m[1]) < reportYear)) return;
    const at = heading[0] + m.index;
    plans.push({ from: heading[0], to, cue: { level: at < heading[1] ? 'heading' : 'paragraph', span: [at, at + m[0].length], text: m[0] } });
  });
  return plans;
}

/** The plan of the section a position stands in, or null. */
export function sectionPlanAt(plans: readonly SectionPlan[], at: number): Cue | null {
  for (const p of plans) if (p.from <= at && at < p.to) return p.cue;
  return null;
}

export interface StatusInput {
  text: string;
  /** Where the figure starts, and where its full sentence (across semicolons) starts. */
  at: number;
  scopeStart: number;
  /** The year the report speaks from (its publication year), for telling a future 到2027年. */
  reportYear: number | null;
  /** The month of the report's date, when it has one (a 至2005年7月 before it is past). */
  reportMonth?: number | null;
  /** Whether the figure's period came from its own sentence (then a headline's plan is not its own). */
  ownPeriod: boolean;
  /** The headline's plan (`headlinePlan`), found once per report. */
  headlinePlan: Cue | null;
  /** The plan of the figure's section (`sectionPlans`), when it sets out the year's tasks. */
  sectionPlan?: Cue | null;
  /** Whether the figure's own period ended before the report's year (then it is what was done). */
  pastPeriod?: boolean;
}

function futureYear(cue: string, reportYear: number | null, reportMonth: number | null): boolean {
  const year = /((?:19|20)\d\d)年?(?:(\d{1,2})月)?/.exec(cue);
  if (!year) return true;
  if (reportYear === null || Number(year[1]) > reportYear) return true;
  // 至2005年7月 in a report of December 2005: a month gone by, what stood then
  if (Number(year[1]) === reportYear) return !year[2] || reportMonth === null || Number(year[2]) >= reportMonth;
  return false;
}

/** The cue that makes `text[from, to)` a plan for what follows it, or null. */
function planCue(
  text: string,
  from: number,
  to: number,
  reportYear: number | null,
  reportMonth: number | null = null,
): { index: number; words: string } | null {
  const window = text.slice(from, to);
  TARGET_CUE.lastIndex = 0;
  let last: { index: number; words: string } | null = null;
  for (let m = TARGET_CUE.exec(window); m; m = TARGET_CUE.exec(window)) {
    const words = m[0].startsWith('到') || m[0].startsWith('至') ? window.slice(m.index, m.index + 9) : m[0];
    if (NOT_A_PLAN_BEFORE.test(window.slice(0, m.index)) || /(?:已|已经|曾)$/.test(window.slice(0, m.index))) continue;
    // 将 before a verb is "will" (将超过10万个); before a noun it is 把 (将77条道路…).
    if (m[0] === '将' && !willVerb(window.slice(m.index, m.index + 10))) continue;
    if ((m[0].startsWith('到') || m[0].startsWith('至')) && !futureYear(words, reportYear, reportMonth)) continue;
    last = { index: from + m.index, words: m[0] };
  }
  return last;
}

/** Whether the word after 将 is a verb or an adverb (将构建, 将进一步), so 将 means "will". */
function willVerb(phrase: string): boolean {
  const words = tagWords(phrase);
  const next = words[1];
  return !!next && /^(?:v|d|c|a)/.test(next.tag) && !/^(?:从|由|把)$/.test(next.word);
}

/** Headline words that make a whole report's unstated figures goals: 《到2025年…将超过10万个》. */
const HEADLINE_PLAN = /力争|目标|预计|规划|到(?=\d{4}年|20\d\d)|至(?=20\d\d年)/;

export function findStatus(input: StatusInput): { status: FigureStatus; cue: Cue | null } {
  const { text, at, scopeStart } = input;
  const cue = planCue(text, scopeStart, at, input.reportYear, input.reportMonth ?? null);
  if (cue) {
    if (ACHIEVED.test(text.slice(cue.index + cue.words.length, at))) return { status: 'actual', cue: null };
    const span: Span = [cue.index, cue.index + cue.words.length];
    return { status: 'target', cue: { level: 'sentence', span, text: cue.words } };
  }
  if (!input.ownPeriod && input.headlinePlan && !ACHIEVED.test(text.slice(scopeStart, at))) return { status: 'target', cue: input.headlinePlan };
  if (input.sectionPlan && !input.pastPeriod && !ACHIEVED.test(text.slice(scopeStart, at))) return { status: 'target', cue: input.sectionPlan };
  return { status: 'actual', cue: null };
}

/** The plan a headline states for the whole report (《到2025年…将超过10万个》), once per report. */
export function headlinePlan(headline: string | null, reportYear: number | null): Cue | null {
  if (!headline || !HEADLINE_PLAN.test(headline)) return null;
  const head = planCue(headline, 0, headline.length, reportYear);
  return head ? { level: 'headline', span: null, text: head.words } : null;
}
