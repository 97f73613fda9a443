/**
 * CSAT (SPEC §4.4, §7 `csat`, §10 "NPS / CSAT" and "Surveys, more"): answers of kind `csat` given
 * in the month, plus ratings embedded in calls and tickets. Scales 1–5 (the default), 0–10, 1–10
 * and good/bad (good = 1, bad = 0). Satisfied = 4–5 on 1–5, 9–10 on 0–10 and 1–10, good on
 * good/bad. `percent = 100 × satisfied / n`; `ci95` is the Wilson interval of that share in percent
 * (./confidence.ts). `mean` is on the answers' own scale when the group has one scale (on good/bad
 * that is the share of `good`, 0–1), and on 1–5 when the group mixes scales, each answer mapped
 * linearly: 0–10 → 1 + 4·s/10, 1–10 → 1 + 4·(s − 1)/9, good/bad → 5 / 1. No answers → null.
 */
import type { Accumulator, MetricSettings } from './accumulator.js';
import { DEFAULT_MIN_SAMPLE } from './accumulator.js';
import { isLowConfidence, wilsonInterval } from './confidence.js';

export type CsatScale = '1-5' | '0-10' | '1-10' | 'good-bad';

export const CSAT_SCALES: readonly CsatScale[] = ['1-5', '0-10', '1-10', 'good-bad'];

const RANGES: Readonly<Record<CsatScale, readonly [number, number]>> = {
  '1-5': [1, 5],
  '0-10': [0, 10],
  '1-10': [1, 10],
  'good-bad': [0, 1],
};

/** The lowest and highest score of a scale (good/bad: bad = 0, good = 1). */
export function csatScaleRange(scale: CsatScale): readonly [number, number] {
  return RANGES[scale];
}

/** Whether `score` is a whole number on `scale`. */
export function isOnCsatScale(score: number, scale: CsatScale): boolean {
  const [min, max] = RANGES[scale];
  return Number.isInteger(score) && score >= min && score <= max;
}

/**
 * The scale a score is read on: the declared one, or, for a lone score, the smallest that holds
 * it (1–5 → `1-5`, 0 → `0-10`, 6–10 → `1-10`). Null when the score is not a whole number on that
 * scale: a data-quality issue, never clamped (SPEC §10 "Survey kind").
 */
export function csatScaleOf(score: number, declared?: CsatScale): CsatScale | null {
  const scale = declared ?? (score === 0 ? '0-10' : score > 5 ? '1-10' : '1-5');
  return isOnCsatScale(score, scale) ? scale : null;
}

/** Satisfied: 4–5 on 1–5, 9–10 on 0–10 and 1–10, good (1) on good/bad. */
export function isCsatSatisfied(score: number, scale: CsatScale): boolean {
  switch (scale) {
    case '1-5':
      return score >= 4;
    case '0-10':
    case '1-10':
      return score >= 9;
    case 'good-bad':
      return score === 1;
  }
}

/** Σ of n answers summing to `sum` on `scale`, each mapped linearly onto 1–5. */
export function csatFivePointSum(scale: CsatScale, n: number, sum: number): number {
  switch (scale) {
    case '1-5':
      return sum;
    case '0-10':
      return n + (4 * sum) / 10;
    case '1-10':
      return n + (4 * (sum - n)) / 9;
    case 'good-bad':
      return n + 4 * sum;
  }
}

/** One answer mapped linearly onto 1–5 (for a group that mixes scales). */
export function csatToFivePoint(score: number, scale: CsatScale): number {
  return csatFivePointSum(scale, 1, score);
}

export interface CsatCounts {
  n: number;
  satisfied: number;
  /** Σ scores, on the scale the mean is reported on */
  sum: number;
}

export interface CsatFigures {
  n: number;
  satisfied: number;
  percent: number | null;
  mean: number | null;
  ci95: [number, number] | null;
}

/** CSAT %, mean and Wilson interval from counts; nulls when n = 0. */
export function csatFromCounts({ n, satisfied, sum }: CsatCounts): CsatFigures {
  return {
    n,
    satisfied,
    percent: n === 0 ? null : (100 * satisfied) / n,
    mean: n === 0 ? null : sum / n,
    ci95: wilsonInterval(satisfied, n),
  };
}

export interface CsatResult {
  n: number;
  satisfied: number;
  percent: number;
  mean: number;
  ci95: [number, number];
  lowConfidence: boolean;
}

interface ScaleTally {
  n: number;
  satisfied: number;
  sum: number;
}

export class CsatAccumulator implements Accumulator<number, CsatResult> {
  private readonly tallies: Record<CsatScale, ScaleTally> = {
    '1-5': { n: 0, satisfied: 0, sum: 0 },
    '0-10': { n: 0, satisfied: 0, sum: 0 },
    '1-10': { n: 0, satisfied: 0, sum: 0 },
    'good-bad': { n: 0, satisfied: 0, sum: 0 },
  };

  /** Only `minSample` is read; without settings it is the default 30. */
  constructor(private readonly settings: Pick<MetricSettings, 'minSample'> = { minSample: DEFAULT_MIN_SAMPLE }) {}

  /**
   * Adds one answer on its scale (default 1–5). The caller validates first: a score that is not a
   * whole number on its scale throws, because counting it would give a wrong number.
   */
  add(score: number, scale: CsatScale = '1-5'): void {
    if (!isOnCsatScale(score, scale)) throw new RangeError(`CSAT score ${score} is not on the ${scale} scale`);
    const tally = this.tallies[scale];
    tally.n += 1;
    tally.sum += score;
    if (isCsatSatisfied(score, scale)) tally.satisfied += 1;
  }

  merge(other: this): void {
    for (const scale of CSAT_SCALES) {
      const tally = this.tallies[scale];
      const theirs = other.tallies[scale];
      tally.n += theirs.n;
      tally.satisfied += theirs.satisfied;
      tally.sum += theirs.sum;
    }
  }

  result(): CsatResult | null {
    const used = CSAT_SCALES.filter((scale) => this.tallies[scale].n > 0);
    let n = 0;
    let satisfied = 0;
    let sum = 0;
    for (const scale of used) {
      const tally = this.tallies[scale];
      n += tally.n;
      satisfied += tally.satisfied;
      sum += used.length === 1 ? tally.sum : csatFivePointSum(scale, tally.n, tally.sum);
    }
    const figures = csatFromCounts({ n, satisfied, sum });
    if (figures.percent === null || figures.mean === null || figures.ci95 === null) return null;
    return {
      n,
      satisfied,
      percent: figures.percent,
      mean: figures.mean,
      ci95: figures.ci95,
      lowConfidence: isLowConfidence(n, this.settings.minSample),
    };
  }
}
