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
