import fc from 'fast-check';
import { describe, it, expect } from 'vitest';
import { detectDateOrder, excelSerialToNaiveMs, naiveSecondsMs, parseDateTime, readsAs } from './parse-date.js';
import type { DateOrder, ParsedDateTime } from './parse-date.js';
import { ParseProblem } from './parse-result.js';

const naive = (ms: number, hasTime = true): ParsedDateTime => ({ ms, hasOffset: false, hasTime });
const instant = (ms: number): ParsedDateTime => ({ ms, hasOffset: true, hasTime: true });

describe('parseDateTime', () => {
  it.each<[string, DateOrder, ParsedDateTime]>([
    // ISO
    ['2026-10-05', 'DMY', naive(Date.UTC(2026, 9, 5), false)],
    ['2026-1-5', 'DMY', naive(Date.UTC(2026, 0, 5), false)],
    ['2026-10-05T14:03', 'DMY', naive(Date.UTC(2026, 9, 5, 14, 3))],
    ['2026-10-05 14:03', 'MDY', naive(Date.UTC(2026, 9, 5, 14, 3))],
    ['2026-10-05t14:03:09', 'DMY', naive(Date.UTC(2026, 9, 5, 14, 3, 9))],
    ['2023-07-26 01:51:32', 'DMY', naive(Date.UTC(2023, 6, 26, 1, 51, 32))],
    ['2019-11-01 08:51:12.402', 'DMY', naive(Date.UTC(2019, 10, 1, 8, 51, 12, 402))],
    ['2019-11-01 08:51:12.4', 'DMY', naive(Date.UTC(2019, 10, 1, 8, 51, 12, 400))],
    ['2019-11-01 08:51:12,45', 'DMY', naive(Date.UTC(2019, 10, 1, 8, 51, 12, 450))],
    ['2019-11-01T08:51:12.4029999', 'DMY', naive(Date.UTC(2019, 10, 1, 8, 51, 12, 402))], // truncated
    ['2019-08-02 00:00:00+03:00', 'DMY', instant(Date.UTC(2019, 7, 1, 21))],
    ['2019-08-02 00:00:00 +03:00', 'DMY', instant(Date.UTC(2019, 7, 1, 21))],
    ['2019-08-02T00:00:00+0300', 'DMY', instant(Date.UTC(2019, 7, 1, 21))],
    ['2019-08-02T00:00:00+03', 'DMY', instant(Date.UTC(2019, 7, 1, 21))],
    ['2019-08-02T00:00:00-05:30', 'DMY', instant(Date.UTC(2019, 7, 2, 5, 30))],
    ['2019-08-02T00:00:00Z', 'DMY', instant(Date.UTC(2019, 7, 2))],
    ['2019-08-02T00:00Z', 'DMY', instant(Date.UTC(2019, 7, 2))],
    ['2019-08-02T10:00:00.250Z', 'DMY', instant(Date.UTC(2019, 7, 2, 10, 0, 0, 250))],
    ['2019-08-02T00:00:00+14:00', 'DMY', instant(Date.UTC(2019, 7, 1, 10))],
    // YYYY/M/D (FreeSWITCH after Excel)
    ['2020/2/10 22:41', 'DMY', naive(Date.UTC(2020, 1, 10, 22, 41))],
    ['2020/2/10 22:41', 'MDY', naive(Date.UTC(2020, 1, 10, 22, 41))],
    ['2020/02/10', 'DMY', naive(Date.UTC(2020, 1, 10), false)],
    ['2020/2/10 10:41:05 PM', 'DMY', naive(Date.UTC(2020, 1, 10, 22, 41, 5))],
    // D.M.YYYY
    ['05.10.2026', 'MDY', naive(Date.UTC(2026, 9, 5), false)],
    ['5.1.2026', 'DMY', naive(Date.UTC(2026, 0, 5), false)],
    ['05.10.2026 14:03', 'DMY', naive(Date.UTC(2026, 9, 5, 14, 3))],
    ['05.10.2026 9:03:07', 'DMY', naive(Date.UTC(2026, 9, 5, 9, 3, 7))],
    ['05.10.2026 09:03:07.125', 'DMY', naive(Date.UTC(2026, 9, 5, 9, 3, 7, 125))],
    ['05.10.2026, 09:03:07', 'DMY', naive(Date.UTC(2026, 9, 5, 9, 3, 7))],
    ['29.02.2024', 'DMY', naive(Date.UTC(2024, 1, 29), false)],
    ['29.02.2000', 'DMY', naive(Date.UTC(2000, 1, 29), false)],
    ['31.12.9999 23:59:59', 'DMY', naive(Date.UTC(9999, 11, 31, 23, 59, 59))],
    ['01.01.1900', 'DMY', naive(Date.UTC(1900, 0, 1), false)],
    // slash dates by order
    ['11/1/2019 8:51:12', 'MDY', naive(Date.UTC(2019, 10, 1, 8, 51, 12))],
    ['11/1/2019 8:51:12.402', 'MDY', naive(Date.UTC(2019, 10, 1, 8, 51, 12, 402))],
    ['11/1/2019 8:51:12', 'DMY', naive(Date.UTC(2019, 0, 11, 8, 51, 12))],
    ['8/15/2019', 'MDY', naive(Date.UTC(2019, 7, 15), false)],
    ['15/08/2019', 'DMY', naive(Date.UTC(2019, 7, 15), false)],
    ['15/08/2019 14:05', 'DMY', naive(Date.UTC(2019, 7, 15, 14, 5))],
    ['11/1/2019 8:51 PM', 'MDY', naive(Date.UTC(2019, 10, 1, 20, 51))],
    ['11/1/2019 8:51:12 am', 'MDY', naive(Date.UTC(2019, 10, 1, 8, 51, 12))],
    ['11/1/2019 8:51:12AM', 'MDY', naive(Date.UTC(2019, 10, 1, 8, 51, 12))],
    ['11/1/2019 12:05 AM', 'MDY', naive(Date.UTC(2019, 10, 1, 0, 5))],
    ['11/1/2019 12:05 PM', 'MDY', naive(Date.UTC(2019, 10, 1, 12, 5))],
    ['  \u00a011/1/2019 ', 'MDY', naive(Date.UTC(2019, 10, 1), false)],
    ['2026-10-05 14:03:07Z ', 'DMY', instant(Date.UTC(2026, 9, 5, 14, 3, 7))],
  ])('%j (%s) → %o', (raw, order, expected) => {
    expect(parseDateTime(raw, order)).toEqual(expected);
  });

  it('reads the same call in the ISO and the US-slash export to the same second', () => {
    // The two Sudzilla exports hold the same answer; only the ISO one carries milliseconds.
    const iso = parseDateTime('2019-11-01 08:51:12.402', 'DMY') as ParsedDateTime;
    const us = parseDateTime('11/1/2019 8:51:12', 'MDY') as ParsedDateTime;
    expect(iso.ms - us.ms).toBe(402);
    expect(parseDateTime('11/1/2019 8:51:12.402', 'MDY')).toEqual(iso);
  });

  it.each([[''], [' '], ['-'], ['—'], ['N/A'], ['null'], ['NA']])('%j → null', (raw) => {
    expect(parseDateTime(raw, 'DMY')).toBeNull();
  });

  it.each<[string, DateOrder, string]>([
    ['31.02.2026', 'DMY', 'day out of range'],
    ['29.02.2026', 'DMY', 'day out of range'],
    ['29.02.1900', 'DMY', 'day out of range'],
    ['31.04.2026', 'DMY', 'day out of range'],
    ['00.01.2026', 'DMY', 'day out of range'],
    ['2026-02-30', 'DMY', 'day out of range'],
    ['2026-01-00', 'DMY', 'day out of range'],
    ['2/30/2026', 'MDY', 'day out of range'],
    ['01.13.2026', 'DMY', 'month out of range'],
    ['2026-00-10', 'DMY', 'month out of range'],
    ['13/01/2026', 'MDY', 'month out of range'],
    ['01/13/2026', 'DMY', 'month out of range'],
    ['1899-12-31', 'DMY', 'year out of range'],
    ['0001-01-01', 'DMY', 'year out of range'],
    ['01.01.1000', 'DMY', 'year out of range'],
    ['2026-10-05 24:00:00', 'DMY', 'time out of range'],
    ['2026-10-05 24:00', 'DMY', 'time out of range'],
    ['05.10.2026 25:00', 'DMY', 'time out of range'],
    ['2026-10-05 12:60', 'DMY', 'time out of range'],
    ['2026-10-05 12:00:60', 'DMY', 'time out of range'],
    ['10/5/2026 0:30 AM', 'MDY', 'time out of range'],
    ['10/5/2026 13:30 PM', 'MDY', 'time out of range'],
    ['2026-10-05T00:00:00+15:00', 'DMY', 'offset out of range'],
    ['2026-10-05T00:00:00+03:60', 'DMY', 'offset out of range'],
    ['45231', 'DMY', 'not a date'],
    ['45231.5', 'DMY', 'not a date'],
    ['hello', 'DMY', 'not a date'],
    ['2026-10', 'DMY', 'not a date'],
    ['2026-10-', 'DMY', 'not a date'],
    ['2026-10-05T', 'DMY', 'not a date'],
    ['2026-10-05X', 'DMY', 'not a date'],
    ['2026-10-05 14', 'DMY', 'not a date'],
    ['2026-10-05 14:3', 'DMY', 'not a date'],
    ['2026-10-05 14:03:7', 'DMY', 'not a date'],
    ['2026-10-05 14:03:07.', 'DMY', 'not a date'],
    ['2026-10-05 14:03:07 PM', 'DMY', 'not a date'],
    ['2026-10-05 14:03:07+3', 'DMY', 'not a date'],
    ['2026-10-05 14:03:07+03:', 'DMY', 'not a date'],
    ['2026-10-05 14:03:07ZZ', 'DMY', 'not a date'],
    ['2026-100-05', 'DMY', 'not a date'],
    ['2026-10-050', 'DMY', 'not a date'],
    ['20261005', 'DMY', 'not a date'],
    ['2026.10.05', 'DMY', 'not a date'],
    ['2026-10/05', 'DMY', 'not a date'],
    ['05.10.26', 'DMY', 'not a date'],
    ['05/10/26', 'DMY', 'not a date'],
    ['05.10/2026', 'DMY', 'not a date'],
    ['05.10.20261', 'DMY', 'not a date'],
    ['005.10.2026', 'DMY', 'not a date'],
    ['05.10.2026T14:03', 'DMY', 'not a date'],
    ['05.10.2026 14:03 PM', 'DMY', 'not a date'],
    ['05.10.2026 14:03+03:00', 'DMY', 'not a date'],
    ['10/5/2026 8:30 XM', 'MDY', 'not a date'],
    ['10/5/2026 8:30 PMX', 'MDY', 'not a date'],
    ['10/5/2026 PM', 'MDY', 'not a date'],
    ['10/5/2026T08:30', 'MDY', 'not a date'],
    ['10-5-2026', 'MDY', 'not a date'],
    ['Oct 5, 2026', 'MDY', 'not a date'],
  ])('%j (%s) → %s', (raw, order, problem) => {
    expect(parseDateTime(raw, order)).toEqual(new ParseProblem(problem));
  });
});

