import type { Config } from '../config/config-schema.js';
import { KIND_FIELDS, REQUIRED_FIELDS } from '../domain/fields.js';
import { criteriaFromConfig } from '../domain/qa-criteria.js';
import type { Kind } from '../domain/records.js';
import { fieldForHeader, isZeroToTenQuestion, normaliseHeader } from './header-aliases.js';
import { isMissing } from './missing-value.js';
import { readsAs } from './parse-date.js';
import { durationUnitFromHeader, parseDuration, type DurationUnit } from './parse-duration.js';
import { isProblem } from './parse-result.js';

/**
 * A header resolved once into column indices (STYLE §4.2: xsv's `Selection`). Rows stay
 * positional; normalisers read `row.cells[mapping.index.agent]`.
 */
export interface ColumnMapping {
  kind: Kind;
  /** field → column index */
  index: Partial<Record<string, number>>;
  /** field → the header as written in the file */
  headers: Record<string, string>;
  /** headers that map to no field, in file order (empty headers left out) */
  unmapped: string[];
  /** duration fields → the unit their plain numbers are in */
  units: Partial<Record<string, DurationUnit>>;
  /** required fields the file lacks, in words (`created_at`, `score (or nps, csat)`) */
  missing: string[];
  /** QA forms: criterion columns by criterion id */
  criteria: { id: string; index: number }[];
}

/** Duration fields that an export may fill with timestamps instead (SPEC §10 "Rounding"). */
const TIMESTAMP_TWIN: Record<string, string> = { first_response: 'first_response_at', resolution: 'resolved_at' };

/** Default unit of plain numbers in duration fields whose header names none. */
const DEFAULT_UNITS: Record<string, DurationUnit> = {
  wait_seconds: 'seconds',
  talk_seconds: 'seconds',
  total_seconds: 'seconds',
  first_response: 'minutes',
  resolution: 'hours',
};

export function mapColumns(
  kind: Kind,
  header: readonly string[],
  sample: readonly (readonly string[])[],
  config: Config,
): ColumnMapping {
  const index: Record<string, number> = {};
  const explicit = config.columns?.[kind] as Record<string, string | undefined> | undefined;
  const taken = new Set<number>();

  for (const [field, wanted] of Object.entries(explicit ?? {})) {
    if (wanted === undefined) continue;
    const at = header.findIndex((h) => h === wanted);
    const loose = at >= 0 ? at : header.findIndex((h) => normaliseHeader(h) === normaliseHeader(wanted));
    if (loose >= 0) {
      const twin = TIMESTAMP_TWIN[field];
      index[twin !== undefined && whatColumnHolds(sample, loose) === 'timestamps' ? twin : field] = loose;
      taken.add(loose);
    }
  }
  header.forEach((text, at) => {
    if (taken.has(at)) return;
    let field = fieldForHeader(kind, text);
    if (field === undefined) return;
    const twin = TIMESTAMP_TWIN[field];
    if (twin !== undefined) {
      // "First response time" may hold durations or timestamps, and "Resolution" may be free
      // text: the sampled values decide, and a column that holds neither stays unmapped.
      const holds = whatColumnHolds(sample, at);
      if (holds === 'timestamps') field = twin;
      else if (holds !== 'durations') return;
    }
    if (index[field] === undefined) {
      index[field] = at;
      taken.add(at);
    }
  });
  if (kind === 'surveys' && index.nps === undefined && index.score === undefined) {
    const at = header.findIndex((text, i) => !taken.has(i) && isZeroToTenQuestion(text));
    if (at >= 0) {
      index.nps = at;
      taken.add(at);
    }
  }

  const criteria: { id: string; index: number }[] = [];
  if (kind === 'qa') {
    const ids = criteriaFromConfig(config).map((criterion) => criterion.id);
    const byNormalised = new Map(ids.map((id) => [normaliseHeader(id), id]));
    header.forEach((text, at) => {
      const id = byNormalised.get(normaliseHeader(text));
      if (!taken.has(at) && id !== undefined) {
        criteria.push({ id, index: at });
        taken.add(at);
      }
    });
  }

  const headers: Record<string, string> = {};
  const units: Partial<Record<string, DurationUnit>> = {};
  for (const field of KIND_FIELDS[kind]) {
    const at = index[field];
    if (at === undefined) continue;
    headers[field] = header[at]!;
    const defaultUnit = DEFAULT_UNITS[field];
    if (defaultUnit) units[field] = durationUnitFromHeader(header[at]!) ?? defaultUnit;
  }
  return {
    kind,
    index,
    headers,
    unmapped: header.filter((text, at) => !taken.has(at) && text.trim() !== ''),
    units,
    missing: describeMissing(kind, index),
    criteria,
  };
}

function describeMissing(kind: Kind, index: Record<string, number>): string[] {
  const options = REQUIRED_FIELDS[kind];
  if (options.some((fields) => fields.every((field) => index[field] !== undefined))) return [];
  const lacking = [...new Set(options.flatMap((fields) => fields.filter((field) => index[field] === undefined)))];
  if (options.every((fields) => fields.length === 1)) {
    const [first, ...rest] = lacking;
    return [rest.length > 0 ? `${first} (or ${rest.join(', ')})` : first!];
  }
  const alwaysNeeded = lacking.filter((field) => options.every((fields) => fields.includes(field)));
  const eitherOf = lacking.filter((field) => !alwaysNeeded.includes(field));
  return [...alwaysNeeded, ...(eitherOf.length > 0 ? [eitherOf.join(' or ')] : [])];
}

/** What most sampled values of a column are: date-times, durations, or neither (an empty sample reads as durations). */
function whatColumnHolds(sample: readonly (readonly string[])[], at: number): 'timestamps' | 'durations' | 'other' {
  let dates = 0;
  let durations = 0;
  let values = 0;
  for (const row of sample) {
    const raw = row[at];
    if (raw === undefined || isMissing(raw)) continue;
    values += 1;
    if (readsAs(raw, 'DMY') || readsAs(raw, 'MDY')) dates += 1;
    else if (!isProblem(parseDuration(raw, 'seconds'))) durations += 1;
  }
  if (values === 0) return 'durations';
  if (dates * 2 > values) return 'timestamps';
  return durations * 2 > values ? 'durations' : 'other';
}
