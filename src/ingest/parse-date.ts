import { isMissing } from './missing-value.js';
import { readDigits, scan } from './scan-digits.js';
import { isProblem, ParseProblem } from './parse-result.js';

export type DateOrder = 'DMY' | 'MDY';

export interface ParsedDateTime {
  /** naive: Date.UTC of the wall-clock fields; instant: true epoch ms */
  ms: number;
  hasOffset: boolean;
  hasTime: boolean;
}

const NOT_A_DATE = new ParseProblem('not a date');
const YEAR_OUT_OF_RANGE = new ParseProblem('year out of range');
const MONTH_OUT_OF_RANGE = new ParseProblem('month out of range');
const DAY_OUT_OF_RANGE = new ParseProblem('day out of range');
const TIME_OUT_OF_RANGE = new ParseProblem('time out of range');
const OFFSET_OUT_OF_RANGE = new ParseProblem('offset out of range');

const MS_PER_DAY = 86_400_000;
const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const SPACE = 0x20;
const DASH = 0x2d;
const SLASH = 0x2f;
const DOT = 0x2e;
const COMMA = 0x2c;
const COLON = 0x3a;
const PLUS = 0x2b;
const UNICODE_MINUS = 0x2212;

/** How the date part was written; decides which time suffixes may follow. */
const ISO = 0; // YYYY-MM-DD
const YEAR_FIRST_SLASH = 1; // YYYY/M/D
const DOTTED = 2; // D.M.YYYY
const SLASHED = 3; // D/M/YYYY or M/D/YYYY

function isDigitAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code >= 0x30 && code <= 0x39;
}

function isLetterAt(text: string, index: number, lower: number): boolean {
  return (text.charCodeAt(index) | 0x20) === lower;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return DAYS_IN_MONTH[month] ?? 0;
}

/**
 * A date or date-time cell, time-zone-free (the caller converts naive wall clocks with the
 * configured zone). Forms: ISO `YYYY-MM-DD[(T| )HH:MM[:SS[.f…]][Z|±HH[:MM]|±HHMM]]`,
 * `YYYY/M/D[ H:MM[:SS]]`, `D.M.YYYY[ H:MM[:SS[.fff]]]` and `D/M/YYYY` or `M/D/YYYY` by `order`,
 * with an optional 12-hour ` AM`/` PM`. Excel serials are not dates here (see excelSerialToNaiveMs).
 */
