/**
 * Uncertainty of the survey metrics (SPEC §4.1, §4.4, §10):
 * - the Wilson score interval for a proportion, z = 1.96, no continuity correction, in percent:
 *   `(p̂ + z²/2n ± z·sqrt(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n)`, with p̂ = successes / n
 *   (Wilson 1927; the form in Agresti & Coull 1998, "Approximate is better than exact");
 * - the NPS 95% margin of error `1.96 × 100 × sqrt((p + d − (p − d)²) / n)`, p and d the promoter
 *   and detractor shares;
 * - low confidence: n below `minSample` (SPEC §4, §10 "Low confidence").
 */

const Z_95 = 1.96;

/** The Wilson score interval of `successes / n` in percent; null when n = 0. Exact at 0 % and 100 %. */
export function wilsonInterval(successes: number, n: number, z = Z_95): [number, number] | null {
  if (n === 0) return null;
  const share = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (share + z2 / (2 * n)) / denominator;
  const halfWidth = (z / denominator) * Math.sqrt((share * (1 - share)) / n + z2 / (4 * n * n));
  // At 0 and n successes one bound is exactly 0 or 1; floating point would leave a ±1e-17 residue.
  const lower = successes === 0 ? 0 : Math.max(0, centre - halfWidth);
  const upper = successes === n ? 1 : Math.min(1, centre + halfWidth);
  return [100 * lower, 100 * upper];
}

/** The NPS margin of error (95 %), in NPS points; null when n = 0. */
export function npsMarginOfError(promoters: number, detractors: number, n: number): number | null {
  if (n === 0) return null;
  const p = promoters / n;
  const d = detractors / n;
  // p + d − (p − d)² ≥ 0 in exact arithmetic; clamp the floating-point residue of the all-promoter case.
  const variance = Math.max(0, p + d - (p - d) ** 2);
  return Z_95 * 100 * Math.sqrt(variance / n);
}

/** SPEC §10: a block is low-confidence when its n is below `minSample`. */
export function isLowConfidence(n: number, minSample: number): boolean {
  return n < minSample;
}
