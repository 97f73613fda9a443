import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createZoneConverter, type ZoneConverter } from '../domain/time-zone.js';
import { createBusinessClock, type BusinessCalendar } from './business-time.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;

/** `'2026-11-03 17:00'` as a local wall-clock time in the zone → instant. */
function localTime(zone: ZoneConverter, text: string): number {
  return zone.toInstant(Date.parse(`${text.replace(' ', 'T')}Z`));
}

const NINE_TO_SIX = ['09:00', '18:00'] as const;

/** Mon–Fri 09:00–18:00 (Saturday `null`, Sunday missing: both closed), Wed 2026-11-04 a holiday,
 * Sun 2026-11-01 a decreed working day. November 2026: Sun 1, Mon 2, Tue 3, Wed 4, Thu 5, Fri 6,
 * Sat 7, Mon 9, Tue 10, Wed 11. */
const office: BusinessCalendar = {
  hours: { mon: NINE_TO_SIX, tue: NINE_TO_SIX, wed: NINE_TO_SIX, thu: NINE_TO_SIX, fri: NINE_TO_SIX, sat: null },
  holidays: ['2026-11-04'],
  workdays: ['2026-11-01'],
};

const allDay = ['00:00', '24:00'] as const;
const roundTheClock: BusinessCalendar = {
  hours: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
  holidays: [],
  workdays: [],
};

describe.each(['Europe/Moscow', 'Europe/Berlin'])('office hours in %s', (zoneName) => {
  const zone = createZoneConverter(zoneName);
  const clock = createBusinessClock(office, zone);
  const at = (text: string) => localTime(zone, text);

  it.each<[string, string, string, number]>([
    // 10:00 → 11:30, all inside 09:00–18:00.
    ['within one day', '2026-11-03 10:00', '2026-11-03 11:30', 90 * MINUTE],
    // 10:00:00.001 → 10:00:00.250 = 249 ms: exact to the millisecond.
    ['milliseconds', '2026-11-03 10:00:00.001', '2026-11-03 10:00:00.250', 249],
    // Fri 17:00–18:00 (1 h) + Sat, Sun closed + Mon 09:00–10:00 (1 h) = 2 h.
    ['across a weekend', '2026-11-06 17:00', '2026-11-09 10:00', 2 * HOUR],
    // Tue 17:00–18:00 (1 h) + Wed holiday (0) + Thu 09:00–10:00 (1 h) = 2 h.
    ['over a holiday', '2026-11-03 17:00', '2026-11-05 10:00', 2 * HOUR],
    // Sat closed (0) + Sun 2026-11-01 decreed, Monday's hours 09:00–12:00 (3 h) = 3 h.
    ['into a decreed working Sunday', '2026-10-31 12:00', '2026-11-01 12:00', 3 * HOUR],
    // Tue after closing (0) + Wed 09:00–09:30 = 30 min.
    ['created after hours', '2026-11-10 20:00', '2026-11-11 09:30', 30 * MINUTE],
    // Sat, Sun closed; Monday has not opened yet at 09:00.
    ['created on a Saturday, answered at Monday opening', '2026-11-07 12:00', '2026-11-09 09:00', 0],
    // Before opening to after closing: the whole 9 h.
    ['a whole business day', '2026-11-03 07:00', '2026-11-03 23:00', 9 * HOUR],
    // Mon 2 Nov 09:00–18:00 + Tue 3 Nov 09:00–18:00 = 18 h; Sun 1 Nov is decreed: + 9 h.
    ['Saturday to Wednesday', '2026-10-31 00:00', '2026-11-04 00:00', 27 * HOUR],
    ['to = from', '2026-11-03 10:00', '2026-11-03 10:00', 0],
    ['to before from', '2026-11-03 11:00', '2026-11-03 10:00', 0],
  ])('elapsedMs: %s', (_name, from, to, expected) => {
    expect(clock.elapsedMs(at(from), at(to))).toBe(expected);
  });

  it.each<[string, string, number, string]>([
    // The seeds' "first hour of the next business day": Tue after hours + 60 min → Wed 09:00 + 60 min.
    ['created after hours, 60 min', '2026-11-10 20:00', 60 * MINUTE, '2026-11-11 10:00'],
    // Tue 17:30–18:00 (30 min), Wed holiday, Thu 09:00 + the remaining 30 min.
    ['over a holiday', '2026-11-03 17:30', 60 * MINUTE, '2026-11-05 09:30'],
    // Fri 17:00–18:00 (1 h), weekend, Mon 09:00 + 1 h.
    ['over a weekend', '2026-11-06 17:00', 2 * HOUR, '2026-11-09 10:00'],
    // Sat closed, Sun 2026-11-01 decreed: 09:00 + 3 h.
    ['into a decreed working Sunday', '2026-10-31 12:00', 3 * HOUR, '2026-11-01 12:00'],
    // 10:00 + 8 h reaches exactly 18:00: the closing instant, not the next opening.
    ['exactly to closing time', '2026-11-10 10:00', 8 * HOUR, '2026-11-10 18:00'],
    // ms = 0 → from itself, even while closed.
    ['zero on a Saturday', '2026-11-07 12:00', 0, '2026-11-07 12:00'],
  ])('addMs: %s', (_name, from, ms, expected) => {
    expect(clock.addMs(at(from), ms)).toBe(at(expected));
  });
});

