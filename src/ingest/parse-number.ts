import { isMissing } from './missing-value.js';
import { ParseProblem } from './parse-result.js';

const NOT_A_NUMBER = new ParseProblem('not a number');
const OUT_OF_RANGE = new ParseProblem('out of range (more than 10^15 in size)');

/**
 * The largest magnitude read as a number. No count, score, amount or duration in a service export
 * comes near it, and a sum of a billion such values stays finite (far under 1.8e308): `1e308`
 * twice would otherwise add up to Infinity and print as NaN or Infinity in a report.
 */
export const MAX_MAGNITUDE = 1e15;

/** 10^0 … 10^22, exact doubles: a lookup instead of `**` per cell. */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, n) => 10 ** n);

const PLUS = 0x2b;
const MINUS = 0x2d;
const UNICODE_MINUS = 0x2212;
const COMMA = 0x2c;
const DOT = 0x2e;
const PERCENT = 0x25;
const SPACE = 0x20;
const NBSP = 0xa0;
const NARROW_NBSP = 0x202f;
const APOSTROPHE = 0x27;

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isGroupSeparator(code: number): boolean {
  return code === SPACE || code === NBSP || code === NARROW_NBSP || code === APOSTROPHE;
}

/**
 * Reads a trimmed number as written in exports and returns it times 10^`shift` (NaN when it is not
 * a number). The shift is applied in decimal, before the conversion to binary, so `0.29` minutes
 * becomes exactly 17 400 ms instead of 17 399.999….
 *
 * Separators: space, U+00A0, U+202F and `'` always group thousands. When both `,` and `.` appear,
 * the last one is the decimal separator. A single `,` or `.` is decimal (`1,234` is 1.234: Russian
 * exports write decimal commas); one repeated is grouping (`1,234,567`). Groups after the first
 * must have three digits. A trailing `%` is ignored.
 */
export function scanNumber(text: string, shift = 0): number {
  return inRange(scanUnbounded(text, shift));
}

/** `scanNumber` without the range check: NaN for text that is not a number, else its value, ±Infinity included. */
function scanUnbounded(text: string, shift: number): number {
  // Most cells are small whole numbers (seconds, counts, scores): read them digit by digit. Up to
  // 10 digits times 10^5 stays below 2^53, so the product is exact, as the general path's is.
  if (text.length <= 10 && text.length > 0) {
    let value = 0;
    let k = 0;
    for (; k < text.length; k++) {
      const digit = text.charCodeAt(k) - 0x30;
      if (digit < 0 || digit > 9) break;
      value = value * 10 + digit;
    }
    if (k === text.length) return shift === 0 ? value : value * (POWERS_OF_TEN[shift] ?? 10 ** shift);
  }
  let end = text.length;
  if (end > 0 && text.charCodeAt(end - 1) === PERCENT) {
    end--;
    while (end > 0 && isGroupSeparator(text.charCodeAt(end - 1))) end--;
  }
  let i = 0;
  let negative = false;
  let code = text.charCodeAt(0);
  if (code === PLUS) i++;
  else if (code === MINUS || code === UNICODE_MINUS) {
    negative = true;
    i++;
  }
  const start = i;
  let digits = 0;
  let commas = 0;
  let dots = 0;
  let groupSeparators = 0;
  let lastComma = -1;
  let lastDot = -1;
  for (; i < end; i++) {
    code = text.charCodeAt(i);
    if (isDigit(code)) digits++;
    else if (code === COMMA) {
      commas++;
      lastComma = i;
    } else if (code === DOT) {
      dots++;
      lastDot = i;
    } else if (isGroupSeparator(code)) groupSeparators++;
    else break;
  }
  if (digits === 0) return NaN;
  const mantissaEnd = i;
  let exponent = 0;
  if (i < end) {
    code = text.charCodeAt(i);
    if (code !== 0x65 && code !== 0x45) return NaN;
    i++;
    let exponentNegative = false;
    code = text.charCodeAt(i);
    if (code === PLUS) i++;
    else if (code === MINUS || code === UNICODE_MINUS) {
      exponentNegative = true;
      i++;
    }
    if (i >= end) return NaN;
    for (; i < end; i++) {
      code = text.charCodeAt(i);
      if (!isDigit(code)) return NaN;
      if (exponent < 100_000) exponent = exponent * 10 + code - 0x30;
    }
    if (exponentNegative) exponent = -exponent;
  }

  let decimalAt = -1;
  if (commas > 0 && dots > 0) {
    decimalAt = lastComma > lastDot ? lastComma : lastDot;
    if ((decimalAt === lastComma ? commas : dots) !== 1) return NaN;
  } else if (commas === 1) decimalAt = lastComma;
  else if (dots === 1) decimalAt = lastDot;

  const isPlain = commas === 0 && groupSeparators === 0 && dots <= 1;
  if (isPlain && shift === 0 && end === text.length && text.charCodeAt(0) !== UNICODE_MINUS) {
    // Only digits, one optional point, sign and exponent are left: Number() reads exactly these.
    return Number(text);
  }

  const integerEnd = decimalAt < 0 ? mantissaEnd : decimalAt;
  let integerDigits = '';
  let groupStart = start;
  let groupLength = 0;
  let isGrouped = false;
  for (let k = start; k < integerEnd; k++) {
    if (isDigit(text.charCodeAt(k))) {
      groupLength++;
      continue;
    }
    if (groupLength === 0 || (isGrouped ? groupLength !== 3 : groupLength > 3)) return NaN;
    integerDigits += text.slice(groupStart, k);
    groupStart = k + 1;
    isGrouped = true;
    groupLength = 0;
  }
  if (isGrouped && groupLength !== 3) return NaN;
  integerDigits += text.slice(groupStart, integerEnd);

  let fractionDigits = '';
  if (decimalAt >= 0) {
    for (let k = decimalAt + 1; k < mantissaEnd; k++) if (!isDigit(text.charCodeAt(k))) return NaN;
    fractionDigits = text.slice(decimalAt + 1, mantissaEnd);
  }
  const normalised = `${negative ? '-' : ''}${integerDigits}.${fractionDigits}e${exponent + shift}`;
  return Number(normalised);
}

/** The value with -0 made 0, or NaN when it is not finite or beyond MAX_MAGNITUDE. */
function inRange(value: number): number {
  if (!(Math.abs(value) <= MAX_MAGNITUDE)) return NaN;
  return value === 0 ? 0 : value;
}

/**
 * A number from a cell: sign, decimal comma or point, thousands separators, exponent, trailing
 * `%` (ignored: `94.01%` is 94.01). `NaN`, `NA` and the other missing markers give null (pandas
 * writes `NaN` for an empty cell); `Infinity` and hex are `not a number`; beyond ±10^15 (`1e308`,
 * `1e400`) is `out of range`. `-0` is 0.
 */
export function parseNumber(raw: string): number | null | ParseProblem {
  const text = raw.trim();
  if (isMissing(text)) return null;
  const value = scanUnbounded(text, 0);
  if (Number.isNaN(value)) return NOT_A_NUMBER;
  const bounded = inRange(value);
  return Number.isNaN(bounded) ? OUT_OF_RANGE : bounded;
}
