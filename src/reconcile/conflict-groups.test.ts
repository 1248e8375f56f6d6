import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeGroup, findConflictGroups } from './conflict-groups.ts';
import { buildSeries, findConflicts, type ReconcileFact } from './series.ts';
import { reconcileFact } from './test-facts.ts';

const fact = reconcileFact;

describe('conflict groups', () => {
  it('gathers 210项 (2 reports) and 311项 (1 report) for one period into one group, said in words', () => {
    const points = buildSeries('x', [
      fact({ reportId: 1, value: 210 }),
      fact({ reportId: 2, value: 210 }),
      fact({ reportId: 3, value: 311 }),
      fact({ reportId: 4, value: 300, approx: 'over' }),
    ]);
    const [group, ...rest] = findConflictGroups(points);
    expect(rest).toEqual([]);
    expect(group).toMatchObject({ indicatorId: 'x', region: '成渝', date: '2022-06-28' });
    // 300余 agrees with 311 but not with 210: a member all the same
    expect(group.members.map((m) => m.value)).toEqual([210, 300, 311]);
    expect(group.reason).toBe('同期 3 个数值相互矛盾：210项（2篇报道）、300项以上（1篇报道）、311项（1篇报道）');
  });

  it('is one group of 1,500 members for 1,500 one-line reports of one period, its reason bounded', () => {
    const q1 = { start: '2024-01-01', end: '2024-03-31' };
    const points = buildSeries(
      'x',
      Array.from({ length: 1500 }, (_, i) => fact({ reportId: i + 1, value: 1000 + i, period: q1 })),
    );
    const groups = findConflictGroups(points);
    expect(groups).toHaveLength(1);
    expect(groups[0].members).toHaveLength(1500);
    expect(groups[0].date).toBe('2024-03-31');
    expect(groups[0].reason.length).toBeLessThan(200);
    expect(groups[0].reason).toContain('另有 1495 个数值');
    expect(describeGroup(groups[0].members.slice(0, 2))).toBe('同期 2 个数值相互矛盾：1000项（1篇报道）、1001项（1篇报道）');
  });

  it('holds exactly the points of the pairs findConflicts finds, by indicator, region and date', () => {
    const day = fc.integer({ min: 0, max: 120 }).map((d) => new Date(Date.UTC(2022, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
    const factArb = fc.record({
      reportId: fc.integer({ min: 1, max: 6 }),
      value: fc.integer({ min: 100, max: 130 }),
      approx: fc.constantFrom('exact', 'about', 'over', 'under') as fc.Arbitrary<ReconcileFact['approx']>,
      region: fc.constantFrom('成渝', '重庆'),
      flow: fc.boolean(),
      date: day,
    });
    fc.assert(
      fc.property(fc.array(factArb, { maxLength: 25 }), fc.integer({ min: 0, max: 60 }), (drawn, windowDays) => {
        const points = buildSeries(
          'x',
          drawn.map((d) =>
            fact({
              ...d,
              period: d.flow ? { start: `${d.date.slice(0, 4)}-01-01`, end: d.date } : { start: null, end: d.date },
            }),
          ),
        );
        const expected = new Map<string, Set<string>>();
        for (const c of findConflicts(points, { windowDays })) {
          const key = JSON.stringify([c.a.region, c.date]);
          const members = expected.get(key) ?? new Set<string>();
          members.add(c.a.quantityIds.join('+')).add(c.b.quantityIds.join('+'));
          expected.set(key, members);
        }
        const got = new Map(
          findConflictGroups(points, { windowDays }).map((g) => [JSON.stringify([g.region, g.date]), new Set(g.members.map((m) => m.quantityIds.join('+')))]),
        );
        expect(got).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
