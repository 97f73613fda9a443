/** Types of bench/compare-reports.mjs (plain JS, so `npm test` runs it with no build step). */

export interface ReportComparison {
  /** figures (numbers, booleans, strings, nulls) compared */
  figures: number;
  /** groups compared: overall plus every byAgent, byChannel, byAgentChannel and bySegment row of either side */
  groups: number;
  /** one line per difference, `path: cs-kpi X vs duckdb Y` */
  differences: string[];
}

/** Compares a `cs-kpi report --format json` report with an oracle's figures in the same shape. */
export function compareReports(report: unknown, oracle: unknown): ReportComparison;
