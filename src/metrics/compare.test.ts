import { describe, expect, it } from 'vitest';
import { compareBlocks, compareGroups, compareScorecards } from './compare.js';

describe('compare', () => {
  it('gives previous values and deltas of every numeric field; nulls give a null delta', () => {
    expect(
      compareBlocks(
        { n: 40, score: 30, marginOfError: null, lowConfidence: false },
        { n: 50, score: 35.5, marginOfError: 12, lowConfidence: false },
      ),
    ).toEqual({
      n: { previous: 50, delta: -10 },
      score: { previous: 35.5, delta: -5.5 },
      marginOfError: { previous: 12, delta: null },
    });
  });

  it('marks deltas of a low-confidence block, and handles a block missing in one month', () => {
    expect(compareBlocks({ n: 10, score: 20, lowConfidence: true }, null)).toEqual({
      n: { previous: null, delta: null, lowConfidence: true },
      score: { previous: null, delta: null, lowConfidence: true },
    });
    expect(compareBlocks(null, { n: 3, lowConfidence: false })).toEqual({ n: { previous: 3, delta: null } });
    expect(compareBlocks(null, undefined)).toBeNull();
  });

  it('skips arrays, booleans and text; compares scorecards block by block and groups by key', () => {
    const current = {
      volume: { calls: 10, contacts: 12 },
      csat: { n: 30, percent: 80, ci95: [70, 88], lowConfidence: false },
      iqs: null,
    };
    const previous = {
      volume: { calls: 8, contacts: 8 },
      csat: { n: 30, percent: 75, ci95: [65, 84], lowConfidence: false },
      iqs: null,
    };
    expect(compareScorecards(current, previous)).toEqual({
      volume: { calls: { previous: 8, delta: 2 }, contacts: { previous: 8, delta: 4 } },
      csat: { n: { previous: 30, delta: 0 }, percent: { previous: 75, delta: 5 } },
    });
    const rows = compareGroups(
      'agent',
      [
        { agent: 'Anna', ...current },
        { agent: 'Boris', ...current },
      ],
      [{ agent: 'Anna', ...previous }],
    );
    expect(rows.map((row) => [row.agent, row.volume?.calls])).toEqual([
      ['Anna', { previous: 8, delta: 2 }],
      ['Boris', { previous: null, delta: null }],
    ]);
  });
});
