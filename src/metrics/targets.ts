/**
 * Targets (SPEC §4 "Beside them", §10 "Targets"): a value against a config bound (`min` for
 * "at least", `max` for "at most", or both) is `met` or `missed`, compared at full precision with
 * inclusive bounds; `null` when there is no value or no bound.
 */

export type TargetVerdict = 'met' | 'missed';

export interface TargetBound {
  min?: number;
  max?: number;
}

export function evaluateTarget(value: number | null, bound: TargetBound | undefined): TargetVerdict | null {
  if (value === null || Number.isNaN(value) || bound === undefined) return null;
  const { min, max } = bound;
  if (min === undefined && max === undefined) return null;
  const met = (min === undefined || value >= min) && (max === undefined || value <= max);
  return met ? 'met' : 'missed';
}
