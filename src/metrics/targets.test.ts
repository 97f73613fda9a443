import { describe, expect, it } from 'vitest';
import { evaluateTarget, type TargetBound } from './targets.js';

describe('evaluateTarget', () => {
  it.each<[string, number | null, TargetBound | undefined, 'met' | 'missed' | null]>([
    ['no value', null, { min: 90 }, null],
    ['no bound', 95, undefined, null],
    ['an empty bound', 95, {}, null],
    ['CSAT ≥ 90 at exactly 90', 90, { min: 90 }, 'met'],
    ['CSAT ≥ 90 just below, full precision', 89.99999999, { min: 90 }, 'missed'],
    ['CSAT ≥ 90 above', 97.5, { min: 90 }, 'met'],
    ['churn ≤ 3 at exactly 3', 3, { max: 3 }, 'met'],
    ['churn ≤ 3 just above', 3.0000001, { max: 3 }, 'missed'],
    ['NPS ≥ 50 with a negative score', -12, { min: 50 }, 'missed'],
    ['both bounds, inside', 5, { min: 0, max: 10 }, 'met'],
    ['both bounds, on the upper', 10, { min: 0, max: 10 }, 'met'],
    ['both bounds, below', -1, { min: 0, max: 10 }, 'missed'],
    ['zero value meets a zero max', 0, { max: 0 }, 'met'],
    ['NaN is no value', Number.NaN, { min: 0 }, null],
  ])('%s', (_name, value, bound, expected) => {
    expect(evaluateTarget(value, bound)).toBe(expected);
  });
});
