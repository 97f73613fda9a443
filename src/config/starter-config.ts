import type { Kind } from '../domain/records.js';
import type { Config } from './config-schema.js';

/** What `cs-kpi init` learned from the files it was given. */
export interface StarterFacts {
  timezone: string;
  /** the day-month order chosen for ambiguous slash dates, if any file had them */
  dateFormat?: 'DMY' | 'MDY';
  /** field → header, per kind, from the first file of each kind */
  columns: Partial<Record<Kind, Record<string, string>>>;
}

/** The seeds' targets (SPEC §10 "Targets": `init` writes them). */
export const SEED_TARGETS = {
  nps: { min: 50 },
  csat: { min: 90 },
  firstResponseSla: { min: 90 },
  iqs: { min: 85 },
  churn: { max: 3 },
} as const;

/**
 * A starter `cs-kpi.config.json`: the time zone, the date format, the column mapping the tool
 * would use, the default SLA per channel and the seeds' targets — every value written out so a
 * manager sees what to edit (SPEC §11).
 */
export function buildStarterConfig(facts: StarterFacts): Config {
  const columns = Object.fromEntries(
    Object.entries(facts.columns).filter(([, mapping]) => mapping && Object.keys(mapping).length > 0),
  );
  return {
    timezone: facts.timezone,
    ...(facts.dateFormat ? { dateFormat: facts.dateFormat } : {}),
    minSample: 30,
    serviceLevelSeconds: 20,
    sla: { firstResponseMinutes: { email: 60, web: 60, chat: 2, messenger: 2, social: 2 }, callbackMinutes: 30 },
    targets: structuredClone(SEED_TARGETS) as Config['targets'],
    ...(Object.keys(columns).length > 0 ? { columns: columns as Config['columns'] } : {}),
  };
}
