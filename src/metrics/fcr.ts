/**
 * First-contact resolution (SPEC §4 "Beside them", §7 `fcr`, §10 "FCR"): calls' `resolved` and
 * tickets' `fcr` flags. `n` counts contacts whose flag is set (Y or N), weighted by the row's call
 * count; `resolvedFirstContact` those with Y; `percent = 100 × resolvedFirstContact / n`. A contact
 * without the flag is left out. Low confidence by n. No flagged contact → null.
 */
import type { Accumulator, MetricSettings } from './accumulator.js';
import { DEFAULT_MIN_SAMPLE } from './accumulator.js';
import { isLowConfidence } from './confidence.js';

export interface FcrResult {
  n: number;
  resolvedFirstContact: number;
  percent: number;
  lowConfidence: boolean;
}

/** FCR in percent; null when no contact has the flag. */
export function fcrPercentOf(resolvedFirstContact: number, n: number): number | null {
  return n === 0 ? null : (100 * resolvedFirstContact) / n;
}

export class FcrAccumulator implements Accumulator<boolean | null, FcrResult> {
  private n = 0;
  private resolvedFirstContact = 0;

  /** Only `minSample` is read; without settings it is the default 30. */
  constructor(private readonly settings: Pick<MetricSettings, 'minSample'> = { minSample: DEFAULT_MIN_SAMPLE }) {}

  /** Adds a contact's flag; `count` is the number of calls an aggregated row stands for. */
  add(flag: boolean | null, count = 1): void {
    if (flag === null || !(count > 0)) return;
    this.n += count;
    if (flag) this.resolvedFirstContact += count;
  }

  merge(other: this): void {
    this.n += other.n;
    this.resolvedFirstContact += other.resolvedFirstContact;
  }

  result(): FcrResult | null {
    const percent = fcrPercentOf(this.resolvedFirstContact, this.n);
    if (percent === null) return null;
    return {
      n: this.n,
      resolvedFirstContact: this.resolvedFirstContact,
      percent,
      lowConfidence: isLowConfidence(this.n, this.settings.minSample),
    };
  }
}
