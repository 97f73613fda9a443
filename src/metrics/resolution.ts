/**
 * Resolution (SPEC §4.3, §7 `resolution`, §10 "Resolution"), over tickets created in the month
 * (the caller has already picked them). `resolved` = tickets with a resolution time or a
 * solved/closed status (`Ticket.isResolved`), whenever resolved; `resolvedPercent = 100 ×
 * resolved / created`; median and p90 (PERCENTILE.INC) hours of `resolved_at − created_at` over
 * the tickets that have it; `open = created − resolved`; `oldestOpenHours = period.to − the
 * earliest createdAt among open tickets`, null when none is open. A ticket whose resolution time
 * was negative (a data-quality issue, reported by ingest) leaves the percentiles but stays in
 * `created` (SPEC §10 "Rounding"). Low confidence by `created`. No tickets → null.
 */
import type { Ticket } from '../domain/records.js';
import type { Accumulator, MetricSettings } from './accumulator.js';
import { isLowConfidence } from './confidence.js';
import { DurationSample } from './percentile.js';

const MS_PER_HOUR = 3_600_000;

export interface ResolutionResult {
  created: number;
  resolved: number;
  resolvedPercent: number;
  medianHours: number | null;
  p90Hours: number | null;
  open: number;
  oldestOpenHours: number | null;
  lowConfidence: boolean;
}

/** Share of created tickets resolved, percent; null when none was created. */
export function resolvedPercentOf(resolved: number, created: number): number | null {
  return created === 0 ? null : (100 * resolved) / created;
}

/** Age at `to` of the oldest open ticket, in hours (business hours with `elapsedMs`); null when none is open. */
export function oldestOpenHoursOf(
  earliestOpenCreatedAt: number | null,
  to: number,
  elapsedMs: (from: number, to: number) => number = (from, until) => until - from,
): number | null {
  return earliestOpenCreatedAt === null ? null : elapsedMs(earliestOpenCreatedAt, to) / MS_PER_HOUR;
}

export class ResolutionAccumulator implements Accumulator<Ticket, ResolutionResult> {
  private readonly durations: DurationSample;
  private created = 0;
  private resolved = 0;
  private earliestOpenCreatedAt: number | null = null;

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
  drawDurationsFrom(parts: readonly ResolutionAccumulator[]): void {
    this.durations.drawFrom(parts.map((part) => part.durations));
  }

  add(ticket: Ticket): void {
    this.created += 1;
    if (ticket.resolutionMs !== null && ticket.resolutionMs >= 0) this.durations.add(ticket.resolutionMs);
    if (ticket.isResolved) {
      this.resolved += 1;
    } else if (ticket.createdAt !== null) {
      this.earliestOpenCreatedAt = earliest(this.earliestOpenCreatedAt, ticket.createdAt);
    }
  }

  merge(other: this): void {
    this.durations.merge(other.durations);
    this.created += other.created;
    this.resolved += other.resolved;
    if (other.earliestOpenCreatedAt !== null) {
      this.earliestOpenCreatedAt = earliest(this.earliestOpenCreatedAt, other.earliestOpenCreatedAt);
    }
  }

  result(): ResolutionResult | null {
    const resolvedPercent = resolvedPercentOf(this.resolved, this.created);
    if (resolvedPercent === null) return null;
    const toHours = (ms: number | null) => (ms === null ? null : ms / MS_PER_HOUR);
    const result: ResolutionResult = {
      created: this.created,
      resolved: this.resolved,
      resolvedPercent,
      medianHours: toHours(this.durations.percentile(0.5)),
      p90Hours: toHours(this.durations.percentile(0.9)),
      open: this.created - this.resolved,
      oldestOpenHours: oldestOpenHoursOf(this.earliestOpenCreatedAt, this.settings.to, this.settings.elapsedMs),
      lowConfidence: isLowConfidence(this.created, this.settings.minSample),
    };
    // Drawn values (a group that keeps none) are let go once its figures are out.
    this.durations.release();
    return result;
  }
}

function earliest(current: number | null, candidate: number): number {
  return current === null || candidate < current ? candidate : current;
}