describe('readsAs', () => {
  it.each<[string, DateOrder, boolean]>([
    ['13/01/2026', 'DMY', true],
    ['13/01/2026', 'MDY', false],
    ['01/13/2026', 'MDY', true],
    ['01/13/2026', 'DMY', false],
    ['01/02/2026', 'DMY', true],
    ['01/02/2026', 'MDY', true],
    ['2026-01-13', 'MDY', true],
    ['', 'DMY', false],
    ['N/A', 'MDY', false],
    ['nonsense', 'DMY', false],
  ])('%j under %s → %s', (raw, order, expected) => {
    expect(readsAs(raw, order)).toBe(expected);
  });
});

describe('detectDateOrder', () => {
  it.each<[string, string[], DateOrder | undefined, { order: DateOrder; ambiguous: boolean }]>([
    ['a day above 12 first forces DMY', ['01/02/2026', '13/01/2026'], undefined, { order: 'DMY', ambiguous: false }],
    ['…even against the configured order', ['13/01/2026'], 'MDY', { order: 'DMY', ambiguous: false }],
    ['a day above 12 second forces MDY', ['01/02/2026', '01/13/2026'], undefined, { order: 'MDY', ambiguous: false }],
    ['…even against the configured order', ['01/13/2026 10:00 PM'], 'DMY', { order: 'MDY', ambiguous: false }],
    // DMY reads Feb 1 … Feb 3 (2 days), MDY reads Jan 2 … Mar 2 (59 days)
    ['ambiguous: the shorter span wins', ['01/02/2026', '03/02/2026'], undefined, { order: 'DMY', ambiguous: true }],
    ['ambiguous: the configured order wins', ['01/02/2026', '03/02/2026'], 'MDY', { order: 'MDY', ambiguous: true }],
    // DMY reads Feb 1 … Feb 3 (59 days), MDY reads Jan 2 … Mar 2 (2 days)
    [
      'ambiguous: the shorter span wins (MDY)',
      ['02/01/2026', '02/03/2026'],
      undefined,
      { order: 'MDY', ambiguous: true },
    ],
    // DMY: Feb 1 and Jan 2; MDY: Jan 2 and Feb 1 — both 30 days
    ['ambiguous: a tie goes to DMY', ['01/02/2026', '02/01/2026'], undefined, { order: 'DMY', ambiguous: true }],
    ['ambiguous: one date is a tie', ['05/05/2026'], undefined, { order: 'DMY', ambiguous: true }],
    ['fewer failures wins', ['13/01/2026', '14/01/2026', '01/13/2026'], undefined, { order: 'DMY', ambiguous: false }],
    // one failure each way: DMY reads Jan 13 and Jan 5 (8 days), MDY reads Jan 13 and May 1 (108 days)
    ['equal failures: span', ['13/01/2026', '01/13/2026', '05/01/2026'], undefined, { order: 'DMY', ambiguous: true }],
    ['equal failures: configured', ['13/01/2026', '01/13/2026'], 'MDY', { order: 'MDY', ambiguous: true }],
    ['no slash dates: configured', ['2026-01-13', '13.01.2026', ''], 'MDY', { order: 'MDY', ambiguous: false }],
    ['no slash dates: DMY', ['2026-01-13', '2020/2/10 22:41', 'N/A'], undefined, { order: 'DMY', ambiguous: false }],
    ['no samples', [], undefined, { order: 'DMY', ambiguous: false }],
    [
      'missing and non-slash values ignored',
      ['', '-', '2026-12-31', '01/13/2026'],
      'DMY',
      { order: 'MDY', ambiguous: false },
    ],
    ['nothing reads either way', ['99/99/2026', '1/1/26'], 'MDY', { order: 'MDY', ambiguous: false }],
  ])('%s', (_name, samples, configured, expected) => {
    expect(detectDateOrder(samples, configured)).toEqual(expected);
  });
});