describe('Europe/Berlin DST changes', () => {
  const berlin = createZoneConverter('Europe/Berlin');
  const at = (text: string) => localTime(berlin, text);
  const allDayClock = createBusinessClock(roundTheClock, berlin);
  // Sundays 2026-03-29 and 2026-10-25 open 01:00–04:00 only.
  const earlyClock = createBusinessClock({ hours: { sun: ['01:00', '04:00'] }, holidays: [], workdays: [] }, berlin);

  it.each<[string, string, string, number]>([
    // Clocks go 02:00 → 03:00: the day is 23 h long.
    ['spring day, 24-hour calendar', '2026-03-29 00:00', '2026-03-30 00:00', 23 * HOUR],
    // Clocks go 03:00 → 02:00: the day is 25 h long.
    ['autumn day, 24-hour calendar', '2026-10-25 00:00', '2026-10-26 00:00', 25 * HOUR],
    // 01:30 CET (00:30Z) → 03:30 CEST (01:30Z): 1 h of real time across the gap.
    ['across the spring gap', '2026-03-29 01:30', '2026-03-29 03:30', HOUR],
    // A normal week around it: 7 × 24 − 1 h.
    ['the week of the spring change', '2026-03-23 00:00', '2026-03-30 00:00', 7 * 24 * HOUR - HOUR],
  ])('24-hour calendar: %s', (_name, from, to, expected) => {
    expect(allDayClock.elapsedMs(at(from), at(to))).toBe(expected);
  });

  it.each<[string, string, string, number]>([
    // 01:00 CET (00:00Z) → 04:00 CEST (02:00Z): 02:00–03:00 does not exist, 2 h.
    ['01:00–04:00 on the spring day', '2026-03-29 00:00', '2026-03-30 00:00', 2 * HOUR],
    // 01:00 CEST (23:00Z on the 24th) → 04:00 CET (03:00Z): 02:00–03:00 happens twice, 4 h.
    ['01:00–04:00 on the autumn day', '2026-10-25 00:00', '2026-10-26 00:00', 4 * HOUR],
    // An ordinary Sunday: 3 h.
    ['01:00–04:00 on an ordinary Sunday', '2026-03-22 00:00', '2026-03-23 00:00', 3 * HOUR],
  ])('%s', (_name, from, to, expected) => {
    expect(earlyClock.elapsedMs(at(from), at(to))).toBe(expected);
  });

  it('adds business time across the changes as real elapsed time', () => {
    expect(allDayClock.addMs(at('2026-03-29 00:00'), 23 * HOUR)).toBe(at('2026-03-30 00:00'));
    expect(allDayClock.addMs(at('2026-10-25 00:00'), 25 * HOUR)).toBe(at('2026-10-26 00:00'));
    // 01:00 CET + 1 h = 00:00Z + 1 h = 01:00Z = 03:00 CEST.
    expect(earlyClock.addMs(at('2026-03-29 00:00'), HOUR)).toBe(at('2026-03-29 03:00'));
    // Past the 2 h of 2026-03-29: the rest falls on the next open Sunday, 2026-04-05 01:00 + 1 h.
    expect(earlyClock.addMs(at('2026-03-29 00:00'), 3 * HOUR)).toBe(at('2026-04-05 02:00'));
  });
});

