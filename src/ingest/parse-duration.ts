import { isMissing } from './missing-value.js';
import { readDigits, scan } from './scan-digits.js';
import { scanNumber } from './parse-number.js';
import { ParseProblem } from './parse-result.js';

export type DurationUnit = 'milliseconds' | 'seconds' | 'minutes' | 'hours' | 'days';

const NOT_A_DURATION = new ParseProblem('not a duration');
const NEGATIVE_DURATION = new ParseProblem('negative duration');

const UNIT_WORDS: ReadonlyMap<string, DurationUnit> = new Map([
  ...['ms', 'msec', 'msecs', 'millis', 'millisecond', 'milliseconds', 'мс', 'миллисекунд', 'миллисекунды'].map(
    (word) => [word, 'milliseconds'] as const,
  ),
  ...['sec', 'secs', 'second', 'seconds', 'сек', 'секунд', 'секунда', 'секунды', 'секундах'].map(
    (word) => [word, 'seconds'] as const,
  ),
  ...['min', 'mins', 'minute', 'minutes', 'мин', 'минут', 'минута', 'минуты', 'минутах'].map(
    (word) => [word, 'minutes'] as const,
  ),
  ...['hr', 'hrs', 'hour', 'hours', 'час', 'часа', 'часов', 'часы', 'часах'].map((word) => [word, 'hours'] as const),
  ...['day', 'days', 'дн', 'день', 'дня', 'дней', 'дни', 'днях', 'сут', 'сутки', 'суток'].map(
    (word) => [word, 'days'] as const,
  ),
]);

/** One-letter units are also ordinary words (Russian `с` is "with"), so they count only at the end. */
const FINAL_LETTER_UNITS: ReadonlyMap<string, DurationUnit> = new Map([
  ['s', 'seconds'],
  ['с', 'seconds'],
  ['h', 'hours'],
  ['ч', 'hours'],
  ['d', 'days'],
  ['д', 'days'],
]);

/** Splits camelCase and anything that is not a letter; apostrophes join (`Agent's` is one word). */
const WORD_BOUNDARY = /(?<=\p{Ll})(?=\p{Lu})|[^\p{L}'’]+/u;

/**
 * The unit a header names (`Talk time (min)`, `Wait, sec`, `Время решения, ч`), or null. Whole
 * words only; when several are named, the last one wins (units trail the name).
 */
export function durationUnitFromHeader(header: string): DurationUnit | null {
  const words = header.split(WORD_BOUNDARY);
  let isLast = true;
  for (let k = words.length - 1; k >= 0; k--) {
    const word = words[k]?.replace(/['’]/g, '').toLowerCase();
    if (!word) continue;
    const unit = UNIT_WORDS.get(word) ?? (isLast ? FINAL_LETTER_UNITS.get(word) : undefined);
    if (unit) return unit;
    isLast = false;
  }
  return null;
}

/** Per unit, value in ms = (value × 10^shift) × factor: the decimal shift is exact. */
const UNIT_SCALE: Readonly<Record<DurationUnit, { shift: number; factor: number }>> = {
  milliseconds: { shift: 0, factor: 1 },
  seconds: { shift: 3, factor: 1 },
  minutes: { shift: 4, factor: 6 },
  hours: { shift: 5, factor: 36 },
  days: { shift: 5, factor: 864 },
};

const COLON = 0x3a;
const MINUS = 0x2d;
const UNICODE_MINUS = 0x2212;

/** `H:MM:SS` (hours unbounded) or `MM:SS`, optional `.fff`/`,fff`, from `start`; ms or -1 (-2: a part ≥ 60). */
function readClock(text: string, start: number): number {
  const first = readDigits(text, start, 1, 9);
  if (first < 0 || text.charCodeAt(scan.end) !== COLON) return -1;
  const second = readDigits(text, scan.end + 1, 1, 2);
  if (second < 0) return -1;
  let hours = 0;
  let minutes = first;
  let seconds = second;
  if (text.charCodeAt(scan.end) === COLON) {
    const third = readDigits(text, scan.end + 1, 1, 2);
    if (third < 0) return -1;
    hours = first;
    minutes = second;
    seconds = third;
  }
  let fractionMs = 0;
  const separator = text.charCodeAt(scan.end);
  if (separator === 0x2e || separator === 0x2c) {
    const fractionStart = scan.end + 1;
    // Up to nanoseconds; further digits cannot matter to a millisecond value.
    const fraction = readDigits(text, fractionStart, 1, 9);
    if (fraction < 0) return -1;
    const length = scan.end - fractionStart;
    fractionMs = length <= 3 ? fraction * 10 ** (3 - length) : fraction / 10 ** (length - 3);
    while (scan.end < text.length && isDigitAt(text, scan.end)) scan.end++;
  }
  if (scan.end !== text.length) return -1;
  if (minutes >= 60 || seconds >= 60) return -2;
  return ((hours * 60 + minutes) * 60 + seconds) * 1000 + fractionMs;
}

function isDigitAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code >= 0x30 && code <= 0x39;
}

/**
 * A duration in milliseconds, full precision: a plain number in `unit` (decimal comma allowed),
 * or `H:MM:SS` / `MM:SS` with an optional fraction of a second (hours may exceed 24). A leading
 * minus is a `negative duration`.
 */
export function parseDuration(raw: string, unit: DurationUnit): number | null | ParseProblem {
  const text = raw.trim();
  if (isMissing(text)) return null;
  if (text.indexOf(':') >= 0) {
    const sign = text.charCodeAt(0);
    const isNegative = sign === MINUS || sign === UNICODE_MINUS;
    const ms = readClock(text, isNegative ? 1 : 0);
    if (ms < 0) return NOT_A_DURATION;
    return isNegative && ms > 0 ? NEGATIVE_DURATION : ms;
  }
  if (text.endsWith('%')) return NOT_A_DURATION;
  const scale = UNIT_SCALE[unit];
  const scaled = scanNumber(text, scale.shift);
  if (Number.isNaN(scaled)) return NOT_A_DURATION;
  if (scaled < 0) return NEGATIVE_DURATION;
  return scaled * scale.factor;
}
