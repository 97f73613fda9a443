import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CsatAccumulator,
  type CsatScale,
  csatFromCounts,
  csatScaleOf,
  csatScaleRange,
  csatToFivePoint,
  isCsatSatisfied,
  isOnCsatScale,
} from './csat.js';

describe('csatScaleOf', () => {
  it.each<[number, CsatScale | undefined, CsatScale | null]>([
    [1, undefined, '1-5'],
    [5, undefined, '1-5'],
    [0, undefined, '0-10'],
    [6, undefined, '1-10'],
    [10, undefined, '1-10'],
    [11, undefined, null],
    [-1, undefined, null],
    [4.5, undefined, null],
    [0, '1-5', null],
    [7, '1-5', null],
    [3, '0-10', '0-10'],
    [0, '1-10', null],
    [1, 'good-bad', 'good-bad'],
    [0, 'good-bad', 'good-bad'],
    [2, 'good-bad', null],
  ])('%s declared %s → %s', (score, declared, expected) => {
    expect(csatScaleOf(score, declared)).toBe(expected);
  });
});

describe('scales', () => {
  it.each<[CsatScale, [number, number]]>([
    ['1-5', [1, 5]],
    ['0-10', [0, 10]],
    ['1-10', [1, 10]],
    ['good-bad', [0, 1]],
  ])('%s spans %j', (scale, range) => {
    expect(csatScaleRange(scale)).toEqual(range);
    expect(isOnCsatScale(range[0], scale)).toBe(true);
    expect(isOnCsatScale(range[1], scale)).toBe(true);
    expect(isOnCsatScale(range[1] + 1, scale)).toBe(false);
  });

  it.each<[number, CsatScale, boolean]>([
    [3, '1-5', false],
    [4, '1-5', true],
    [5, '1-5', true],
    [8, '0-10', false],
    [9, '0-10', true],
    [10, '1-10', true],
    [8, '1-10', false],
    [1, 'good-bad', true],
    [0, 'good-bad', false],
  ])('satisfied(%i on %s) = %s', (score, scale, expected) => {
    expect(isCsatSatisfied(score, scale)).toBe(expected);
  });

  it.each<[number, CsatScale, number]>([
    [3, '1-5', 3],
    [0, '0-10', 1],
    [5, '0-10', 3],
    [10, '0-10', 5],
    [1, '1-10', 1],
    [10, '1-10', 5],
    [9, '1-10', 1 + 32 / 9], // 4.5556
    [1, 'good-bad', 5],
    [0, 'good-bad', 1],
  ])('%i on %s is %d on 1–5', (score, scale, expected) => {
    expect(csatToFivePoint(score, scale)).toBeCloseTo(expected, 12);
  });
});

describe('csatFromCounts', () => {
  it.each<[string, number, number, number, number | null, number | null, [number, number] | null]>([
    ['no answers', 0, 0, 0, null, null, null],
    // one 5: 100 %, mean 5, Wilson(1, 1) = [1/4.8416, 1] = [20.65433 %, 100 %]
    ['one satisfied answer', 1, 1, 5, 100, 5, [20.654329147389, 100]],
    // 1, 2, 3, 4, 5: 2 satisfied → 40 %, mean 3; Wilson(2, 5) hand-computed = [11.76182 %, 76.92801 %]
    ['1 to 5', 5, 2, 15, 40, 3, [11.761823115925, 76.928006779116]],
    // 0 of 3: upper = z²/(n + z²) = 3.8416/6.8416 = 56.15061 %
    ['nobody satisfied', 3, 0, 6, 0, 2, [0, 56.150608044902]],
  ])('%s', (_name, n, satisfied, sum, percent, mean, ci95) => {
    const figures = csatFromCounts({ n, satisfied, sum });
    expect(figures.n).toBe(n);
    expect(figures.satisfied).toBe(satisfied);
    expect(figures.percent).toBe(percent);
    expect(figures.mean).toBe(mean);
    if (ci95 === null) expect(figures.ci95).toBeNull();
    else {
      expect(figures.ci95![0]).toBeCloseTo(ci95[0], 5);
      expect(figures.ci95![1]).toBeCloseTo(ci95[1], 5);
    }
  });
});

function csatOf(answers: [number, CsatScale][], minSample = 30): CsatAccumulator {
  const csat = new CsatAccumulator({ minSample });
  for (const [score, scale] of answers) csat.add(score, scale);
  return csat;
}

