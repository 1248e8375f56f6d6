import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCatalog, loadCatalog, matchIndicator } from './catalog.ts';
import {
  allowedRange,
  assignIndicators,
  buildSeries,
  compatible,
  findConflicts,
  normalizeSubject,
  sameMoment,
  type Point,
  type ReconcileFact,
} from './series.ts';
import { reconcileFact } from './test-facts.ts';

const catalog = loadCatalog();

const fact = reconcileFact;

describe('catalogue', () => {
  it('has at least 30 indicators covering every key area', () => {
    expect(catalog.entries.length).toBeGreaterThanOrEqual(30);
    const areas = new Set(catalog.entries.map((e) => e.area));
    for (const area of ['交通枢纽', '先进制造业', '科技创新', '金融', '公共服务/国际都市', '生态', '文旅', '开放', '机制']) {
      expect(areas.has(area as never), area).toBe(true);
    }
  });

  it("maps each indicator's own Chinese name to itself", () => {
    const stolen = catalog.entries
      .map((e) => [e.id, matchIndicator({ subject: e.nameZh, unit: e.unit, measure: e.measure }, catalog)?.id ?? null])
      .filter(([id, got]) => id !== got);
    expect(stolen).toEqual([]);
  });

  it('refuses a malformed catalogue, naming the problem', () => {
    expect(() => buildCatalog({ areas: {}, indicators: [{ id: 'X Y', zh: 'x', en: 'x', area: '金融', unit: '元', patterns: ['a'] }] })).toThrow(
      /indicators\.0\.id/,
    );
    expect(() => buildCatalog({ areas: {}, indicators: [{ id: 'x', zh: 'x', en: 'x', area: '金融', unit: '元', patterns: ['('] }] })).toThrow(/bad pattern/);
  });

  it('maps subjects by pattern, unit and measure; the longest match wins', () => {
    const id = (subject: string, unit: string, measure: 'level' | 'change' | 'share' = 'level') =>
      matchIndicator({ subject, unit, measure }, catalog)?.id ?? null;
    expect(id('零部件企业参与对方整车配套', '家')).toBe('parts_suppliers_cross_supply');
    expect(id('政务服务“川渝通办”事项', '项')).toBe('chuanyu_tongban_items');
    expect(id('政务服务“川渝通办”事项', '家')).toBeNull();
    expect(id('氢燃料电池汽车', '辆')).toBe('hydrogen_vehicles_deployed');
    expect(id('新能源汽车产量', '辆')).toBe('nev_output');
    expect(id('汽车产量', '辆')).toBe('vehicle_output');
    expect(id('中欧班列（成渝）开行量', '列')).toBe('china_europe_trains');
    expect(id('跨省异地就医直接结算', '%', 'change')).toBe('cross_province_medical_settlement_growth');
    // The last word of a several-word subject is what the number counts.
    expect(id('川渝高校已共建 协同创新中心和 重点实验室', '个')).toBe('joint_key_laboratories');
    expect(id('川渝高校已共建 协同创新中心和', '个')).toBe('joint_innovation_centres');
    expect(id('合计建成加氢站', '座')).toBe('hydrogen_refuelling_stations');
  });
});

describe('qualifiers', () => {
  it('300余 vs 130 disagree; 约21% vs 21% do not', () => {
    expect(compatible({ value: 300, valueMax: null, approx: 'over' }, { value: 130, valueMax: null, approx: 'exact' })).toBe(false);
    expect(compatible({ value: 21, valueMax: null, approx: 'about' }, { value: 21, valueMax: null, approx: 'exact' })).toBe(true);
    expect(compatible({ value: 210, valueMax: null, approx: 'exact' }, { value: 311, valueMax: null, approx: 'exact' })).toBe(false);
    expect(compatible({ value: 3, valueMax: 5, approx: 'exact' }, { value: 4, valueMax: null, approx: 'exact' })).toBe(true);
    expect(compatible({ value: 100, valueMax: null, approx: 'under' }, { value: 130, valueMax: null, approx: 'exact' })).toBe(false);
    expect(allowedRange({ value: 300, valueMax: null, approx: 'over' })).toEqual([300, Infinity]);
  });
});