describe('calendar rules', () => {
  const moscow = createZoneConverter('Europe/Moscow');
  const at = (text: string) => localTime(moscow, text);

  it('takes 24:00 as the next day’s 00:00', () => {
    const clock = createBusinessClock(
      { hours: { mon: ['18:00', '24:00'], tue: ['00:00', '02:00'] }, holidays: [], workdays: [] },
      moscow,
    );
    // Mon 20:00–24:00 (4 h) + Tue 00:00–01:00 (1 h) = 5 h.
    expect(clock.elapsedMs(at('2026-11-09 20:00'), at('2026-11-10 01:00'))).toBe(5 * HOUR);
    expect(clock.addMs(at('2026-11-09 20:00'), 4 * HOUR)).toBe(at('2026-11-10 00:00'));
  });

  it('treats hours whose close is not after their open as closed', () => {
    const clock = createBusinessClock(
      { hours: { mon: ['18:00', '09:00'], tue: ['10:00', '10:00'] }, holidays: [], workdays: [] },
      moscow,
    );
    expect(clock.elapsedMs(at('2026-11-09 00:00'), at('2026-11-11 00:00'))).toBe(0);
  });

  it('opens a date listed both as a holiday and as a workday (the decree wins)', () => {
    const clock = createBusinessClock(
      { hours: { mon: NINE_TO_SIX }, holidays: ['2026-11-01'], workdays: ['2026-11-01'] },
      moscow,
    );
    expect(clock.elapsedMs(at('2026-11-01 00:00'), at('2026-11-02 00:00'))).toBe(9 * HOUR);
  });

  it('keeps a workday closed when Monday is closed', () => {
    const clock = createBusinessClock({ hours: { tue: NINE_TO_SIX }, holidays: [], workdays: ['2026-11-01'] }, moscow);
    expect(clock.elapsedMs(at('2026-11-01 00:00'), at('2026-11-02 00:00'))).toBe(0);
  });

  it('has no business time at all on a closed calendar', () => {
    const clock = createBusinessClock({ hours: { mon: null }, holidays: [], workdays: [] }, moscow);
    const from = at('2026-11-03 10:00');
    expect(clock.elapsedMs(from, at('2027-11-03 10:00'))).toBe(0);
    expect(clock.addMs(from, MINUTE)).toBe(Infinity);
    expect(clock.addMs(from, 0)).toBe(from);
  });

  it('refuses malformed hours and dates', () => {
    const bad = (calendar: Partial<BusinessCalendar>) => () =>
      createBusinessClock({ hours: {}, holidays: [], workdays: [], ...calendar }, moscow);
    expect(bad({ hours: { mon: ['9:00', '18:00'] } })).toThrow(RangeError);
    expect(bad({ hours: { mon: ['09:00', '24:30'] } })).toThrow(RangeError);
    expect(bad({ hours: { mon: ['09:60', '18:00'] } })).toThrow(RangeError);
    expect(bad({ holidays: ['2026-02-30'] })).toThrow(RangeError);
    expect(bad({ workdays: ['01.11.2026'] })).toThrow(RangeError);
  });
});

describe('properties (Europe/Berlin)', () => {
  const berlin = createZoneConverter('Europe/Berlin');
  const calendars = [
    office,
    { ...office, hours: { ...office.hours, sun: ['00:00', '24:00'] } },
    { ...office, hours: { ...office.hours, sat: ['02:30', '24:00'], sun: ['01:00', '04:00'] } },
  ] satisfies BusinessCalendar[];
  const clocks = calendars.map((calendar) => createBusinessClock(calendar, berlin));
  const clock = fc.constantFrom(...clocks);
  // Anywhere in 2026, or within a day or two of either DST change.
  const instant = fc.oneof(
    fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }),
    fc.integer({ min: Date.UTC(2026, 2, 28), max: Date.UTC(2026, 2, 31) }),
    fc.integer({ min: Date.UTC(2026, 9, 24), max: Date.UTC(2026, 9, 27) }),
  );

  it('adds up: elapsed(a, c) = elapsed(a, b) + elapsed(b, c) for a ≤ b ≤ c', () => {
    fc.assert(
      fc.property(clock, instant, instant, instant, (c, x, y, z) => {
        const [a, b, d] = [x, y, z].sort((p, q) => p - q) as [number, number, number];
        expect(c.elapsedMs(a, d)).toBe(c.elapsedMs(a, b) + c.elapsedMs(b, d));
        expect(c.elapsedMs(a, d)).toBeLessThanOrEqual(d - a);
      }),
      { numRuns: 2000 },
    );
  });

  it('inverts: elapsed(from, addMs(from, x)) = x, and no earlier instant reaches x', () => {
    fc.assert(
      fc.property(clock, instant, fc.integer({ min: 1, max: 400 * HOUR }), (c, from, x) => {
        const due = c.addMs(from, x);
        if (!Number.isFinite(due)) return;
        expect(c.elapsedMs(from, due)).toBe(x);
        expect(c.elapsedMs(from, due - 1)).toBeLessThan(x);
      }),
      { numRuns: 2000 },
    );
  });
});
