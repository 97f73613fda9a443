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
});