describe('series', () => {
  it('merges the same value and period from several reports into one point with several sources', () => {
    const a = fact({ reportId: 1, value: 311, unit: '项', subject: '川渝通办事项', refDate: '2022-06-24' });
    const b = fact({ reportId: 2, value: 311, unit: '项', subject: '“川渝通办”事项', refDate: '2022-06-24' });
    const c = fact({ reportId: 3, value: 210, unit: '项', subject: '川渝通办事项', period: { start: null, end: '2021-05-19' } });
    const points = buildSeries('chuanyu_tongban_items', [a, b, c]);
    expect(points.map((p) => [p.date, p.value, p.reportIds])).toEqual([
      ['2021-05-19', 210, [3]],
      ['2022-06-24', 311, [1, 2]],
    ]);
    expect(points[1].quantityIds).toEqual([a.quantityId, b.quantityId]);
  });

  it('joins a figure restated as of dates within the window, dated by its latest statement', () => {
    const base = { value: 311, unit: '项', subject: '川渝通办事项' } as const;
    const points = buildSeries(
      'x',
      [
        fact({ ...base, reportId: 1, refDate: '2022-06-21' }),
        fact({ ...base, reportId: 2, period: { start: null, end: '2022-06-28' } }),
        fact({ ...base, reportId: 3, refDate: '2022-08-30' }),
      ],
      { windowDays: 31 },
    );
    expect(points.map((p) => [p.date, p.reportIds, p.period?.stated])).toEqual([
      ['2022-06-28', [1, 2], true],
      ['2022-08-30', [3], false],
    ]);
    expect(
      buildSeries('x', [fact({ ...base, reportId: 1, refDate: '2022-06-21' }), fact({ ...base, reportId: 2, refDate: '2022-06-28' })], { windowDays: 0 }),
    ).toHaveLength(2);
  });

  it('groups unmatched quantities by the head noun phrase of their subject (places gone), unit kind and measure', () => {
    const facts = [
      fact({ value: 52, unit: '个', subject: '“双城”标志性项目' }),
      fact({ value: 60, unit: '个', subject: '两地双城标志性项目', reportId: 2 }),
      fact({ value: 60, unit: '家', subject: '双城标志性项目', reportId: 2 }),
      fact({ value: 5, unit: '个', subject: '' }),
    ];
    const { assignments, auto } = assignIndicators(facts, catalog);
    expect(normalizeSubject('两地“双城”标志性项目')).toBe('双城标志性项目');
    expect(auto.map((a) => a.id).sort()).toEqual(['auto:标志性项目:个:level', 'auto:标志性项目:家:level']);
    expect(assignments.filter((a) => a.indicatorId === 'auto:标志性项目:个:level')).toHaveLength(2);
    expect(assignments.find((a) => a.quantityId === facts[3].quantityId)).toBeUndefined();
  });
});

describe('conflicts', () => {
  it('finds 130 vs 300余 as of the same month, with both sides', () => {
    const a = fact({ reportId: 1, value: 130, unit: '家', subject: '零部件企业', period: { start: null, end: '2022-06-28' } });
    const b = fact({ reportId: 2, value: 300, approx: 'over', unit: '家', subject: '零部件企业', refDate: '2022-06-24' });
    const [conflict, ...rest] = findConflicts(buildSeries('parts', [a, b]), { windowDays: 31 });
    expect(rest).toEqual([]);
    expect([conflict.a.value, conflict.b.value].sort((x, y) => x - y)).toEqual([130, 300]);
    expect(conflict.date).toBe('2022-06-28');
    expect(conflict.reason).toContain('300家以上');
  });

  it('does not set apart dates beyond the window, other regions, or compatible qualifiers', () => {
    const base = { unit: '项', subject: '川渝通办' } as const;
    const points = buildSeries('x', [
      fact({ ...base, reportId: 1, value: 210, refDate: '2021-05-19' }),
      fact({ ...base, reportId: 2, value: 311, refDate: '2022-06-24' }),
      fact({ ...base, reportId: 3, value: 311, refDate: '2022-06-24', region: '四川' }),
      fact({ ...base, reportId: 4, value: 200, refDate: '2021-05-01', approx: 'over' }),
    ]);
    expect(findConflicts(points, { windowDays: 31 })).toEqual([]);
    // Widen the window and 210 vs 311 disagree (as does 200余 vs nothing else: 210 is within it).
    expect(findConflicts(points, { windowDays: 800 }).map((c) => [c.a.value, c.b.value])).toEqual([[210, 311]]);
  });

  it('compares flow periods only when they are the same period', () => {
    const q1 = { start: '2022-01-01', end: '2022-05-31' };
    const points = buildSeries('trains', [
      fact({ reportId: 1, value: 1475, unit: '列', subject: '中欧班列', period: q1 }),
      fact({ reportId: 2, value: 1600, unit: '列', subject: '中欧班列', period: q1 }),
      fact({ reportId: 3, value: 3000, unit: '列', subject: '中欧班列', period: { start: '2022-01-01', end: '2022-06-30' } }),
    ]);
    expect(findConflicts(points).map((c) => [c.a.value, c.b.value])).toEqual([[1475, 1600]]);
  });

  it('does not call two figures one report states together a disagreement of others', () => {
    // 川渝两地各选派63名、60名: both reports give both numbers, on different days.
    const points = buildSeries('cadres', [
      fact({ reportId: 1, value: 63, unit: '名', subject: 's', refDate: '2024-04-25' }),
      fact({ reportId: 1, value: 60, unit: '名', subject: 's', refDate: '2024-04-25' }),
      fact({ reportId: 2, value: 63, unit: '名', subject: 's', refDate: '2024-05-18' }),
      fact({ reportId: 2, value: 60, unit: '名', subject: 's', refDate: '2024-05-18' }),
      fact({ reportId: 3, value: 70, unit: '名', subject: 's', refDate: '2024-05-20' }),
    ]);
    // Report 3's 70 still disagrees with both figures, each restated by reports 1 and 2.
    const conflicts = findConflicts(points);
    expect(conflicts.map((c) => `${c.a.value}/${c.b.value}`).sort()).toEqual(['60/70', '63/70']);
    expect(conflicts.every((c) => c.a.reportIds.join() === '1,2')).toBe(true);
  });

  it('does not set a report against itself', () => {
    const points = buildSeries('x', [fact({ reportId: 1, value: 130, unit: '家', subject: 's' }), fact({ reportId: 1, value: 140, unit: '家', subject: 's' })]);
    expect(findConflicts(points)).toEqual([]);
  });
});

