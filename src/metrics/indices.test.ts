import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  IndexAccumulator,
  type IndexDefinition,
  type IndexMethod,
  type IndexResult,
  NPS_INDEX,
  boxesOf,
  defaultBoxes,
  indexDefinitionProblem,
  indexScoreFromCounts,
  loyaltyOf,
  validateIndexScore,
} from './indices.js';
import { NpsAccumulator } from './nps.js';

/** SPEC §11's examples, and a csat-method and a mean-method index. */
const ANTI_NPS: IndexDefinition = { method: 'nps', scale: [1, 5], top: [5, 5], bottom: [1, 3] };
const CSI: IndexDefinition = { method: 'ratio', scale: [1, 10], top: [8, 10], bottom: [1, 3] };
const SMILE: IndexDefinition = { method: 'csat', scale: [1, 5] };
const EFFORT: IndexDefinition = { method: 'mean', scale: [1, 10] };

function resultOf(definition: IndexDefinition, scores: number[], minSample = 30): IndexResult | null {
  const accumulator = new IndexAccumulator(definition, { minSample });
  scores.forEach((score) => accumulator.add(score));
  return accumulator.result();
}

describe('indexScoreFromCounts', () => {
  it.each<[string, IndexMethod, [number, number, number, number], number | null, number | null]>([
    ['nps, no answers', 'nps', [0, 0, 0, 0], null, null],
    ['csat, no answers', 'csat', [0, 0, 0, 0], null, null],
    ['ratio, no answers', 'ratio', [0, 0, 0, 0], null, null],
    ['mean, no answers', 'mean', [0, 0, 0, 0], null, null],
    // 100·(2 − 3)/6 = −16.667
    ['nps', 'nps', [6, 2, 3, 20], -100 / 6, null],
    // 100·3/5 = 60; mean 16/5 = 3.2
    ['csat', 'csat', [5, 3, 2, 16], 60, 3.2],
    // 3/1 = 3
    ['ratio', 'ratio', [5, 3, 1, 34], 3, null],
    // no bottom-box answer → null (SPEC §10)
    ['ratio without a bottom answer', 'ratio', [2, 2, 0, 17], null, null],
    // 0/2 = 0: a bottom answer and no top answer is a real 0
    ['ratio without a top answer', 'ratio', [2, 0, 2, 5], 0, null],
    // 25/3 = 8.333
    ['mean', 'mean', [3, 3, 0, 25], 25 / 3, 25 / 3],
  ])('%s', (_name, method, [n, top, bottom, sum], score, mean) => {
    const figures = indexScoreFromCounts(method, { n, top, bottom, sum });
    if (score === null) expect(figures.score).toBeNull();
    else expect(figures.score).toBeCloseTo(score, 12);
    if (mean === null) expect(figures.mean).toBeNull();
    else expect(figures.mean).toBeCloseTo(mean, 12);
  });
});

