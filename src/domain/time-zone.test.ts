import { describe, expect, it } from 'vitest';
import { createZoneConverter, luxonOffset, monthPeriod } from './time-zone.js';

const berlin = createZoneConverter('Europe/Berlin');
const naive = (y: number, m: number, d: number, h = 0, mi = 0) => Date.UTC(y, m - 1, d, h, mi);

describe('createZoneConverter', () => {
  it('matches luxon every 10 minutes across both Berlin DST changes of 2026', () => {
    for (const [start, end] of [
      [Date.UTC(2026, 2, 28), Date.UTC(2026, 2, 31)],
      [Date.UTC(2026, 9, 24), Date.UTC(2026, 9, 27)],
    ] as const) {
      for (let t = start; t < end; t += 600_000) expect(berlin.offsetAt(t)).toBe(luxonOffset('Europe/Berlin', t));
    }
  });

  it.each([
    ['winter time', naive(2026, 1, 15, 12), Date.UTC(2026, 0, 15, 11)],
    ['summer time', naive(2026, 7, 15, 12), Date.UTC(2026, 6, 15, 10)],
    ['just before the spring gap', naive(2026, 3, 29, 1, 59), Date.UTC(2026, 2, 29, 0, 59)],
    ['in the spring gap: the earlier offset (+01:00)', naive(2026, 3, 29, 2, 30), Date.UTC(2026, 2, 29, 1, 30)],
    ['just after the spring gap', naive(2026, 3, 29, 3, 0), Date.UTC(2026, 2, 29, 1, 0)],
    ['in the autumn fold: the earlier offset (+02:00)', naive(2026, 10, 25, 2, 30), Date.UTC(2026, 9, 25, 0, 30)],
    ['after the fold', naive(2026, 10, 25, 3, 0), Date.UTC(2026, 9, 25, 2, 0)],
  ])('%s', (_name, wallClock, instant) => {
    expect(berlin.toInstant(wallClock)).toBe(instant);
  });

  it('gives every wall clock the instant a fresh converter gives, in time order and out of it (the memo)', () => {
    // A fresh converter has nothing memoised: its first answer is the plain computation.
    const reference = (zone: string, wallClock: number) => createZoneConverter(zone).toInstant(wallClock);
    for (const [zone, start, end] of [
      ['Europe/Berlin', naive(2026, 3, 27), naive(2026, 4, 1)],
      ['Europe/Berlin', naive(2026, 10, 23), naive(2026, 10, 28)],
      // a half-hour change: +11:00 to +10:30
      ['Australia/Lord_Howe', naive(2026, 4, 2), naive(2026, 4, 8)],
    ] as const) {
      const converter = createZoneConverter(zone);
      const times: number[] = [];
      for (let t = start; t < end; t += 7 * 60_000 + 13_000) times.push(t);
      for (const t of times) expect(converter.toInstant(t)).toBe(reference(zone, t));
      // three timestamps a row, as a ticket has: created, answered hours later, resolved days later
      for (const t of times) {
        for (const wallClock of [t, t + 5 * 3_600_000 + 1_000, t + 2 * 86_400_000 + 7_000]) {
          expect(converter.toInstant(wallClock)).toBe(reference(zone, wallClock));
        }
      }
    }
  });

  it('formats instants with the local offset', () => {
    expect(berlin.formatInstant(Date.UTC(2026, 9, 25, 0, 30))).toBe('2026-10-25T02:30:00+02:00');
    expect(berlin.formatInstant(Date.UTC(2026, 9, 25, 1, 30, 0, 452))).toBe('2026-10-25T02:30:00.452+01:00');
    expect(createZoneConverter('America/New_York').formatInstant(0)).toBe('1969-12-31T19:00:00-05:00');
    expect(createZoneConverter('Asia/Kolkata').formatInstant(0)).toBe('1970-01-01T05:30:00+05:30');
  });

  it('gives month periods in local time', () => {
    const moscow = createZoneConverter('Europe/Moscow');
    const period = monthPeriod('2026-10', moscow);
    expect(moscow.formatInstant(period.from)).toBe('2026-10-01T00:00:00+03:00');
    expect(moscow.formatInstant(period.to)).toBe('2026-11-01T00:00:00+03:00');
    const berlinOctober = monthPeriod('2026-10', berlin);
    expect(berlinOctober.to - berlinOctober.from).toBe((31 * 24 + 1) * 3_600_000);
    expect(berlin.localDate(Date.UTC(2026, 9, 31, 23, 30))).toBe('2026-11-01');
  });
});
