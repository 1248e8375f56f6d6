import { describe, expect, it } from 'vitest';
import { findQuantities } from './quantities.ts';
import { findParagraphs, findSentences } from './sentences.ts';
import { lexicon } from './lexicon.ts';
import { readDeclaredUnit } from './tables.ts';
import { timeContextFor } from './time.ts';

function read(text: string) {
  const found = findQuantities({ text, sentences: findSentences(text), paragraphs: findParagraphs(text), time: timeContextFor(text, '2023-03-15') });
  return found.map((q) => [text.slice(q.span[0], q.span[1]), q.value, q.unit, q.subject]);
}

describe('units declared by a table', () => {
  it('reads a declared unit with its magnitude', () => {
    const units = lexicon().units;
    expect(readDeclaredUnit('亿元', units)).toMatchObject({ factor: 1e8, unit: { unit: '元' } });
    expect(readDeclaredUnit('万人次', units)).toMatchObject({ factor: 1e4, unit: { unit: '人次' } });
    expect(readDeclaredUnit('公里', units)).toMatchObject({ factor: 1, unit: { unit: '公里' } });
    expect(readDeclaredUnit('%', units)).toMatchObject({ factor: 1, unit: { unit: '%' } });
    expect(readDeclaredUnit('备注', units)).toBeNull();
  });

  it('gives the figures of a table flattened one cell a paragraph the unit of their column header', () => {
    const text = [
      '川渝两地今年共同推进的部分重大项目如下：',
      '序号',
      '项目名称',
      '总投资（亿元）',
      '年度计划投资（亿元）',
      '1',
      '川南城际铁路',
      '410',
      '35.5',
      '2',
      '万州至达州高速',
      '188',
      '22',
    ].join('\n\n');
    expect(read(text)).toEqual([
      ['410', 410e8, '元', '总投资 川南城际铁路'],
      ['35.5', 35.5e8, '元', '年度计划投资 川南城际铁路'],
      ['188', 188e8, '元', '总投资 万州至达州高速'],
      ['22', 22e8, '元', '年度计划投资 万州至达州高速'],
    ]);
  });

  it("finds where the header ends when the first row's name stands before its first figure", () => {
    const text = ['重点平台建设情况。', '平台名称', '入驻企业（家）', '开园时间', '遂潼产业园', '126', '2021年6月', '内江高新区', '88', '2022年3月'].join(
      '\n\n',
    );
    expect(read(text)).toEqual([
      ['126', 126, '家', '入驻企业 遂潼产业园'],
      ['88', 88, '家', '入驻企业 内江高新区'],
    ]);
  });

  it('reads rows written a line each, cells parted by tabs, under a 单位 line, leaving the row numbers alone', () => {
    const text = '（单位：万人次）\n序号\t景区\t接待游客\t同比增长（%）\n1\t大足石刻\t312.5\t18.2\n2\t都江堰\t486\t21.7';
    expect(read(text)).toEqual([
      ['312.5', 3125000, '人次', '接待游客 大足石刻'],
      ['18.2', 18.2, '%', '同比增长 大足石刻'],
      ['486', 4860000, '人次', '接待游客 都江堰'],
      ['21.7', 21.7, '%', '同比增长 都江堰'],
    ]);
  });

  it('takes the kind of figure from the column name (同比增长（%） is a change)', () => {
    const text = '序号\t区县\t地区生产总值（亿元）\t同比增长（%）\n1\t永川区\t1235\t6.1';
    const found = findQuantities({ text, sentences: findSentences(text), paragraphs: findParagraphs(text), time: timeContextFor(text, '2023-03-15') });
    expect(found.map((q) => q.measure)).toEqual(['level', 'change']);
  });

  it('leaves bare numbers alone when no unit is declared, and prose alone', () => {
    expect(read(['项目名称', '数量', '重庆东站', '3', '成都东站', '5'].join('\n\n'))).toEqual([]);
    expect(read('全年完成投资（亿元）同比增长。\n\n120')).toEqual([]);
  });
});

describe('a bulletin table an OCR pass wrapped', () => {
  const text = [
    '表7：2017—2021年锦江流域断面水环境质量',
    '年份',
    'Ⅰ～Ⅲ类水质',
    '比例（%）',
    '劣Ⅴ类水质',
    '比例（%）',
    '2017年',
    '73.8',
    '2.4',
    '2018年',
    '78.6',
    '4.8',
  ].join('\n\n');
  const found = () => findQuantities({ text, sentences: findSentences(text), paragraphs: findParagraphs(text), time: timeContextFor(text, '2022-04-01') });
  it('joins a header cell wrapped over two lines (Ⅰ～Ⅲ类水质 / 比例（%）) and reads its column', () => {
    expect(found().map((q) => [text.slice(q.span[0], q.span[1]), q.unit, q.measure])).toEqual([
      ['73.8', '%', 'share'],
      ['2.4', '%', 'share'],
      ['78.6', '%', 'share'],
      ['4.8', '%', 'share'],
    ]);
  });
  it('dates each row by the year that names it', () => {
    expect(found().map((q) => q.period?.start)).toEqual(['2017-01-01', '2017-01-01', '2018-01-01', '2018-01-01']);
    expect(found()[0].subject).toContain('Ⅰ～Ⅲ类水质');
  });
});
