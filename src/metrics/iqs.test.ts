import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CriterionScale, CriterionSpec, ScoredReview } from './iqs.js';
import { IqsAccumulator, criterionSpecProblem, parseVerdict, scoreReview } from './iqs.js';

/** The acceptance criteria: Σ w = 7. */
const CRITERIA: readonly CriterionSpec[] = [
  { id: 'greeting', weight: 1, scale: null, critical: false },
  { id: 'resolved', weight: 3, scale: null, critical: false },
  { id: 'proactivity', weight: 2, scale: [1, 5], critical: false },
  { id: 'rudeness', weight: 1, scale: null, critical: true },
];

const SCALES: Record<string, CriterionScale> = { greeting: null, resolved: null, proactivity: [1, 5], rudeness: null };

describe('parseVerdict', () => {
  it.each<[string, number | null]>([
    ['pass', 1],
    [' PASS ', 1],
    ['Yes', 1],
    ['y', 1],
    ['да', 1],
    ['ДА', 1],
    ['1', 1],
    ['1.0', 1],
    ['true', 1],
    ['✓', 1],
    ['✔', 1],
    ['✔\uFE0F', 1],
    ['fail', 0],
    ['No', 0],
    ['нет', 0],
    ['Нет', 0],
    ['0', 0],
    ['false', 0],
    ['✗', 0],
    ['✘', 0],
    ['', null],
    ['  ', null],
    ['n/a', null],
    ['N/A', null],
    ['na', null],
    ['-', null],
    ['—', null],
  ])('pass/fail %j → %s', (raw, value) => {
    expect(parseVerdict(raw, null)).toEqual({ value });
  });

  it.each(['maybe', '2', '0.5', 'passfail', '+', 'x'])('pass/fail %j is a problem', (raw) => {
    expect(parseVerdict(raw, null)).toEqual({ problem: 'not pass/fail' });
  });

  it.each<[string, number | null]>([
    ['1', 1],
    ['3', 3],
    [' 5 ', 5],
    ['4.0', 4],
    ['4,0', 4],
    ['n/a', null],
    ['', null],
  ])('1–5 %j → %s', (raw, value) => {
    expect(parseVerdict(raw, [1, 5])).toEqual({ value });
  });

  it.each<[string, string]>([
    ['0', 'outside the 1–5 scale'],
    ['6', 'outside the 1–5 scale'],
    ['-1', 'outside the 1–5 scale'],
    ['3.5', 'not a whole number on the 1–5 scale'],
    ['pass', 'not a whole number on the 1–5 scale'],
    ['0x4', 'not a whole number on the 1–5 scale'],
    ['4e0', 'not a whole number on the 1–5 scale'],
  ])('1–5 %j is a problem: %s', (raw, problem) => {
    expect(parseVerdict(raw, [1, 5])).toEqual({ problem });
  });

  it('reads 0 on a 0–10 scale as 0, never −0', () => {
    expect(parseVerdict('-0', [0, 10])).toEqual({ value: 0 });
    expect(Object.is((parseVerdict('-0', [0, 10]) as { value: number }).value, 0)).toBe(true);
  });
});

