import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AgreementReview, RatedPair } from './agreement.js';
import { cohensKappa, computeAgreement, identicalPercent } from './agreement.js';

/** `count` copies of a pair. */
function times(count: number, pair: RatedPair): RatedPair[] {
  return Array.from({ length: count }, () => pair);
}

describe('cohensKappa', () => {
  it('the classic 2×2 table', () => {
    // 20 items: both yes 8, both no 7, A yes / B no 3, A no / B yes 2
    // pₒ = 15/20 = 0.75; A yes 11, B yes 10: pₑ = 11/20·10/20 + 9/20·10/20 = 0.5; κ = 0.25/0.5 = 0.5
    const pairs = [...times(8, [1, 1]), ...times(7, [0, 0]), ...times(3, [1, 0]), ...times(2, [0, 1])];
    expect(cohensKappa(pairs)).toBeCloseTo(0.5, 12);
    expect(identicalPercent(pairs)).toBe(75);
  });

  it('three categories', () => {
    // (1,1) (2,2) (3,3) (1,2) (2,3) (3,1): pₒ = 3/6; each rater gave every value twice:
    // pₑ = 3·(2/6·2/6) = 1/3; κ = (1/2 − 1/3)/(2/3) = 0.25
    expect(
      cohensKappa([
        [1, 1],
        [2, 2],
        [3, 3],
        [1, 2],
        [2, 3],
        [3, 1],
      ]),
    ).toBeCloseTo(0.25, 12);
  });

  it('perfect agreement on two values is 1', () => {
    // pₒ = 1, pₑ = 1/2·1/2 + 1/2·1/2 = 1/2 → κ = 1
    expect(
      cohensKappa([
        [1, 1],
        [0, 0],
      ]),
    ).toBe(1);
  });

  it('is null when every verdict is identical (pₑ = 1)', () => {
    expect(cohensKappa(times(12, [1, 1]))).toBeNull();
    expect(cohensKappa([[4, 4]])).toBeNull();
  });

  it('each rater constant, but different: pₑ = 0, pₒ = 0 → 0', () => {
    expect(cohensKappa(times(5, [1, 0]))).toBe(0);
  });

  it('systematic disagreement is negative', () => {
    // pₒ = 0, pₑ = 1/2 → κ = −1
    expect(
      cohensKappa([
        [1, 0],
        [0, 1],
      ]),
    ).toBe(-1);
  });

  it('is null with no pairs', () => {
    expect(cohensKappa([])).toBeNull();
    expect(identicalPercent([])).toBeNull();
  });

  it('is symmetric and at most 1', () => {
    const pair = fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }));
    fc.assert(
      fc.property(fc.array(pair, { minLength: 1, maxLength: 40 }), (pairs) => {
        const kappa = cohensKappa(pairs);
        const swapped = cohensKappa(pairs.map(([a, b]) => [b, a] as const));
        if (kappa === null) expect(swapped).toBeNull();
        else {
          expect(swapped).toBeCloseTo(kappa, 12);
          expect(kappa).toBeLessThanOrEqual(1 + 1e-12);
        }
      }),
    );
  });
});

