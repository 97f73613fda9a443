/**
 * Value parsers return the value, `null` for a missing value, or a `ParseProblem` naming what is
 * wrong (it becomes a data-quality issue). No exceptions on the hot path.
 */
export class ParseProblem {
  constructor(readonly problem: string) {}
}

export function isProblem(value: unknown): value is ParseProblem {
  return value instanceof ParseProblem;
}
