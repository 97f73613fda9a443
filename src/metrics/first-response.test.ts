import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Ticket } from '../domain/records.js';
import type { MetricSettings } from './accumulator.js';
import { DEFAULT_FIRST_RESPONSE_TARGETS } from './accumulator.js';
import {
  FirstResponseAccumulator,
  firstResponseTargetMs,
  isOverdueAt,
  isWithinTarget,
  slaPercentOf,
} from './first-response.js';

const MINUTE = 60_000;
const FROM = Date.UTC(2026, 9, 1);
const TO = Date.UTC(2026, 10, 1);

const settings: MetricSettings = {
  from: FROM,
  to: TO,
  firstDay: '2026-10-01',
  nextMonthFirstDay: '2026-11-01',
  minSample: 30,
  serviceLevelSeconds: 20,
  firstResponseTargetsMinutes: DEFAULT_FIRST_RESPONSE_TARGETS,
};

function ticket(overrides: Partial<Ticket> = {}): Ticket {
  return {
    id: null,
    createdAt: FROM,
    agent: null,
    channel: 'email',
    firstResponseAt: null,
    firstResponseMs: null,
    resolvedAt: null,
    resolutionMs: null,
    status: null,
    isResolved: false,
    priority: null,
    topic: null,
    customer: null,
    reopens: null,
    satisfaction: null,
    fcr: null,
    location: { file: 'tickets.csv', line: 2 },
    ...overrides,
  };
}

/** An answered ticket created at `createdAt` with an FRT of `ms`. */
function answered(ms: number, overrides: Partial<Ticket> = {}): Ticket {
  const createdAt = overrides.createdAt ?? FROM;
  return ticket({ createdAt, firstResponseAt: createdAt + ms, firstResponseMs: ms, ...overrides });
}

function frtOf(tickets: Ticket[], custom: Partial<MetricSettings> = {}): FirstResponseAccumulator {
  const accumulator = new FirstResponseAccumulator({ ...settings, ...custom });
  for (const t of tickets) accumulator.add(t);
  return accumulator;
}

describe('small functions', () => {
  it.each<[Record<string, number>, string | null, number | null]>([
    [{ email: 60 }, 'email', 3_600_000],
    [{ chat: 2 }, 'chat', 120_000],
    [{ chat: 0.5 }, 'chat', 30_000],
    [{ email: 60 }, 'phone', null],
    [{ email: 60 }, null, null],
    [{ email: 60 }, 'constructor', null],
    [{ email: 60 }, '__proto__', null],
    [{ email: 60 }, 'toString', null],
  ])('target of %j for %s is %s ms', (targets, channel, expected) => {
    expect(firstResponseTargetMs(targets, channel)).toBe(expected);
  });

  it.each<[number, number, boolean]>([
    [3_600_000, 3_600_000, true],
    [3_600_001, 3_600_000, false],
    [0, 3_600_000, true],
  ])('FRT %i ms within target %i ms: %s', (duration, target, expected) => {
    expect(isWithinTarget(duration, target)).toBe(expected);
  });

  it.each<[number, number, number, boolean]>([
    [TO - 60 * MINUTE, 60 * MINUTE, TO, true],
    [TO - 60 * MINUTE + 1, 60 * MINUTE, TO, false],
    [FROM, 2 * MINUTE, TO, true],
  ])('created %i, target %i, to %i → overdue %s', (createdAt, target, to, expected) => {
    expect(isOverdueAt(createdAt, target, to)).toBe(expected);
  });

  it.each<[number, number, number | null]>([
    [0, 0, null],
    [0, 1, 0],
    [1, 1, 100],
    [2, 3, 200 / 3],
  ])('slaPercentOf(%i, %i) = %s', (met, due, expected) => {
    expect(slaPercentOf(met, due)).toBe(expected);
  });
});

