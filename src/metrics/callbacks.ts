import type { Channel } from '../domain/channel.js';
import { grown } from '../domain/grown.js';
import type { Month } from '../domain/month.js';
import { NameTable } from '../domain/name-table.js';

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

/**
 * Outbound calls (number key, start time) in two growable typed arrays, searched by binary search
 * once every file is read: 16 bytes a call, where a map of arrays cost ~100 and one more object
 * per call for the collector to trace (a month of 250,000 outbound calls: ~4 MB instead of ~25).
 */
export class OutboundCalls {
  private keys = new Float64Array(1024);
  private times = new Float64Array(1024);
  private size = 0;
  /** positions sorted by (key, time), built on the first search after an add */
  private order: Uint32Array | null = null;

  add(numberKey: number, startedAt: number): void {
    if (this.size === this.keys.length) {
      this.keys = grown(this.keys, 2 * this.size);
      this.times = grown(this.times, 2 * this.size);
    }
    this.keys[this.size] = numberKey;
    this.times[this.size] = startedAt;
    this.size += 1;
    this.order = null;
  }

  /** Was a call missed at `missedAt` called back within `windowMs`? */
  calledBack(numberKey: number, missedAt: number, windowMs: number): boolean {
    const { keys, times } = this;
    const order = (this.order ??= this.sortedOrder());
    // the first outbound call (in key, time order) past (numberKey, missedAt): the first one to
    // this number strictly after the missed call, if the number has any
    let low = 0;
    let high = order.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const at = order[mid]!;
      if (keys[at]! < numberKey || (keys[at] === numberKey && times[at]! <= missedAt)) low = mid + 1;
      else high = mid;
    }
    if (low === order.length) return false;
    const at = order[low]!;
    return keys[at] === numberKey && isCallback(missedAt, times[at]!, windowMs);
  }

  private sortedOrder(): Uint32Array {
    const { keys, times } = this;
    const order = new Uint32Array(this.size);
    for (let i = 0; i < order.length; i += 1) order[i] = i;
    return order.sort((a, b) => keys[a]! - keys[b]! || times[a]! - times[b]!);
  }
}

/**
 * The missed inbound calls with a number, kept until every file is read (a callback may come in
 * a later file): number key and start, and month, agent and channel as numbers in a `NameTable`,
 * in typed arrays; no object per call.
 */
export class MissedCalls {
  private keys = new Float64Array(1024);
  private times = new Float64Array(1024);
  /** months, agents and channels as numbers in `names` */
  private months = new Uint32Array(1024);
  private agents = new Uint32Array(1024);
  private channels = new Uint32Array(1024);
  private readonly names = new NameTable();
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(numberKey: number, startedAt: number, month: Month, agent: string | null, channel: Channel): void {
    const i = this.count;
    if (i === this.keys.length) {
      this.keys = grown(this.keys, 2 * i);
      this.times = grown(this.times, 2 * i);
      this.months = grown(this.months, 2 * i);
      this.agents = grown(this.agents, 2 * i);
      this.channels = grown(this.channels, 2 * i);
    }
    this.keys[i] = numberKey;
    this.times[i] = startedAt;
    this.months[i] = this.names.number(month);
    this.agents[i] = this.names.number(agent);
    this.channels[i] = this.names.number(channel);
    this.count = i + 1;
  }

  numberKey(i: number): number {
    return this.keys[i]!;
  }

  startedAt(i: number): number {
    return this.times[i]!;
  }

  month(i: number): Month {
    return this.names.name(this.months[i]!) as Month;
  }

  agent(i: number): string | null {
    return this.names.name(this.agents[i]!);
  }

  channel(i: number): Channel {
    return this.names.name(this.channels[i]!)!;
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
