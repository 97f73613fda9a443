import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Call } from '../domain/records.js';
import type { MetricSettings } from './accumulator.js';
import { DEFAULT_FIRST_RESPONSE_TARGETS } from './accumulator.js';
import { CallsAccumulator, isWithinServiceLevel, meanSeconds, percentOf } from './calls.js';

const FROM = Date.UTC(2026, 9, 1);

const settings: MetricSettings = {
  from: FROM,
  to: Date.UTC(2026, 10, 1),
  firstDay: '2026-10-01',
  nextMonthFirstDay: '2026-11-01',
  minSample: 30,
  serviceLevelSeconds: 20,
  firstResponseTargetsMinutes: DEFAULT_FIRST_RESPONSE_TARGETS,
};

function call(overrides: Partial<Call> = {}): Call {
  return {
    id: null,
    startedAt: FROM,
    agent: null,
    channel: 'phone',
    direction: 'inbound',
    answered: true,
    waitMs: null,
    talkMs: null,
    resolved: null,
    topic: null,
    customer: null,
    satisfaction: null,
    recordingUrl: null,
    count: 1,
    location: { file: 'calls.csv', line: 2 },
    ...overrides,
  };
}

function callsOf(calls: Call[], custom: Partial<MetricSettings> = {}): CallsAccumulator {
  const accumulator = new CallsAccumulator({ ...settings, ...custom });
  for (const c of calls) accumulator.add(c);
  return accumulator;
}

describe('small functions', () => {
  it.each<[number, number, number | null]>([
    [0, 0, null],
    [0, 4, 0],
    [1, 4, 25],
    [1, 3, 100 / 3],
  ])('percentOf(%i, %i) = %s', (part, whole, expected) => {
    expect(percentOf(part, whole)).toBe(expected);
  });

  it.each<[number, number, number | null]>([
    [0, 0, null],
    [150_000, 10, 15],
    [40_001, 2, 20.0005],
  ])('meanSeconds(%i ms, %i) = %s', (total, count, expected) => {
    expect(meanSeconds(total, count)).toBe(expected);
  });

  it.each<[number, number, boolean]>([
    [20_000, 20, true],
    [20_001, 20, false],
    [0, 20, true],
    [19_999, 20, true],
    [15_500, 15.5, true],
  ])('wait %i ms within %i s: %s', (wait, seconds, expected) => {
    expect(isWithinServiceLevel(wait, seconds)).toBe(expected);
  });
});

