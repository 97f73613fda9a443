/**
 * IQS, the internal quality score (SPEC §4.5, §7 `iqs`, §10 "IQS", §11 `qa.criteria`): QA reviews
 * scored on criteria that each have a weight, a scale (pass/fail, or whole numbers [min, max]) and
 * may be critical.
 * - A cell is read by `parseVerdict`: pass/fail cells take pass/fail, yes/no, y/n, да/нет, 1/0,
 *   true/false, ✓/✗ (✔ ✅ ☑ / ✘ ❌ ☒) → 1 / 0; scale cells a whole number inside the scale (`4.0` is 4);
 *   `n/a`, `na`, `н/д`, `-`, `–`, `—`, `null` and empty are N/A; anything else is a problem and counts
 *   as N/A.
 * - A review's score = `100 × Σ wᵢ·(sᵢ − minᵢ)/(maxᵢ − minᵢ) / Σ wᵢ` over its criteria not N/A
 *   (pass = 1, fail = 0); every criterion N/A → no score (the review is skipped); a critical
 *   criterion at its lowest value (fail, or the scale's min) makes the score 0 (`criticalFail`).
 * - IQS = the mean score of the scored reviews, 0–100; every review counts (two reviewers of one
 *   contact give two reviews). `criticalFails` counts reviews with a failed critical criterion.
 * - Per criterion (`criteria.<id>`): `rated` = reviews where it was not N/A; `passPercent` =
 *   100 × reviews at the criterion's top value (pass on pass/fail, the scale's max on a scale) /
 *   rated; `meanScore` = the mean verdict on the criterion's own scale (1/0 on pass/fail, so there
 *   it is the pass share 0–1; 1–5 on a 1–5 scale); both null when rated = 0.
 * Low confidence when reviews < minSample. No scored review → null.
 */
import type { Accumulator, MetricSettings } from './accumulator.js';
import { DEFAULT_MIN_SAMPLE } from './accumulator.js';
import { isLowConfidence } from './confidence.js';

/** [min, max] whole numbers, or null for pass/fail (pass = 1, fail = 0). */
export type CriterionScale = readonly [number, number] | null;

/** What the IQS needs to know of a configured criterion (SPEC §11 `qa.criteria`). */
export interface CriterionSpec {
  id: string;
  weight: number;
  scale: readonly [number, number] | null /* null = pass/fail */;
  critical: boolean;
}

export type Verdict = { value: number | null } | { problem: string };

const NOT_APPLICABLE = new Set(['', 'n/a', 'na', 'н/д', '-', '–', '—', 'null']);
const PASS = new Set(['pass', 'passed', 'yes', 'y', 'да', 'true', '1', '✓', '✔', '✅', '☑']);
const FAIL = new Set(['fail', 'failed', 'no', 'n', 'нет', 'false', '0', '✗', '✘', '❌', '☒']);
/** A plain decimal number, decimal point or comma (`4`, `4.0`, `4,0`); no exponents, no hex. */
const DECIMAL = /^[+-]?\d+(?:[.,]\d+)?$/;

/** The lowest and highest value of a criterion's scale; pass/fail is [0, 1]. */
export function scaleRange(scale: CriterionScale): readonly [number, number] {
  return scale ?? [0, 1];
}

/**
 * One form cell read on a criterion's scale: `{ value }` (null = N/A) or `{ problem }` in words,
 * worded to follow "<criterion> …": `not pass/fail`, `outside the 1–5 scale`, `not a whole number
 * on the 1–5 scale`. Case-insensitive, trimmed.
 */
export function parseVerdict(raw: string, scale: CriterionScale): Verdict {
  // U+FE0F (emoji presentation) turns ✔ into ✔️ in some spreadsheets; it carries no meaning here.
  const text = raw
    .replace(/\uFE0F/g, '')
    .trim()
    .toLowerCase();
  if (NOT_APPLICABLE.has(text)) return { value: null };
  const number = DECIMAL.test(text) ? Number(text.replace(',', '.')) : null;
  if (scale === null) {
    if (PASS.has(text) || number === 1) return { value: 1 };
    if (FAIL.has(text) || number === 0) return { value: 0 };
    return { problem: 'not pass/fail' };
  }
  const [min, max] = scale;
  if (number === null || !Number.isInteger(number)) return { problem: `not a whole number on the ${min}–${max} scale` };
  if (number < min || number > max) return { problem: `outside the ${min}–${max} scale` };
  // `-0` would print as 0 but is not `Object.is` 0.
  return { value: number === 0 ? 0 : number };
}

