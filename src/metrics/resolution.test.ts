import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Ticket } from '../domain/records.js';
import type { MetricSettings } from './accumulator.js';
import { DEFAULT_FIRST_RESPONSE_TARGETS } from './accumulator.js';
import { oldestOpenHoursOf, ResolutionAccumulator, resolvedPercentOf } from './resolution.js';

const HOUR = 3_600_000;
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

function resolvedIn(ms: number, createdAt = FROM): Ticket {
  return ticket({ createdAt, resolvedAt: createdAt + ms, resolutionMs: ms, isResolved: true });
}

function resolutionOf(tickets: Ticket[], minSample = 30): ResolutionAccumulator {
  const accumulator = new ResolutionAccumulator({ ...settings, minSample });
  for (const t of tickets) accumulator.add(t);
  return accumulator;
}

describe('small functions', () => {
  it.each<[number, number, number | null]>([
    [0, 0, null],
    [0, 3, 0],
    [3, 3, 100],
    [1, 3, 100 / 3],
  ])('resolvedPercentOf(%i, %i) = %s', (resolved, created, expected) => {
    expect(resolvedPercentOf(resolved, created)).toBe(expected);
  });

  it.each<[number | null, number, number | null]>([
    [null, TO, null],
    [TO - HOUR, TO, 1],
    [TO - 90 * 60_000, TO, 1.5],
    [FROM, TO, 31 * 24],
  ])('oldestOpenHoursOf(%s, %i) = %s', (earliest, to, expected) => {
    expect(oldestOpenHoursOf(earliest, to)).toBe(expected);
  });
});

describe('ResolutionAccumulator', () => {
  it('is null with no tickets', () => {
    expect(resolutionOf([]).result()).toBeNull();
  });

  it('one resolved ticket: the §7 shape', () => {
    expect(resolutionOf([resolvedIn(2 * HOUR)]).result()).toEqual({
      created: 1,
      resolved: 1,
      resolvedPercent: 100,
      medianHours: 2,
      p90Hours: 2,
      open: 0,
      oldestOpenHours: null,
      lowConfidence: true,
    });
  });

  it('one open ticket: all null durations, its age at period.to', () => {
    expect(resolutionOf([ticket({ createdAt: TO - 36 * HOUR })]).result()).toEqual({
      created: 1,
      resolved: 0,
      resolvedPercent: 0,
      medianHours: null,
      p90Hours: null,
      open: 1,
      oldestOpenHours: 36,
      lowConfidence: true,
    });
  });

  it('resolved by status without a resolution time: resolved, not in the percentiles', () => {
    const result = resolutionOf([ticket({ status: 'closed', isResolved: true }), resolvedIn(HOUR)]).result()!;
    expect(result).toMatchObject({ created: 2, resolved: 2, resolvedPercent: 100, medianHours: 1, open: 0 });
  });

  it('a negative resolution time (reported by ingest) stays in created, leaves the percentiles', () => {
    const result = resolutionOf([ticket({ isResolved: true, resolutionMs: null, resolvedAt: FROM - HOUR })]).result()!;
    expect(result).toMatchObject({ created: 1, resolved: 1, medianHours: null, p90Hours: null });
  });

  it('percentiles in hours: 1, 2, 3, 4 → median 2.5, p90 3.7; the oldest open ticket wins', () => {
    const result = resolutionOf([
      resolvedIn(4 * HOUR),
      resolvedIn(1 * HOUR),
      resolvedIn(3 * HOUR),
      resolvedIn(2 * HOUR),
      ticket({ createdAt: TO - 10 * HOUR }),
      ticket({ createdAt: TO - 48 * HOUR }),
      ticket({ createdAt: TO - 20 * HOUR }),
    ]).result()!;
    expect(result.created).toBe(7);
    expect(result.resolved).toBe(4);
    expect(result.resolvedPercent).toBeCloseTo(400 / 7, 12);
    expect(result.medianHours).toBe(2.5);
    expect(result.p90Hours).toBeCloseTo(3.7, 12);
    expect(result.open).toBe(3);
    expect(result.oldestOpenHours).toBe(48);
  });

  it('ties', () => {
    const result = resolutionOf([resolvedIn(HOUR), resolvedIn(HOUR), resolvedIn(HOUR)]).result()!;
    expect([result.medianHours, result.p90Hours]).toEqual([1, 1]);
  });

  it('flags low confidence by created', () => {
    expect(resolutionOf([ticket(), ticket()], 2).result()!.lowConfidence).toBe(false);
    expect(resolutionOf([ticket()], 2).result()!.lowConfidence).toBe(true);
  });

  it('merge(a, b) equals adding everything to one accumulator', () => {
    const arbitraryTicket = fc
      .record({
        createdAt: fc.integer({ min: FROM, max: TO - 1 }),
        ms: fc.integer({ min: 0, max: 100 * HOUR }),
        kind: fc.nat(2),
      })
      .map(({ createdAt, ms, kind }) =>
        kind === 0
          ? resolvedIn(ms, createdAt)
          : kind === 1
            ? ticket({ createdAt })
            : ticket({ createdAt, isResolved: true }),
      );
    const tickets = fc.array(arbitraryTicket, { maxLength: 40 });
    fc.assert(
      fc.property(tickets, tickets, (left, right) => {
        const a = resolutionOf(left);
        a.merge(resolutionOf(right));
        expect(a.result()).toEqual(resolutionOf([...left, ...right]).result());
      }),
    );
  });
});
