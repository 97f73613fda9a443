import fc from 'fast-check';
import { describe, it, expect } from 'vitest';
import { parseNumber, scanNumber } from './parse-number.js';
import { ParseProblem } from './parse-result.js';

describe('parseNumber', () => {
  it.each<[string, number]>([
    ['0', 0],
    ['42', 42],
    ['  42  ', 42],
    ['+7', 7],
    ['-7', -7],
    ['−7', -7], // U+2212 minus sign
    ['4.0', 4],
    ['3.25', 3.25],
    ['.5', 0.5],
    ['5.', 5],
    ['12,5', 12.5],
    [',5', 0.5],
    ['-12,5', -12.5],
    ['1,234', 1.234], // a lone comma is decimal: Russian exports write decimal commas
    ['1.234', 1.234],
    ['1,234.56', 1234.56],
    ['1.234,56', 1234.56],
    ['1,234,567', 1234567],
    ['1.234.567', 1234567],
    ['1,234,567.89', 1234567.89],
    ['1.234.567,89', 1234567.89],
    ['1 234', 1234],
    ['1 234 567,5', 1234567.5],
    ['1\u00a0234,56', 1234.56],
    ['1\u202f234,56', 1234.56],
    ["1'234'567.5", 1234567.5],
    ['94.01%', 94.01],
    ['94,01 %', 94.01],
    ['1e3', 1000],
    ['1E3', 1000],
    ['2.5e-3', 0.0025],
    ['1,5e+2', 150],
    ['-0', 0],
    ['-0.0', 0],
    ['-0,0', 0],
    ['1e-400', 0],
    ['00012', 12],
    ['1e15', 1e15],
    ['-1 000 000 000 000 000', -1e15],
  ])('%j → %d', (raw, expected) => {
    const value = parseNumber(raw);
    expect(value).toBe(expected);
    expect(Object.is(value, -0)).toBe(false);
  });

  it.each([[''], [' '], ['-'], ['—'], ['N/A'], ['NA'], ['null'], ['NaN'], ['#N/A']])('%j → null', (raw) => {
    expect(parseNumber(raw)).toBeNull();
  });

  it.each([
    ['Infinity'],
    ['-Infinity'],
    ['0x1F'],
    ['0b101'],
    ['abc'],
    ['12abc'],
    ['1_000'],
    ['+'],
    ['.'],
    [','],
    ['%'],
    ['e5'],
    ['1e'],
    ['1e+'],
    ['1e5.5'],
    ['--5'],
    ['+-5'],
    ['- 5'],
    ['5-'],
    ['1,2,3'],
    ['12 5'],
    ['1 2345'],
    ['1234 567'],
    ['1,23,456'],
    ['1,,234'],
    ['1.234.5'],
    ['1,234,5'],
    ['1.234,567.8'],
    ['1,234.567,8'],
    ['1.5 %%'],
    ['$5'],
    ['5 руб'],
    ['1.234 5'],
  ])('%j → not a number', (raw) => {
    expect(parseNumber(raw)).toEqual(new ParseProblem('not a number'));
  });
});

describe('parseNumber out of range', () => {
  // Beyond 10^15 a sum of such values could overflow to Infinity (1e308 + 1e308), which would print as NaN.
  it.each([
    ['1e308'],
    ['1.7976931348623157e308'],
    ['1e309'],
    ['1e400'],
    ['-1e400'],
    ['1e16'],
    ['-1,5e16'],
    ['9007199254740993'],
  ])('%j → out of range', (raw) => {
    expect(parseNumber(raw)).toEqual(new ParseProblem('out of range (more than 10^15 in size)'));
  });
});

describe('scanNumber with a decimal shift', () => {
  it.each<[string, number, number]>([
    ['0.29', 4, 2900], // 0.29 × 60 000 would be 17 399.999…; 2 900 × 6 is exact
    ['1.005', 3, 1005],
    ['12,5', 3, 12500],
    ['1e2', 3, 100000],
    ['7', 0, 7],
    ['abc', 3, NaN],
    ['1e12', 3, 1e15],
    ['1e13', 3, NaN], // beyond 10^15 after the shift
    ['-0', 3, 0],
  ])('%j × 10^%d → %d', (text, shift, expected) => {
    expect(scanNumber(text, shift)).toBe(expected);
  });
});

describe('scanNumber: the whole-number fast path', () => {
  it('reads 1–10 digits times 10^shift exactly as the decimal text says', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...'0123456789'), { minLength: 1, maxLength: 10 }).map((digits) => digits.join('')),
        fc.integer({ min: 0, max: 5 }),
        (digits, shift) => {
          expect(scanNumber(digits, shift)).toBe(Number(`${digits}e${shift}`));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['0', 3, 0],
    ['007', 0, 7],
    ['41', 3, 41_000],
    ['9999999999', 5, 999_999_999_900_000],
  ])('%s × 10^%s = %s', (text, shift, expected) => {
    expect(scanNumber(text, shift)).toBe(expected);
  });
});