describe('IndexAccumulator', () => {
  it.each<
    [
      string,
      IndexDefinition,
      number[],
      Omit<IndexResult, 'score' | 'mean' | 'lowConfidence'>,
      number | null,
      number | null,
    ]
  >([
    // top {5, 5} = 2; bottom {3, 1, 2} = 3; 100·(2 − 3)/6 = −16.667
    ['anti-NPS on 1–5', ANTI_NPS, [5, 5, 4, 3, 1, 2], { method: 'nps', n: 6, top: 2, bottom: 3 }, -100 / 6, null],
    // top 8–10 {9, 8, 10} = 3; bottom 1–3 {2} = 1; 3/1 = 3 (5 is in neither box)
    ['CSI = 8–10 / 1–3', CSI, [9, 8, 10, 2, 5], { method: 'ratio', n: 5, top: 3, bottom: 1 }, 3, null],
    // no answer in 1–3 → score null, but the block has data
    ['CSI without a bottom answer', CSI, [9, 8], { method: 'ratio', n: 2, top: 2, bottom: 0 }, null, null],
    // default boxes on 1–5: top 4–5 {5, 4, 4} = 3, bottom 1–2 {2, 1} = 2; 100·3/5 = 60; mean 16/5 = 3.2
    ['csat-method smile index', SMILE, [5, 4, 4, 2, 1], { method: 'csat', n: 5, top: 3, bottom: 2 }, 60, 3.2],
    // mean (7 + 8 + 10)/3 = 8.333; default boxes on 1–10: top 7–10 = 3, bottom 1–4 = 0
    ['mean index', EFFORT, [7, 8, 10], { method: 'mean', n: 3, top: 3, bottom: 0 }, 25 / 3, 25 / 3],
    // single answers
    ['anti-NPS, one top answer', ANTI_NPS, [5], { method: 'nps', n: 1, top: 1, bottom: 0 }, 100, null],
    ['anti-NPS, one middle answer', ANTI_NPS, [4], { method: 'nps', n: 1, top: 0, bottom: 0 }, 0, null],
    ['CSI, one bottom answer', CSI, [2], { method: 'ratio', n: 1, top: 0, bottom: 1 }, 0, null],
    ['smile, one answer', SMILE, [3], { method: 'csat', n: 1, top: 0, bottom: 0 }, 0, 3],
    ['mean, one answer', EFFORT, [1], { method: 'mean', n: 1, top: 0, bottom: 1 }, 1, 1],
    // box edges are inclusive: 3 and 8 count, 4 and 7 do not; 1/1 = 1
    ['CSI box edges', CSI, [3, 4, 7, 8], { method: 'ratio', n: 4, top: 1, bottom: 1 }, 1, null],
    // 5 is the top box, 3 and 1 the bottom edges, 4 neither: 100·(1 − 2)/4 = −25
    ['anti-NPS box edges', ANTI_NPS, [5, 4, 3, 1], { method: 'nps', n: 4, top: 1, bottom: 2 }, -25, null],
    // 4 is the top-box edge, 2 the bottom-box edge, 3 neither: 100·1/3; mean 9/3 = 3
    ['smile box edges', SMILE, [4, 3, 2], { method: 'csat', n: 3, top: 1, bottom: 1 }, 100 / 3, 3],
  ])('%s', (_name, definition, scores, counts, score, mean) => {
    const result = resultOf(definition, scores);
    expect(result).toMatchObject({ ...counts, lowConfidence: true });
    if (score === null) expect(result!.score).toBeNull();
    else expect(result!.score).toBeCloseTo(score, 12);
    if (mean === null) expect(result!.mean).toBeNull();
    else expect(result!.mean).toBeCloseTo(mean, 12);
  });

  it.each([ANTI_NPS, CSI, SMILE, EFFORT, NPS_INDEX])('is null with no answers (%o)', (definition) => {
    expect(new IndexAccumulator(definition).result()).toBeNull();
  });

  it('gives the §7 shape', () => {
    expect(resultOf(CSI, [9, 8, 10, 2, 5])).toEqual({
      method: 'ratio',
      n: 5,
      top: 3,
      bottom: 1,
      score: 3,
      mean: null,
      lowConfidence: true,
    });
  });

  it('flags low confidence below minSample', () => {
    expect(resultOf(ANTI_NPS, [5, 5], 3)!.lowConfidence).toBe(true);
    expect(resultOf(ANTI_NPS, [5, 5, 5], 3)!.lowConfidence).toBe(false);
  });

  it.each([0, 6, 4.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses %s on 1–5', (score) => {
    expect(() => new IndexAccumulator(ANTI_NPS).add(score)).toThrow(RangeError);
  });

  it('refuses a definition indexDefinitionProblem refuses', () => {
    expect(() => new IndexAccumulator({ method: 'nps', scale: [1, 5], top: [3, 5], bottom: [1, 3] })).toThrow(
      /overlap/,
    );
  });

  it('on NPS_INDEX equals the NPS', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 60 }), (scores) => {
        const index = new IndexAccumulator(NPS_INDEX);
        const nps = new NpsAccumulator();
        scores.forEach((score) => {
          index.add(score);
          nps.add(score);
        });
        const expected = nps.result();
        const actual = index.result();
        if (expected === null) {
          expect(actual).toBeNull();
        } else {
          expect(actual).toMatchObject({ n: expected.n, top: expected.promoters, bottom: expected.detractors });
          expect(actual!.score).toBeCloseTo(expected.score, 12);
        }
      }),
    );
  });

  it('merge(a, b) equals adding everything to one accumulator', () => {
    const definitions: IndexDefinition[] = [ANTI_NPS, CSI, SMILE, EFFORT, NPS_INDEX];
    const cases = fc.constantFrom(...definitions).chain((definition) => {
      const scores = fc.array(fc.integer({ min: definition.scale[0], max: definition.scale[1] }), { maxLength: 40 });
      return fc.tuple(fc.constant(definition), scores, scores);
    });
    fc.assert(
      fc.property(cases, ([definition, left, right]) => {
        const a = new IndexAccumulator(definition, { minSample: 30 });
        const b = new IndexAccumulator(definition, { minSample: 30 });
        const all = new IndexAccumulator(definition, { minSample: 30 });
        left.forEach((score) => a.add(score));
        right.forEach((score) => b.add(score));
        [...left, ...right].forEach((score) => all.add(score));
        a.merge(b);
        expect(a.result()).toEqual(all.result());
        // `b` is left as it was
        expect(b.result()).toEqual(resultOf(definition, right));
      }),
    );
  });
});

