import { z } from 'zod';
import type { DataQualityIssue } from '../domain/data-quality.js';
import { compareGroups, compareScorecards } from '../metrics/compare.js';
import type { MonthScorecards } from '../metrics/scorecard.js';
import { IssueExampleV1, toIssueExampleV1 } from './data-quality-v1.js';

/**
 * `cs-kpi report --format json` (SPEC §7): `cs-kpi/report@1`. The field names are a contract:
 * later versions add fields, never rename or remove them. Every block of a Scorecard is null when
 * it has no data, and carries `lowConfidence` when its n is below `minSample` (SPEC §10).
 */
const num = z.number();
const nullableNum = z.number().nullable();
const count = z.number().int().nonnegative();

export const VolumeV1 = z.object({ contacts: count, calls: count, tickets: count, surveys: count });

export const NpsV1 = z.object({
  n: count,
  promoters: count,
  passives: count,
  detractors: count,
  score: num,
  marginOfError: num,
  lowConfidence: z.boolean(),
});

export const CsatV1 = z.object({
  n: count,
  satisfied: count,
  percent: num,
  mean: num,
  ci95: z.tuple([num, num]),
  lowConfidence: z.boolean(),
});

const FirstResponseFields = {
  n: count,
  medianMinutes: nullableNum,
  p90Minutes: nullableNum,
  meanMinutes: nullableNum,
  slaDue: count,
  slaMet: count,
  slaPercent: nullableNum,
  businessTime: z.boolean(),
  lowConfidence: z.boolean(),
};
/** With business hours the block is in business time and `calendar` repeats it in calendar time (SPEC §3, §7). */
export const FirstResponseV1 = z.object({
  ...FirstResponseFields,
  calendar: z.object(FirstResponseFields).nullable().optional(),
});

const ResolutionFields = {
  created: count,
  resolved: count,
  resolvedPercent: num,
  medianHours: nullableNum,
  p90Hours: nullableNum,
  open: count,
  oldestOpenHours: nullableNum,
  lowConfidence: z.boolean(),
};
export const ResolutionV1 = z.object({
  ...ResolutionFields,
  calendar: z.object(ResolutionFields).nullable().optional(),
});

export const CallsV1 = z.object({
  offered: count,
  answered: count,
  missed: count,
  abandonPercent: nullableNum,
  serviceLevelPercent: nullableNum,
  asaSeconds: nullableNum,
  ahtSeconds: nullableNum,
  callbackPercent: nullableNum,
  lowConfidence: z.boolean(),
});

export const ChurnV1 = z.object({
  activeAtStart: count,
  churned: count,
  percent: nullableNum,
  revenuePercent: nullableNum,
  lowConfidence: z.boolean(),
});

export const IqsV1 = z.object({
  reviews: count,
  score: nullableNum,
  criticalFails: count,
  /** per criterion: reviews that rated it (not N/A), % at the top value, mean verdict on its own scale */
  criteria: z.record(z.string(), z.object({ rated: count, passPercent: nullableNum, meanScore: nullableNum })),
  lowConfidence: z.boolean(),
});

const AgreementFiguresV1 = z.object({ pairs: count, identicalPercent: nullableNum, kappa: nullableNum });
export const QaV1 = z.object({
  forms: z.array(z.string()),
  /** reviewer agreement (SPEC §10): null without a contact reviewed by two reviewers */
  agreement: AgreementFiguresV1.extend({
    byCriterion: z.record(z.string(), AgreementFiguresV1),
    byReviewer: z.array(z.object({ reviewer: z.string(), reviews: count, meanDeviation: nullableNum })),
  }).nullable(),
});

export const FcrV1 = z.object({
  n: count,
  resolvedFirstContact: count,
  percent: num,
  lowConfidence: z.boolean(),
});

export const LoyaltyV1 = z.object({ index: z.string(), n: count, score: nullableNum, lowConfidence: z.boolean() });

export const IndexV1 = z.object({
  method: z.enum(['nps', 'csat', 'ratio', 'mean']),
  n: count,
  top: count,
  bottom: count,
  score: nullableNum,
  mean: nullableNum,
  lowConfidence: z.boolean(),
});

const TargetVerdict = z.enum(['met', 'missed']).nullable();

export const ScorecardV1 = z.object({
  volume: VolumeV1,
  nps: NpsV1.nullable(),
  csat: CsatV1.nullable(),
  firstResponse: FirstResponseV1.nullable(),
  resolution: ResolutionV1.nullable(),
  calls: CallsV1.nullable(),
  churn: ChurnV1.nullable(),
  iqs: IqsV1.nullable(),
  fcr: FcrV1.nullable(),
  /** the index in the scorecard's first slot (config `scorecard.loyalty`, default nps) */
  loyalty: LoyaltyV1.nullable(),
  /** every index declared in config `indices`, by name */
  indices: z.record(z.string(), IndexV1.nullable()),
  /** one verdict per target set in config: `met`, `missed`, or null when the value is null */
  targets: z.record(z.string(), TargetVerdict),
});
export type ScorecardV1 = z.infer<typeof ScorecardV1>;

