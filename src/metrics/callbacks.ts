/**
 * Missed calls called back (SPEC §4.3, §10 "Calls", "Callbacks, more"): a missed inbound call with
 * a customer number is called back when an outbound call to the same number — numbers compared on
 * their last 10 digits — starts after it and at most `sla.callbackMinutes` later (30:00 counts),
 * even in the next month. `callbackPercent = 100 × called back / missed inbound with a number`,
 * null when no missed call has a number.
 */

/**
 * The last 10 digits of a phone number (`+7 916 123-45-67` and `89161234567` agree) as a number:
 * their value plus 10^10 × how many there are, so that `0123` and `123` stay apart; null without
 * digits. A number, not a string: no string is built per call, and a map keyed by numbers is
 * faster (exact: at most 1.1 × 10^11, far below 2^53).
 */
export function phoneKey(raw: string | null): number | null {
  if (raw === null) return null;
  // Walk back from the end for up to 10 digits (no regex and no copy of the whole number: this runs per call).
  let count = 0;
  let value = 0;
  let scale = 1;
  for (let i = raw.length - 1; i >= 0 && count < 10; i -= 1) {
    const digit = raw.charCodeAt(i) - 0x30;
    if (digit >= 0 && digit <= 9) {
      value += digit * scale;
      scale *= 10;
      count++;
    }
  }
  return count === 0 ? null : count * 1e10 + value;
}

/** Whether an outbound call at `outboundAt` calls back a call missed at `missedAt` (window inclusive). */
export function isCallback(missedAt: number, outboundAt: number, windowMs: number): boolean {
  return outboundAt > missedAt && outboundAt - missedAt <= windowMs;
}

/** Outbound call start times per number, searched by binary search once every file is read. */
export class OutboundCalls {
  private readonly byNumber = new Map<number, number[]>();
  private sorted = true;

  add(numberKey: number, startedAt: number): void {
    const times = this.byNumber.get(numberKey);
    if (times === undefined) this.byNumber.set(numberKey, [startedAt]);
    else times.push(startedAt);
    this.sorted = false;
  }

  /** Was a call missed at `missedAt` called back within `windowMs`? */
  calledBack(numberKey: number, missedAt: number, windowMs: number): boolean {
    if (!this.sorted) {
      for (const times of this.byNumber.values()) times.sort((a, b) => a - b);
      this.sorted = true;
    }
    const times = this.byNumber.get(numberKey);
    if (times === undefined) return false;
    // the first outbound call strictly after the missed one
    let low = 0;
    let high = times.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (times[mid]! <= missedAt) low = mid + 1;
      else high = mid;
    }
    return low < times.length && isCallback(missedAt, times[low]!, windowMs);
  }
}

/** Missed calls with a number and how many were called back. */
export class CallbackTally {
  missed = 0;
  calledBack = 0;

  add(calledBack: boolean): void {
    this.missed += 1;
    if (calledBack) this.calledBack += 1;
  }

  merge(other: CallbackTally): void {
    this.missed += other.missed;
    this.calledBack += other.calledBack;
  }

  percent(): number | null {
    return this.missed === 0 ? null : (100 * this.calledBack) / this.missed;
  }
}