describe('defaultBoxes', () => {
  it.each<[IndexMethod, [number, number], [number, number], [number, number]]>([
    // 11 points: top round(11/5) = 2 → 9–10, bottom round(33/5) = 7 → 0–6, the NPS
    ['nps', [0, 10], [9, 10], [0, 6]],
    // 5 points: round(1) = 1 → 5, round(3) = 3 → 1–3, the anti-NPS of SPEC §11
    ['nps', [1, 5], [5, 5], [1, 3]],
    // 10 points: round(2) = 2 → 9–10, round(6) = 6 → 1–6
    ['nps', [1, 10], [9, 10], [1, 6]],
    // 7 points: round(1.4) = 1 → 7, round(4.2) = 4 → 1–4
    ['nps', [1, 7], [7, 7], [1, 4]],
    // 2 points: round(0.4) = 0 raised to 1 → 1, round(1.2) = 1 → 0
    ['nps', [0, 1], [1, 1], [0, 0]],
    // 5 points: round(2) = 2 → 4–5 / 1–2
    ['csat', [1, 5], [4, 5], [1, 2]],
    // 11 points: round(4.4) = 4 → 7–10 / 0–3
    ['csat', [0, 10], [7, 10], [0, 3]],
    ['mean', [1, 5], [4, 5], [1, 2]],
    // 10 points: round(3.33) = 3 → 8–10 / 1–3, the CSI of SPEC §11
    ['ratio', [1, 10], [8, 10], [1, 3]],
    // 11 points: round(3.67) = 4 → 7–10 / 0–3
    ['ratio', [0, 10], [7, 10], [0, 3]],
    // 2 points: round(0.67) = 1 each
    ['ratio', [0, 1], [1, 1], [0, 0]],
  ])('%s on %j → top %j, bottom %j', (method, scale, top, bottom) => {
    expect(defaultBoxes({ method, scale })).toEqual({ top, bottom });
  });

  it('on 0–10 with the nps method equals NPS_INDEX', () => {
    expect(defaultBoxes({ method: 'nps', scale: [0, 10] })).toEqual({ top: NPS_INDEX.top, bottom: NPS_INDEX.bottom });
  });

  it('never overlaps on a scale of two or more points', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<IndexMethod>('nps', 'csat', 'ratio', 'mean'),
        fc.integer({ min: -20, max: 20 }),
        fc.integer({ min: 1, max: 200 }),
        (method, min, span) => {
          const definition: IndexDefinition = { method, scale: [min, min + span] };
          expect(indexDefinitionProblem(definition)).toBeNull();
        },
      ),
    );
  });

  it.each<[number, number]>([
    [5, 5],
    [5, 1],
    [1, 4.5],
  ])('refuses the scale %s–%s', (min, max) => {
    expect(() => defaultBoxes({ method: 'nps', scale: [min, max] })).toThrow(RangeError);
  });

  it('fills only the box config leaves out', () => {
    expect(boxesOf({ method: 'nps', scale: [1, 5], top: [4, 5] })).toEqual({ top: [4, 5], bottom: [1, 3] });
    expect(boxesOf({ method: 'ratio', scale: [1, 10], bottom: [1, 2] })).toEqual({ top: [8, 10], bottom: [1, 2] });
  });
});

