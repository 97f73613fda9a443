import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NpsAccumulator, npsCategoryOf, npsFromCounts } from './nps.js';

describe('npsFromCounts', () => {
  it.each<[string, [number, number, number], number, number | null, number | null]>([
    ['no answers', [0, 0, 0], 0, null, null],
    // one promoter: 100·1/1 = 100; margin 1.96·100·sqrt((1 − 1)/1) = 0
    ['one promoter', [1, 0, 0], 1, 100, 0],
    ['one passive', [0, 1, 0], 1, 0, 0],
    ['one detractor', [0, 0, 1], 1, -100, 0],
    // 100·(5 − 2)/10 = 30; p = 0.5, d = 0.2 → 196·sqrt(0.61/10) = 48.40843
    ['mixed', [5, 3, 2], 10, 30, 48.408429018096],
    // promoters = detractors → 0; p = d = 0.5 → 196·sqrt(1/4) = 98
    ['tie between promoters and detractors', [2, 0, 2], 4, 0, 98],
    // 100·(1 − 2)/3 = −33.333…
    ['negative', [1, 0, 2], 3, -100 / 3, 106.6888865745562],
  ])('%s', (_name, [promoters, passives, detractors], n, score, margin) => {
    const figures = npsFromCounts({ promoters, passives, detractors });
    expect(figures.n).toBe(n);
    expect([figures.promoters, figures.passives, figures.detractors]).toEqual([promoters, passives, detractors]);
    if (score === null) expect(figures.score).toBeNull();
    else expect(figures.score).toBeCloseTo(score, 12);
    if (margin === null) expect(figures.marginOfError).toBeNull();
    else expect(figures.marginOfError).toBeCloseTo(margin, 9);
  });
});

describe('npsCategoryOf', () => {
  it.each<[number, string]>([
    [0, 'detractors'],
    [6, 'detractors'],
    [7, 'passives'],
    [8, 'passives'],
    [9, 'promoters'],
    [10, 'promoters'],
  ])('%i is in %s', (score, category) => {
    expect(npsCategoryOf(score)).toBe(category);
  });

  it.each([-1, 11, 8.5, Number.NaN])('refuses %s', (score) => {
    expect(() => npsCategoryOf(score)).toThrow(RangeError);
  });
});

describe('NpsAccumulator', () => {
  it('is null with no answers', () => {
    expect(new NpsAccumulator().result()).toBeNull();
  });

  it('one answer: the §7 shape, low-confidence', () => {
    const nps = new NpsAccumulator();
    nps.add(10);
    expect(nps.result()).toEqual({
      n: 1,
      promoters: 1,
      passives: 0,
      detractors: 0,
      score: 100,
      marginOfError: 0,
      lowConfidence: true,
    });
  });

  it('counts every score 0–10 in its box', () => {
    const nps = new NpsAccumulator();
    for (let score = 0; score <= 10; score += 1) nps.add(score);
    // 2 promoters, 2 passives, 7 detractors: 100·(2 − 7)/11
    expect(nps.result()).toMatchObject({ n: 11, promoters: 2, passives: 2, detractors: 7 });
    expect(nps.result()!.score).toBeCloseTo(-500 / 11, 12);
  });

  it('flags low confidence below minSample', () => {
    const nps = new NpsAccumulator({ minSample: 3 });
    nps.add(9);
    nps.add(9);
    expect(nps.result()!.lowConfidence).toBe(true);
    nps.add(9);
    expect(nps.result()!.lowConfidence).toBe(false);
  });

  it('merge(a, b) equals adding everything to one accumulator', () => {
    const scores = fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 60 });
    fc.assert(
      fc.property(scores, scores, (left, right) => {
        const a = new NpsAccumulator({ minSample: 30 });
        const b = new NpsAccumulator({ minSample: 30 });
        const all = new NpsAccumulator({ minSample: 30 });
        left.forEach((score) => a.add(score));
        right.forEach((score) => b.add(score));
        [...left, ...right].forEach((score) => all.add(score));
        a.merge(b);
        expect(a.result()).toEqual(all.result());
      }),
    );
  });
});
