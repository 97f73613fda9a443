import { z } from 'zod';
import type { DataQualityIssue } from '../domain/data-quality.js';
import type { QaCriterion } from '../domain/qa-criteria.js';
import type { SampleResult } from '../sample/select-sample.js';
import { IssueExampleV1, toIssueExampleV1 } from './data-quality-v1.js';

/**
 * `cs-kpi sample --format json` (SPEC §5, §7): the seed, the month, the filters, the pool per
 * stratum and the sampled contacts, plus the criteria the review form carries. Field names are a
 * contract: later versions add fields, never rename or remove them. Durations are in seconds.
 */
const count = z.number().int().nonnegative();
const seconds = z.number().nullable();

export const SampleItemV1 = z.object({
  /** the word the sample key uses */
  kind: z.enum(['call', 'ticket']),
  contactId: z.string(),
  agent: z.string(),
  channel: z.string().nullable(),
  /** the call's start or the ticket's creation, ISO 8601 with the zone's offset */
  startedAt: z.string(),
  waitSeconds: seconds,
  talkSeconds: seconds,
  firstResponseSeconds: seconds,
  resolutionSeconds: seconds,
  topic: z.string().nullable(),
  customer: z.string().nullable(),
  recordingUrl: z.string().nullable(),
  /** lower-case hex SHA-256 of `seed:kind:contactId`; each stratum took its smallest */
  key: z.string().regex(/^[0-9a-f]{64}$/),
});
export type SampleItemV1 = z.infer<typeof SampleItemV1>;

export const SampleStratumV1 = z.object({
  agent: z.string(),
  /** null when the sample is stratified by agent only */
  channel: z.string().nullable(),
  /** contacts of the pool in this stratum */
  pool: count,
  sampled: count,
  /** the stratum had fewer contacts than wanted: all of them are in the sample */
  short: z.boolean(),
});

export const QaCriterionV1 = z.object({
  id: z.string(),
  label: z.string(),
  weight: z.number(),
  /** `[min, max]` of a score; null for pass/fail */
  scale: z.tuple([z.number(), z.number()]).nullable(),
  /** a fail (the scale's lowest value) makes the review 0 */
  critical: z.boolean(),
  /** the channels it applies to; null for every channel */
  channels: z.array(z.string()).nullable(),
});

export const SampleV1 = z.object({
  schema: z.literal('cs-kpi/sample@1'),
  seed: z.string(),
  month: z.string(),
  period: z.object({ from: z.string(), to: z.string(), timezone: z.string() }),
  /** the command that draws this sample again */
  command: z.string(),
  by: z.enum(['agent', 'agent,channel']),
  /** contacts per stratum, or null with `size` */
  perStratum: z.number().int().positive().nullable(),
  /** contacts overall, or null when drawn per stratum */
  size: z.number().int().positive().nullable(),
  filters: z.object({
    kind: z.enum(['call', 'ticket']).nullable(),
    channel: z.string().nullable(),
    agent: z.string().nullable(),
    topic: z.string().nullable(),
    minTalkSeconds: z.number().nullable(),
    /** earlier review forms whose contacts are left out */
    excludeFiles: z.array(z.string()),
    /** contacts named in them */
    excluded: count,
  }),
  pool: z.object({
    /** answered calls and tickets with an agent and a first response, after the filters */
    contacts: count,
    strata: z.array(SampleStratumV1),
  }),
  items: z.array(SampleItemV1),
  criteria: z.array(QaCriterionV1),
  inputs: z.array(
    z.object({
      file: z.string(),
      kind: z.enum(['calls', 'tickets', 'surveys', 'customers', 'qa']),
      rows: count,
      used: count,
      issues: count,
    }),
  ),
  dataQuality: z.object({ issues: count, examples: z.array(IssueExampleV1) }),
});
export type SampleV1 = z.infer<typeof SampleV1>;

/** What `toSampleV1` needs besides the selection. */
export interface SampleContext {
  seed: string;
  month: string;
  period: { from: number; to: number };
  timezone: string;
  formatInstant: (instant: number) => string;
  command: string;
  by: SampleV1['by'];
  filters: SampleV1['filters'];
  criteria: readonly QaCriterion[];
  inputs: readonly SampleV1['inputs'][number][];
  issues: { count: number; examples: readonly DataQualityIssue[] };
}

const toSeconds = (ms: number | null) => (ms === null ? null : ms / 1000);

/** The selection → the JSON contract (pure; the shape is checked by `SampleV1` in tests). */
export function toSampleV1(result: SampleResult, context: SampleContext): SampleV1 {
  return {
    schema: 'cs-kpi/sample@1',
    seed: context.seed,
    month: context.month,
    period: {
      from: context.formatInstant(context.period.from),
      to: context.formatInstant(context.period.to),
      timezone: context.timezone,
    },
    command: context.command,
    by: context.by,
    perStratum: 'perStratum' in result.wanted ? result.wanted.perStratum : null,
    size: 'size' in result.wanted ? result.wanted.size : null,
    filters: { ...context.filters, excludeFiles: [...context.filters.excludeFiles] },
    pool: { contacts: result.pool, strata: result.strata.map((stratum) => ({ ...stratum })) },
    items: result.items.map((item) => ({
      kind: item.kind,
      contactId: item.contactId,
      agent: item.agent,
      channel: item.channel,
      startedAt: context.formatInstant(item.startedAt),
      waitSeconds: toSeconds(item.waitMs),
      talkSeconds: toSeconds(item.talkMs),
      firstResponseSeconds: toSeconds(item.firstResponseMs),
      resolutionSeconds: toSeconds(item.resolutionMs),
      topic: item.topic,
      customer: item.customer,
      recordingUrl: item.recordingUrl,
      key: item.key,
    })),
    criteria: context.criteria.map((criterion) => ({
      id: criterion.id,
      label: criterion.label,
      weight: criterion.weight,
      scale: criterion.scale === null ? null : [criterion.scale[0], criterion.scale[1]],
      critical: criterion.critical,
      channels: criterion.channels === null ? null : [...criterion.channels],
    })),
    inputs: context.inputs.map(({ file, kind, rows, used, issues }) => ({ file, kind, rows, used, issues })),
    dataQuality: { issues: context.issues.count, examples: context.issues.examples.map(toIssueExampleV1) },
  };
}