describe('indexDefinitionProblem', () => {
  it.each<[IndexDefinition, string | null]>([
    [ANTI_NPS, null],
    [CSI, null],
    [SMILE, null],
    [{ method: 'nps', scale: [5, 1] }, 'scale 5–1 is not two different whole numbers, lowest first'],
    [{ method: 'mean', scale: [1, 1] }, 'scale 1–1 is not two different whole numbers, lowest first'],
    [{ method: 'csat', scale: [0, 2.5] }, 'scale 0–2.5 is not two different whole numbers, lowest first'],
    [{ method: 'ratio', scale: [1, 10], top: [8, 11] }, 'top box 8–11 is outside the 1–10 scale'],
    [{ method: 'ratio', scale: [1, 10], bottom: [3, 1] }, 'bottom box 3–1 is not two whole numbers, lowest first'],
    [{ method: 'nps', scale: [1, 5], top: [3, 5], bottom: [1, 3] }, 'top box 3–5 and bottom box 1–3 overlap'],
  ])('%o → %s', (definition, problem) => {
    expect(indexDefinitionProblem(definition)).toBe(problem);
  });
});

describe('validateIndexScore', () => {
  it.each<[number, IndexDefinition, string | null]>([
    [1, ANTI_NPS, null],
    [5, ANTI_NPS, null],
    [0, ANTI_NPS, 'outside its 1–5 scale'],
    [6, ANTI_NPS, 'outside its 1–5 scale'],
    [-1, ANTI_NPS, 'outside its 1–5 scale'],
    [4.5, ANTI_NPS, 'not a whole number on its 1–5 scale'],
    [5.5, ANTI_NPS, 'not a whole number on its 1–5 scale'],
    [Number.NaN, ANTI_NPS, 'not a whole number on its 1–5 scale'],
    [10, CSI, null],
    [0, CSI, 'outside its 1–10 scale'],
    [0, NPS_INDEX, null],
    [11, NPS_INDEX, 'outside its 0–10 scale'],
  ])('%s on %o → %s', (score, definition, problem) => {
    expect(validateIndexScore(score, definition)).toBe(problem);
  });
});

describe('loyaltyOf', () => {
  const csi = resultOf(CSI, [9, 8, 10, 2, 5]);
  const noBottom = resultOf(CSI, [9, 8]);
  const nps = resultOf(NPS_INDEX, [10, 9, 3]);

  it('picks a custom index', () => {
    // the CSI above: n 5, 3/1 = 3
    expect(loyaltyOf('csi', { csi, 'anti-nps': null }, nps)).toEqual({
      index: 'csi',
      n: 5,
      score: 3,
      lowConfidence: true,
    });
  });

  it('matches the name ignoring case and reports it as config spells it', () => {
    expect(loyaltyOf('CSI', { csi }, nps)).toMatchObject({ index: 'csi', score: 3 });
  });

  it('picks nps, the 0–10 NPS, even when config declares an index of that name', () => {
    // 100·(2 − 1)/3 = 33.333
    const block = loyaltyOf('nps', { nps: csi }, nps);
    expect(block).toMatchObject({ index: 'nps', n: 3, lowConfidence: true });
    expect(block!.score).toBeCloseTo(100 / 3, 12);
  });

  it('takes an NpsResult as the nps', () => {
    const accumulator = new NpsAccumulator({ minSample: 1 });
    accumulator.add(10);
    expect(loyaltyOf('nps', {}, accumulator.result())).toEqual({
      index: 'nps',
      n: 1,
      score: 100,
      lowConfidence: false,
    });
  });

  it('keeps a ratio without a bottom answer: n with a null score', () => {
    expect(loyaltyOf('csi', { csi: noBottom }, nps)).toEqual({ index: 'csi', n: 2, score: null, lowConfidence: true });
  });

  it('is null without answers or without such an index', () => {
    expect(loyaltyOf('nps', { csi }, null)).toBeNull();
    expect(loyaltyOf('anti-nps', { csi, 'anti-nps': null }, nps)).toBeNull();
    expect(loyaltyOf('smile', { csi }, nps)).toBeNull();
  });
});