export function parseDateTime(raw: string, order: DateOrder): ParsedDateTime | null | ParseProblem {
  if (raw.length === 19) {
    const ms = naiveSecondsMs(raw);
    if (ms === ms) return { ms, hasOffset: false, hasTime: true };
  }
  const text = raw.trim();
  if (isMissing(text)) return null;
  const length = text.length;

  const first = readDigits(text, 0, 1, 4);
  if (first < 0) return NOT_A_DATE;
  const firstLength = scan.end;
  const separator = text.charCodeAt(scan.end);
  let year: number;
  let month: number;
  let day: number;
  let form: number;
  if (firstLength === 4 && (separator === DASH || separator === SLASH)) {
    year = first;
    month = readDigits(text, scan.end + 1, 1, 2);
    if (month < 0 || text.charCodeAt(scan.end) !== separator) return NOT_A_DATE;
    day = readDigits(text, scan.end + 1, 1, 2);
    if (day < 0) return NOT_A_DATE;
    form = separator === DASH ? ISO : YEAR_FIRST_SLASH;
  } else if (firstLength <= 2 && (separator === DOT || separator === SLASH)) {
    const second = readDigits(text, scan.end + 1, 1, 2);
    if (second < 0 || text.charCodeAt(scan.end) !== separator) return NOT_A_DATE;
    year = readDigits(text, scan.end + 1, 4, 4);
    if (year < 0) return NOT_A_DATE;
    form = separator === DOT ? DOTTED : SLASHED;
    if (form === SLASHED && order === 'MDY') {
      month = first;
      day = second;
    } else {
      day = first;
      month = second;
    }
  } else return NOT_A_DATE;

  let hour = 0;
  let minute = 0;
  let second = 0;
  let millisecond = 0;
  let offsetMinutes = 0;
  let hasTime = false;
  let hasOffset = false;
  let i = scan.end;
  if (i < length) {
    const code = text.charCodeAt(i);
    if (form === ISO && (code === 0x54 || code === 0x74)) i++;
    else if (code === SPACE || (code === COMMA && form === DOTTED)) {
      i++;
      while (text.charCodeAt(i) === SPACE) i++;
    } else return NOT_A_DATE;

    hour = readDigits(text, i, 1, 2);
    if (hour < 0 || text.charCodeAt(scan.end) !== COLON) return NOT_A_DATE;
    minute = readDigits(text, scan.end + 1, 2, 2);
    if (minute < 0) return NOT_A_DATE;
    if (text.charCodeAt(scan.end) === COLON) {
      second = readDigits(text, scan.end + 1, 2, 2);
      if (second < 0) return NOT_A_DATE;
      const fractionMark = text.charCodeAt(scan.end);
      if (fractionMark === DOT || fractionMark === COMMA) {
        const fractionStart = scan.end + 1;
        const fraction = readDigits(text, fractionStart, 1, 3);
        if (fraction < 0) return NOT_A_DATE;
        millisecond = fraction * 10 ** (3 - (scan.end - fractionStart));
        while (isDigitAt(text, scan.end)) scan.end++; // beyond milliseconds: truncated
      }
    }
    i = scan.end;
    hasTime = true;

    if (form === SLASHED || form === YEAR_FIRST_SLASH) {
      let j = i;
      while (text.charCodeAt(j) === SPACE) j++;
      if (j + 2 === length && isLetterAt(text, j + 1, 0x6d)) {
        const isPm = isLetterAt(text, j, 0x70);
        if (!isPm && !isLetterAt(text, j, 0x61)) return NOT_A_DATE;
        if (hour < 1 || hour > 12) return TIME_OUT_OF_RANGE;
        hour = (hour % 12) + (isPm ? 12 : 0);
        i = length;
      }
    } else if (form === ISO && i < length) {
      if (text.charCodeAt(i) === SPACE) i++;
      const sign = text.charCodeAt(i);
      if ((sign === 0x5a || sign === 0x7a) && i + 1 === length) {
        hasOffset = true;
        i = length;
      } else if (sign === PLUS || sign === DASH || sign === UNICODE_MINUS) {
        const offsetHours = readDigits(text, i + 1, 2, 2);
        if (offsetHours < 0) return NOT_A_DATE;
        let offsetMins = 0;
        if (scan.end < length) {
          const minutesStart = text.charCodeAt(scan.end) === COLON ? scan.end + 1 : scan.end;
          offsetMins = readDigits(text, minutesStart, 2, 2);
          if (offsetMins < 0) return NOT_A_DATE;
        }
        if (offsetMins > 59 || offsetHours * 60 + offsetMins > 14 * 60) return OFFSET_OUT_OF_RANGE;
        offsetMinutes = (sign === PLUS ? 1 : -1) * (offsetHours * 60 + offsetMins);
        hasOffset = true;
        i = scan.end;
      }
    }
    if (i !== length) return NOT_A_DATE;
  }

  if (year < 1900) return YEAR_OUT_OF_RANGE;
  if (month < 1 || month > 12) return MONTH_OUT_OF_RANGE;
  if (day < 1 || day > daysInMonth(year, month)) return DAY_OUT_OF_RANGE;
  if (hour > 23 || minute > 59 || second > 59) return TIME_OUT_OF_RANGE;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second, millisecond) - offsetMinutes * 60_000;
  return { ms, hasOffset, hasTime };
}

/**
 * The naive wall clock of a 19-character `YYYY-MM-DD HH:MM:SS` (or `T`) or `DD.MM.YYYY HH:MM:SS`
 * timestamp, what nearly every export writes, read at fixed positions; NaN for anything else
 * (the general scanner then reads or reports it). A number, not a `ParsedDateTime`: ingest's
 * `FieldReader.instant` takes it straight to the zone, with no object per cell. The dotted form
 * is day first whatever the order (Russian exports).
 */
export function naiveSecondsMs(text: string): number {
  if (text.length !== 19 || text.charCodeAt(13) !== COLON || text.charCodeAt(16) !== COLON) return Number.NaN;
  if (text.charCodeAt(2) === DOT) {
    if (text.charCodeAt(5) !== DOT || text.charCodeAt(10) !== SPACE) return Number.NaN;
    return fixedSeconds(text, 6, 3, 0);
  }
  if (text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH) return Number.NaN;
  const separator = text.charCodeAt(10);
  if (separator !== SPACE && separator !== 0x54 && separator !== 0x74) return Number.NaN;
  return fixedSeconds(text, 0, 5, 8);
}

/**
 * The wall clock of a 19-character timestamp whose separators were checked: the year, month and
 * day at the positions given, `HH:MM:SS` at 11; NaN for a non-digit or a value out of range.
 */