describe('excelSerialToNaiveMs', () => {
  it.each<[number, boolean, number]>([
    // 1900 system: 1 = 1900-01-01, 59 = 1900-02-28, 60 = Excel's fictitious 1900-02-29 (read as 03-01),
    // 61 = 1900-03-01, 25569 = 1970-01-01.
    [1, false, Date.UTC(1900, 0, 1)],
    [59, false, Date.UTC(1900, 1, 28)],
    [59.5, false, Date.UTC(1900, 1, 28, 12)],
    [60, false, Date.UTC(1900, 2, 1)],
    [61, false, Date.UTC(1900, 2, 1)],
    [25569, false, 0],
    [25569.25, false, Date.UTC(1970, 0, 1, 6)],
    // 45231 − 25569 = 19 662 days after 1970-01-01; 2023-01-01 is 53 × 365 + 13 leap days = 19 358
    // days after it, and Nov 1 is day 304 of 2023 (31+28+31+30+31+30+31+31+30+31): 19 358 + 304 = 19 662.
    [45231.5, false, Date.UTC(2023, 10, 1, 12)],
    // 2024-02-29: 45351 = 25569 + 19 782 (2024-01-01 is 54 × 365 + 13 = 19 723 days after 1970; + 59)
    [45351, false, Date.UTC(2024, 1, 29)],
    [45352, false, Date.UTC(2024, 2, 1)],
    // 09:41:55.452 as Excel stores it (a binary fraction of a day), rounded to the millisecond
    [45231 + (9 * 3600 + 41 * 60 + 55.452) / 86400, false, Date.UTC(2023, 10, 1, 9, 41, 55, 452)],
    [45231.99999999, false, Date.UTC(2023, 10, 1, 23, 59, 59, 999)],
    // 1904 system: 0 = 1904-01-01, 1462 = 1908-01-02 (1904 system + 1462 days = 1900 system).
    [0, true, Date.UTC(1904, 0, 1)],
    [1, true, Date.UTC(1904, 0, 2)],
    [59, true, Date.UTC(1904, 1, 29)],
    [0.75, true, Date.UTC(1904, 0, 1, 18)],
    // 45231 (1904) = 46693 (1900) = 21 124 days after 1970-01-01; 2027-01-01 is 57 × 365 + 14 leap
    // days = 20 819 days after it; 21 124 − 20 819 = 305 = Nov 2 (Nov 1 is day 304 of 2027).
    [45231, true, Date.UTC(2027, 10, 2)],
    [45231 - 1462, true, Date.UTC(2023, 10, 1)],
  ])('%d (1904: %s) → %d', (serial, date1904, expected) => {
    expect(excelSerialToNaiveMs(serial, date1904)).toBe(expected);
  });
});

