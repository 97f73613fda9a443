import { describe, expect, it } from 'vitest';
import type { Customer } from '../domain/records.js';
import type { MetricSettings } from './accumulator.js';
import { DEFAULT_FIRST_RESPONSE_TARGETS } from './accumulator.js';
import { ChurnAccumulator, churnPercentOf, churnStatusOf } from './churn.js';

const settings: MetricSettings = {
  from: Date.UTC(2026, 9, 1),
  to: Date.UTC(2026, 10, 1),
  firstDay: '2026-10-01',
  nextMonthFirstDay: '2026-11-01',
  minSample: 30,
  serviceLevelSeconds: 20,
  firstResponseTargetsMinutes: DEFAULT_FIRST_RESPONSE_TARGETS,
};

let nextId = 0;
function customer(overrides: Partial<Customer> = {}): Customer {
  nextId += 1;
  return {
    id: `C${nextId}`,
    activeSince: null,
    churnedAt: null,
    churned: null,
    manager: null,
    segment: null,
    mrr: null,
    location: { file: 'customers.csv', line: nextId + 1 },
    ...overrides,
  };
}

function churnOf(customers: Customer[], minSample = 30): ChurnAccumulator {
  const accumulator = new ChurnAccumulator({ ...settings, minSample });
  for (const c of customers) accumulator.add(c);
  return accumulator;
}

describe('churnStatusOf (month 2026-10)', () => {
  it.each<[string, Partial<Customer>, boolean, boolean]>([
    ['no dates, no flag: active since ever, still active', {}, true, false],
    ['active since before the month, still active', { activeSince: '2025-03-15' }, true, false],
    ['active_since on the first day counts as active at start', { activeSince: '2026-10-01' }, true, false],
    ['joined on the second day: not in the base', { activeSince: '2026-10-02' }, false, false],
    [
      'churned on the first day: in the base and churned',
      { activeSince: '2026-01-01', churnedAt: '2026-10-01' },
      true,
      true,
    ],
    ['churned on the last day', { activeSince: '2026-01-01', churnedAt: '2026-10-31' }, true, true],
    [
      'churned on the next month’s first day: not this month',
      { activeSince: '2026-01-01', churnedAt: '2026-11-01' },
      true,
      false,
    ],
    [
      'churned the day before the month: gone before it',
      { activeSince: '2026-01-01', churnedAt: '2026-09-30' },
      false,
      false,
    ],
    ['joined and left inside the month: neither', { activeSince: '2026-10-05', churnedAt: '2026-10-20' }, false, false],
    [
      'joined on the first day, left inside the month: both',
      { activeSince: '2026-10-01', churnedAt: '2026-10-20' },
      true,
      true,
    ],
    ['no active_since, churned inside the month: both', { churnedAt: '2026-10-10' }, true, true],
    ['snapshot, flagged', { churned: true }, true, true],
    ['snapshot, not flagged', { churned: false }, true, false],
    ['dates win over a flag that says churned', { activeSince: '2026-01-01', churned: true }, true, false],
    [
      'dates win over a flag that says not churned',
      { activeSince: '2026-01-01', churnedAt: '2026-10-03', churned: false },
      true,
      true,
    ],
    [
      'a date-time compares by its date',
      { activeSince: '2026-10-01T18:00:00', churnedAt: '2026-10-31T23:59:59' },
      true,
      true,
    ],
  ])('%s', (_name, fields, activeAtStart, churned) => {
    expect(churnStatusOf(customer(fields), settings.firstDay, settings.nextMonthFirstDay)).toEqual({
      activeAtStart,
      churned,
    });
  });
});

describe('churnPercentOf', () => {
  it.each<[number, number, number | null]>([
    [0, 0, null],
    [0, 10, 0],
    [1, 4, 25],
    [150, 1000, 15],
    [Infinity, Infinity, null], // 1e308 + 1e308 on both sides: NaN, never a figure
    [1, Infinity, null],
    [Infinity, 10, null],
    [0, -5, 0], // -0 is 0
  ])('%d of %d → %s', (churned, base, expected) => {
    expect(churnPercentOf(churned, base)).toBe(expected);
  });
});

