import { describe, expect, it } from 'vitest';
import { findItems } from './items.ts';
import { findSentences } from './sentences.ts';

const items = (text: string) =>
  findItems({ text, sentences: findSentences(text) }).map((i) => ({ name: i.name, total: i.total, done: i.done, under: text.slice(i.span[0], i.span[1]) }));

describe('findItems', () => {
  it('reads a total and the part done (其中完成)', () => {
    const [item] = items('两地确定重点工作65项，其中圆满完成35项。');
    expect(item).toMatchObject({ total: 65, done: 35 });
    expect(item.name).toContain('重点工作');
    expect(item.under).toContain('65项');
  });
  it('reads a count of things and how many are done', () => {
    expect(items('34个问题已整改完成30个。')).toMatchObject([{ name: '问题', total: 34, done: 30 }]);
  });
  it('reads 全部 as all done', () => {
    expect(items('目前10个平台全部启动方案编制。')).toMatchObject([{ name: '平台', total: 10, done: 10 }]);
  });
  it('finds nothing in a sentence without progress', () => {
    expect(items('两地共建300个重大项目。')).toEqual([]);
  });
});

describe('findItems: a total, then progress later in the sentence', () => {
  it('重大项目248个，已开工235个: the name before the total', () => {
    const found = items('今年川渝两地确定共建重大项目248个，已开工235个，开工率94.8%。');
    expect(found).toMatchObject([{ total: 248, done: 235 }]);
    expect(found[0].name).toContain('重大项目');
    expect(found[0].under).toMatch(/248个.*235个$/);
  });
  it('重点任务120项，截至6月底已完成58项: a date between does not break it', () => {
    const found = items('2023年双城经济圈建设重点任务120项，截至6月底已完成58项。');
    expect(found).toMatchObject([{ total: 120, done: 58 }]);
    expect(found[0].name).toContain('重点任务');
    expect(found[0].name).not.toMatch(/^年/);
  });
  it('38项重大改革事项中，已落地见效31项: the name after the total', () => {
    expect(items('两省市共同梳理的38项重大改革事项中，已落地见效31项。')).toMatchObject([{ name: '重大改革事项', total: 38, done: 31 }]);
  });
  it('全部挂牌运行 is all done', () => {
    expect(items('首批15个川渝毗邻地区合作平台全部挂牌运行。')).toMatchObject([{ name: '川渝毗邻地区合作平台', total: 15, done: 15 }]);
  });
  it('a different classifier is no progress of the same items (300个项目，已投资2万亿元)', () => {
    expect(items('两地共建300个重大项目，已完成投资2000亿元。')).toEqual([]);
  });
});
