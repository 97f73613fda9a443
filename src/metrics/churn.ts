/**
 * Churn (SPEC §4.2, §7 `churn`, §10 "Churn" and "Churn, more"), over customers. Dates compare as
 * local calendar dates `YYYY-MM-DD`. Active at the month's start: `activeSince` on or before its
 * first day (none = active since ever) and not churned before it. Churned: `churnedAt` inside the
 * month, [first day, next month's first day), a churn on the first day included. A customer who
 * joined after the first day and left inside the month counts in neither; one active at start who
 * churns inside the month counts in both. A record with no dates and a churn flag is a snapshot of
 * the month: it is in the base, and churned when flagged; when a record has a date, the dates win.
 * `percent = 100 × churned / activeAtStart`; `revenuePercent` likewise with `mrr`, over customers
 * that have one (the others are left out of both sides). Low confidence by `activeAtStart`.
 * Nobody active at start and nobody churned → null.
 */
import type { Customer } from '../domain/records.js';
import type { Accumulator, MetricSettings } from './accumulator.js';
import { isLowConfidence } from './confidence.js';

export interface ChurnResult {
  activeAtStart: number;
  churned: number;
  percent: number | null;
  revenuePercent: number | null;
  lowConfidence: boolean;
}

export interface ChurnStatus {
  activeAtStart: boolean;
  churned: boolean;
}

/** `YYYY-MM-DD` of a local date or date-time string, so that strings compare as calendar dates. */
function dayOf(date: string): string {
  return date.slice(0, 10);
}

/** Whether a customer is in the base and whether they churned in the month [firstDay, nextMonthFirstDay). */
export function churnStatusOf(
  customer: Pick<Customer, 'activeSince' | 'churnedAt' | 'churned'>,
  firstDay: string,
  nextMonthFirstDay: string,
): ChurnStatus {
  const { activeSince, churnedAt, churned } = customer;
  if (activeSince === null && churnedAt === null) {
    // A snapshot row (no dates, a flag), or a customer active since ever who never left.
    return { activeAtStart: true, churned: churned === true };
  }
  const churnDay = churnedAt === null ? null : dayOf(churnedAt);
  const activeAtStart =
    (activeSince === null || dayOf(activeSince) <= firstDay) && (churnDay === null || churnDay >= firstDay);
  // A churn inside the month counts only for a customer of the base: joiners who leave count in neither.
  const churnedInMonth = activeAtStart && churnDay !== null && churnDay < nextMonthFirstDay;
  return { activeAtStart, churned: churnedInMonth };
}

/**
 * Churn in percent of the base; null when the base is empty (or its revenue is 0), and when a sum
 * of revenue overflowed (parseNumber bounds each amount, so this is the last guard): a report
 * must never show NaN or Infinity. -0 (a negative revenue base) is 0.
 */
export function churnPercentOf(churned: number, base: number): number | null {
  if (base === 0 || !Number.isFinite(base)) return null;
  const percent = (100 * churned) / base;
  return Number.isFinite(percent) ? percent + 0 : null;
}

/** What churn reads of a customer. */
export type ChurnCustomer = Pick<Customer, 'activeSince' | 'churnedAt' | 'churned' | 'mrr'>;

export class ChurnAccumulator implements Accumulator<ChurnCustomer, ChurnResult> {
  private activeAtStart = 0;
  private churned = 0;
  private mrrAtStart = 0;
  private mrrChurned = 0;

  constructor(private readonly settings: MetricSettings) {}

  add(customer: ChurnCustomer): void {
    const status = churnStatusOf(customer, this.settings.firstDay, this.settings.nextMonthFirstDay);
    if (!status.activeAtStart) return;
    this.activeAtStart += 1;
    if (status.churned) this.churned += 1;
    if (customer.mrr === null) return;
    this.mrrAtStart += customer.mrr;
    if (status.churned) this.mrrChurned += customer.mrr;
  }

  merge(other: this): void {
    this.activeAtStart += other.activeAtStart;
    this.churned += other.churned;
    this.mrrAtStart += other.mrrAtStart;
    this.mrrChurned += other.mrrChurned;
  }

  result(): ChurnResult | null {
    if (this.activeAtStart === 0 && this.churned === 0) return null;
    return {
      activeAtStart: this.activeAtStart,
      churned: this.churned,
      percent: churnPercentOf(this.churned, this.activeAtStart),
      revenuePercent: churnPercentOf(this.mrrChurned, this.mrrAtStart),
      lowConfidence: isLowConfidence(this.activeAtStart, this.settings.minSample),
    };
  }
}
