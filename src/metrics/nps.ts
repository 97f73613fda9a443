/**
 * NPS (SPEC §4.1, §7 `nps`, §10 "NPS / CSAT"): answers of kind `nps` given in the month, integer
 * scores 0–10. Promoters 9–10, passives 7–8, detractors 0–6.
 * `score = 100 × (promoters − detractors) / n`, −100…100; `marginOfError` is the 95 % margin
 * `1.96 × 100 × sqrt((p + d − (p − d)²) / n)` (./confidence.ts). Low confidence when n < minSample.
 * No answers → null.
 */
import type { Accumulator, MetricSettings } from './accumulator.js';
import { DEFAULT_MIN_SAMPLE } from './accumulator.js';
import { isLowConfidence, npsMarginOfError } from './confidence.js';

export interface NpsCounts {
  promoters: number;
  passives: number;
  detractors: number;
}

export interface NpsFigures extends NpsCounts {
  n: number;
  /** null when n = 0 */
  score: number | null;
  /** null when n = 0 */
  marginOfError: number | null;
}

export interface NpsResult extends NpsCounts {
  n: number;
  score: number;
  marginOfError: number;
  lowConfidence: boolean;
}

/** The NPS figures of a count of promoters, passives and detractors. */
export function npsFromCounts({ promoters, passives, detractors }: NpsCounts): NpsFigures {
  const n = promoters + passives + detractors;
  return {
    n,
    promoters,
    passives,
    detractors,
    score: n === 0 ? null : (100 * (promoters - detractors)) / n,
    marginOfError: npsMarginOfError(promoters, detractors, n),
  };
}

/** Which box an NPS answer falls in; throws on anything but an integer 0–10 (validate first). */
export function npsCategoryOf(score: number): keyof NpsCounts {
  if (!Number.isInteger(score) || score < 0 || score > 10) {
    throw new RangeError(`NPS score ${score} is not an integer 0–10`);
  }
  return score >= 9 ? 'promoters' : score >= 7 ? 'passives' : 'detractors';
}

export class NpsAccumulator implements Accumulator<number, NpsResult> {
  private readonly counts: NpsCounts = { promoters: 0, passives: 0, detractors: 0 };

  /** Only `minSample` is read; without settings it is the default 30. */
  constructor(private readonly settings: Pick<MetricSettings, 'minSample'> = { minSample: DEFAULT_MIN_SAMPLE }) {}

  /** Adds one answer: an integer 0–10, already validated by the caller (a score out of scale is a data-quality issue). */
  add(score: number): void {
    this.counts[npsCategoryOf(score)] += 1;
  }

  merge(other: this): void {
    this.counts.promoters += other.counts.promoters;
    this.counts.passives += other.counts.passives;
    this.counts.detractors += other.counts.detractors;
  }

  result(): NpsResult | null {
    const figures = npsFromCounts(this.counts);
    if (figures.score === null || figures.marginOfError === null) return null;
    return {
      n: figures.n,
      promoters: figures.promoters,
      passives: figures.passives,
      detractors: figures.detractors,
      score: figures.score,
      marginOfError: figures.marginOfError,
      lowConfidence: isLowConfidence(figures.n, this.settings.minSample),
    };
  }
}
