/**
 * Custom indices (SPEC §4.1 "Other indices", §7 `indices` and `loyalty`, §10 "Custom indices" and
 * "Index scores", §11 `indices`): answers whose `survey` value is an index's name, whole-number
 * scores on the index's integer `scale` [min, max]. `top` and `bottom` are inclusive boxes of the
 * scale; `n` answers, `top` / `bottom` the answers in each box, `sum` their total.
 * - `nps`: `score = 100 × (top − bottom) / n`, −100…100 (the "anti-NPS" on 1–5 with top 5 and
 *   bottom 1–3; a "smile index"); `mean` null.
 * - `csat`: `score = 100 × top / n` (top-box percent), `mean = sum / n` on the index's own scale.
 * - `ratio`: `score = top / bottom` (CSI = answers 8–10 / answers 1–3); null when no answer is in
 *   the bottom box; `mean` null.
 * - `mean`: `score = mean = sum / n`.
 * Without `top` / `bottom` in config the boxes come from the scale (`defaultBoxes`); `top` and
 * `bottom` are counted for every method, `mean` included. `nps` as an index name always means the
 * 0–10 NPS (`NPS_INDEX`). Low confidence when n < minSample. No answers → null.
 */
import type { Accumulator, MetricSettings } from './accumulator.js';
import { DEFAULT_MIN_SAMPLE } from './accumulator.js';
import { isLowConfidence } from './confidence.js';

export type IndexMethod = 'nps' | 'csat' | 'ratio' | 'mean';

export interface IndexDefinition {
  method: IndexMethod;
  /** the lowest and highest whole-number score */
  scale: readonly [number, number];
  /** inclusive; defaults from the scale (`defaultBoxes`) */
  top?: readonly [number, number];
  /** inclusive; defaults from the scale (`defaultBoxes`) */
  bottom?: readonly [number, number];
}

export interface IndexResult {
  method: IndexMethod;
  n: number;
  top: number;
  bottom: number;
  /** null for a `ratio` index without a bottom-box answer */
  score: number | null;
  /** the mean score for the `csat` and `mean` methods, null for `nps` and `ratio` */
  mean: number | null;
  lowConfidence: boolean;
}

/** SPEC §10: `nps` always means the 0–10 NPS — promoters 9–10, detractors 0–6. */
export const NPS_INDEX: IndexDefinition = Object.freeze({
  method: 'nps',
  scale: Object.freeze([0, 10] as const),
  top: Object.freeze([9, 10] as const),
  bottom: Object.freeze([0, 6] as const),
});

/** The name `nps` (any case) is the built-in NPS, whatever config declares under it. */
export function isNpsIndexName(name: string): boolean {
  return name.toLowerCase() === 'nps';
}

/** Whether [min, max] is a usable integer scale: whole numbers, min < max. */
function isIntegerScale([min, max]: readonly [number, number]): boolean {
  return Number.isInteger(min) && Number.isInteger(max) && min < max;
}

/**
 * The boxes an index uses when config gives no `top` / `bottom`, as whole scale points (a scale of
 * min…max has `max − min + 1` points); the top box is the highest k points, the bottom box the
 * lowest m points, k and m at least 1:
 * - `nps`: k = round(20 % of the points), m = round(60 %): 0–10 (11 points) → 9–10 / 0–6, the
 *   NPS itself; 1–5 → 5 / 1–3 (the anti-NPS of §11); 1–10 → 9–10 / 1–6; 1–7 → 7 / 1–4.
 * - `csat` and `mean`: k = m = round(40 %), the top-two / bottom-two box on 1–5 (4–5 / 1–2);
 *   0–10 → 7–10 / 0–3.
 * - `ratio`: k = m = round(a third): 1–10 → 8–10 / 1–3 (the CSI of §11); 0–10 → 7–10 / 0–3.
 * For a whole number of points none of these fractions ends in exactly .5, so the rounding has no
 * ties, and on a scale of two or more points the two boxes never overlap. Throws on a scale that
 * is not whole numbers with min < max (validate config first: `indexDefinitionProblem`).
 */
