import { describe, expect, it } from 'vitest';
import type { RatedAnswer } from '../metrics/scorecard.js';
import { csatThreshold, needsFollowup, selectFollowups } from './select-followups.js';

const DAY = 86_400_000;
const OCT = Date.UTC(2026, 9, 1);

function answer(id: string, survey: string, score: number, scale: [number, number], day: number | null): RatedAnswer {
  return {
    id,
    survey,
    score,
    scale,
    valid: score >= scale[0] && score <= scale[1],
    answeredAt: day === null ? null : OCT + day * DAY,
    agent: null,
    channel: null,
    customer: null,
    comment: null,
    contactId: null,
    topic: null,
    month: '2026-10',
    location: { file: 'surveys.csv', line: 2 },
  };
}

const ids = (answers: readonly RatedAnswer[]) => answers.map((a) => a.id);

describe('needsFollowup: the thresholds (SPEC §10)', () => {
  it.each([
    // 1–5, default below 4: 1–3
    [[1, 5], 4, 1, true],
    [[1, 5], 4, 3, true],
    [[1, 5], 4, 4, false],
    [[1, 5], 4, 5, false],
    // 1–5, below 2: only 1; below 5: 1–4
    [[1, 5], 2, 1, true],
    [[1, 5], 2, 2, false],
    [[1, 5], 5, 4, true],
    [[1, 5], 5, 5, false],
    // 0–10, below 4: 0 + 3/4 × 10 = 7.5 → 0–7
    [[0, 10], 4, 7, true],
    [[0, 10], 4, 8, false],
    // 0–10, below 2: 2.5 → 0–2
    [[0, 10], 2, 2, true],
    [[0, 10], 2, 3, false],
    // 1–10, below 4: 1 + 3/4 × 9 = 7.75 → 1–7
    [[1, 10], 4, 7, true],
    [[1, 10], 4, 8, false],
    // 1–10, below 2: 3.25 → 1–3
    [[1, 10], 2, 3, true],
    [[1, 10], 2, 4, false],
  ] as const)('CSAT on %j below %d: %d → %s', (scale, below, score, expected) => {
    expect(needsFollowup(answer('R', 'csat', score, [scale[0], scale[1]], 1), below)).toBe(expected);
  });

  it.each([
    [0, true],
    [6, true],
    [7, false],
    [10, false],
  ])('NPS %d is a detractor to call back: %s, whatever --below is', (score, expected) => {
    for (const below of [1.5, 2, 4, 5]) {
      expect(needsFollowup(answer('R', 'nps', score, [0, 10], 1), below)).toBe(expected);
    }
  });

  it('leaves out custom indices and invalid answers', () => {
    expect(needsFollowup(answer('R', 'anti-nps', 1, [1, 5], 1), 4)).toBe(false);
    expect(needsFollowup(answer('R', 'csi', 1, [1, 10], 1), 4)).toBe(false);
    expect(needsFollowup(answer('R', 'csat', 0, [1, 5], 1), 4)).toBe(false);
    expect(needsFollowup({ ...answer('R', 'nps', 3, [0, 10], 1), valid: false }, 4)).toBe(false);
  });

  it('csatThreshold says the same in numbers', () => {
    expect(csatThreshold([1, 5], 4)).toBe(4);
    expect(csatThreshold([0, 10], 4)).toBe(7.5);
    expect(csatThreshold([1, 10], 4)).toBe(7.75);
  });
});

describe('selectFollowups: a hand-computed list', () => {
  // share of its scale = (score − min) / (max − min)
  const answers: RatedAnswer[] = [
    answer('R1', 'csat', 3, [1, 5], 5), // 0.5
    answer('R2', 'csat', 1, [1, 5], 3), // 0
    answer('R3', 'nps', 0, [0, 10], 2), // 0
    answer('R4', 'nps', 6, [0, 10], 1), // 0.6
    answer('R5', 'nps', 7, [0, 10], 1), // passive: no
    answer('R6', 'csat', 4, [1, 5], 1), // satisfied: no
    answer('R7', 'csat', 7, [0, 10], 4), // 0.7 (below 7.5)
    answer('R8', 'csat', 8, [0, 10], 4), // not below 7.5: no
    answer('R9', 'csat', 7, [1, 10], 6), // 6/9 = 0.667 (below 7.75)
    answer('R10', 'csat', 0, [1, 5], 1), // outside its scale, invalid: no
    answer('R11', 'anti-nps', 1, [1, 5], 1), // a custom index: no
    answer('R12', 'csat', 2, [1, 5], 7), // 0.25
    answer('R13', 'csat', 1, [1, 5], null), // 0, undated: after the dated ties
    answer('R14', 'csat', 2, [1, 10], 2), // 1/9 = 0.111
  ];

  it('worst first, then oldest (undated last)', () => {
    expect(ids(selectFollowups(answers, { below: 4, exclude: new Set() }))).toEqual([
      'R3', // 0, day 2
      'R2', // 0, day 3
      'R13', // 0, undated
      'R14', // 0.111
      'R12', // 0.25
      'R1', // 0.5
      'R4', // 0.6
      'R9', // 0.667
      'R7', // 0.7
    ]);
  });

  it('--below 2: CSAT 1 on 1–5, 0–2 on 0–10, 1–3 on 1–10, and every NPS detractor', () => {
    expect(ids(selectFollowups(answers, { below: 2, exclude: new Set() }))).toEqual(['R3', 'R2', 'R13', 'R14', 'R4']);
  });

  it('since a day (inclusive) and minus the answers called back already', () => {
    const selected = selectFollowups(answers, {
      below: 4,
      since: OCT + 3 * DAY,
      exclude: new Set(['R12', 'R1', 'R99']),
    });
    // R3, R14 (day 2) and R4 (day 1) are older; R12 and R1 were called back; R13 has no time and stays
    expect(ids(selected)).toEqual(['R2', 'R13', 'R9', 'R7']);
  });

  it('keeps the input order among equal answers, and never drops an answer without an id', () => {
    const twins = [
      answer('B', 'csat', 2, [1, 5], 1),
      answer('A', 'csat', 2, [1, 5], 1),
      { ...answer('x', 'nps', 2, [0, 10], 1), id: null },
    ];
    // NPS 2 is 0.2 of its scale, CSAT 2 of 1–5 is 0.25
    expect(ids(selectFollowups(twins, { below: 4, exclude: new Set(['']) }))).toEqual([null, 'B', 'A']);
  });

  it('an empty list gives an empty list', () => {
    expect(selectFollowups([], { below: 4, exclude: new Set() })).toEqual([]);
  });
});