describe('scoreReview', () => {
  it.each<[string, Record<string, string>, number | null, boolean, Record<string, number | null>]>([
    // greeting 1·1 + resolved 3·0 + proactivity 2·(4 − 1)/(5 − 1) = 2·0.75 + rudeness 1·1 = 3.5; 100·3.5/7 = 50
    [
      'A: pass, fail, 4, pass',
      { greeting: 'pass', resolved: 'fail', proactivity: '4', rudeness: 'pass' },
      50,
      false,
      { greeting: 1, resolved: 0, proactivity: 4, rudeness: 1 },
    ],
    // proactivity N/A leaves Σ w = 1 + 3 + 1 = 5: 100·(1 + 0 + 1)/5 = 40
    [
      'B: proactivity n/a',
      { greeting: 'pass', resolved: 'fail', proactivity: 'n/a', rudeness: 'pass' },
      40,
      false,
      { greeting: 1, resolved: 0, proactivity: null, rudeness: 1 },
    ],
    // everything else perfect (100·7/7), but the critical rudeness failed → 0
    [
      'C: critical fail',
      { greeting: 'pass', resolved: 'pass', proactivity: '5', rudeness: 'fail' },
      0,
      true,
      { greeting: 1, resolved: 1, proactivity: 5, rudeness: 0 },
    ],
    // proactivity at its lowest: 2·(1 − 1)/4 = 0, not critical: 100·(1 + 3 + 0 + 1)/7 = 500/7
    [
      'proactivity 1 (lowest, not critical)',
      { greeting: 'yes', resolved: 'да', proactivity: '1', rudeness: '✓' },
      500 / 7,
      false,
      { greeting: 1, resolved: 1, proactivity: 1, rudeness: 1 },
    ],
    // only resolved rated, failed: 100·0/3 = 0, yet no critical fail
    [
      'only a failed non-critical criterion',
      { greeting: '-', resolved: 'no', proactivity: '', rudeness: 'na' },
      0,
      false,
      { greeting: null, resolved: 0, proactivity: null, rudeness: null },
    ],
    // every criterion N/A: skipped
    [
      'all N/A',
      { greeting: 'n/a', resolved: '', proactivity: '-', rudeness: 'N/A' },
      null,
      false,
      { greeting: null, resolved: null, proactivity: null, rudeness: null },
    ],
    // no cell at all is N/A too
    ['no cells', {}, null, false, { greeting: null, resolved: null, proactivity: null, rudeness: null }],
  ])('%s', (_name, scores, score, criticalFail, verdicts) => {
    const result = scoreReview(scores, CRITERIA);
    if (score === null) expect(result.score).toBeNull();
    else expect(result.score).toBeCloseTo(score, 12);
    expect(result.criticalFail).toBe(criticalFail);
    expect(result.verdicts).toEqual(verdicts);
    expect(result.problems).toEqual([]);
  });

  it('counts invalid cells as N/A and reports each', () => {
    // greeting and proactivity invalid → rated: resolved 3·1 + rudeness 1·1 = 4 of Σ w 4 → 100
    const result = scoreReview({ greeting: 'maybe', resolved: 'pass', proactivity: '7', rudeness: 'pass' }, CRITERIA);
    expect(result.score).toBe(100);
    expect(result.criticalFail).toBe(false);
    expect(result.verdicts).toEqual({ greeting: null, resolved: 1, proactivity: null, rudeness: 1 });
    expect(result.problems).toEqual([
      { criterion: 'greeting', value: 'maybe', problem: 'not pass/fail' },
      { criterion: 'proactivity', value: '7', problem: 'outside the 1–5 scale' },
    ]);
  });

  it('an invalid critical cell is N/A, not a critical fail', () => {
    const result = scoreReview({ greeting: 'pass', resolved: 'pass', proactivity: '5', rudeness: '??' }, CRITERIA);
    // 100·(1 + 3 + 2)/6
    expect(result.score).toBe(100);
    expect(result.criticalFail).toBe(false);
    expect(result.problems).toEqual([{ criterion: 'rudeness', value: '??', problem: 'not pass/fail' }]);
  });

  it('every cell invalid: no score, every problem reported', () => {
    const result = scoreReview({ greeting: '?', resolved: '?', proactivity: '?', rudeness: '?' }, CRITERIA);
    expect(result.score).toBeNull();
    expect(result.problems).toHaveLength(4);
  });

  it('a critical criterion on a scale fails at its min', () => {
    const criteria: CriterionSpec[] = [
      { id: 'resolved', weight: 3, scale: null, critical: false },
      { id: 'accuracy', weight: 1, scale: [0, 10], critical: true },
    ];
    // accuracy 0 = its min → 0
    expect(scoreReview({ resolved: 'pass', accuracy: '0' }, criteria)).toMatchObject({ score: 0, criticalFail: true });
    // accuracy 1: 100·(3·1 + 1·0.1)/4 = 77.5
    const above = scoreReview({ resolved: 'pass', accuracy: '1' }, criteria);
    expect(above.criticalFail).toBe(false);
    expect(above.score).toBeCloseTo(77.5, 12);
  });

  it('reads only the criteria it is given (the channel’s)', () => {
    const criteria = CRITERIA.filter((criterion) => criterion.id !== 'greeting');
    // greeting and spelling ignored: 100·(3·1 + 2·1 + 1·1)/6 = 100
    const result = scoreReview(
      { greeting: 'fail', spelling: 'fail', resolved: 'pass', proactivity: '5', rudeness: 'pass' },
      criteria,
    );
    expect(result.score).toBe(100);
    expect(Object.keys(result.verdicts)).toEqual(['resolved', 'proactivity', 'rudeness']);
  });

  it('hostile criterion ids are ordinary keys', () => {
    const criteria: CriterionSpec[] = [
      { id: '__proto__', weight: 1, scale: null, critical: false },
      { id: 'constructor', weight: 1, scale: null, critical: false },
    ];
    const scores = JSON.parse('{"__proto__": "pass"}') as Record<string, string>;
    // __proto__ passes, constructor has no cell (N/A, not Object.prototype.constructor): 100·1/1
    const result = scoreReview(scores, criteria);
    expect(result.score).toBe(100);
    expect(Object.hasOwn(result.verdicts, '__proto__')).toBe(true);
    expect(result.verdicts['__proto__']).toBe(1);
    expect(result.verdicts['constructor']).toBeNull();
  });

  it('refuses a criterion config would refuse', () => {
    expect(() => scoreReview({}, [{ id: 'x', weight: 0, scale: null, critical: false }])).toThrow(RangeError);
    expect(() => scoreReview({}, [{ id: 'x', weight: 1, scale: [5, 5], critical: false }])).toThrow(RangeError);
  });

  it('a score is always 0–100, 0 on a critical fail', () => {
    const cell = fc.constantFrom('pass', 'fail', 'n/a', '', '1', '2', '3', '4', '5', 'junk');
    fc.assert(
      fc.property(fc.tuple(cell, cell, cell, cell), ([greeting, resolved, proactivity, rudeness]) => {
        const { score, criticalFail } = scoreReview({ greeting, resolved, proactivity, rudeness }, CRITERIA);
        if (score !== null) {
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(100);
        }
        if (criticalFail) expect(score).toBe(0);
      }),
    );
  });
});

