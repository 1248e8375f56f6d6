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
import { sameUnitKind } from './units.ts';

const ownerSchema = z.object({
  window: z.number().int().positive(),
  populations: z.array(z.string().min(1)),
  populationItems: z.array(z.string().min(1)),
  entityUnits: z.array(z.string().min(1)),
  entityItems: z.array(z.string().min(1)),
  restatingTags: z.array(z.string().min(1)),
  restatingWords: z.array(z.string().min(1)),
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

/** The filing of one figure given the figures before it: an owner's item, a restatement, else its own. */
function fileInContext(
  figures: readonly FileableFigure[],
  filed: readonly (Filing | null)[],
  i: number,
  owners: { population: Owner | null; entity: Owner | null },
  catalog: Catalog,
  places: (text: string) => string,
): Filing | null {
  const figure = figures[i];
  const head = groupName(headPhrase(figure.subject, places));
  const words = ownerWords();
  const live = (o: Owner | null) => (o && i - o.at <= words.window ? o : null);
  const owner = words.populationItems.includes(head) ? live(owners.population) : words.entityItems.includes(head) ? live(owners.entity) : null;
  const population = populationOf(head);
  if (population) owners.population = { phrase: population, at: i };
  const entity = entityOf(figure, head);
  if (entity) owners.entity = { phrase: entity, at: i };
  if (owner) {
    const phrase = qualified(owner.phrase, head);
    const filing = fileFigure({ ...figure, subject: phrase }, catalog, places);
    if (filing) return { ...filing, rule: `${filing.rule}; «${head}» is an item of «${owner.phrase}» named by figure ${owner.at + 1}` };
  }
  const own = fileFigure({ ...figure, subject: outsideAside(figure.subject, figures[i + 1]?.subject) }, catalog, places);
  if (own || i === 0) return own;
  const before = filed[i - 1];
  const previous = figures[i - 1];
  if (!before || previous.measure !== figure.measure || !sameUnitKind(previous.unit, figure.unit)) return null;
  if (!restates(figure.subject)) return null;
  return { ...before, rule: `${before.rule}; «${figure.subject}» restates figure ${i} for another time` };
}

/**
 * The indicators of one report's figures, in the report's order (the order filing reads context
 * in). `places` strips place names from a phrase, as for fileFigure.
 */
export function fileFigures(figures: readonly FileableFigure[], catalog: Catalog, places: (text: string) => string = (t) => t): (Filing | null)[] {
  const filed: (Filing | null)[] = [];
  const owners = { population: null as Owner | null, entity: null as Owner | null };
  for (let i = 0; i < figures.length; i++) filed.push(fileInContext(figures, filed, i, owners, catalog, places));
  return filed;
}