export function defaultBoxes(definition: Pick<IndexDefinition, 'method' | 'scale'>): {
  top: [number, number];
  bottom: [number, number];
} {
  const { method, scale } = definition;
  if (!isIntegerScale(scale)) throw new RangeError(`index scale ${scale[0]}–${scale[1]} is not a whole-number scale`);
  const [min, max] = scale;
  const points = max - min + 1;
  let topPoints: number;
  let bottomPoints: number;
  switch (method) {
    case 'nps':
      topPoints = Math.round(points / 5);
      bottomPoints = Math.round((3 * points) / 5);
      break;
    case 'csat':
    case 'mean':
      topPoints = Math.round((2 * points) / 5);
      bottomPoints = topPoints;
      break;
    case 'ratio':
      topPoints = Math.round(points / 3);
      bottomPoints = topPoints;
      break;
  }
  topPoints = Math.max(1, topPoints);
  bottomPoints = Math.max(1, Math.min(bottomPoints, points - topPoints));
  return { top: [max - topPoints + 1, max], bottom: [min, min + bottomPoints - 1] };
}

/** The boxes an index counts: the configured ones, each absent one from `defaultBoxes`. */
export function boxesOf(definition: IndexDefinition): { top: [number, number]; bottom: [number, number] } {
  const { top, bottom } = definition;
  if (top !== undefined && bottom !== undefined) return { top: [top[0], top[1]], bottom: [bottom[0], bottom[1]] };
  const defaults = defaultBoxes(definition);
  return {
    top: top === undefined ? defaults.top : [top[0], top[1]],
    bottom: bottom === undefined ? defaults.bottom : [bottom[0], bottom[1]],
  };
}

/**
 * What is wrong with an index definition, in words, or null: the scale must be whole numbers with
 * min < max; each box whole numbers, low ≤ high, inside the scale; the two boxes must not overlap
 * (an answer would count on both sides).
 */
export function indexDefinitionProblem(definition: IndexDefinition): string | null {
  const [min, max] = definition.scale;
  if (!isIntegerScale(definition.scale)) return `scale ${min}–${max} is not two different whole numbers, lowest first`;
  const { top, bottom } = boxesOf(definition);
  for (const [name, [low, high]] of [
    ['top', top],
    ['bottom', bottom],
  ] as const) {
    if (!Number.isInteger(low) || !Number.isInteger(high) || low > high) {
      return `${name} box ${low}–${high} is not two whole numbers, lowest first`;
    }
    if (low < min || high > max) return `${name} box ${low}–${high} is outside the ${min}–${max} scale`;
  }
  if (top[0] <= bottom[1] && bottom[0] <= top[1]) {
    return `top box ${top[0]}–${top[1]} and bottom box ${bottom[0]}–${bottom[1]} overlap`;
  }
  return null;
}

/**
 * The data-quality problem of one answer on an index's scale, or null when it is a whole number
 * on the scale (a score outside it is never clamped, SPEC §10 "Survey kind"; `4.5` on an integer
 * scale is an issue, "Surveys, more"). Worded to follow "<index> score …".
 */
export function validateIndexScore(score: number, definition: Pick<IndexDefinition, 'scale'>): string | null {
  const [min, max] = definition.scale;
  if (!Number.isInteger(score)) return `not a whole number on its ${min}–${max} scale`;
  if (score < min || score > max) return `outside its ${min}–${max} scale`;
  return null;
}

export interface IndexCounts {
  n: number;
  /** answers in the top box */
  top: number;
  /** answers in the bottom box */
  bottom: number;
  /** Σ scores */
  sum: number;
}