describe('CallsAccumulator', () => {
  it('is null with no calls', () => {
    expect(callsOf([]).result()).toBeNull();
  });

  it('one answered inbound call: the §7 shape', () => {
    expect(callsOf([call({ waitMs: 5_000, talkMs: 90_000 })]).result()).toEqual({
      offered: 1,
      answered: 1,
      missed: 0,
      abandonPercent: 0,
      serviceLevelPercent: 100,
      asaSeconds: 5,
      ahtSeconds: 90,
      callbackPercent: null,
      lowConfidence: true,
    });
  });

  it('all null: one missed call without times', () => {
    expect(callsOf([call({ answered: false })]).result()).toEqual({
      offered: 1,
      answered: 0,
      missed: 1,
      abandonPercent: 100,
      serviceLevelPercent: 0,
      asaSeconds: null,
      ahtSeconds: null,
      callbackPercent: null,
      lowConfidence: true,
    });
  });

  it('outbound calls only: a block with nothing offered and null rates; they count for volume', () => {
    const accumulator = callsOf([call({ direction: 'outbound', waitMs: 1_000, talkMs: 60_000 })]);
    expect(accumulator.result()).toMatchObject({
      offered: 0,
      answered: 0,
      missed: 0,
      abandonPercent: null,
      serviceLevelPercent: null,
      asaSeconds: null,
      ahtSeconds: null,
    });
    expect([accumulator.inbound, accumulator.outbound]).toEqual([0, 1]);
  });

  it('a mixed month, hand-checked', () => {
    const accumulator = callsOf([
      call({ waitMs: 20_000, talkMs: 60_000 }), // wait exactly 20 s: within the service level
      call({ waitMs: 20_001, talkMs: 120_000 }), // 1 ms over
      call({ waitMs: null, talkMs: 30_000 }), // answered without wait: offered + answered, not SL, not ASA
      call({ answered: false, waitMs: 45_000 }), // missed
      call({ direction: 'outbound', waitMs: 0, talkMs: 600_000 }), // volume only
    ]);
    const result = accumulator.result()!;
    // offered 4, answered 3, missed 1; SL 1/4; ASA (20 + 20.001)/2; AHT (60 + 120 + 30)/3
    expect(result).toMatchObject({ offered: 4, answered: 3, missed: 1, abandonPercent: 25, serviceLevelPercent: 25 });
    expect(result.asaSeconds).toBe(20.0005);
    expect(result.ahtSeconds).toBe(70);
    expect([accumulator.inbound, accumulator.outbound]).toEqual([4, 1]);
  });

  it('aggregated rows: count calls each, wait and talk are totals, the mean wait stands for each call', () => {
    const result = callsOf([
      // 10 answered calls, 150 s total wait (15 s each ≤ 20 s), 1800 s total talk
      call({ count: 10, waitMs: 150_000, talkMs: 1_800_000 }),
      // 4 answered calls, 80 s total wait: a mean of exactly 20 s counts (inclusive)
      call({ count: 4, waitMs: 80_000, talkMs: 400_000 }),
      // 2 answered calls, 42 s total: a mean of 21 s does not
      call({ count: 2, waitMs: 42_000, talkMs: null }),
      // 4 missed calls
      call({ count: 4, answered: false }),
    ]).result()!;
    // offered 20, answered 16, missed 4 → abandon 20 %; SL (10 + 4)/20 = 70 %
    // ASA (150 + 80 + 42)/16 = 17 s; AHT (1800 + 400)/14 = 157.142857 s
    expect(result).toMatchObject({ offered: 20, answered: 16, missed: 4, abandonPercent: 20, serviceLevelPercent: 70 });
    expect(result.asaSeconds).toBe(17);
    expect(result.ahtSeconds).toBeCloseTo(2200 / 14, 12);
  });

  it('ties: every call waited exactly the service level', () => {
    const result = callsOf([call({ waitMs: 20_000 }), call({ waitMs: 20_000 }), call({ waitMs: 20_000 })]).result()!;
    expect(result).toMatchObject({ serviceLevelPercent: 100, asaSeconds: 20, ahtSeconds: null });
  });

  it('takes the service level from the settings', () => {
    expect(callsOf([call({ waitMs: 25_000 })], { serviceLevelSeconds: 30 }).result()!.serviceLevelPercent).toBe(100);
    expect(callsOf([call({ waitMs: 25_000 })], { serviceLevelSeconds: 10 }).result()!.serviceLevelPercent).toBe(0);
  });

  it('ignores a row that stands for no call', () => {
    expect(callsOf([call({ count: 0, waitMs: 1_000 })]).result()).toBeNull();
  });

  it('flags low confidence by offered, whatever the outbound volume', () => {
    const outbound = Array.from({ length: 5 }, () => call({ direction: 'outbound' }));
    expect(callsOf([call(), ...outbound], { minSample: 2 }).result()!.lowConfidence).toBe(true);
    expect(callsOf([call({ count: 2 }), ...outbound], { minSample: 2 }).result()!.lowConfidence).toBe(false);
  });

  it('merge(a, b) equals adding everything to one accumulator', () => {
    const arbitraryCall: fc.Arbitrary<Call> = fc
      .record({
        direction: fc.constantFrom<Call['direction']>('inbound', 'outbound'),
        answered: fc.boolean(),
        count: fc.integer({ min: 1, max: 20 }),
        waitMs: fc.option(fc.integer({ min: 0, max: 600_000 })),
        talkMs: fc.option(fc.integer({ min: 0, max: 3_600_000 })),
      })
      .map((fields) => call(fields));
    const calls = fc.array(arbitraryCall, { maxLength: 40 });
    fc.assert(
      fc.property(calls, calls, (left, right) => {
        const a = callsOf(left);
        const b = callsOf(right);
        a.merge(b);
        const all = callsOf([...left, ...right]);
        expect(a.result()).toEqual(all.result());
        expect([a.inbound, a.outbound]).toEqual([all.inbound, all.outbound]);
      }),
    );
  });
});