describe('computeAgreement', () => {
  it('is null with no review', () => {
    expect(computeAgreement([])).toBeNull();
  });

  it('is null when no contact has two different reviewers', () => {
    expect(
      computeAgreement([
        { contactId: 'c1', reviewer: 'Anna', score: 50, verdicts: { g: 1 } },
        // the same reviewer twice, in another spelling
        { contactId: 'c1', reviewer: ' anna ', score: 40, verdicts: { g: 0 } },
        // a review without a reviewer takes no part
        { contactId: 'c1', reviewer: null, score: 0, verdicts: { g: 0 } },
        { contactId: 'c2', reviewer: 'Boris', score: 0, verdicts: { g: 0 } },
      ]),
    ).toBeNull();
  });

  it('two reviewers: the acceptance reviews A and B', () => {
    // A (Anna): greeting 1, resolved 0, proactivity 4, rudeness 1, score 50
    // B (Boris): greeting 1, resolved 0, proactivity N/A, rudeness 1, score 40
    // compared: greeting (1,1), resolved (0,0), rudeness (1,1) → 3 items, all identical → 100 %
    // κ: each rater 1 twice, 0 once → pₑ = (2/3)² + (1/3)² = 5/9, pₒ = 1 → κ = 1
    // per criterion: one item each, one value each → pₑ = 1 → κ null; proactivity not compared
    // deviation: |50 − 40| = 10 each
    expect(
      computeAgreement([
        {
          contactId: 'c1',
          reviewer: 'Anna',
          score: 50,
          verdicts: { greeting: 1, resolved: 0, proactivity: 4, rudeness: 1 },
        },
        {
          contactId: 'c1',
          reviewer: 'Boris',
          score: 40,
          verdicts: { greeting: 1, resolved: 0, proactivity: null, rudeness: 1 },
        },
      ]),
    ).toEqual({
      pairs: 3,
      identicalPercent: 100,
      kappa: 1,
      byCriterion: {
        greeting: { pairs: 1, identicalPercent: 100, kappa: null },
        resolved: { pairs: 1, identicalPercent: 100, kappa: null },
        rudeness: { pairs: 1, identicalPercent: 100, kappa: null },
      },
      byReviewer: [
        { reviewer: 'Anna', reviews: 1, meanDeviation: 10 },
        { reviewer: 'Boris', reviews: 1, meanDeviation: 10 },
      ],
    });
  });

  /**
   * Three reviewers, criteria g (pass/fail) and p (1–5):
   *   c1: Anna g1 p4 (90), Boris g1 p3 (70), Chen g0 p4 (20)
   *   c2: Anna g0 p2 (30), Boris g0 p2 (30)
   *   c3: Boris g1 p5 (100), Chen g1 p– (100)
   *   c4: Anna alone — not shared
   *   c5: Anna all N/A (no score), Chen g1 p3 (60) — shared, nothing compared
   */
  const THREE: AgreementReview[] = [
    { contactId: 'c1', reviewer: 'Anna', score: 90, verdicts: { g: 1, p: 4 } },
    { contactId: 'c1', reviewer: 'Boris', score: 70, verdicts: { g: 1, p: 3 } },
    { contactId: 'c1', reviewer: 'Chen', score: 20, verdicts: { g: 0, p: 4 } },
    { contactId: 'c2', reviewer: 'Anna', score: 30, verdicts: { g: 0, p: 2 } },
    { contactId: 'c2', reviewer: 'Boris', score: 30, verdicts: { g: 0, p: 2 } },
    { contactId: 'c3', reviewer: 'Boris', score: 100, verdicts: { g: 1, p: 5 } },
    { contactId: 'c3', reviewer: 'Chen', score: 100, verdicts: { g: 1, p: null } },
    { contactId: 'c4', reviewer: 'Anna', score: 100, verdicts: { g: 1, p: 5 } },
    { contactId: 'c5', reviewer: 'Anna', score: null, verdicts: { g: null, p: null } },
    { contactId: 'c5', reviewer: 'Chen', score: 60, verdicts: { g: 1, p: 3 } },
  ];

  it('three reviewers: the mean over reviewer pairs', () => {
    const result = computeAgreement(THREE)!;
    // Anna–Boris: (g 1,1) (p 4,3) (g 0,0) (p 2,2): 4 items, 3 identical → 75 %;
    //   Anna 1,4,0,2, Boris 1,3,0,2: pₑ = (1·1 [0] + 1·1 [1] + 1·1 [2])/16 = 3/16, pₒ = 12/16 → κ = 9/13
    // Anna–Chen: (g 1,0) (p 4,4): 2 items, 1 identical → 50 %;
    //   Anna 1,4, Chen 0,4: pₑ = 1·1 [4]/4 = 1/4, pₒ = 1/2 → κ = (1/4)/(3/4) = 1/3
    // Boris–Chen: (g 1,0) (p 3,4) (g 1,1), p 5/– not compared: 3 items, 1 identical → 100/3 %;
    //   Boris 1,3,1, Chen 0,4,1: pₑ = 2·1 [1]/9 = 2/9, pₒ = 3/9 → κ = (1/9)/(7/9) = 1/7
    // pairs 4 + 2 + 3 = 9; identical (75 + 50 + 100/3)/3 = 475/9; κ (9/13 + 1/3 + 1/7)/3 = 319/819
    expect(result.pairs).toBe(9);
    expect(result.identicalPercent).toBeCloseTo(475 / 9, 12);
    expect(result.kappa).toBeCloseTo(319 / 819, 12);
  });

  it('three reviewers: per criterion', () => {
    const { byCriterion } = computeAgreement(THREE)!;
    expect(Object.keys(byCriterion)).toEqual(['g', 'p']);
    // g — Anna–Boris (1,1) (0,0): 100 %, κ 1 (pₑ 1/2); Anna–Chen (1,0): 0 %, κ 0 (pₑ 0, pₒ 0);
    //     Boris–Chen (1,0) (1,1): 50 %, Boris 1,1, Chen 0,1: pₑ = 1·1/2 = 1/2, pₒ = 1/2 → κ 0
    //     pairs 5; (100 + 0 + 50)/3 = 50; κ (1 + 0 + 0)/3 = 1/3
    expect(byCriterion['g']!.pairs).toBe(5);
    expect(byCriterion['g']!.identicalPercent).toBeCloseTo(50, 12);
    expect(byCriterion['g']!.kappa).toBeCloseTo(1 / 3, 12);
    // p — Anna–Boris (4,3) (2,2): 50 %, pₑ = 1/2·1/2 [2] = 1/4, pₒ = 1/2 → κ 1/3;
    //     Anna–Chen (4,4): 100 %, pₑ = 1 → κ null, left out of the κ mean; Boris–Chen (3,4): 0 %, κ 0
    //     pairs 4; (50 + 100 + 0)/3 = 50; κ (1/3 + 0)/2 = 1/6
    expect(byCriterion['p']!.pairs).toBe(4);
    expect(byCriterion['p']!.identicalPercent).toBeCloseTo(50, 12);
    expect(byCriterion['p']!.kappa).toBeCloseTo(1 / 6, 12);
  });

  it('three reviewers: byReviewer deviations', () => {
    // Anna: c1 |90 − (70 + 20)/2| = 45, c2 |30 − 30| = 0, c5 no score → reviews 3, mean (45 + 0)/2 = 22.5
    // Boris: c1 |70 − (90 + 20)/2| = 15, c2 0, c3 |100 − 100| = 0 → reviews 3, mean 5
    // Chen: c1 |20 − (90 + 70)/2| = 60, c3 0, c5 Anna has no score → skipped → reviews 3, mean 30
    expect(computeAgreement(THREE)!.byReviewer).toEqual([
      { reviewer: 'Anna', reviews: 3, meanDeviation: 22.5 },
      { reviewer: 'Boris', reviews: 3, meanDeviation: 5 },
      { reviewer: 'Chen', reviews: 3, meanDeviation: 30 },
    ]);
  });

  it('does not depend on the order of the reviews', () => {
    const reversed = computeAgreement([...THREE].reverse())!;
    const forward = computeAgreement(THREE)!;
    expect(reversed.pairs).toBe(forward.pairs);
    expect(reversed.identicalPercent).toBeCloseTo(forward.identicalPercent!, 12);
    expect(reversed.kappa).toBeCloseTo(forward.kappa!, 12);
    expect(reversed.byReviewer).toEqual(forward.byReviewer);
    expect(Object.keys(reversed.byCriterion)).toEqual(Object.keys(forward.byCriterion));
  });

  it('shared contacts with nothing compared: nulls, but deviations', () => {
    // Anna rated only g, Boris only p: no item; deviations |80 − 60| = 20 each
    expect(
      computeAgreement([
        { contactId: 'c1', reviewer: 'Boris', score: 60, verdicts: { g: null, p: 3 } },
        { contactId: 'c1', reviewer: 'Anna', score: 80, verdicts: { g: 1, p: null } },
      ]),
    ).toEqual({
      pairs: 0,
      identicalPercent: null,
      kappa: null,
      byCriterion: {},
      byReviewer: [
        { reviewer: 'Anna', reviews: 1, meanDeviation: 20 },
        { reviewer: 'Boris', reviews: 1, meanDeviation: 20 },
      ],
    });
  });

  it('reviewers match case-insensitively and keep their first spelling; a second review by one reviewer is left out', () => {
    const result = computeAgreement([
      { contactId: 'c1', reviewer: 'Anna', score: 100, verdicts: { g: 1 } },
      { contactId: 'c1', reviewer: 'boris', score: 0, verdicts: { g: 0 } },
      // Anna again on c1: left out (her first review counts)
      { contactId: 'c1', reviewer: 'ANNA', score: 0, verdicts: { g: 0 } },
      { contactId: 'c2', reviewer: ' Boris ', score: 100, verdicts: { g: 1 } },
      { contactId: 'c2', reviewer: 'anna', score: 100, verdicts: { g: 1 } },
    ])!;
    // items: c1 (1,0), c2 (1,1) → 2, 50 %; Anna 1,1, Boris 0,1: pₑ = 1·1/2 = 1/2, pₒ = 1/2 → κ 0
    expect(result).toMatchObject({ pairs: 2, identicalPercent: 50, kappa: 0 });
    // Anna: c1 |100 − 0| = 100, c2 0 → 50; Boris likewise
    expect(result.byReviewer).toEqual([
      { reviewer: 'Anna', reviews: 2, meanDeviation: 50 },
      { reviewer: 'boris', reviews: 2, meanDeviation: 50 },
    ]);
  });

  it('hostile criterion ids are ordinary keys', () => {
    const verdicts = JSON.parse('{"__proto__": 1, "constructor": 1}') as Record<string, number | null>;
    const result = computeAgreement([
      { contactId: 'c1', reviewer: 'Anna', score: 100, verdicts },
      // Boris has no `constructor` verdict: must not read Object.prototype.constructor
      { contactId: 'c1', reviewer: 'Boris', score: 100, verdicts: JSON.parse('{"__proto__": 1}') as typeof verdicts },
    ])!;
    expect(result.pairs).toBe(1);
    expect(Object.keys(result.byCriterion)).toEqual(['__proto__']);
    expect(Object.hasOwn(result.byCriterion, '__proto__')).toBe(true);
  });
});