function fixedSeconds(text: string, yearAt: number, monthAt: number, dayAt: number): number {
  const century = digitPair(text, yearAt);
  const yearOfCentury = digitPair(text, yearAt + 2);
  if (century < 0 || yearOfCentury < 0) return Number.NaN;
  const year = century * 100 + yearOfCentury;
  const month = digitPair(text, monthAt);
  const day = digitPair(text, dayAt);
  const hour = digitPair(text, 11);
  const minute = digitPair(text, 14);
  const second = digitPair(text, 17);
  // digitPair is -1 for a non-digit, which every range check below catches
  if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return Number.NaN;
  }
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return Number.NaN;
  return daysSinceEpoch(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000;
}

/** The two digits at `at` as a number, or -1. */
function digitPair(text: string, at: number): number {
  const high = text.charCodeAt(at) - 0x30;
  const low = text.charCodeAt(at + 1) - 0x30;
  if (high < 0 || high > 9 || low < 0 || low > 9) return -1;
  return high * 10 + low;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (what Date.UTC counts), without the call. */
function daysSinceEpoch(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** True when `raw` parses as a date under `order` (missing values do not). */
export function readsAs(raw: string, order: DateOrder): boolean {
  const parsed = parseDateTime(raw, order);
  return parsed !== null && !isProblem(parsed);
}

/** `D/M/YYYY…` or `M/D/YYYY…`: the only form whose reading depends on the order. */
function isSlashDate(text: string): boolean {
  if (!isDigitAt(text, 0)) return false;
  if (text.charCodeAt(1) === SLASH) return true;
  return isDigitAt(text, 1) && text.charCodeAt(2) === SLASH;
}

interface Reading {
  failures: number;
  min: number;
  max: number;
}

function readAll(samples: readonly string[], order: DateOrder): Reading {
  const reading: Reading = { failures: 0, min: Infinity, max: -Infinity };
  for (const sample of samples) {
    const parsed = parseDateTime(sample, order);
    if (parsed === null || isProblem(parsed)) {
      reading.failures++;
      continue;
    }
    if (parsed.ms < reading.min) reading.min = parsed.ms;
    if (parsed.ms > reading.max) reading.max = parsed.ms;
  }
  return reading;
}

/**
 * DMY or MDY for a column of slash dates (SPEC §2): the order that reads more of the values;
 * when both read them equally, the configured order, else the reading whose dates span fewer
 * days, else DMY. `ambiguous` says the values could be read both ways.
 */
export function detectDateOrder(
  samples: readonly string[],
  configured: DateOrder | undefined,
): { order: DateOrder; ambiguous: boolean } {
  const slashDates: string[] = [];
  for (const sample of samples) {
    const text = sample.trim();
    if (!isMissing(text) && isSlashDate(text)) slashDates.push(text);
  }
  if (slashDates.length === 0) return { order: configured ?? 'DMY', ambiguous: false };
  const dmy = readAll(slashDates, 'DMY');
  const mdy = readAll(slashDates, 'MDY');
  if (dmy.failures < mdy.failures) return { order: 'DMY', ambiguous: false };
  if (mdy.failures < dmy.failures) return { order: 'MDY', ambiguous: false };
  if (dmy.failures === slashDates.length) return { order: configured ?? 'DMY', ambiguous: false };
  if (configured) return { order: configured, ambiguous: true };
  return { order: mdy.max - mdy.min < dmy.max - dmy.min ? 'MDY' : 'DMY', ambiguous: true };
}

const EXCEL_EPOCH_1900_MS = Date.UTC(1899, 11, 30);
const EXCEL_EPOCH_1904_MS = Date.UTC(1904, 0, 1);

/**
 * An Excel serial day number to a naive ms (Date.UTC of its wall clock). 1900 system: serial 1 is
 * 1900-01-01 and Excel counts a fictitious 1900-02-29 (serial 60), so serials from 61 on are one
 * day later than their count; serial 60 reads as 1900-03-01. 1904 system: serial 0 is 1904-01-01.
 * The time of day is rounded to the millisecond (Excel stores it as a binary fraction of a day).
 */
export function excelSerialToNaiveMs(serial: number, date1904: boolean): number {
  const days = Math.floor(serial);
  const timeMs = Math.round((serial - days) * MS_PER_DAY);
  if (date1904) return EXCEL_EPOCH_1904_MS + days * MS_PER_DAY + timeMs;
  return EXCEL_EPOCH_1900_MS + (days < 61 ? days + 1 : days) * MS_PER_DAY + timeMs;
}
