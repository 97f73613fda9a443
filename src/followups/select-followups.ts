/**
 * The answers to call back (SPEC §10 "Follow-ups", "Surveys, more"): valid CSAT answers below
 * `below` — on 1–5 a score under `below` (default 4: 1–3), on another scale a score under
 * `min + (below − 1) / 4 × (max − min)` — and NPS detractors (0–6) whatever `below` is. Answers
 * of custom indices (anti-NPS, CSI) are not follow-ups: their "bad" box is the index's own
 * definition, not a call-back rule. With `since`, only answers given at or after it; an answer
 * without a time (a snapshot file's, or one placed in the month by its contact) cannot be shown
 * to be older and stays. Answers whose id is in `exclude` (called back already) are left out.
 * Sorted worst first — by the score's share of its scale, `(score − min) / (max − min)` — then
 * oldest first, undated last; the input order breaks the remaining ties.
 */
import type { AnswerVerdict, RatedAnswer } from '../metrics/scorecard.js';

export const DEFAULT_BELOW = 4;
/** NPS detractors are 0–6 (SPEC §4.1). */
export const NPS_DETRACTOR_MAX = 6;

export interface FollowupSelection {
  /** the CSAT threshold on a 1–5 scale; default `DEFAULT_BELOW` */
  below: number;
  /** epoch ms: only answers given at or after it */
  since?: number;
  /** answer ids already called back */
  exclude: ReadonlySet<string>;
}

export function selectFollowups(answers: readonly RatedAnswer[], options: FollowupSelection): RatedAnswer[] {
  const { below, since, exclude } = options;
  return answers
    .filter(
      (answer) =>
        needsFollowup(answer, below) &&
        (since === undefined || answer.answeredAt === null || answer.answeredAt >= since) &&
        (answer.id === null || !exclude.has(answer.id)),
    )
    .map((answer, order) => ({ answer, order, share: shareOfScale(answer) }))
    .sort((a, b) => a.share - b.share || compareTimes(a.answer.answeredAt, b.answer.answeredAt) || a.order - b.order)
    .map(({ answer }) => answer);
}

/** A valid CSAT answer below the threshold, or a valid NPS detractor. */
export function needsFollowup(answer: AnswerVerdict, below: number): boolean {
  if (!answer.valid) return false;
  if (answer.survey === 'nps') return answer.score <= NPS_DETRACTOR_MAX;
  if (answer.survey !== 'csat') return false;
  const [min, max] = answer.scale;
  // score < min + (below − 1) / 4 × (max − min), multiplied out so 1–5 compares exactly
  return (answer.score - min) * 4 < (below - 1) * (max - min);
}

/** The CSAT threshold on a scale, for people: scores below it are follow-ups. */
export function csatThreshold(scale: readonly [number, number], below: number): number {
  const [min, max] = scale;
  return min + ((below - 1) / 4) * (max - min);
}

function shareOfScale(answer: RatedAnswer): number {
  const [min, max] = answer.scale;
  return max === min ? 0 : (answer.score - min) / (max - min);
}

function compareTimes(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a - b;
}
