import { DateTime, IANAZone } from 'luxon';

/**
 * Conversions between naive local wall-clock times and instants in one IANA zone (SPEC §3, §10).
 * Offsets come from luxon and are cached per quarter hour of UTC time, so a month of rows costs a
 * few thousand luxon calls, not one per row. A naive time in a DST gap or fold takes the earlier
 * offset, the one in force before the change (SPEC §10).
 */
export interface ZoneConverter {
  readonly zone: string;
  /** Epoch ms of a naive wall-clock time given as `Date.UTC(fields)`. */
  toInstant(naiveMs: number): number;
  /** UTC offset in minutes at an instant. */
  offsetAt(instant: number): number;
  /** The naive wall clock (`Date.UTC(fields)`) at an instant. */
  toNaive(instant: number): number;
  /** `2026-10-01T00:00:00+03:00`, with milliseconds when they are not zero. */
  formatInstant(instant: number): string;
  /** `YYYY-MM-DD` local date of an instant. */
  localDate(instant: number): string;
}

const QUARTER_HOUR = 15 * 60_000;
const DAY = 86_400_000;
const MEMO_SLOTS = 16;

export function isValidZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** The machine's zone, used when config names none (SPEC §3). */
export function machineZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function createZoneConverter(zone: string): ZoneConverter {
  const luxonZone = IANAZone.create(zone);
  const cache = new Map<number, number>();

  function offsetAt(instant: number): number {
    const bucket = Math.floor(instant / QUARTER_HOUR);
    let offset = cache.get(bucket);
    if (offset === undefined) {
      offset = luxonZone.offset(bucket * QUARTER_HOUR);
      cache.set(bucket, offset);
    }
    return offset;
  }

  /**
   * `toInstant`'s offset by quarter hour of the naive time, where no change of offset is within a
   * day of it: `offsetAt(naive ± DAY)` then depends only on that quarter hour (DAY is a whole
   * number of them). Direct-mapped, a few slots: a ticket's three timestamps alternate.
   */
  const memoQuarters = new Float64Array(MEMO_SLOTS).fill(Number.NaN);
  // Offsets in minutes may have a fraction (local mean times of old dates).
  const memoOffsets = new Float64Array(MEMO_SLOTS);

  function toInstant(naiveMs: number): number {
    const quarter = Math.floor(naiveMs / QUARTER_HOUR);
    const slot = quarter & (MEMO_SLOTS - 1);
    if (memoQuarters[slot] === quarter) return naiveMs - memoOffsets[slot]! * 60_000;
    const before = offsetAt(naiveMs - DAY);
    const after = offsetAt(naiveMs + DAY);
    if (before === after) {
      memoQuarters[slot] = quarter;
      memoOffsets[slot] = before;
      return naiveMs - before * 60_000;
    }
    // A change of offset within a day of this wall-clock time: a time is valid under an offset
    // when converting back gives the same offset. Both valid = a fold; none = a gap.
    const underBefore = naiveMs - before * 60_000;
    if (offsetAt(underBefore) === before) return underBefore;
    const underAfter = naiveMs - after * 60_000;
    if (offsetAt(underAfter) === after) return underAfter;
    return underBefore;
  }

  function toNaive(instant: number): number {
    return instant + offsetAt(instant) * 60_000;
  }

  return {
    zone,
    toInstant,
    offsetAt,
    toNaive,
    formatInstant(instant) {
      const offset = offsetAt(instant);
      const iso = new Date(instant + offset * 60_000).toISOString();
      const clock = iso.endsWith('.000Z') ? iso.slice(0, 19) : iso.slice(0, 23);
      const sign = offset < 0 ? '-' : '+';
      const abs = Math.abs(offset);
      return `${clock}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
    },
    localDate(instant) {
      return new Date(toNaive(instant)).toISOString().slice(0, 10);
    },
  };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The instants `[from, to)` of a month `YYYY-MM` in the zone. */
export function monthPeriod(month: string, converter: ZoneConverter): { from: number; to: number } {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  return { from: converter.toInstant(Date.UTC(year, mon - 1, 1)), to: converter.toInstant(Date.UTC(year, mon, 1)) };
}

/** For tests: luxon's own answer, independent of the cache. */
export function luxonOffset(zone: string, instant: number): number {
  return DateTime.fromMillis(instant, { zone }).offset;
}
