/**
 * Small generated reports for the load and export sections: a Markdown page of four to seven
 * sentences, each with a figure the extractor files (output, growth, trains, passengers …), over a
 * city, a year and a period drawn from report i's own random stream. Report i is the same bytes
 * whatever the run's size; two indices give two different reports (the index is in the title).
 */
import { randomFor, type Random } from '../corpus/random.ts';

/** Bump when the text changes: the export section's cached store is keyed by it. */
export const SMALL_REPORT_VERSION = 'small-report@2';

const CITIES = ['成都', '重庆', '绵阳', '德阳', '宜宾', '泸州', '南充', '达州', '永川', '万州', '涪陵', '遂宁', '内江', '乐山', '眉山', '资阳'];
const PERIODS = ['一季度', '上半年', '前三季度', '1—5月', '1—8月', '全年'];

type Sentence = (r: Random, city: string, year: number, period: string) => string;

const money = (r: Random) => (r.int(100, 99_999) / 10).toFixed(1);
const rate = (r: Random) => (r.int(-30, 250) / 10).toFixed(1);

const SENTENCES: readonly Sentence[] = [
  (r, c, y, p) => `${y}年${p}，${c}市实现地区生产总值${money(r)}亿元，同比增长${rate(r)}%。`,
  (r, c, y, p) => `${y}年${p}，${c}规模以上工业增加值同比增长${rate(r)}%。`,
  (r, c, y, p) => `${y}年${p}，${c}社会消费品零售总额${money(r)}亿元，增长${rate(r)}%。`,
  (r, c, y, p) => `${y}年${p}，${c}固定资产投资同比增长${rate(r)}%。`,
  (r, c, y, p) => `${y}年${p}，中欧班列（成渝）从${c}开行${r.int(10, 2_500)}列。`,
  (r, c, y, p) => `${y}年${p}，${c}港口完成集装箱吞吐量${r.int(1, 150)}万标箱。`,
  (r, c, y, p) => `${y}年${p}，川渝两地跨省异地就医直接结算${(r.int(10, 9_999) / 100).toFixed(2)}万人次。`,
  (r, c, y, p) => `${y}年${p}，${c}新签约重大项目${r.int(3, 400)}个，总投资${money(r)}亿元。`,
  (r, c, y, p) => `${y}年${p}，${c}实际使用外资${(r.int(10, 9_999) / 100).toFixed(2)}亿美元。`,
  (r, c, y, p) => `${y}年${p}，${c}高新技术企业达到${r.int(100, 12_000)}家。`,
];

/**
 * Report `index` of `seed`: its file name and its UTF-8 bytes (≈ 400–700 bytes). A figure's value
 * is drawn from a stream of its own (city, year, period, sentence), so reports that state the same
 * figure agree, as republished releases do; one report in 30 states its own values (conflicts).
 */
export function smallReport(seed: number, index: number): { name: string; text: string; bytes: Uint8Array } {
  const r = randomFor(seed, index);
  const year = r.int(2019, 2026);
  const month = String(r.int(1, 12)).padStart(2, '0');
  const day = String(r.int(1, 28)).padStart(2, '0');
  const city = r.pick(CITIES);
  const period = r.pick(PERIODS);
  const conflicting = r.chance(1 / 30);
  const body = r
    .sample([...SENTENCES.keys()], r.int(4, 7))
    .map((k) => {
      const where = r.chance(0.7) ? city : r.pick(CITIES);
      const values = conflicting ? r : randomFor(seed, CITIES.indexOf(where), year, PERIODS.indexOf(period), k);
      return SENTENCES[k](values, where, year, period);
    })
    .join('');
  const title = `${city}经济运行简报（第${index + 1}期）`;
  const text = `---\ntitle: '${title}'\ndate: ${year}-${month}-${day}\n---\n\n# ${title}\n\n${body}\n`;
  return { name: `r${String(index).padStart(7, '0')}.md`, text, bytes: new TextEncoder().encode(text) };
}