describe('conflict sweep', () => {
  /** Every pair, the slow way: what the date-ordered sweep must agree with. */
  function bruteForce(points: Point[], windowDays: number): string[] {
    const out: string[] = [];
    for (let i = 0; i < points.length; i++) {
      for (let j = i + 1; j < points.length; j++) {
        const [a, b] = [points[i], points[j]];
        if (a.region !== b.region || a.unit !== b.unit || a.measure !== b.measure) continue;
        const sameReports = a.reportIds.length === b.reportIds.length && a.reportIds.every((r) => b.reportIds.includes(r));
        if (sameReports || sameMoment(a, b, { windowDays }) === undefined || compatible(a, b)) continue;
        // A report behind one figure also stating the other: two things, not a disagreement.
        const flowKey = (p: Point) => (p.period?.start && p.period.end ? `${p.period.start}..${p.period.end}` : 'as-of');
        const sameGroup = (p: Point, q: Point) => p.date !== null && p.region === q.region && flowKey(p) === flowKey(q);
        const states = (from: Point, other: Point) =>
          points.some((p) => p !== from && sameGroup(p, from) && p.reportIds.some((r) => from.reportIds.includes(r)) && compatible(p, other));
        if (states(a, b) || states(b, a)) continue;
        out.push(pairKey(a, b));
      }
    }
    return out.sort();
  }
  const pairKey = (a: Point, b: Point) => [a.quantityIds.join('+'), b.quantityIds.join('+')].sort().join('|');

  it('finds exactly the pairs a brute-force comparison finds', () => {
    const day = fc.integer({ min: 0, max: 400 }).map((d) => new Date(Date.UTC(2022, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
    const factArb = fc.record({
      reportId: fc.integer({ min: 1, max: 6 }),
      value: fc.integer({ min: 100, max: 130 }),
      approx: fc.constantFrom('exact', 'about', 'over', 'under') as fc.Arbitrary<ReconcileFact['approx']>,
      region: fc.constantFrom('成渝', '重庆'),
      flow: fc.boolean(),
      date: day,
    });
    fc.assert(
      fc.property(fc.array(factArb, { maxLength: 25 }), fc.integer({ min: 0, max: 90 }), (drawn, windowDays) => {
        const facts = drawn.map((d) =>
          fact({
            reportId: d.reportId,
            value: d.value,
            approx: d.approx,
            region: d.region,
            unit: '家',
            subject: 's',
            period: d.flow ? { start: `${d.date.slice(0, 4)}-01-01`, end: d.date } : { start: null, end: d.date },
          }),
        );
        const points = buildSeries('x', facts);
        // Ordered by value, so the sweep cannot lean on buildSeries having sorted them by date.
        const swept = findConflicts(
          [...points].sort((a, b) => a.value - b.value),
          { windowDays },
        )
          .map((c) => pairKey(c.a, c.b))
          .sort();
        expect(swept).toEqual(bruteForce(points, windowDays));
      }),
      { numRuns: 300 },
    );
  });
});
