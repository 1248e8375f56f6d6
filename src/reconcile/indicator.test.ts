import { describe, expect, it } from 'vitest';
import { loadCatalog } from './catalog.ts';
import { fileFigure, headPhrase, withoutPlaces } from './indicator.ts';

const catalog = loadCatalog();
const file = (subject: string, unit: string, measure: 'level' | 'change' | 'share' = 'level') => fileFigure({ subject, unit, measure }, catalog, withoutPlaces);

describe('filing figures under indicators', () => {
  it('takes the head noun phrase: asides, places, times and verbs around it go', () => {
    expect(headPhrase('实现地区生产总值（GDP）')).toBe('地区生产总值');
    expect(headPhrase('第二产业投资增长 工业投资增长')).toBe('工业投资');
    expect(headPhrase('联合开行中欧班列')).toBe('中欧班列');
    expect(headPhrase('一产实现增加值')).toBe('第一产业增加值');
    expect(headPhrase('四川省规上工业增加值', withoutPlaces)).toBe('规模以上工业增加值');
  });

  it('files the same thing in different places and wordings together, and different things apart', () => {
    expect(file('重庆市规模以上工业增加值', '%', 'change')?.id).toBe(file('四川规上工业增加值', '%', 'change')?.id);
    expect(file('第一产业增加值', '元')?.id).not.toBe(file('第一产业增加值', '%', 'change')?.id);
    expect(file('中长期贷款余额', '元')?.id).not.toBe(file('短期贷款余额', '元')?.id);
    // people counted as 人, 名 or 人次 are one kind
    expect(file('干部互派挂职人员', '名')?.id).toBe(file('干部互派挂职人员', '人次')?.id);
  });

  it('uses the catalogue only when its pattern names the whole phrase, and says which rule filed it', () => {
    expect(file('川渝通办事项', '项')).toMatchObject({ id: 'chuanyu_tongban_items', rule: expect.stringMatching(/^catalogue:chuanyu_tongban_items/) });
    // 对东盟进出口值 is not the catalogue's 进出口总额: a qualifier the entry ignores stays apart
    expect(file('对东盟进出口值', '元')?.id).not.toBe(file('进出口总值', '元')?.id);
  });

  it('leaves a figure unfiled when its words name nothing (two characters, a time, nothing)', () => {
    expect(file('死亡', '人')).toBeNull();
    expect(file('比上年同期', '百分点', 'change')).toBeNull();
    expect(file('', '个')).toBeNull();
  });
});

describe('head phrases of bulletins and features', () => {
  it('drops times, list numbers, run-in values and what drives the thing counted', () => {
    expect(headPhrase('上半年全市地区生产总值')).toBe('地区生产总值');
    expect(headPhrase('1公共财政预算收入')).toBe('公共财政预算收入');
    expect(headPhrase('总指数为99.5')).toBe('总指数');
    expect(headPhrase('丰富的电影+活动带动电影全产业链产值')).toBe('电影全产业链产值');
    expect(headPhrase('电信5G基站数量')).toBe('电信5G基站');
  });
});
