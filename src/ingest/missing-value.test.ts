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
    const text = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.constantFrom(...markers, 'N/A', ' NaN ', '\u00a0-', '12', '1 ', '0\t'),
      fc
        .tuple(
          fc.constantFrom('', ' ', '\t', '\u00a0'),
          fc.constantFrom(...markers, '7', 'Nathan'),
          fc.constantFrom('', ' ', '\u202f'),
        )
        .map((parts) => parts.join('')),
    );
    fc.assert(fc.property(text, (raw) => isMissing(raw) === definition(raw)));
  });
});
