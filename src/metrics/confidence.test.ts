import { describe, expect, it } from 'vitest';
import { isLowConfidence, npsMarginOfError, wilsonInterval } from './confidence.js';

describe('wilsonInterval (z = 1.96, no continuity correction, percent)', () => {
  // Hand-checked, z² = 3.8416:
  // - 0/n: the lower bound is 0 and the upper is z²/(n + z²): 0/10 → 3.8416/13.8416 = 27.7540169 %.
  // - n/n: the upper bound is 1 and the lower is n/(n + z²): 10/10 → 10/13.8416 = 72.2459831 %.
  // - 50/100: centre 0.5; half width = 1.96/1.038416 · sqrt(0.0025 + 3.8416/40000)
  //   = 1.8874901 · sqrt(0.00259604) = 1.8874901 · 0.05095135 = 0.0961702 → 40.38298 %, 59.61702 %.
  // - 1/1: lower 1/4.8416 = 20.6543291 %; 0/1: upper 3.8416/4.8416 = 79.3456709 %.
  // - 8/10: centre (0.8 + 0.19208)/1.38416 = 0.7167372; half width = 1.4160213 · sqrt(0.016 + 0.009604)
  //   = 1.4160213 · 0.1600125 = 0.2265811 → 49.01568 %, 94.33191 %.
  it.each<[string, number, number, [number, number] | null]>([
    ['no observations', 0, 0, null],
    ['0 of 10', 0, 10, [0, 27.754016876662]],
    ['10 of 10', 10, 10, [72.245983123338, 100]],
    ['50 of 100', 50, 100, [40.382982859015, 59.617017140985]],
    ['1 of 1', 1, 1, [20.654329147389, 100]],
    ['0 of 1', 0, 1, [0, 79.3456708526107]],
    ['8 of 10', 8, 10, [49.01568467207234, 94.33190520193067]],
    ['45 of 50', 45, 50, [78.639509665212, 95.65248760084289]],
  ])('%s', (_name, successes, n, expected) => {
    const interval = wilsonInterval(successes, n);
    if (expected === null) {
      expect(interval).toBeNull();
      return;
    }
    expect(interval).not.toBeNull();
    expect(interval![0]).toBeCloseTo(expected[0], 9);
    expect(interval![1]).toBeCloseTo(expected[1], 9);
  });

  it('is exactly 0 and 100 at the extremes', () => {
    expect(wilsonInterval(0, 10)![0]).toBe(0);
    expect(wilsonInterval(10, 10)![1]).toBe(100);
    expect(wilsonInterval(0, 1_000_000)![0]).toBe(0);
    expect(wilsonInterval(1_000_000, 1_000_000)![1]).toBe(100);
  });

  it('takes another z', () => {
    // z = 1: 0/3 → upper = 1/(3 + 1) = 25 %
    expect(wilsonInterval(0, 3, 1)![1]).toBeCloseTo(25, 12);
  });
});

describe('npsMarginOfError', () => {
  it.each<[string, number, number, number, number | null]>([
    ['no answers', 0, 0, 0, null],
    // p = 1, d = 0 → 1.96·100·sqrt((1 − 1)/1) = 0
    ['one promoter', 1, 0, 1, 0],
    // p = 0, d = 1 → sqrt((1 − 1)/1) = 0
    ['one detractor', 0, 1, 1, 0],
    // p = d = 0 (one passive) → 0
    ['one passive', 0, 0, 1, 0],
    // p = 0.5, d = 0.2: (0.7 − 0.09)/10 = 0.061 → 196·0.2469818 = 48.40843
    ['5 promoters, 3 passives, 2 detractors', 5, 2, 10, 48.408429018096],
    // p = 0.6, d = 0.3: (0.9 − 0.09)/10 = 0.081 → 196·0.2846050 = 55.78258
    ['6 promoters, 1 passive, 3 detractors', 6, 3, 10, 55.78257792537],
    // p = 2/3, d = 1/3: (1 − 1/9)/3 = 0.2962963 → 196·0.5443311 = 106.68889 (wider than the range at n = 3)
    ['2 promoters, 1 detractor', 2, 1, 3, 106.6888865745562],
    ['all promoters, large n', 1000, 0, 1000, 0],
  ])('%s', (_name, promoters, detractors, n, expected) => {
    const margin = npsMarginOfError(promoters, detractors, n);
    if (expected === null) expect(margin).toBeNull();
    else expect(margin).toBeCloseTo(expected, 9);
  });
});

describe('isLowConfidence', () => {
  it.each<[number, number, boolean]>([
    [0, 30, true],
    [29, 30, true],
    [30, 30, false],
    [31, 30, false],
    [0, 0, false],
  ])('n = %i, minSample = %i → %s', (n, minSample, expected) => {
    expect(isLowConfidence(n, minSample)).toBe(expected);
  });
});