/**
 * What is wrong with a criterion for scoring, or null: the weight must be a positive finite
 * number and a scale two whole numbers with min < max (SPEC §11; config validation refuses both).
 */
export function criterionSpecProblem(criterion: CriterionSpec): string | null {
  if (!Number.isFinite(criterion.weight) || criterion.weight <= 0) return `weight ${criterion.weight} is not positive`;
  if (criterion.scale !== null) {
    const [min, max] = criterion.scale;
    if (!Number.isInteger(min) || !Number.isInteger(max) || min >= max) {
      return `scale ${min}–${max} is not two whole numbers, lowest first`;
    }
  }
  return null;
}

/** A verdict's share of its criterion: `(s − min) / (max − min)`, 0–1 (pass = 1, fail = 0). */
export function criterionShare(value: number, scale: CriterionScale): number {
  const [min, max] = scaleRange(scale);
  return (value - min) / (max - min);
}

/** Whether a verdict is the criterion's lowest value: fail, or the scale's min (a critical fail when critical). */
export function isLowestValue(value: number, scale: CriterionScale): boolean {
  return value === scaleRange(scale)[0];
}

/** Whether a verdict is the criterion's top value: pass, or the scale's max (`passPercent`). */
export function isTopValue(value: number, scale: CriterionScale): boolean {
  return value === scaleRange(scale)[1];
}

export interface VerdictProblem {
  /** the criterion id */
  criterion: string;
  /** the cell as written */
  value: string;
  problem: string;
}

export interface ReviewScore {
  /** 0–100; null when every criterion is N/A (the review is skipped) */
  score: number | null;
  criticalFail: boolean;
  /** each listed criterion's verdict: 1/0 on pass/fail, the scale value otherwise; null = N/A or invalid */
  verdicts: Record<string, number | null>;
  /** invalid cells, counted as N/A */
  problems: VerdictProblem[];
}

/**
 * Scores one review on `criteria` (the ones that apply to the contact's channel; other cells of
 * `scores` are ignored, a criterion without a cell is N/A). Throws on a criterion
 * `criterionSpecProblem` refuses (validate config first).
 */
export function scoreReview(scores: Readonly<Record<string, string>>, criteria: readonly CriterionSpec[]): ReviewScore {
  const verdicts = new Map<string, number | null>();
  const problems: VerdictProblem[] = [];
  let weighted = 0;
  let weights = 0;
  let criticalFail = false;
  for (const criterion of criteria) {
    const specProblem = criterionSpecProblem(criterion);
    if (specProblem !== null) throw new RangeError(`criterion ${criterion.id}: ${specProblem}`);
    // Only the cells' own keys: a criterion named `constructor` must not read Object.prototype.
    const raw = Object.hasOwn(scores, criterion.id) ? (scores[criterion.id] ?? '') : '';
    const verdict = parseVerdict(raw, criterion.scale);
    if ('problem' in verdict) {
      problems.push({ criterion: criterion.id, value: raw, problem: verdict.problem });
      verdicts.set(criterion.id, null);
      continue;
    }
    verdicts.set(criterion.id, verdict.value);
    if (verdict.value === null) continue;
    weighted += criterion.weight * criterionShare(verdict.value, criterion.scale);
    weights += criterion.weight;
    if (criterion.critical && isLowestValue(verdict.value, criterion.scale)) criticalFail = true;
  }
  const score = criticalFail ? 0 : weights === 0 ? null : (100 * weighted) / weights;
  // fromEntries defines own properties, so an id such as `__proto__` stays an ordinary key.
  return { score, criticalFail, verdicts: Object.fromEntries(verdicts), problems };
}

