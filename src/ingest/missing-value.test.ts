import fc from 'fast-check';
import { describe, it, expect } from 'vitest';
import { isMissing } from './missing-value.js';

describe('isMissing', () => {
  it.each([
    [''],
    ['   '],
    ['\u00a0'],
    ['\t \u00a0\u202f'],
    ['-'],
    [' - '],
    ['—'],
    ['–'],
    ['n/a'],
    ['N/A'],
    ['na'],
    ['NA'],
    ['null'],
    ['NULL'],
    ['NaN'],
    ['nan'],
    ['#N/A'],
    ['\u00a0N/A\u00a0'],
  ])('%j is missing', (raw) => {
    expect(isMissing(raw)).toBe(true);
  });

  it.each([['0'], ['none'], ['None'], ['--'], ['n'], ['nul'], ['N/A!'], ['nana'], ['x'], ['#VALUE!'], ['Nathan']])(
    '%j is a value',
    (raw) => {
      expect(isMissing(raw)).toBe(false);
    },
  );

  it('agrees with its definition (trim, then a marker) on any text, fast path or not', () => {
    const markers = ['', '-', '—', '–', 'n/a', 'na', 'null', 'nan', '#n/a'];
    const definition = (raw: string) => markers.includes(raw.trim().toLowerCase());
    // every character String.prototype.trim strips, and some it does not (U+0085, U+180E, U+200B)
    const spaces = [
      ' ',
      '\t',
      '\n',
      '\v',
      '\f',
      '\r',
      '\u00a0',
      '\u1680',
      '\u2000',
      '\u200a',
      '\u2028',
      '\u2029',
      '\u202f',
      '\u205f',
      '\u3000',
      '\ufeff',
    ];
    const notSpaces = ['\u0085', '\u180e', '\u200b'];
    const text = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.string({ unit: 'binary', maxLength: 8 }),
      fc.constantFrom(...markers, 'N/A', ' NaN ', '\u00a0-', '12', '1 ', '0\t'),
      fc
        .tuple(
          fc.constantFrom('', ...spaces, ...notSpaces),
          fc.constantFrom(...markers, '7', 'Nathan', 'Иванова', 'нет', 'Н/Д', 'Удовлетворённость'),
          fc.constantFrom('', ...spaces, ...notSpaces),
        )
        .map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(text, (raw) => isMissing(raw) === definition(raw)),
      { numRuns: 3000 },
    );
    // and every space and non-space on either side of every marker and word, exhaustively
    for (const word of [...markers, 'Иванова', 'нет']) {
      for (const around of [...spaces, ...notSpaces]) {
        for (const raw of [around + word, word + around, around + word + around]) {
          expect([raw, isMissing(raw)]).toEqual([raw, definition(raw)]);
        }
      }
    }
  });
});
