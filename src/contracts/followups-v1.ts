import { z } from 'zod';
import type { DataQualityIssue } from '../domain/data-quality.js';
import type { RatedAnswer } from '../metrics/scorecard.js';
import { IssueExampleV1, toIssueExampleV1 } from './data-quality-v1.js';

/**
 * `cs-kpi followups --format json` (SPEC §7, §10 "Follow-ups"): the survey answers to call back
 * — CSAT below `below` and NPS detractors — of a month or since a date, worst first, then oldest.
 * Field names are a contract: later versions add fields, never rename or remove them.
 */
const count = z.number().int().nonnegative();

export const FollowupItemV1 = z.object({
  /** the answer's id in the survey export; null when the export has none (it cannot be excluded later) */
  answerId: z.string().nullable(),
  /** when it was given, ISO 8601 with the zone's offset; null for a snapshot file's answers */
  answeredAt: z.string().nullable(),
  survey: z.enum(['nps', 'csat']),
  score: z.number(),
  /** `[min, max]` of the scale the score is on */
  scale: z.tuple([z.number(), z.number()]),
  comment: z.string().nullable(),
  /** the call or ticket it rates */
  contactId: z.string().nullable(),
  /** from the answer, else from the contact it rates */
  agent: z.string().nullable(),
  channel: z.string().nullable(),
  customer: z.string().nullable(),
  /** the topic of the contact it rates, where known */
  topic: z.string().nullable(),
});
export type FollowupItemV1 = z.infer<typeof FollowupItemV1>;

export const FollowupsV1 = z.object({
  schema: z.literal('cs-kpi/followups@1'),
  /** `YYYY-MM` with `--month` (or the default month); null with `--since` */
  month: z.string().nullable(),
  /** `YYYY-MM-DD` with `--since`, else null */
  since: z.string().nullable(),
  /** `[from, to)`: the month, or from the since-date to the end of the latest month with data */
  period: z.object({ from: z.string(), to: z.string(), timezone: z.string() }),
  /** CSAT answers below this on a 1–5 scale (scaled on other scales); NPS 0–6 always */
  below: z.number(),
  /** the number of items */
  count,
  /** earlier call lists given with `--exclude` */
  excludeFiles: z.array(z.string()),
  /** answers that would be listed but were called back already (in those lists) */
  excluded: count,
  items: z.array(FollowupItemV1),
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
export type FollowupsV1 = z.infer<typeof FollowupsV1>;

/** What `toFollowupsV1` needs besides the selected answers. */
export interface FollowupsContext {
  month: string | null;
  since: string | null;
  period: { from: number; to: number };
  timezone: string;
  formatInstant: (instant: number) => string;
  below: number;
  excludeFiles: readonly string[];
  excluded: number;
  inputs: readonly FollowupsV1['inputs'][number][];
  issues: { count: number; examples: readonly DataQualityIssue[] };
}

/** The selection → the JSON contract (pure; the shape is checked by `FollowupsV1` in tests). */
export function toFollowupsV1(answers: readonly RatedAnswer[], context: FollowupsContext): FollowupsV1 {
  return {
    schema: 'cs-kpi/followups@1',
    month: context.month,
    since: context.since,
    period: {
      from: context.formatInstant(context.period.from),
      to: context.formatInstant(context.period.to),
      timezone: context.timezone,
    },
    below: context.below,
    count: answers.length,
    excludeFiles: [...context.excludeFiles],
    excluded: context.excluded,
    items: answers.map((answer) => ({
      answerId: answer.id,
      answeredAt: answer.answeredAt === null ? null : context.formatInstant(answer.answeredAt),
      survey: answer.survey === 'nps' ? 'nps' : 'csat',
      score: answer.score,
      scale: [answer.scale[0], answer.scale[1]],
      comment: answer.comment,
      contactId: answer.contactId,
      agent: answer.agent,
      channel: answer.channel,
      customer: answer.customer,
      topic: answer.topic,
    })),
    inputs: context.inputs.map(({ file, kind, rows, used, issues }) => ({ file, kind, rows, used, issues })),
    dataQuality: { issues: context.issues.count, examples: context.issues.examples.map(toIssueExampleV1) },
  };
}
