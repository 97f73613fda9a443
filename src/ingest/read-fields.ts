import type { IssueLog } from '../domain/data-quality.js';
import type { ZoneConverter } from '../domain/time-zone.js';
import type { AgentNames } from './agent-names.js';
import type { ColumnMapping } from './map-columns.js';
import { isMissing } from './missing-value.js';
import { naiveSecondsMs, parseDateTime, type DateOrder, type ParsedDateTime } from './parse-date.js';
import { parseDuration, type DurationUnit } from './parse-duration.js';
import { parseFlag } from './parse-flag.js';
import { parseNumber } from './parse-number.js';
import { isProblem, ParseProblem } from './parse-result.js';
import { cellAddress } from './read-xlsx.js';
import type { RawRow } from './row-source.js';

/** What every normaliser needs to turn one file's rows into records. */
export interface NormaliseContext {
  mapping: ColumnMapping;
  zone: ZoneConverter;
  /** the day-month order chosen per date field of this file (SPEC §2) */
  dateOrders: Partial<Record<string, DateOrder>>;
  agents: AgentNames;
  issues: IssueLog;
  /** custom index names from config, lower-cased (SPEC §10 "Custom indices") */
  indexNames: ReadonlySet<string>;
}

/**
 * Typed access to one row's mapped cells. Each reader returns the value, or null when the cell
 * is absent or missing; a bad value becomes a data-quality issue at the row's location and
 * reads as null, so one bad cell never drops the rest of the row (SPEC §2).
 */
export class FieldReader {
  row!: RawRow;
  /**
   * field → column, in a map: `mapping.index[field]` with the field's name varying is a keyed load
   * V8 cannot specialise, and it was the costliest line of a row's reading (profiled: ~5 % of a
   * 1M-call report).
   */
  private readonly columns: ReadonlyMap<string, number>;
  private readonly units: ReadonlyMap<string, DurationUnit>;

  constructor(private readonly context: NormaliseContext) {
    const { index, units } = context.mapping;
    this.columns = new Map(Object.entries(index).filter((entry): entry is [string, number] => entry[1] !== undefined));
    this.units = new Map(
      Object.entries(units).filter((entry): entry is [string, DurationUnit] => entry[1] !== undefined),
    );
  }

  has(field: string): boolean {
    return this.columns.has(field);
  }

  /** The raw cell, or null when the column is absent or the value is a missing marker. */
  raw(field: string): string | null {
    const at = this.columns.get(field);
    if (at === undefined) return null;
    const value = this.row.cells[at];
    return value === undefined || isMissing(value) ? null : value;
  }

  text(field: string): string | null {
    const value = this.raw(field);
    return value === null ? null : value.trim();
  }

  agent(field: string): string | null {
    const value = this.raw(field);
    return value === null ? null : this.context.agents.resolve(value);
  }

  number(field: string): number | null {
    const raw = this.raw(field);
    return raw === null ? null : this.checked(field, raw, parseNumber(raw));
  }

  flag(field: string): boolean | null {
    const raw = this.raw(field);
    return raw === null ? null : this.checked(field, raw, parseFlag(raw));
  }

  /** Milliseconds, in the unit the header names or the field's default. */
  duration(field: string): number | null {
    const raw = this.raw(field);
    if (raw === null) return null;
    return this.checked(field, raw, parseDuration(raw, this.units.get(field) ?? 'seconds'));
  }

  /** Epoch ms; a time without an offset is local to the configured zone (SPEC §3). */
  instant(field: string): number | null {
    const raw = this.raw(field);
    if (raw === null) return null;
    // The common timestamp straight to the zone: no parsed object for ~3 date cells a row.
    const naive = naiveSecondsMs(raw);
    if (naive === naive) return this.context.zone.toInstant(naive);
    return this.instantOf(this.checked(field, raw, parseDateTime(raw, this.orderOf(field))));
  }

  /** The parsed date-time, before any zone conversion. */
  dateTime(field: string): ParsedDateTime | null {
    const raw = this.raw(field);
    return raw === null ? null : this.checked(field, raw, parseDateTime(raw, this.orderOf(field)));
  }

  instantOf(parsed: ParsedDateTime | null, plusMs = 0): number | null {
    if (parsed === null) return null;
    return parsed.hasOffset ? parsed.ms + plusMs : this.context.zone.toInstant(parsed.ms + plusMs);
  }

  /** A local calendar date `YYYY-MM-DD` (churn compares dates, SPEC §10). */
  localDate(field: string): string | null {
    const parsed = this.dateTime(field);
    if (parsed === null) return null;
    const naive = parsed.hasOffset ? this.context.zone.toNaive(parsed.ms) : parsed.ms;
    return new Date(naive).toISOString().slice(0, 10);
  }

  /** Records a data-quality issue for this row, at the field's own cell in a worksheet. */
  problem(field: string, value: string, problem: string): void {
    const { location } = this.row;
    const at = this.columns.get(field);
    const cell =
      'cell' in location && at !== undefined
        ? { ...location, cell: cellAddress(at, Number(location.cell.slice(1))) }
        : location;
    this.context.issues.add({ location: cell, field, value, problem });
  }

  private orderOf(field: string): DateOrder {
    return this.context.dateOrders[field] ?? 'DMY';
  }

  /** The parsed value, or null after recording its problem (no closure per call: this runs per cell). */
  private checked<T>(field: string, raw: string, value: T | null | ParseProblem): T | null {
    if (isProblem(value)) {
      this.problem(field, raw, value.problem);
      return null;
    }
    return value;
  }
}
