/**
 * Calls (SPEC §4.3, §7 `calls`, §10 "Calls" and "Calls, more"), over calls started in the month.
 * `offered` = inbound calls; `answered` = inbound answered; `missed = offered − answered` (missed
 * and abandoned together); `abandonPercent = 100 × missed / offered`; `serviceLevelPercent = 100 ×
 * inbound answered with wait ≤ serviceLevelSeconds (inclusive, in ms) / offered`; `asaSeconds` =
 * mean wait of answered inbound calls; `ahtSeconds` = mean talk time of answered inbound calls.
 * An answered call without a wait time counts in `offered` and `answered` but in neither the
 * service-level numerator nor ASA; one without a talk time is left out of AHT. Outbound calls count
 * in volume only (the `outbound` getter). `callbackPercent` is null until callbacks are computed.
 *
 * An aggregated row stands for `call.count` calls and its `waitMs` / `talkMs` are totals over
 * them. Low confidence by `offered`. No calls at all (either direction) → null.
 */
import type { Call } from '../domain/records.js';
import type { Accumulator, MetricSettings } from './accumulator.js';
import { isLowConfidence } from './confidence.js';

export interface CallsResult {
  offered: number;
  answered: number;
  missed: number;
  abandonPercent: number | null;
  serviceLevelPercent: number | null;
  asaSeconds: number | null;
  ahtSeconds: number | null;
  callbackPercent: number | null;
  lowConfidence: boolean;
}

/** `100 × part / whole`; null when whole = 0. */
export function percentOf(part: number, whole: number): number | null {
  return whole === 0 ? null : (100 * part) / whole;
}

/** A mean duration in seconds from a total in ms over `count` calls; null when count = 0. */
export function meanSeconds(totalMs: number, count: number): number | null {
  return count === 0 ? null : totalMs / count / 1000;
}

/** Answered within the service level: wait ≤ serviceLevelSeconds, inclusive, compared in ms. */
export function isWithinServiceLevel(waitMs: number, serviceLevelSeconds: number): boolean {
  return waitMs <= serviceLevelSeconds * 1000;
}

export class CallsAccumulator implements Accumulator<Call, CallsResult> {
  private inboundCalls = 0;
  private outboundCalls = 0;
  private answered = 0;
  private withinServiceLevel = 0;
  private waitedCalls = 0;
  private waitTotalMs = 0;
  private talkedCalls = 0;
  private talkTotalMs = 0;

  constructor(private readonly settings: MetricSettings) {}

  /** Inbound calls seen (the `offered` of the result), for volume. */
  get inbound(): number {
    return this.inboundCalls;
  }

  /** Outbound calls seen, for volume. */
  get outbound(): number {
    return this.outboundCalls;
  }

  add(call: Call): void {
    const count = call.count;
    if (!(count > 0)) return;
    if (call.direction === 'outbound') {
      this.outboundCalls += count;
      return;
    }
    this.inboundCalls += count;
    if (!call.answered) return;
    this.answered += count;
    if (call.waitMs !== null && call.waitMs >= 0) {
      this.waitedCalls += count;
      this.waitTotalMs += call.waitMs;
      // An aggregated row (count > 1) gives only its total wait, so the per-call waits are unknown:
      // the row's mean wait stands for each of its calls in the ≤ test (all or none of them count).
      if (isWithinServiceLevel(call.waitMs / count, this.settings.serviceLevelSeconds)) {
        this.withinServiceLevel += count;
      }
    }
    if (call.talkMs !== null && call.talkMs >= 0) {
      this.talkedCalls += count;
      this.talkTotalMs += call.talkMs;
    }
  }

  merge(other: this): void {
    this.inboundCalls += other.inboundCalls;
    this.outboundCalls += other.outboundCalls;
    this.answered += other.answered;
    this.withinServiceLevel += other.withinServiceLevel;
    this.waitedCalls += other.waitedCalls;
    this.waitTotalMs += other.waitTotalMs;
    this.talkedCalls += other.talkedCalls;
    this.talkTotalMs += other.talkTotalMs;
  }

  result(): CallsResult | null {
    if (this.inboundCalls + this.outboundCalls === 0) return null;
    const offered = this.inboundCalls;
    const missed = offered - this.answered;
    return {
      offered,
      answered: this.answered,
      missed,
      abandonPercent: percentOf(missed, offered),
      serviceLevelPercent: percentOf(this.withinServiceLevel, offered),
      asaSeconds: meanSeconds(this.waitTotalMs, this.waitedCalls),
      ahtSeconds: meanSeconds(this.talkTotalMs, this.talkedCalls),
      callbackPercent: null,
      lowConfidence: isLowConfidence(offered, this.settings.minSample),
    };
  }
}