/** n random digits, for the fast paths' generators. */
const digits = (n: number) =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength: n, maxLength: n }).map((d) => d.join(''));

/**
 * The fast path against the general scanner (a leading space makes the text 20 characters long, so
 * it takes the general scanner): `parseDateTime` gives the same reading, null or problem both
 * ways, and `naiveSecondsMs` (FieldReader.instant's way in) is NaN or that reading's wall clock.
 */
function expectFastPathAsScanner(text: fc.Arbitrary<string>, numRuns: number): void {
  fc.assert(
    fc.property(text, fc.constantFrom<DateOrder>('DMY', 'MDY'), (raw, order) => {
      expect(raw).toHaveLength(19);
      const general = parseDateTime(` ${raw}`, order);
      expect(parseDateTime(raw, order)).toEqual(general);
      const naive = naiveSecondsMs(raw);
      if (!Number.isNaN(naive)) expect(general).toEqual({ ms: naive, hasOffset: false, hasTime: true });
    }),
    { numRuns },
  );
}

describe('parseDateTime: the DD.MM.YYYY HH:MM:SS fast path', () => {
  // As for the ISO fast path: a leading space sends the same text to the general scanner.
  const text = fc
    .tuple(
      fc.oneof(digits(2), fc.constantFrom('00', '01', '28', '29', '30', '31', '32', '3x')),
      fc.constantFrom('.', '/', '-'),
      fc.oneof(digits(2), fc.constantFrom('00', '01', '02', '12', '13')),
      fc.constantFrom('.', '/'),
      fc.oneof(digits(4), fc.constantFrom('1899', '1900', '2024', '2026', '9999', '0000', '20x6')),
      fc.constantFrom(' ', 'T', ','),
      fc.oneof(digits(2), fc.constantFrom('00', '23', '24')),
      fc.constantFrom(':', '.'),
      fc.oneof(digits(2), fc.constantFrom('59', '60')),
      fc.oneof(digits(2), fc.constantFrom('00', '59', '60', 'x9')),
    )
    .map(([d, s1, m, s2, y, t, h, c, mi, se]) => `${d}${s1}${m}${s2}${y}${t}${h}${c}${mi}:${se}`);

  it('agrees with the general scanner on any 19-character dotted timestamp-like text, in either order, naiveSecondsMs too', () => {
    expectFastPathAsScanner(text, 3000);
  });

  it.each([
    ['05.10.2026 14:03:27', Date.UTC(2026, 9, 5, 14, 3, 27)],
    ['29.02.2024 23:59:59', Date.UTC(2024, 1, 29, 23, 59, 59)],
    ['01.01.1900 00:00:00', Date.UTC(1900, 0, 1)],
  ])('%s reads as a naive wall clock, day first', (raw, ms) => {
    expect(parseDateTime(raw, 'MDY')).toEqual({ ms, hasOffset: false, hasTime: true });
    expect(naiveSecondsMs(raw)).toBe(ms);
  });
});

