/**
 * Filing a report's figures in their order (GUIDE §2 `series`): most figures name what they measure,
 * but some take it from a figure before them, and filing them alone would join unrelated figures or
 * leave them out of their series:
 * - an item of an entity or a population named by an earlier figure: 普通中学645所，在校学生69.1万人，
 *   专任教师5.9万人 (the students and teachers of 普通中学); 城镇居民人均可支配收入52633元…其中工资性收入
 *   30974元 (城镇居民's wages, not 农村居民's);
 * - the same indicator restated for another period, its thing elided: 同比增长2%（同期为下降31.9%、
 *   去年全年下降39.7%）, 从75%提高至100%, 这一数字已增至近400头.
 * Every such filing says in its rule which figure it leaned on.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Catalog } from './catalog.ts';
import { tagWords } from '../extract/words.ts';
import { groupName, headPhrase } from './head.ts';
import { fileFigure, type FileableFigure, type Filing } from './indicator.ts';
import { subRowPhrase } from './table-rows.ts';
import { sameUnitKind, unitKind } from './units.ts';

const ownerSchema = z.object({
  window: z.number().int().positive(),
  populations: z.array(z.string().min(1)),
  populationItems: z.array(z.string().min(1)),
  entityUnits: z.array(z.string().min(1)),
  entityItems: z.array(z.string().min(1)),
  restatingTags: z.array(z.string().min(1)),
  restatingWords: z.array(z.string().min(1)),
  attributes: z.array(z.string().min(1)),
});
const ownerWordsPath = fileURLToPath(new URL('../../data/lexicon/owner-words.json', import.meta.url));
let loaded: z.infer<typeof ownerSchema> | null = null;
const ownerWords = () => (loaded ??= ownerSchema.parse(JSON.parse(readFileSync(ownerWordsPath, 'utf8'))));

/** What an earlier figure says the next items are of, and the figure that said it. */
interface Owner {
  phrase: string;
  at: number;
}

/** The population a head names first (城镇居民人均可支配收入 → 城镇居民人均), or null. */
function populationOf(head: string): string | null {
  const word = ownerWords().populations.find((p) => head.startsWith(p));
  if (!word) return null;
  return head.startsWith(`${word}人均`) ? `${word}人均` : word;
}

/** The entity a level count of institutions names (普通中学645所 → 普通中学), or null. */
function entityOf(figure: FileableFigure, head: string): string | null {
  const words = ownerWords();
  if (figure.measure !== 'level' || !words.entityUnits.includes(figure.unit) || head.length < 2) return null;
  return words.entityItems.includes(head) ? null : head;
}

/** The owner's words put before an item's head: 城镇居民人均 + 人均消费性支出 → 城镇居民人均消费性支出. */
const qualified = (owner: string, head: string): string => (owner.endsWith('人均') && head.startsWith('人均') ? owner + head.slice(2) : owner + head);

