/**
 * Reviewer agreement (SPEC §7 `qa.agreement`, §10 "IQS" and "Agreement, more"): how alike two QA
 * reviewers judge the same contact.
 * - Shared contacts: contacts reviewed by two or more different reviewers (names trimmed and
 *   compared case-insensitively, shown as first written). A review without a reviewer takes no
 *   part; a reviewer's second review of one contact is left out (their first one counts).
 * - For each pair of reviewers, the compared items are the (contact, criterion) pairs of their
 *   shared contacts that both rated (not N/A). `identicalPercent` = 100 × identical verdicts /
 *   items; `kappa` is Cohen's κ with the verdict values as categories (`cohensKappa`): the raw
 *   values, so in the pooled κ a pass (1) and a 1 on a 1–5 scale are one category.
 * - `overall` pools every criterion, `byCriterion.<id>` one criterion. With more than two
 *   reviewers each figure is the mean over the reviewer pairs, each pair weighted equally
 *   whatever its number of items; a pair with no items (or, for κ, with κ null) is left out of that
 *   mean, and a mean over no pair is null. `pairs` = items compared, summed over reviewer pairs.
 *   A criterion no reviewer pair compared is not listed.
 * - `byReviewer` (by name, case-insensitively): `reviews` = the reviewer's reviews of shared contacts (one per contact);
 *   `meanDeviation` = the mean over those contacts of |their score − the other reviewers' mean
 *   score|, reviews without a score (every criterion N/A) left out; null when no contact is left.
 * No shared contact → null.
 */

/** One review as agreement reads it: the score and verdicts of `scoreReview` (./iqs.ts). */
export interface AgreementReview {
  contactId: string;
  reviewer: string | null;
  /** 0–100, or null when the review was skipped (every criterion N/A) */
  score: number | null;
  /** verdict per criterion id; null = N/A */
  verdicts: Readonly<Record<string, number | null>>;
}

export interface AgreementFigures {
  /** (contact, criterion) items compared, summed over reviewer pairs */
  pairs: number;
  /** null when no item was compared */
  identicalPercent: number | null;
  /** null when no reviewer pair has a κ (no items, or expected agreement 1) */
  kappa: number | null;
}

export interface ReviewerDeviation {
  reviewer: string;
  reviews: number;
  meanDeviation: number | null;
}

export interface AgreementResult extends AgreementFigures {
  byCriterion: Record<string, AgreementFigures>;
  byReviewer: ReviewerDeviation[];
}

/** Two raters' verdicts on one item: [first rater, second rater]. */
export type RatedPair = readonly [number, number];

/**
 * Cohen's κ = `(pₒ − pₑ) / (1 − pₑ)`, pₒ the share of identical pairs, pₑ = Σₖ aₖ·bₖ / n² with aₖ
 * and bₖ how often each rater gave category k (every distinct value is a category). Null when
 * there is no pair or pₑ = 1 (both raters always gave one and the same value); pₑ is tested in
 * whole numbers (Σ aₖ·bₖ = n²), so that case is exact.
 */
export function cohensKappa(pairs: readonly RatedPair[]): number | null {
  const n = pairs.length;
  if (n === 0) return null;
  const first = new Map<number, number>();
  const second = new Map<number, number>();
  let identical = 0;
  for (const [a, b] of pairs) {
    if (a === b) identical += 1;
    first.set(a, (first.get(a) ?? 0) + 1);
    second.set(b, (second.get(b) ?? 0) + 1);
  }
  let chance = 0;
  for (const [category, count] of first) chance += count * (second.get(category) ?? 0);
  if (chance === n * n) return null;
  return (identical * n - chance) / (n * n - chance);
}

/** 100 × identical pairs / pairs; null when there is none. */
export function identicalPercent(pairs: readonly RatedPair[]): number | null {
  if (pairs.length === 0) return null;
  return (100 * pairs.filter(([a, b]) => a === b).length) / pairs.length;
}

/** The mean of the non-null values, each weighted equally; null when there is none. */
function meanOf(values: readonly (number | null)[]): number | null {
  const present = values.filter((value): value is number => value !== null);
  return present.length === 0 ? null : present.reduce((sum, value) => sum + value, 0) / present.length;
}

/** One figure from the items of each reviewer pair: items summed, percent and κ averaged over pairs. */
export function meanOverReviewerPairs(itemsPerReviewerPair: readonly (readonly RatedPair[])[]): AgreementFigures {
  const compared = itemsPerReviewerPair.filter((items) => items.length > 0);
  return {
    pairs: compared.reduce((sum, items) => sum + items.length, 0),
    identicalPercent: meanOf(compared.map(identicalPercent)),
    kappa: meanOf(compared.map(cohensKappa)),
  };
}

