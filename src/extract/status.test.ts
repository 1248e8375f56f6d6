import { describe, expect, it } from 'vitest';
import type { Span } from '../document/index.ts';
import { findStatus, sectionPlanAt, sectionPlans } from './status.ts';

describe('a section that sets out the year’s tasks', () => {
  const text = [
    '一年来着力抓好民生保障',
    '国务院总理李强5日介绍，一年来，城乡居民基础养老金月最低标准提高20元。',
    '切实保障和改善民生',
    '国务院总理李强5日在政府工作报告中介绍今年政府工作任务时提出，切实保障和改善民生。',
    '提高医疗卫生服务能力。居民医保人均财政补助标准提高30元。2023年已提高18元。',
  ].join('\n\n');
  const headings: Span[] = [0, 2].map((i) => {
    const start = text.indexOf(text.split('\n\n')[i]);
    return [start, start + text.split('\n\n')[i].length];
  });
  const plans = sectionPlans(text, headings, 2024);
  const statusAt = (figure: string, pastPeriod = false) => {
    const at = text.indexOf(figure);
    const scopeStart = text.lastIndexOf('。', at) + 1;
    return findStatus({ text, at, scopeStart, reportYear: 2024, ownPeriod: pastPeriod, headlinePlan: null, sectionPlan: sectionPlanAt(plans, at), pastPeriod })
      .status;
  };

  it('finds the plan in the section’s lead paragraph, not in a review section', () => {
    expect(plans.map((p) => p.cue.text)).toEqual(['今年政府工作任务']);
    expect(plans[0].cue.level).toBe('paragraph');
  });

  it('makes the section’s figures targets, unless they are done or of a past year', () => {
    expect(statusAt('20元')).toBe('actual');
    expect(statusAt('30元')).toBe('target');
    expect(statusAt('18元', true)).toBe('actual');
  });

  it('takes a past year’s 工作安排 as no plan of this report', () => {
    const old = '2023年工作安排\n\n新开工项目100个。';
    expect(sectionPlans(old, [[0, 8]], 2024)).toEqual([]);
    expect(sectionPlans(old, [[0, 8]], 2023).map((p) => p.cue.level)).toEqual(['heading']);
  });
});

describe('a deadline already past', () => {
  it('takes 至2005年7月 in a report of December 2005 as what stood then, and 至2005年12月 as still ahead', () => {
    const text = '至2005年7月，它拥有大约422名员工。';
    const at = text.indexOf('422');
    expect(findStatus({ text, at, scopeStart: 0, reportYear: 2005, reportMonth: 12, ownPeriod: true, headlinePlan: null }).status).toBe('actual');
    expect(findStatus({ text, at, scopeStart: 0, reportYear: 2005, reportMonth: 3, ownPeriod: true, headlinePlan: null }).status).toBe('target');
  });
});
