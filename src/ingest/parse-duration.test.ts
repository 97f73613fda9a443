import { describe, it, expect } from 'vitest';
import { durationUnitFromHeader, parseDuration } from './parse-duration.js';
import type { DurationUnit } from './parse-duration.js';
import { ParseProblem } from './parse-result.js';

describe('durationUnitFromHeader', () => {
  it.each<[string, DurationUnit | null]>([
    ['Talk time (min)', 'minutes'],
    ['Wait, sec', 'seconds'],
    ['handle_minutes', 'minutes'],
    ['talk_seconds', 'seconds'],
    ['Resolution hours', 'hours'],
    ['Время ожидания, мин', 'minutes'],
    ['Время ожидания, мин.', 'minutes'],
    ['Ожидание (сек)', 'seconds'],
    ['Длительность, с', 'seconds'],
    ['Длительность в секундах', 'seconds'],
    ['Время решения, ч', 'hours'],
    ['Время решения (часы)', 'hours'],
    ['Время ответа, минуты', 'minutes'],
    ['Длительность, секунды', 'seconds'],
    ['Срок, дни', 'days'],
    ['Срок, дн', 'days'],
    ['Срок, д', 'days'],
    ['Resolution (days)', 'days'],
    ['FRT hrs', 'hours'],
    ['FRT hr', 'hours'],
    ['Latency ms', 'milliseconds'],
    ['Задержка, мс', 'milliseconds'],
    ['Duration (s)', 'seconds'],
    ['Duration, h', 'hours'],
    ['talkTimeSec', 'seconds'],
    ['HandleTimeMs', 'milliseconds'],
    ['WAIT_SECONDS', 'seconds'],
    ['Days open (min)', 'minutes'], // the last unit named wins
    ['Agent', null],
    ["Agent's wait", null],
    ['Status', null],
    ['Duration', null],
    ['Talk Duration (AVG)', null],
    ['Talk time (hh:mm:ss)', null],
    ['Время с начала разговора', null], // Russian `с` ("with") counts only as the last word
    ['s wait', null],
    ['Hash', null],
    ['Message', null],
    ['', null],
  ])('%j → %s', (header, expected) => {
    expect(durationUnitFromHeader(header)).toBe(expected);
  });
});

describe('parseDuration', () => {
  it.each<[string, DurationUnit, number]>([
    ['0', 'seconds', 0],
    ['17', 'seconds', 17_000],
    ['17.5', 'seconds', 17_500],
    ['1.005', 'seconds', 1_005], // decimal shift, not 1.005 × 1000 = 1004.999…
    ['12,5', 'minutes', 750_000],
    ['0.29', 'minutes', 17_400],
    ['2', 'hours', 7_200_000],
    ['1,5', 'hours', 5_400_000],
    ['1.5', 'days', 129_600_000],
    ['250', 'milliseconds', 250],
    ['0.4', 'milliseconds', 0.4],
    ['1 200', 'seconds', 1_200_000],
    ['-0', 'seconds', 0],
    ['0:00:17', 'seconds', 17_000],
    ['0:02:14', 'minutes', 134_000], // the colon form ignores the unit
    ['00:02:14', 'seconds', 134_000],
    ['1:02:03', 'seconds', 3_723_000],
    ['25:00:00', 'seconds', 90_000_000],
    ['125:30:00', 'seconds', 451_800_000],
    ['02:14', 'seconds', 134_000],
    ['2:14', 'seconds', 134_000],
    ['59:59', 'seconds', 3_599_000],
    ['0:00:01.5', 'seconds', 1_500],
    ['0:00:01,25', 'seconds', 1_250],
    ['0:00:09.452', 'seconds', 9_452],
    ['0:00:09.4567', 'seconds', 9_456.7], // full precision, not rounded
    ['01:30.5', 'seconds', 90_500],
    ['1:2:3', 'seconds', 3_723_000],
    ['  0:01:00 ', 'seconds', 60_000],
    ['-0:00:00', 'seconds', 0],
  ])('%j in %s → %d ms', (raw, unit, expected) => {
    expect(parseDuration(raw, unit)).toBe(expected);
  });

  it.each([[''], ['  '], ['-'], ['—'], ['N/A'], ['NA'], ['null']])('%j → null', (raw) => {
    expect(parseDuration(raw, 'seconds')).toBeNull();
  });

  it.each<[string, string]>([
    ['-5', 'negative duration'],
    ['-0,5', 'negative duration'],
    ['−5', 'negative duration'],
    ['-0:00:05', 'negative duration'],
    ['-02:14', 'negative duration'],
    ['0:60:00', 'not a duration'],
    ['0:00:60', 'not a duration'],
    ['60:00', 'not a duration'],
    ['75:30', 'not a duration'],
    ['0:05:99', 'not a duration'],
    ['1.02:03:04', 'not a duration'],
    ['1:02:03:04', 'not a duration'],
    ['1:', 'not a duration'],
    [':30', 'not a duration'],
    ['1:023', 'not a duration'],
    ['1:02:', 'not a duration'],
    ['0:00:01.', 'not a duration'],
    ['0:00:01 ms', 'not a duration'],
    ['12:30 PM', 'not a duration'],
    ['--0:00:05', 'not a duration'],
    ['abc', 'not a duration'],
    ['5 min', 'not a duration'],
    ['50%', 'not a duration'],
    ['Infinity', 'not a duration'],
    ['1e400', 'not a duration'],
  ])('%j → %s', (raw, problem) => {
    expect(parseDuration(raw, 'seconds')).toEqual(new ParseProblem(problem));
  });
});
