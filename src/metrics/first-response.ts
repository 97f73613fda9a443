/**
 * First response time (SPEC §4.3, §7 `firstResponse`, §10 "First response"), over tickets created
 * in the month (the caller has already picked them). FRT = `firstResponseAt − createdAt`, or the
 * export's own FRT column (`Ticket.firstResponseMs`). `n` = tickets with an FRT; median, p90
 * (PERCENTILE.INC) and mean over them, in minutes at full precision.
 *
 * SLA: a ticket's target is its channel's in `firstResponseTargetsMinutes` (a channel without one
 * has no SLA). `slaDue` = answered tickets with a target, plus unanswered, unresolved tickets whose
 * target had passed at `period.to` (`createdAt + target ≤ to`); `slaMet` = answered within the
 * target, inclusive, comparing milliseconds (never rounded). A ticket resolved without any
 * response (spam, duplicate) is not due. `slaPercent = 100 × met / due`, null when nothing is due.
 *
 * A ticket with a `firstResponseAt` but no FRT had a negative duration, which ingest already
 * reported as a data-quality issue (SPEC §10 "Rounding"): it leaves the metric — neither in `n`
 * nor in the SLA — but it was answered, so it is never an unanswered breach either.
 *
 * Durations are calendar time for now (`businessTime: false`). No tickets at all → null.
 */
import type { Ticket } from '../domain/records.js';
import type { Accumulator, MetricSettings } from './accumulator.js';
import { isLowConfidence } from './confidence.js';
import { DurationSample } from './percentile.js';

const MS_PER_MINUTE = 60_000;

export interface FirstResponseResult {
  n: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
  meanMinutes: number | null;
  slaDue: number;
  slaMet: number;
  slaPercent: number | null;
  businessTime: boolean;
  lowConfidence: boolean;
}

/**
 * A channel's first-response target in ms, or null when it has none. Only the table's own keys
 * count, so a hostile channel name such as `constructor` or `__proto__` finds no target.
 */
export function firstResponseTargetMs(
  targetsMinutes: Readonly<Record<string, number>>,
  channel: string | null,
): number | null {
  if (channel === null || !Object.hasOwn(targetsMinutes, channel)) return null;
  const minutes = targetsMinutes[channel];
  return typeof minutes === 'number' && Number.isFinite(minutes) ? minutes * MS_PER_MINUTE : null;
}

/** Whether an answered ticket met its target: FRT ≤ target, inclusive, in ms. */
export function isWithinTarget(durationMs: number, targetMs: number): boolean {
  return durationMs <= targetMs;
}

/**
 * Whether an unanswered, unresolved ticket is due: its target passed by `to` (`createdAt + target ≤ to`),
 * or, in business time, the business time from its creation to `to` reached the target (SPEC §10).
 */
export function isOverdueAt(
  createdAt: number,
  targetMs: number,
  to: number,
  elapsedMs?: (from: number, to: number) => number,
): boolean {
  return elapsedMs ? elapsedMs(createdAt, to) >= targetMs : createdAt + targetMs <= to;
}

/** SLA compliance in percent; null when nothing is due. */
export function slaPercentOf(met: number, due: number): number | null {
  return due === 0 ? null : (100 * met) / due;
}

export class FirstResponseAccumulator implements Accumulator<Ticket, FirstResponseResult> {
  private readonly durations: DurationSample;
  private tickets = 0;
  private slaDue = 0;
  private slaMet = 0;

  /**
   * `keepsDurations` false: counts and sums the durations only, and takes them for percentiles
   * from the accumulators `drawDurationsFrom` names (see `DurationSample`).
   */
  constructor(
    private readonly settings: MetricSettings,
    keepsDurations = true,
  ) {
    this.durations = new DurationSample(keepsDurations);
  }

  /** The accumulators that were also given, one each, every ticket this one was given. */
  drawDurationsFrom(parts: readonly FirstResponseAccumulator[]): void {
    this.durations.drawFrom(parts.map((part) => part.durations));
  }

  add(ticket: Ticket): void {
    this.tickets += 1;
    const targetMs = firstResponseTargetMs(this.settings.firstResponseTargetsMinutes, ticket.channel);
    const durationMs = ticket.firstResponseMs;
    if (durationMs !== null && durationMs >= 0) {
      this.durations.add(durationMs);
      if (targetMs !== null) {
        this.slaDue += 1;
        if (isWithinTarget(durationMs, targetMs)) this.slaMet += 1;
      }
      return;
    }
    // Answered without a usable duration (negative, reported by ingest): out of the metric.
    if (durationMs !== null || ticket.firstResponseAt !== null) return;
    if (ticket.isResolved || targetMs === null || ticket.createdAt === null) return;
    if (isOverdueAt(ticket.createdAt, targetMs, this.settings.to, this.settings.elapsedMs)) this.slaDue += 1;
  }

  merge(other: this): void {
    this.durations.merge(other.durations);
    this.tickets += other.tickets;
    this.slaDue += other.slaDue;
    this.slaMet += other.slaMet;
  }

  result(): FirstResponseResult | null {
    if (this.tickets === 0) return null;
    const toMinutes = (ms: number | null) => (ms === null ? null : ms / MS_PER_MINUTE);
    const result: FirstResponseResult = {
      n: this.durations.count,
      medianMinutes: toMinutes(this.durations.percentile(0.5)),
      p90Minutes: toMinutes(this.durations.percentile(0.9)),
      meanMinutes: toMinutes(this.durations.mean()),
      slaDue: this.slaDue,
      slaMet: this.slaMet,
      slaPercent: slaPercentOf(this.slaMet, this.slaDue),
      businessTime: this.settings.elapsedMs !== undefined,
      lowConfidence: isLowConfidence(this.durations.count, this.settings.minSample),
    };
    // Drawn values (a group that keeps none) are let go once its figures are out.
    this.durations.release();
    return result;
  }
}
