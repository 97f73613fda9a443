/**
 * The shape every metric shares (STYLE §4.2): a streaming, mergeable accumulator whose `result()`
 * is null when it saw no data (SPEC §4: "No observations → null, never 0"), and the settings of
 * one reported month (SPEC §10 "Exact definitions and defaults").
 */

export interface Accumulator<TRecord, TResult> {
  add(record: TRecord): void;
  /** Adds everything `other` has seen; `other` is left as it was. */
  merge(other: this): void;
  result(): TResult | null;
}

export interface MetricSettings {
  /** the month's first instant, epoch ms (inclusive) */
  from: number;
  /** the next month's first instant, epoch ms (exclusive): SPEC §10 `period.to` */
  to: number;
  /** local dates */
  firstDay: string;
  nextMonthFirstDay: string;
  /** below this n a block is flagged low-confidence (SPEC §10 "Low confidence") */
  minSample: number;
  serviceLevelSeconds: number;
  /** first-response SLA target per channel, minutes; a channel without one has no SLA */
  firstResponseTargetsMinutes: Readonly<Record<string, number>>;
  /**
   * How time is measured between two instants: business time when config sets business hours
   * (SPEC §3), wall-clock time when absent. Used for the due rule and the oldest open ticket;
   * ticket durations arrive already measured the same way.
   */
  elapsedMs?: (from: number, to: number) => number;
}

/** SPEC §10 "First response": `email` 60, `web` 60, `chat` 2, `messenger` 2, `social` 2 minutes. */
export const DEFAULT_FIRST_RESPONSE_TARGETS: Readonly<Record<string, number>> = Object.freeze({
  email: 60,
  web: 60,
  chat: 2,
  messenger: 2,
  social: 2,
});

/** SPEC §4: a value from fewer observations is flagged low-confidence. */
export const DEFAULT_MIN_SAMPLE = 30;

/** SPEC §4.3: service level = answered within this many seconds. */
export const DEFAULT_SERVICE_LEVEL_SECONDS = 20;

/** SPEC §10 "Calls": a missed call counts as called back within this many minutes (`sla.callbackMinutes`). */
export const DEFAULT_CALLBACK_MINUTES = 30;