describe('criterionSpecProblem', () => {
  it.each<[CriterionSpec, string | null]>([
    [{ id: 'a', weight: 1, scale: null, critical: true }, null],
    [{ id: 'a', weight: 0.5, scale: [1, 5], critical: false }, null],
    [{ id: 'a', weight: 0, scale: null, critical: false }, 'weight 0 is not positive'],
    [{ id: 'a', weight: Number.NaN, scale: null, critical: false }, 'weight NaN is not positive'],
    [{ id: 'a', weight: 1, scale: [5, 1], critical: false }, 'scale 5–1 is not two whole numbers, lowest first'],
    [{ id: 'a', weight: 1, scale: [1, 4.5], critical: false }, 'scale 1–4.5 is not two whole numbers, lowest first'],
  ])('%j → %s', (criterion, problem) => {
    expect(criterionSpecProblem(criterion)).toBe(problem);
  });
});

/** A scored review of the acceptance criteria from its cells. */
function scored(scores: Record<string, string>): ScoredReview {
  const { score, criticalFail, verdicts } = scoreReview(scores, CRITERIA);
  if (score === null) throw new Error('test review has no score');
  return { score, criticalFail, verdicts, scales: SCALES };
}

const A = scored({ greeting: 'pass', resolved: 'fail', proactivity: '4', rudeness: 'pass' }); // 50
const B = scored({ greeting: 'pass', resolved: 'fail', proactivity: 'n/a', rudeness: 'pass' }); // 40
const C = scored({ greeting: 'pass', resolved: 'pass', proactivity: '5', rudeness: 'fail' }); // 0, critical

