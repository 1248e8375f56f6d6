import { describe, expect, it } from 'vitest';
import { cityShort, placeTable, provinceShort } from './places.ts';

describe('places', () => {
  it('prints provinces and cities by their short names', () => {
    expect(['广西壮族自治区', '内蒙古自治区', '西藏自治区', '黑龙江省', '香港特别行政区'].map(provinceShort)).toEqual([
      '广西',
      '内蒙古',
      '西藏',
      '黑龙江',
      '香港',
    ]);
    expect(['阿坝藏族羌族自治州', '黔东南苗族侗族自治州', '绵阳市', '大兴安岭地区', '锡林郭勒盟'].map(cityShort)).toEqual([
      '阿坝',
      '黔东南',
      '绵阳',
      '大兴安岭',
      '锡林郭勒',
    ]);
  });

  it('knows every level, with the side each lies on, and keeps common words out', () => {
    const table = placeTable(new Map([['沙坪坝区', '重庆']]));
    expect(table.get('沙坪坝区')).toEqual({ region: '沙坪坝区', side: '重庆' });
    expect(table.get('大庆市')).toEqual({ region: '大庆', side: '黑龙江' });
    expect(table.get('昆山')).toEqual({ region: '昆山', side: '江苏' });
    expect(table.get('安岳县')).toMatchObject({ side: '四川' });
    expect(table.get('美国')).toEqual({ region: '美国', side: '美国' });
    expect(table.has('合作')).toBe(false);
    expect(table.has('来宾')).toBe(false);
    expect(table.get('来宾市')).toMatchObject({ region: '来宾' });
  });
});

describe('short names', () => {
  it('keeps a two-character city whose name ends in 州 (泸州, 达州) and shortens 凉山州', () => {
    expect(['泸州', '达州', '凉山州', '泸州市'].map(cityShort)).toEqual(['泸州', '达州', '凉山', '泸州']);
  });
});
