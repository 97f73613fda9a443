import { describe, expect, it } from 'vitest';
import { FcrAccumulator, fcrPercentOf } from './fcr.js';

function fcrOf(flags: [boolean | null, number][], minSample = 30): FcrAccumulator {
  const accumulator = new FcrAccumulator({ minSample });
  for (const [flag, count] of flags) accumulator.add(flag, count);
  return accumulator;
}

describe('fcrPercentOf', () => {
  it.each<[number, number, number | null]>([
    [0, 0, null],
    [0, 2, 0],
    [2, 2, 100],
    [1, 3, 100 / 3],
  ])('%i of %i → %s', (resolved, n, expected) => {
    expect(fcrPercentOf(resolved, n)).toBe(expected);
  });
});

describe('FcrAccumulator', () => {
  it.each<[string, [boolean | null, number][], { n: number; resolvedFirstContact: number; percent: number } | null]>([
    ['empty', [], null],
    [
      'all null flags',
      [
        [null, 1],
        [null, 5],
      ],
      null,
    ],
    ['one Y', [[true, 1]], { n: 1, resolvedFirstContact: 1, percent: 100 }],
    ['one N', [[false, 1]], { n: 1, resolvedFirstContact: 0, percent: 0 }],
    // ties: Y and N once each → 50 %
    [
      'one Y, one N, one unset',
      [
        [true, 1],
        [false, 1],
        [null, 1],
      ],
      { n: 2, resolvedFirstContact: 1, percent: 50 },
    ],
    // an aggregated row of 3 resolved calls and one unresolved call: 3 / 4
    [
      'weighted by count',
      [
        [true, 3],
        [false, 1],
      ],
      { n: 4, resolvedFirstContact: 3, percent: 75 },
    ],
    ['a row of no calls', [[true, 0]], null],
  ])('%s', (_name, flags, expected) => {
    const result = fcrOf(flags).result();
    if (expected === null) expect(result).toBeNull();
    else expect(result).toEqual({ ...expected, lowConfidence: true });
  });

  it('counts one contact when no count is given', () => {
    const accumulator = new FcrAccumulator();
    accumulator.add(true);
    expect(accumulator.result()).toEqual({ n: 1, resolvedFirstContact: 1, percent: 100, lowConfidence: true });
  });

  it('flags low confidence by n', () => {
    expect(fcrOf([[true, 2]], 2).result()!.lowConfidence).toBe(false);
    expect(fcrOf([[true, 1]], 2).result()!.lowConfidence).toBe(true);
  });

  it('merge(a, b) equals adding everything to one accumulator', () => {
    const left: [boolean | null, number][] = [
      [true, 2],
      [null, 1],
    ];
    const right: [boolean | null, number][] = [
      [false, 1],
      [true, 1],
    ];
    const a = fcrOf(left);
    a.merge(fcrOf(right));
    expect(a.result()).toEqual(fcrOf([...left, ...right]).result());
  });
});