const FieldChangeV1 = z.object({
  previous: nullableNum,
  delta: nullableNum,
  lowConfidence: z.literal(true).optional(),
});
const ScorecardChangesV1 = z.record(z.string(), z.record(z.string(), FieldChangeV1));
export const CompareV1 = z.object({
  month: z.string(),
  overall: ScorecardChangesV1,
  byAgent: z.array(z.looseObject({ agent: z.string() })),
  byChannel: z.array(z.looseObject({ channel: z.string() })),
});
export type CompareV1 = z.infer<typeof CompareV1>;

export const ReportV1 = z.object({
  schema: z.literal('cs-kpi/report@1'),
  period: z.object({
    month: z.string(),
    from: z.string(),
    to: z.string(),
    timezone: z.string(),
    businessHours: z.boolean(),
  }),
  inputs: z.array(
    z.object({
      file: z.string(),
      kind: z.enum(['calls', 'tickets', 'surveys', 'customers', 'qa']),
      rows: count,
      used: count,
      issues: count,
    }),
  ),
  overall: ScorecardV1,
  byAgent: z.array(ScorecardV1.extend({ agent: z.string() })),
  byChannel: z.array(ScorecardV1.extend({ channel: z.string() })),
  byAgentChannel: z.array(ScorecardV1.extend({ agent: z.string(), channel: z.string() })),
  bySegment: z.array(z.object({ segment: z.string(), churn: ChurnV1.nullable() })),
  dataQuality: z.object({ issues: count, examples: z.array(IssueExampleV1) }),
  /** with `--qa FORM…`: the forms read and the reviewers' agreement */
  qa: QaV1.optional(),
  /** with `--compare M`: month M's value of every field and the change since (SPEC §7) */
  compare: CompareV1.optional(),
  /** the rules used, in words (SPEC §7) */
  rules: z.object({ attribution: z.string(), serviceLevel: z.string(), month: z.string() }),
});
export type ReportV1 = z.infer<typeof ReportV1>;

/** What `toReportV1` needs besides the scorecards. */
export interface ReportContext {
  timezone: string;
  businessHours: boolean;
  formatInstant: (instant: number) => string;
  inputs: readonly {
    file: string;
    kind: ReportV1['inputs'][number]['kind'];
    rows: number;
    used: number;
    issues: number;
  }[];
  issues: { count: number; examples: readonly DataQualityIssue[] };
  rules: ReportV1['rules'];
  /** the comparison month's scorecards, with `--compare` */
  previous?: MonthScorecards;
}

/** The month's scorecards → the JSON contract (pure; the shapes are checked by `ReportV1` in tests). */
export function toReportV1(scorecards: MonthScorecards, context: ReportContext): ReportV1 {
  return {
    schema: 'cs-kpi/report@1',
    period: {
      month: scorecards.month,
      from: context.formatInstant(scorecards.from),
      to: context.formatInstant(scorecards.to),
      timezone: context.timezone,
      businessHours: context.businessHours,
    },
    inputs: context.inputs.map(({ file, kind, rows, used, issues }) => ({ file, kind, rows, used, issues })),
    overall: scorecards.overall as ScorecardV1,
    byAgent: scorecards.byAgent as ReportV1['byAgent'],
    byChannel: scorecards.byChannel as ReportV1['byChannel'],
    byAgentChannel: scorecards.byAgentChannel as ReportV1['byAgentChannel'],
    bySegment: scorecards.bySegment as ReportV1['bySegment'],
    dataQuality: { issues: context.issues.count, examples: context.issues.examples.map(toIssueExampleV1) },
    ...(scorecards.qaForms.length > 0 ? { qa: { forms: scorecards.qaForms, agreement: scorecards.agreement } } : {}),
    ...(context.previous ? { compare: toCompareV1(scorecards, context.previous) } : {}),
    rules: context.rules,
  };
}

function toCompareV1(current: MonthScorecards, previous: MonthScorecards): CompareV1 {
  const asRecord = (card: unknown) => card as Record<string, unknown>;
  return {
    month: previous.month,
    overall: compareScorecards(asRecord(current.overall), asRecord(previous.overall)),
    byAgent: compareGroups('agent', current.byAgent, previous.byAgent),
    byChannel: compareGroups('channel', current.byChannel, previous.byChannel),
  };
}