interface ReviewerReview {
  key: string;
  score: number | null;
  verdicts: Readonly<Record<string, number | null>>;
}

interface ReviewerPairItems {
  overall: RatedPair[];
  byCriterion: Map<string, RatedPair[]>;
}

/** Reviewer agreement over the reviews of a month (see the file comment); null without a shared contact. */
export function computeAgreement(reviews: readonly AgreementReview[]): AgreementResult | null {
  const names = new Map<string, string>();
  const byContact = new Map<string, Map<string, ReviewerReview>>();
  for (const review of reviews) {
    const name = review.reviewer?.trim() ?? '';
    if (name === '') continue;
    const key = name.toLowerCase();
    if (!names.has(key)) names.set(key, name);
    let contact = byContact.get(review.contactId);
    if (contact === undefined) {
      contact = new Map();
      byContact.set(review.contactId, contact);
    }
    if (!contact.has(key)) contact.set(key, { key, score: review.score, verdicts: review.verdicts });
  }
  const shared = [...byContact.values()]
    .filter((contact) => contact.size >= 2)
    .map((contact) => [...contact.values()].sort((a, b) => compareText(a.key, b.key)));
  if (shared.length === 0) return null;

  // Items per reviewer pair, keyed by the two reviewer keys in order.
  const reviewerPairs = new Map<string, Map<string, ReviewerPairItems>>();
  const criterionIds = new Set<string>();
  for (const contact of shared) {
    for (let i = 0; i < contact.length; i += 1) {
      for (let j = i + 1; j < contact.length; j += 1) {
        const a = contact[i];
        const b = contact[j];
        if (a === undefined || b === undefined) continue;
        const items = itemsOf(reviewerPairs, a.key, b.key);
        for (const [id, first] of Object.entries(a.verdicts)) {
          const second = Object.hasOwn(b.verdicts, id) ? b.verdicts[id] : null;
          if (first === null || second === null || second === undefined) continue;
          items.overall.push([first, second]);
          let perCriterion = items.byCriterion.get(id);
          if (perCriterion === undefined) {
            perCriterion = [];
            items.byCriterion.set(id, perCriterion);
          }
          perCriterion.push([first, second]);
          criterionIds.add(id);
        }
      }
    }
  }
  const allPairs = [...reviewerPairs.values()].flatMap((inner) => [...inner.values()]);
  const overall = meanOverReviewerPairs(allPairs.map((items) => items.overall));
  const byCriterion = [...criterionIds]
    .sort(compareText)
    .map((id) => [id, meanOverReviewerPairs(allPairs.map((items) => items.byCriterion.get(id) ?? []))] as const);

  return {
    ...overall,
    // fromEntries defines own properties, so an id such as `__proto__` stays an ordinary key.
    byCriterion: Object.fromEntries(byCriterion),
    byReviewer: reviewerDeviations(shared, names),
  };
}

function itemsOf(
  reviewerPairs: Map<string, Map<string, ReviewerPairItems>>,
  first: string,
  second: string,
): ReviewerPairItems {
  let inner = reviewerPairs.get(first);
  if (inner === undefined) {
    inner = new Map();
    reviewerPairs.set(first, inner);
  }
  let items = inner.get(second);
  if (items === undefined) {
    items = { overall: [], byCriterion: new Map() };
    inner.set(second, items);
  }
  return items;
}

/** §10 "Agreement, more": each reviewer's mean |score − the other reviewers' mean score| over shared contacts. */
function reviewerDeviations(
  shared: readonly ReviewerReview[][],
  names: ReadonlyMap<string, string>,
): ReviewerDeviation[] {
  const tallies = new Map<string, { reviews: number; deviations: number[] }>();
  for (const contact of shared) {
    for (const review of contact) {
      let tally = tallies.get(review.key);
      if (tally === undefined) {
        tally = { reviews: 0, deviations: [] };
        tallies.set(review.key, tally);
      }
      tally.reviews += 1;
      if (review.score === null) continue;
      const others = meanOf(contact.filter((other) => other !== review).map((other) => other.score));
      if (others !== null) tally.deviations.push(Math.abs(review.score - others));
    }
  }
  return [...tallies]
    .sort(([a], [b]) => compareText(a, b))
    .map(([key, { reviews, deviations }]) => ({
      reviewer: names.get(key) ?? key,
      reviews,
      meanDeviation: meanOf(deviations),
    }));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