describe('ChurnAccumulator', () => {
  it('is null with no customers, and with only joiners', () => {
    expect(churnOf([]).result()).toBeNull();
    expect(churnOf([customer({ activeSince: '2026-10-05', churnedAt: '2026-10-06' })]).result()).toBeNull();
  });

  it('one customer: the §7 shape', () => {
    expect(churnOf([customer({ activeSince: '2026-01-01', churnedAt: '2026-10-01', mrr: 100 })]).result()).toEqual({
      activeAtStart: 1,
      churned: 1,
      percent: 100,
      revenuePercent: 100,
      lowConfidence: true,
    });
  });

  it('revenue sums that overflow give no revenue churn, and the customer churn still counts', () => {
    const result = churnOf([
      customer({ activeSince: '2025-01-01', churnedAt: '2026-10-10', mrr: 1e308 }),
      customer({ activeSince: '2025-01-01', churnedAt: '2026-10-11', mrr: 1e308 }),
    ]).result();
    expect(result).toMatchObject({ activeAtStart: 2, churned: 2, percent: 100, revenuePercent: null });
  });

  it('all null mrr: churn %, no revenue churn', () => {
    expect(churnOf([customer(), customer({ churnedAt: '2026-10-09' })]).result()).toEqual({
      activeAtStart: 2,
      churned: 1,
      percent: 50,
      revenuePercent: null,
      lowConfidence: true,
    });
  });

  it('joiners and leavers, hand-checked', () => {
    const result = churnOf([
      customer({ activeSince: '2025-01-01', mrr: 100 }), // base
      customer({ activeSince: '2026-10-01', mrr: 200 }), // base (first day)
      customer({ activeSince: '2025-06-01', churnedAt: '2026-10-01', mrr: 300 }), // base, churned (first day)
      customer({ activeSince: '2025-06-01', churnedAt: '2026-10-15' }), // base, churned, no mrr
      customer({ activeSince: '2025-06-01', churnedAt: '2026-09-30', mrr: 1000 }), // gone before: neither
      customer({ activeSince: '2026-10-10', churnedAt: '2026-10-20', mrr: 1000 }), // joiner and leaver: neither
      customer({ activeSince: '2026-10-10', mrr: 1000 }), // joiner: neither
    ]).result()!;
    // churn 2 / 4 = 50 %; revenue churn over customers with mrr: 300 / (100 + 200 + 300) = 50 %
    expect(result).toEqual({ activeAtStart: 4, churned: 2, percent: 50, revenuePercent: 50, lowConfidence: true });
  });

  it('revenue churn leaves a customer without mrr out of both sides', () => {
    const result = churnOf([
      customer({ activeSince: '2025-01-01', mrr: 300 }),
      customer({ activeSince: '2025-01-01', churnedAt: '2026-10-02', mrr: 100 }),
      customer({ activeSince: '2025-01-01', churnedAt: '2026-10-03', mrr: null }),
    ]).result()!;
    // 2 of 3 churned; revenue 100 / (300 + 100) = 25 %
    expect(result.percent).toBeCloseTo(200 / 3, 12);
    expect(result.revenuePercent).toBe(25);
  });

  it('revenue churn is null when the base has no revenue', () => {
    expect(churnOf([customer({ mrr: 0 })]).result()!.revenuePercent).toBeNull();
  });

  it('snapshot flags: churned = flagged rows, base = all rows', () => {
    const result = churnOf([
      customer({ churned: true, mrr: 50 }),
      customer({ churned: false, mrr: 150 }),
      customer({ churned: false }),
      customer({ churned: false, mrr: 200 }),
    ]).result()!;
    // 1 / 4 = 25 %; revenue 50 / 400 = 12.5 %
    expect(result).toEqual({ activeAtStart: 4, churned: 1, percent: 25, revenuePercent: 12.5, lowConfidence: true });
  });

  it('ties: everyone churned', () => {
    const result = churnOf([customer({ churnedAt: '2026-10-01' }), customer({ churnedAt: '2026-10-01' })]).result()!;
    expect(result).toMatchObject({ activeAtStart: 2, churned: 2, percent: 100 });
  });

  it('flags low confidence by activeAtStart', () => {
    expect(churnOf([customer(), customer()], 2).result()!.lowConfidence).toBe(false);
    expect(churnOf([customer()], 2).result()!.lowConfidence).toBe(true);
  });

  it('merge(a, b) equals adding everything to one accumulator', () => {
    const left = [customer({ mrr: 10 }), customer({ churnedAt: '2026-10-04', mrr: 5 })];
    const right = [customer({ churned: true, mrr: 20 }), customer({ activeSince: '2026-10-02' })];
    const a = churnOf(left);
    a.merge(churnOf(right));
    expect(a.result()).toEqual(churnOf([...left, ...right]).result());
  });
});