/** An index's score and mean from counts (see the file comment); both null when n = 0. */
export function indexScoreFromCounts(
  method: IndexMethod,
  { n, top, bottom, sum }: IndexCounts,
): { score: number | null; mean: number | null } {
  if (n === 0) return { score: null, mean: null };
  switch (method) {
    case 'nps':
      return { score: (100 * (top - bottom)) / n, mean: null };
    case 'csat':
      return { score: (100 * top) / n, mean: sum / n };
    case 'ratio':
      return { score: bottom === 0 ? null : top / bottom, mean: null };
    case 'mean':
      return { score: sum / n, mean: sum / n };
  }
}

function inBox(score: number, [low, high]: readonly [number, number]): boolean {
  return score >= low && score <= high;
}

export class IndexAccumulator implements Accumulator<number, IndexResult> {
  private readonly counts: IndexCounts = { n: 0, top: 0, bottom: 0, sum: 0 };
  private readonly top: readonly [number, number];
  private readonly bottom: readonly [number, number];

  /**
   * Only `minSample` is read; without settings it is the default 30. Throws on a definition
   * `indexDefinitionProblem` refuses (validate config first).
   */
  constructor(
    private readonly definition: IndexDefinition,
    private readonly settings: Pick<MetricSettings, 'minSample'> = { minSample: DEFAULT_MIN_SAMPLE },
  ) {
    const problem = indexDefinitionProblem(definition);
    if (problem !== null) throw new RangeError(`index definition: ${problem}`);
    const boxes = boxesOf(definition);
    this.top = boxes.top;
    this.bottom = boxes.bottom;
  }

  /**
   * Adds one answer, already validated by the caller (`validateIndexScore`): a score that is not a
   * whole number on the scale throws, because counting it would give a wrong number.
   */
  add(score: number): void {
    const problem = validateIndexScore(score, this.definition);
    if (problem !== null) throw new RangeError(`index score ${score} is ${problem}`);
    this.counts.n += 1;
    this.counts.sum += score;
    if (inBox(score, this.top)) this.counts.top += 1;
    if (inBox(score, this.bottom)) this.counts.bottom += 1;
  }

  /** Adds everything `other` (an accumulator of the same definition) has seen; `other` is left as it was. */
  merge(other: this): void {
    this.counts.n += other.counts.n;
    this.counts.top += other.counts.top;
    this.counts.bottom += other.counts.bottom;
    this.counts.sum += other.counts.sum;
  }

  result(): IndexResult | null {
    const { n, top, bottom } = this.counts;
    if (n === 0) return null;
    const { score, mean } = indexScoreFromCounts(this.definition.method, this.counts);
    return {
      method: this.definition.method,
      n,
      top,
      bottom,
      score,
      mean,
      lowConfidence: isLowConfidence(n, this.settings.minSample),
    };
  }
}

export interface LoyaltyResult {
  /** the index's name as in config, or `nps` */
  index: string;
  n: number;
  score: number | null;
  lowConfidence: boolean;
}

type LoyaltySource = Pick<IndexResult, 'n' | 'score' | 'lowConfidence'>;

/**
 * The `loyalty` block (SPEC §7, §10 "Custom indices"): the index `scorecard.loyalty` names
 * (default `nps`) in the scorecard's first slot. `nps` (any case) is the built-in NPS (an
 * `NpsResult` fits too); another name is looked up in `indices` exactly, else ignoring case (the
 * `survey` value matches index names case-insensitively). Null when that index has no answers, or
 * when no index has that name (config validation should refuse such a name).
 */
export function loyaltyOf(
  name: string,
  indices: Readonly<Record<string, LoyaltySource | null>>,
  nps: LoyaltySource | null,
): LoyaltyResult | null {
  if (isNpsIndexName(name)) return nps === null ? null : loyaltyBlock('nps', nps);
  const key = Object.hasOwn(indices, name)
    ? name
    : Object.keys(indices).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  const result = key === undefined ? undefined : indices[key];
  return key === undefined || result === undefined || result === null ? null : loyaltyBlock(key, result);
}

function loyaltyBlock(index: string, { n, score, lowConfidence }: LoyaltySource): LoyaltyResult {
  return { index, n, score, lowConfidence };
}