describe('FirstResponseAccumulator', () => {
  it('is null with no tickets', () => {
    expect(frtOf([]).result()).toBeNull();
  });

  it('one answered ticket: the §7 shape', () => {
    expect(frtOf([answered(30 * MINUTE)]).result()).toEqual({
      n: 1,
      medianMinutes: 30,
      p90Minutes: 30,
      meanMinutes: 30,
      slaDue: 1,
      slaMet: 1,
      slaPercent: 100,
      businessTime: false,
      lowConfidence: true,
    });
  });

  it('all null: tickets but no response and nothing due → a block of nulls and zeros', () => {
    const result = frtOf([
      ticket({ channel: 'phone' }),
      ticket({ channel: null }),
      ticket({ isResolved: true }),
    ]).result();
    expect(result).toEqual({
      n: 0,
      medianMinutes: null,
      p90Minutes: null,
      meanMinutes: null,
      slaDue: 0,
      slaMet: 0,
      slaPercent: null,
      businessTime: false,
      lowConfidence: true,
    });
  });

  it('percentiles in minutes: 1, 2, 3, 4 → median 2.5, p90 3.7, mean 2.5', () => {
    const result = frtOf([4, 1, 3, 2].map((minutes) => answered(minutes * MINUTE))).result()!;
    expect(result.n).toBe(4);
    expect(result.medianMinutes).toBe(2.5);
    expect(result.p90Minutes).toBeCloseTo(3.7, 12);
    expect(result.meanMinutes).toBe(2.5);
  });

  it('keeps full precision: 90 s is 1.5 minutes, 1 ms is 1/60000 minute', () => {
    expect(frtOf([answered(90_000)]).result()!.medianMinutes).toBe(1.5);
    expect(frtOf([answered(1)]).result()!.meanMinutes).toBe(1 / 60_000);
  });

  it('ties', () => {
    const result = frtOf([answered(5 * MINUTE), answered(5 * MINUTE), answered(5 * MINUTE)]).result()!;
    expect([result.medianMinutes, result.p90Minutes, result.meanMinutes]).toEqual([5, 5, 5]);
  });

  it.each<[string, Ticket, { n: number; slaDue: number; slaMet: number }]>([
    // email target 60 min = 3 600 000 ms
    ['answered at exactly the target → met', answered(3_600_000), { n: 1, slaDue: 1, slaMet: 1 }],
    ['answered 1 ms after the target → missed', answered(3_600_001), { n: 1, slaDue: 1, slaMet: 0 }],
    ['chat answered at exactly 2 min → met', answered(120_000, { channel: 'chat' }), { n: 1, slaDue: 1, slaMet: 1 }],
    [
      'unanswered, created at to − target → due (a breach)',
      ticket({ createdAt: TO - 3_600_000 }),
      { n: 0, slaDue: 1, slaMet: 0 },
    ],
    [
      'unanswered, created 1 ms later → not due yet',
      ticket({ createdAt: TO - 3_600_000 + 1 }),
      { n: 0, slaDue: 0, slaMet: 0 },
    ],
    [
      'chat unanswered, created at to − 2 min → due',
      ticket({ channel: 'chat', createdAt: TO - 120_000 }),
      { n: 0, slaDue: 1, slaMet: 0 },
    ],
    [
      'resolved without any response → not due',
      ticket({ createdAt: FROM, isResolved: true, resolvedAt: FROM + MINUTE, resolutionMs: MINUTE }),
      { n: 0, slaDue: 0, slaMet: 0 },
    ],
    [
      'answered and resolved → due like any answered ticket',
      answered(10 * MINUTE, { isResolved: true }),
      { n: 1, slaDue: 1, slaMet: 1 },
    ],
    [
      'answered on a channel without a target → in n, not due',
      answered(MINUTE, { channel: 'phone' }),
      { n: 1, slaDue: 0, slaMet: 0 },
    ],
    ['unanswered without a channel → not due', ticket({ channel: null }), { n: 0, slaDue: 0, slaMet: 0 }],
    [
      'a negative FRT (response before creation, reported by ingest) → out of n and SLA',
      ticket({ firstResponseAt: FROM - MINUTE, firstResponseMs: null }),
      { n: 0, slaDue: 0, slaMet: 0 },
    ],
    [
      "the export's own FRT column without a first_response_at",
      ticket({ firstResponseMs: 59 * MINUTE }),
      { n: 1, slaDue: 1, slaMet: 1 },
    ],
  ])('%s', (_name, t, expected) => {
    expect(frtOf([t]).result()).toMatchObject(expected);
  });

  it('SLA percent over a mix: 2 met of 4 due', () => {
    const result = frtOf([
      answered(10 * MINUTE), // due, met
      answered(61 * MINUTE), // due, missed
      answered(MINUTE, { channel: 'chat' }), // due, met
      ticket({ createdAt: FROM }), // unanswered, overdue
      ticket({ createdAt: TO - MINUTE }), // unanswered, not yet due
      ticket({ isResolved: true }), // resolved without response: not due
    ]).result()!;
    expect(result).toMatchObject({ n: 3, slaDue: 4, slaMet: 2, slaPercent: 50 });
  });

  it('takes targets from the settings', () => {
    const result = frtOf([answered(10 * MINUTE, { channel: 'phone' })], {
      firstResponseTargetsMinutes: { phone: 5 },
    }).result()!;
    expect(result).toMatchObject({ slaDue: 1, slaMet: 0, slaPercent: 0 });
  });

  it('flags low confidence by the tickets with a response', () => {
    const tickets = [answered(MINUTE), answered(MINUTE), ticket()];
    expect(frtOf(tickets, { minSample: 2 }).result()!.lowConfidence).toBe(false);
    expect(frtOf(tickets, { minSample: 3 }).result()!.lowConfidence).toBe(true);
  });

  it('merge(a, b) equals adding everything to one accumulator', () => {
    const arbitraryTicket: fc.Arbitrary<Ticket> = fc
      .record({
        createdAt: fc.integer({ min: FROM, max: TO - 1 }),
        channel: fc.constantFrom('email', 'chat', 'phone', null),
        kind: fc.constantFrom('answered', 'unanswered', 'negative'),
        frtMs: fc.integer({ min: 0, max: 4 * 3_600_000 }),
        isResolved: fc.boolean(),
      })
      .map(({ createdAt, channel, kind, frtMs, isResolved }) =>
        kind === 'answered'
          ? answered(frtMs, { createdAt, channel, isResolved })
          : kind === 'negative'
            ? ticket({ createdAt, channel, isResolved, firstResponseAt: createdAt - 1 })
            : ticket({ createdAt, channel, isResolved }),
      );
    const tickets = fc.array(arbitraryTicket, { maxLength: 40 });
    fc.assert(
      fc.property(tickets, tickets, (left, right) => {
        const a = frtOf(left);
        a.merge(frtOf(right));
        expect(a.result()).toEqual(frtOf([...left, ...right]).result());
      }),
    );
  });
});
