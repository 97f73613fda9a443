/**
 * Business time (SPEC §3 "Business hours", §10 "First response", "Time zones", "Business time,
 * more"; config keys `businessHours`, `holidays`, `workdays` of §11): the milliseconds of a span
 * that fall inside opening hours, in the configured zone.
 *
 * A local date's opening interval is:
 * - its weekday's hours (`businessHours.mon` … `sun`; a missing key or `null` = closed);
 * - closed when the date is in `holidays`;
 * - Monday's hours when the date is in `workdays` (a decreed working day, even on a weekend). A
 *   date in both lists is a workday: the decree is the more specific rule. With Monday closed, a
 *   workday is closed too.
 *
 * The interval's local open and close wall-clock times become instants through the zone (a time in
 * a DST gap or fold takes the earlier offset, SPEC §10), so business time is real elapsed time: in
 * Berlin, 2026-03-29 00:00–24:00 holds 23 h and 2026-10-25 holds 25 h. `24:00` is the next day's
 * 00:00. An interval whose close is not after its open is closed. Each interval is clipped to its
 * own local day (from that day's 00:00 to the next day's), so intervals of different days never
 * overlap, whatever the zone does around midnight.
 *
 * Pure (STYLE §4.4 rule 3): the calendar and zone are parameters; intervals are cached per local
 * day. `elapsedMs` walks the days between its ends and is exact to the millisecond; `addMs` walks
 * at most ~3 years forward and answers Infinity beyond (a calendar with no open hours at all).
 */
import type { ZoneConverter } from '../domain/time-zone.js';

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export interface BusinessCalendar {
  /** Opening hours per weekday, `['09:00', '18:00']`; missing or `null` = closed. */
  hours: Partial<Record<Weekday, readonly [string, string] | null>>;
  /** Closed dates, `YYYY-MM-DD`. */
  holidays: readonly string[];
  /** Dates open with Monday's hours, `YYYY-MM-DD` (they win over `holidays`). */
  workdays: readonly string[];
}

export interface BusinessClock {
  /** Business milliseconds in [from, to); 0 when to ≤ from. */
  elapsedMs(from: number, to: number): number;
  /**
   * The first instant t with `elapsedMs(from, t) ≥ ms` (for "due once the business time reaches
   * the target"); `from` itself when ms ≤ 0; Infinity when that takes more than ~3 years.
   */
  addMs(from: number, ms: number): number;
}

const DAY = 86_400_000;
const MINUTE = 60_000;
/** How far `addMs` walks before answering Infinity: three years and a day. */
const MAX_WALK_DAYS = 3 * 366;
/** JS weekday (0 = Sunday) → config key. */
const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** Opening minutes since local midnight: [open, close), close may be 1440 (`24:00`). */
type Minutes = readonly [number, number] | null;

/** A day's interval as instants, `open < close`; `CLOSED` for a closed day. */
interface Interval {
  readonly open: number;
  readonly close: number;
}

const CLOSED: Interval = { open: 0, close: 0 };

export function createBusinessClock(calendar: BusinessCalendar, zone: ZoneConverter): BusinessClock {
  const weekly = WEEKDAYS.map((day) => parseHours(calendar.hours[day], day));
  const monday = weekly[1] ?? null;
  const holidays = new Set(calendar.holidays.map((date) => dayNumber(date, 'holidays')));
  const workdays = new Set(calendar.workdays.map((date) => dayNumber(date, 'workdays')));
  const cache = new Map<number, Interval>();

  /** Opening minutes of the local day `day` (days since 1970-01-01). */
  function minutesOf(day: number): Minutes {
    if (workdays.has(day)) return monday;
    if (holidays.has(day)) return null;
    // 1970-01-01 was a Thursday (JS weekday 4).
    return weekly[(((day + 4) % 7) + 7) % 7] ?? null;
  }

  function intervalOf(day: number): Interval {
    let interval = cache.get(day);
    if (interval === undefined) {
      const minutes = minutesOf(day);
      if (minutes === null) {
        interval = CLOSED;
      } else {
        const dayStart = zone.toInstant(day * DAY);
        const dayEnd = zone.toInstant((day + 1) * DAY);
        const open = Math.max(dayStart, zone.toInstant(day * DAY + minutes[0] * MINUTE));
        const close = Math.min(dayEnd, zone.toInstant(day * DAY + minutes[1] * MINUTE));
        interval = close > open ? { open, close } : CLOSED;
      }
      cache.set(day, interval);
    }
    return interval;
  }

  /**
   * The first local day whose interval may hold `instant`. Around a DST change near midnight an
   * instant can lie in the previous day's clipped span, hence the day before its wall-clock date.
   */
  function firstDay(instant: number): number {
    return Math.floor(zone.toNaive(instant) / DAY) - 1;
  }

  function elapsedMs(from: number, to: number): number {
    if (!(to > from)) return 0;
    if (!Number.isFinite(from) || !Number.isFinite(to)) return Number.NaN;
    const last = Math.floor(zone.toNaive(to) / DAY) + 1;
    let total = 0;
    for (let day = firstDay(from); day <= last; day++) {
      const interval = intervalOf(day);
      if (interval === CLOSED) continue;
      const { open, close } = interval;
      const start = open > from ? open : from;
      const end = close < to ? close : to;
      if (end > start) total += end - start;
    }
    return total;
  }

  function addMs(from: number, ms: number): number {
    if (!(ms > 0)) return from;
    if (!Number.isFinite(from)) return Number.NaN;
    let remaining = ms;
    const first = firstDay(from);
    for (let day = first; day <= first + MAX_WALK_DAYS; day++) {
      const interval = intervalOf(day);
      if (interval === CLOSED) continue;
      const { open, close } = interval;
      const start = open > from ? open : from;
      if (close <= start) continue;
      const available = close - start;
      if (remaining <= available) return start + remaining;
      remaining -= available;
    }
    return Infinity;
  }

  return { elapsedMs, addMs };
}

/** `['09:00', '18:00']` → minutes since midnight; null when closed or close ≤ open. */
function parseHours(hours: readonly [string, string] | null | undefined, day: Weekday): Minutes {
  if (hours === null || hours === undefined) return null;
  const open = parseTime(hours[0], day);
  const close = parseTime(hours[1], day);
  return close > open ? [open, close] : null;
}

function parseTime(time: string, day: Weekday): number {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  const minutes = match ? Number(match[1]) * 60 + Number(match[2]) : Number.NaN;
  if (!(minutes >= 0 && minutes <= 24 * 60) || Number(match?.[2]) >= 60) {
    throw new RangeError(`businessHours.${day}: "${time}" is not a time HH:MM between 00:00 and 24:00`);
  }
  return minutes;
}

/** `YYYY-MM-DD` → days since 1970-01-01. */
function dayNumber(date: string, key: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (!Number.isFinite(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`${key}: "${date}" is not a date YYYY-MM-DD`);
  }
  return ms / DAY;
}