describe('parseDateTime: the YYYY-MM-DD HH:MM:SS fast path', () => {
  // A leading space makes the text 20 characters long, so it takes the general scanner: both
  // paths must give the same reading, the same null or the same problem.
  const text = fc
    .tuple(
      fc.oneof(
        digits(4),
        fc.constantFrom('1899', '1900', '2024', '2026', '9999', '0000', '20x6', 'x026', '202 ', '2-26'),
      ),
      fc.constantFrom('-', '/', '.'),
      fc.oneof(digits(2), fc.constantFrom('00', '01', '02', '12', '13')),
      fc.oneof(digits(2), fc.constantFrom('00', '28', '29', '30', '31', '32')),
      fc.constantFrom(' ', 'T', 't', '_'),
      fc.oneof(digits(2), fc.constantFrom('00', '23', '24')),
      fc.constantFrom(':', '-'),
      fc.oneof(digits(2), fc.constantFrom('59', '60')),
      fc.oneof(digits(2), fc.constantFrom('00', '59', '60', '4x')),
    )
    .map(([y, s1, m, d, t, h, c, mi, se]) => `${y}${s1}${m}${s1 === '.' ? '-' : s1}${d}${t}${h}${c}${mi}:${se}`);

  it('agrees with the general scanner on any 19-character timestamp-like text, naiveSecondsMs too', () => {
    expectFastPathAsScanner(text, 2000);
  });

  it.each([
    ['2026-10-01 00:00:13', Date.UTC(2026, 9, 1, 0, 0, 13)],
    ['2024-02-29T23:59:59', Date.UTC(2024, 1, 29, 23, 59, 59)],
    ['1900-01-01 00:00:00', Date.UTC(1900, 0, 1)],
  ])('%s reads as a naive wall clock', (raw, ms) => {
    expect(parseDateTime(raw, 'DMY')).toEqual({ ms, hasOffset: false, hasTime: true });
    expect(naiveSecondsMs(raw)).toBe(ms);
  });

  it.each([
    ['2026-02-29 10:00:00', 'day out of range'],
    ['2026-13-01 10:00:00', 'month out of range'],
    ['2026-10-01 24:00:00', 'time out of range'],
    ['1899-12-31 23:59:59', 'year out of range'],
  ])('%s is still reported (%s)', (raw, problem) => {
    expect(parseDateTime(raw, 'DMY')).toEqual(new ParseProblem(problem));
    expect(naiveSecondsMs(raw)).toBeNaN();
  });
});