describe('IqsAccumulator', () => {
  it('is null with no reviews', () => {
    expect(new IqsAccumulator().result()).toBeNull();
  });

  it('the acceptance case: the §7 shape', () => {
    const iqs = new IqsAccumulator({ minSample: 30 });
    [A, B, C].forEach((review) => iqs.add(review));
    const result = iqs.result()!;
    // IQS = (50 + 40 + 0)/3 = 30; one critical fail
    expect(result).toMatchObject({ reviews: 3, score: 30, criticalFails: 1, lowConfidence: true });
    // greeting 1, 1, 1 → rated 3, pass 100 %, mean 1
    // proactivity 4, N/A, 5 → rated 2, at the top (5) 1 → 50 %, mean (4 + 5)/2 = 4.5
    // resolved 0, 0, 1 → rated 3, pass 100/3 %, mean 1/3
    // rudeness 1, 1, 0 → rated 3, pass 200/3 %, mean 2/3
    expect(Object.keys(result.criteria)).toEqual(['greeting', 'proactivity', 'resolved', 'rudeness']);
    expect(result.criteria['greeting']).toEqual({ rated: 3, passPercent: 100, meanScore: 1 });
    expect(result.criteria['proactivity']).toEqual({ rated: 2, passPercent: 50, meanScore: 4.5 });
    expect(result.criteria['resolved']!.rated).toBe(3);
    expect(result.criteria['resolved']!.passPercent).toBeCloseTo(100 / 3, 12);
    expect(result.criteria['resolved']!.meanScore).toBeCloseTo(1 / 3, 12);
    expect(result.criteria['rudeness']!.rated).toBe(3);
    expect(result.criteria['rudeness']!.passPercent).toBeCloseTo(200 / 3, 12);
    expect(result.criteria['rudeness']!.meanScore).toBeCloseTo(2 / 3, 12);
  });

  it('a criterion always N/A: rated 0, nulls', () => {
    const iqs = new IqsAccumulator();
    // A review with proactivity N/A only (B) → proactivity rated 0
    iqs.add(B);
    expect(iqs.result()!.criteria['proactivity']).toEqual({ rated: 0, passPercent: null, meanScore: null });
  });

  it('two reviews of one contact count twice', () => {
    const iqs = new IqsAccumulator();
    iqs.add(A);
    iqs.add(A);
    expect(iqs.result()).toMatchObject({ reviews: 2, score: 50 });
  });

  it('a verdict without a scale is read as pass/fail', () => {
    const iqs = new IqsAccumulator();
    iqs.add({ score: 100, criticalFail: false, verdicts: { extra: 1 }, scales: {} });
    expect(iqs.result()!.criteria['extra']).toEqual({ rated: 1, passPercent: 100, meanScore: 1 });
  });

  it('orders criteria as told, then by id', () => {
    const iqs = new IqsAccumulator({ minSample: 30, criterionOrder: ['rudeness', 'greeting', 'absent', 'greeting'] });
    iqs.add(A);
    expect(Object.keys(iqs.result()!.criteria)).toEqual(['rudeness', 'greeting', 'proactivity', 'resolved']);
  });

  it('flags low confidence below minSample', () => {
    const iqs = new IqsAccumulator({ minSample: 3 });
    iqs.add(A);
    iqs.add(B);
    expect(iqs.result()!.lowConfidence).toBe(true);
    iqs.add(C);
    expect(iqs.result()!.lowConfidence).toBe(false);
  });

  it('merge(a, b) equals adding everything to one accumulator', () => {
    const reviews = fc.array(fc.constantFrom(A, B, C), { maxLength: 20 });
    fc.assert(
      fc.property(reviews, reviews, (left, right) => {
        const a = new IqsAccumulator();
        const b = new IqsAccumulator();
        const all = new IqsAccumulator();
        left.forEach((review) => a.add(review));
        right.forEach((review) => b.add(review));
        [...left, ...right].forEach((review) => all.add(review));
        a.merge(b);
        expect(a.result()).toEqual(all.result());
      }),
    );
  });

  it('merge leaves the other accumulator as it was', () => {
    const a = new IqsAccumulator();
    const b = new IqsAccumulator();
    b.add(C);
    const before = b.result();
    a.merge(b);
    a.add(A);
    expect(b.result()).toEqual(before);
  });
});