/** Punctuation and spaces between a subject's words. */
const BREAKS = /[\s"'“”‘’「」『』《》【】、，,。.；;：:（）()!！?？]+/gu;

/**
 * Whether a figure's words only restate the measure of the figure before it for another time or
 * state (同期为下降, 去年全年下降, 提高至, 这一数字): times, verbs and particles only — no thing of its own,
 * no comparison (比…高 is a difference, its own indicator), no average (年均), no place.
 */
function restates(subject: string): boolean {
  const words = ownerWords();
  // A figure inside an aside still open (…有较大幅度提升（同期为下降31.9%）) is read by the aside's words.
  const open = /[（(]([^（）()]*)$/u.exec(subject);
  const bare = (open ? open[1] : subject).normalize('NFKC').replace(BREAKS, '');
  if (!bare || /比|较|高于|低于|拉动|带动|贡献|占|分别/u.test(bare)) return false;
  const tagged = tagWords(bare);
  const cue = (w: { word: string }) => words.restatingWords.includes(w.word) || /^(?:19|20)\d{2}$/u.test(w.word);
  return tagged.some(cue) && tagged.every((w) => cue(w) || words.restatingTags.includes(w.tag));
}

/** A subject's words with closing marks at the end dropped: 确诊病例 （境外输入 ） → 确诊病例 （境外输入. */
const unclosed = (subject: string): string => subject.replace(/[\s）)]+$/u, '');

/**
 * A figure whose words end in an aside the next figure stands in (计划播种面积1128万亩（水田168万亩,
 * both read «计划播种面积 （水田»): the aside is the next one's, so this one is read without it.
 */
function outsideAside(subject: string, next: string | undefined): string {
  const open = /\s+[（(][^（）()\s]+$/u.exec(unclosed(subject));
  if (!open || next === undefined || unclosed(next) !== unclosed(subject)) return subject;
  return unclosed(subject).slice(0, open.index);
}

/** Whether two figures count in one unit kind and measure (what sharing an indicator needs). */
const alike = (a: FileableFigure, b: FileableFigure): boolean => a.measure === b.measure && sameUnitKind(a.unit, b.unit);

/** The item of an owner an earlier figure named (普通中学 在校学生), filed as such, or null. */
function ownersItem(figure: FileableFigure, head: string, i: number, owners: Owners, catalog: Catalog, places: (text: string) => string): Filing | null {
  const words = ownerWords();
  const live = (o: Owner | null) => (o && i - o.at <= words.window ? o : null);
  const owner = words.populationItems.includes(head) ? live(owners.population) : words.entityItems.includes(head) ? live(owners.entity) : null;
  const population = populationOf(head);
  if (population) owners.population = { phrase: population, at: i };
  const entity = entityOf(figure, head);
  if (entity) owners.entity = { phrase: entity, at: i };
  if (!owner) return null;
  const filing = fileFigure({ ...figure, subject: qualified(owner.phrase, head) }, catalog, places);
  return filing && { ...filing, rule: `${filing.rule}; «${head}» is an item of «${owner.phrase}» named by figure ${owner.at + 1}` };
}

/**
 * A short head naming again what a figure shortly before named in full (开通13条跨省际公交线路…总共7条
 * 线路; 重点工作65项…重点推进30余项工作): the nearest such figure's filing, or null.
 */
function antecedent(
  figures: readonly FileableFigure[],
  filed: readonly (Filing | null)[],
  heads: readonly string[],
  i: number,
  places: (text: string) => string,
): Filing | null {
  const head = heads[i];
  const parts = figures[i].subject.normalize('NFKC').split(/\s+/u).filter(Boolean);
  // The head must be the words themselves (线路, 工作), not what cutting left of them (死亡病例 → 病例),
  // and nothing before it may name a thing of its own (科学城建设集中开工总投资 项目).
  if (head.length < 2 || ownerWords().attributes.includes(head) || places(parts[parts.length - 1]?.replace(BREAKS, '') ?? '') !== head) return null;
  if (parts.length > 1 && !governs(parts.slice(0, -1).join(''), places)) return null;
  for (let k = i - 1; k >= 0 && i - k <= ANAPHORA_WINDOW; k--) {
    const before = filed[k];
    if (before && alike(figures[k], figures[i]) && heads[k].length > head.length && heads[k].endsWith(head))
      return { ...before, rule: `${before.rule}; «${head}» names again what figure ${k + 1} named` };
  }
  return null;
}

/** Whether the words before a head only govern it (重点推进 工作): they end in a verb, or name nothing. */
function governs(before: string, places: (text: string) => string): boolean {
  if (headPhrase(before, places) === '') return true;
  const words = tagWords(before.normalize('NFKC').replace(BREAKS, ''));
  return words.length > 0 && words[words.length - 1].tag === 'v';
}

/** A contribution whose driver is elided (…同比增长5%，拉动GDP增长3.3个百分点): what it drives. */
const DRIVES = /^(?:正向|负向)?拉动(?:全市|全省|全区|全国)?(.{1,8}?)(?:增长)?$/u;

/**
 * A contribution to a whole's growth filed by its driver, the growth just before it: 非油经济实现增加值
 * …同比增长5%，拉动GDP增长3.3个百分点 → 非油经济增加值拉动经济 (GDP and 全市经济 are one).
 */
function contribution(
  figures: readonly FileableFigure[],
  filed: readonly (Filing | null)[],
  i: number,
  catalog: Catalog,
  places: (text: string) => string,
): Filing | null {
  const parts = figures[i].subject.normalize('NFKC').split(/\s+/u).filter(Boolean);
  const drives = parts.length === 1 ? DRIVES.exec(parts[0].replace(BREAKS, '')) : null;
  if (!drives || figures[i].measure !== 'change') return null;
  const whole = drives[1].replace(/^GDP$|^经济$/u, '经济').replace(/^规上/u, '规模以上');
  for (let k = i - 1; k >= 0 && i - k <= ANAPHORA_WINDOW; k--) {
    const driver = filed[k];
    if (!driver || figures[k].measure !== 'change' || figures[k].unit !== '%') continue;
    const filing = fileFigure({ ...figures[i], subject: `${driver.name}拉动${whole}增长` }, catalog, places);
    return filing && { ...filing, rule: `${filing.rule}; the contribution of figure ${k + 1}'s growth` };
  }
  return null;
}

/** A growth's difference from a base period's, its growth elided (增速比同期提高0.9个百分点, 比去年全年提高3.8个百分点). */
const DIFFERENCE =
  /^(?:增速|增幅)?比((?:19|20)\d{2}年全年|去年全年|上年全年|全年|去年同期|上年同期|同期|一季度|上半年|前三季度|上月|上年|去年)(?:增速|增幅)?(提高|高|加快|快|回升|回落|低|放缓|慢|下降|收窄|扩大)$/u;

/** The base period of a difference, said one way: 2016年全年 (the year before) → 上年全年, 同期 → 上年同期. */
const basePeriod = (base: string): string =>
  /全年$/u.test(base) ? '上年全年' : /同期$/u.test(base) ? '上年同期' : /^(?:上年|去年)$/u.test(base) ? '上年' : base;

/** Its direction, said one way: 高/加快/回升 → 提高, 低/放缓/下降 → 回落 (收窄, 扩大 stay). */
const direction = (word: string): string => (/^(?:提高|高|加快|快|回升)$/u.test(word) ? '提高' : /^(?:回落|低|放缓|慢|下降)$/u.test(word) ? '回落' : word);

/**
 * A growth's difference from a base period's filed by the growth just before it: 地区生产总值…同比增长2%，
 * 比同期增速高0.8个百分点 → 地区生产总值增速比上年同期提高 (each base its own indicator).
 */
function growthDifference(figures: readonly FileableFigure[], filed: readonly (Filing | null)[], i: number): Filing | null {
  const parts = figures[i].subject.normalize('NFKC').split(/\s+/u).filter(Boolean);
  const difference = parts.length === 1 ? DIFFERENCE.exec(parts[0].replace(BREAKS, '')) : null;
  if (!difference || figures[i].measure !== 'change' || figures[i].unit !== '百分点') return null;
  for (let k = i - 1; k >= 0 && i - k <= ANAPHORA_WINDOW; k--) {
    const growth = filed[k];
    if (!growth || figures[k].measure !== 'change' || figures[k].unit !== '%') continue;
    // Named here, not cut from a subject: cutting drops comparisons (比上年同期提高), which are what this one is.
    const name = `${growth.name.replace(/(?:增速|增幅|涨幅)$/u, '')}增速比${basePeriod(difference[1])}${direction(difference[2])}`;
    const id = `auto:${name}:${unitKind(figures[i].unit)}:change`;
    return { id, name, rule: `${id} (the difference of figure ${k + 1}'s growth, ${growth.id}, from the base period's)` };
  }
  return null;
}

/** How many figures back a short head may name again what one named in full. */
const ANAPHORA_WINDOW = 5;

/** A figure counting what of the one before got done (34个问题已整改完成30个): not the same indicator. */
const doneOfTotal = (figure: FileableFigure, previous: FileableFigure | undefined): boolean =>
  previous !== undefined && previous.subject === figure.subject && alike(previous, figure) && /完成$/u.test(figure.subject.trim());

interface Owners {
  population: Owner | null;
  entity: Owner | null;
}

/** The filing of one figure given the figures before it: an owner's item, a restatement, else its own. */
function fileInContext(
  figures: readonly FileableFigure[],
  filed: readonly (Filing | null)[],
  heads: readonly string[],
  i: number,
  owners: Owners,
  catalog: Catalog,
  places: (text: string) => string,
): Filing | null {
  const figure = figures[i];
  const item = ownersItem(figure, heads[i], i, owners, catalog, places);
  if (item) return item;
  const row = subRowPhrase(figures, heads, i);
  const asRow = row && fileFigure({ ...figure, subject: row }, catalog, places);
  if (asRow) return { ...asRow, rule: `${asRow.rule}; table row «${figure.subject}» is a part of the row above it` };
  if (doneOfTotal(figure, figures[i - 1])) return null;
  const byDriver = contribution(figures, filed, i, catalog, places) ?? growthDifference(figures, filed, i);
  if (byDriver) return byDriver;
  const own = fileFigure({ ...figure, subject: outsideAside(figure.subject, figures[i + 1]?.subject) }, catalog, places);
  if (own || i === 0) return own;
  const before = filed[i - 1];
  if (before && alike(figures[i - 1], figure) && restates(figure.subject))
    return { ...before, rule: `${before.rule}; «${figure.subject}» restates figure ${i} for another time` };
  return antecedent(figures, filed, heads, i, places);
}

/**
 * The indicators of one report's figures, in the report's order (the order filing reads context
 * in). `places` strips place names from a phrase, as for fileFigure.
 */
export function fileFigures(figures: readonly FileableFigure[], catalog: Catalog, places: (text: string) => string = (t) => t): (Filing | null)[] {
  const filed: (Filing | null)[] = [];
  const heads = figures.map((f) => groupName(headPhrase(f.subject, places)));
  const owners: Owners = { population: null, entity: null };
  for (let i = 0; i < figures.length; i++) filed.push(fileInContext(figures, filed, heads, i, owners, catalog, places));
  return filed;
}