/** A scored review as the accumulator takes it (reviews whose score is null are skipped before). */
export interface ScoredReview {
  /** 0–100 */
  score: number;
  criticalFail: boolean;
  verdicts: Readonly<Record<string, number | null>>;
  /** each verdict's criterion scale; a criterion missing here is read as pass/fail */
  scales: Readonly<Record<string, CriterionScale>>;
}

export interface IqsCriterionResult {
  /** reviews where the criterion was not N/A */
  rated: number;
  /** 100 × reviews at the top value (pass, or the scale's max) / rated; null when rated = 0 */
  passPercent: number | null;
  /** mean verdict on the criterion's own scale (1/0 on pass/fail); null when rated = 0 */
  meanScore: number | null;
}

export interface IqsResult {
  reviews: number;
  score: number;
  criticalFails: number;
  criteria: Record<string, IqsCriterionResult>;
  lowConfidence: boolean;
}

export interface IqsSettings extends Pick<MetricSettings, 'minSample'> {
  /**
   * The order of `criteria` in the result (config order); ids not listed follow, by id. Without
   * it every id is in code-unit order, so the result never depends on the order of the reviews.
   */
  criterionOrder?: readonly string[];
}

/** What the accumulator keeps per criterion: reviews rated, at the top value, and Σ verdicts. */
export interface CriterionTally {
  rated: number;
  top: number;
  sum: number;
}

/** The §7 `criteria.<id>` figures of a tally. */
export function criterionFigures({ rated, top, sum }: CriterionTally): IqsCriterionResult {
  return {
    rated,
    passPercent: rated === 0 ? null : (100 * top) / rated,
    meanScore: rated === 0 ? null : sum / rated,
  };
}

export class IqsAccumulator implements Accumulator<ScoredReview, IqsResult> {
  private reviews = 0;
  private scoreSum = 0;
  private criticalFails = 0;
  private readonly tallies = new Map<string, CriterionTally>();

  /** Without settings `minSample` is the default 30. */
  constructor(private readonly settings: IqsSettings = { minSample: DEFAULT_MIN_SAMPLE }) {}

  /** Adds one scored review (a review with every criterion N/A has no score and is not added). */
  add(review: ScoredReview): void {
    this.reviews += 1;
    this.scoreSum += review.score;
    if (review.criticalFail) this.criticalFails += 1;
    for (const [id, value] of Object.entries(review.verdicts)) {
      const tally = this.tally(id);
      if (value === null) continue;
      const scale = Object.hasOwn(review.scales, id) ? (review.scales[id] ?? null) : null;
      tally.rated += 1;
      tally.sum += value;
      if (isTopValue(value, scale)) tally.top += 1;
    }
  }

  merge(other: this): void {
    this.reviews += other.reviews;
    this.scoreSum += other.scoreSum;
    this.criticalFails += other.criticalFails;
    for (const [id, theirs] of other.tallies) {
      const tally = this.tally(id);
      tally.rated += theirs.rated;
      tally.top += theirs.top;
      tally.sum += theirs.sum;
    }
  }

  result(): IqsResult | null {
    if (this.reviews === 0) return null;
    return {
      reviews: this.reviews,
      score: this.scoreSum / this.reviews,
      criticalFails: this.criticalFails,
      criteria: Object.fromEntries(
        this.orderedIds().map((id) => [id, criterionFigures(this.tallies.get(id) ?? { rated: 0, top: 0, sum: 0 })]),
      ),
      lowConfidence: isLowConfidence(this.reviews, this.settings.minSample),
    };
  }

  private tally(id: string): CriterionTally {
    let tally = this.tallies.get(id);
    if (tally === undefined) {
      tally = { rated: 0, top: 0, sum: 0 };
      this.tallies.set(id, tally);
    }
    return tally;
  }

  private orderedIds(): string[] {
    const listed = (this.settings.criterionOrder ?? []).filter((id) => this.tallies.has(id));
    const listedSet = new Set(listed);
    const rest = [...this.tallies.keys()].filter((id) => !listedSet.has(id)).sort(compareText);
    return [...new Set(listed), ...rest];
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