describe('CsatAccumulator', () => {
  it('is null with no answers', () => {
    expect(new CsatAccumulator().result()).toBeNull();
  });

  it('one answer: the §7 shape', () => {
    expect(csatOf([[4, '1-5']]).result()).toEqual({
      n: 1,
      satisfied: 1,
      percent: 100,
      mean: 4,
      ci95: [expect.closeTo(20.654329147389, 9), 100],
      lowConfidence: true,
    });
  });

  it('defaults to the 1–5 scale', () => {
    const csat = new CsatAccumulator();
    csat.add(3);
    expect(csat.result()).toMatchObject({ n: 1, satisfied: 0, percent: 0, mean: 3 });
  });

  it.each<[string, [number, CsatScale][], number, number, number]>([
    // ties: all satisfied → 100 %, mean 5
    [
      'ties on 1–5',
      [
        [5, '1-5'],
        [5, '1-5'],
        [5, '1-5'],
      ],
      3,
      100,
      5,
    ],
    // one scale: the mean stays on it — 0, 9, 10, 8 → 2 satisfied, mean 27/4 = 6.75
    [
      '0–10 alone keeps its scale',
      [
        [0, '0-10'],
        [9, '0-10'],
        [10, '0-10'],
        [8, '0-10'],
      ],
      2,
      50,
      6.75,
    ],
    // good/bad alone: the mean is the share of good, 2/3
    [
      'good/bad alone',
      [
        [1, 'good-bad'],
        [1, 'good-bad'],
        [0, 'good-bad'],
      ],
      2,
      200 / 3,
      2 / 3,
    ],
    // mixed 1–5 and 0–10: 5, 3, 10 → 5, 0 → 1; mean (5 + 3 + 5 + 1)/4 = 3.5; satisfied 5 and 10
    [
      '1–5 mixed with 0–10',
      [
        [5, '1-5'],
        [3, '1-5'],
        [10, '0-10'],
        [0, '0-10'],
      ],
      2,
      50,
      3.5,
    ],
    // mixed 1–10 and good/bad: 1 → 1, 10 → 5, good → 5, bad → 1; mean 3; satisfied 10 and good
    [
      '1–10 mixed with good/bad',
      [
        [1, '1-10'],
        [10, '1-10'],
        [1, 'good-bad'],
        [0, 'good-bad'],
      ],
      2,
      50,
      3,
    ],
    // 9 on 1–10 → 1 + 32/9; 4 on 1–5 → 4; mean (4 + 4.5556)/2 = 4.2778
    [
      '1–10 mixed with 1–5',
      [
        [9, '1-10'],
        [4, '1-5'],
      ],
      2,
      100,
      (4 + 1 + 32 / 9) / 2,
    ],
  ])('%s', (_name, answers, satisfied, percent, mean) => {
    const result = csatOf(answers).result()!;
    expect(result.n).toBe(answers.length);
    expect(result.satisfied).toBe(satisfied);
    expect(result.percent).toBeCloseTo(percent, 12);
    expect(result.mean).toBeCloseTo(mean, 12);
  });

  it('flags low confidence below minSample', () => {
    expect(csatOf([[5, '1-5']], 2).result()!.lowConfidence).toBe(true);
    expect(
      csatOf(
        [
          [5, '1-5'],
          [1, '1-5'],
        ],
        2,
      ).result()!.lowConfidence,
    ).toBe(false);
  });

  it('refuses a score off its scale (the caller reports it as a data-quality issue)', () => {
    const csat = new CsatAccumulator();
    expect(() => csat.add(0, '1-5')).toThrow(RangeError);
    expect(() => csat.add(4.5, '1-5')).toThrow(RangeError);
    expect(() => csat.add(11, '0-10')).toThrow(RangeError);
    expect(csat.result()).toBeNull();
  });

  it('merge(a, b) equals adding everything to one accumulator', () => {
    const answer = fc.oneof(
      fc.tuple(fc.integer({ min: 1, max: 5 }), fc.constant<CsatScale>('1-5')),
      fc.tuple(fc.integer({ min: 0, max: 10 }), fc.constant<CsatScale>('0-10')),
      fc.tuple(fc.integer({ min: 1, max: 10 }), fc.constant<CsatScale>('1-10')),
      fc.tuple(fc.integer({ min: 0, max: 1 }), fc.constant<CsatScale>('good-bad')),
    );
    const answers = fc.array(answer, { maxLength: 40 });
    fc.assert(
      fc.property(answers, answers, (left, right) => {
        const a = csatOf(left);
        a.merge(csatOf(right));
        expect(a.result()).toEqual(csatOf([...left, ...right]).result());
      }),
    );
  });
});
