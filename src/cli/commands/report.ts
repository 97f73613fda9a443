import { readFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { z } from 'zod';
import { toReportV1, type ReportV1 } from '../../contracts/report-v1.js';
import { bareMap, loadConfig } from '../../config/load-config.js';
import type { Config } from '../../config/config-schema.js';
import type { DataQualityIssue } from '../../domain/data-quality.js';
import type { Month } from '../../domain/month.js';
import { criteriaFromConfig } from '../../domain/qa-criteria.js';
import { createZoneConverter, machineZone } from '../../domain/time-zone.js';
import { UserError, type ExitCode } from '../../errors.js';
import { discoverInputs } from '../../ingest/discover-inputs.js';
import { ingest } from '../../ingest/ingest.js';
import {
  DEFAULT_CALLBACK_MINUTES,
  DEFAULT_FIRST_RESPONSE_TARGETS,
  DEFAULT_MIN_SAMPLE,
  DEFAULT_SERVICE_LEVEL_SECONDS,
} from '../../metrics/accumulator.js';
import { createBusinessClock } from '../../metrics/business-time.js';
import { indexDefinitionProblem, isNpsIndexName } from '../../metrics/indices.js';
import { type AnswerVerdict, ScorecardBuilder, type ScorecardOptions } from '../../metrics/scorecard.js';
import { DEFAULT_BELOW, needsFollowup, selectFollowups } from '../../followups/select-followups.js';
import { renderers } from '../../render/index.js';
import {
  addCommonOptions,
  CommonOptions,
  formatOption,
  INPUTS_DESCRIPTION,
  inputsByKind,
  MonthSchema,
  readPaths,
  requireOutForXlsx,
  scorecardIngestOptions,
  strictExitCode,
  warnAboutIssues,
} from '../common-options.js';
import type { Terminal } from '../terminal.js';
import { assertWritable, writeOutput } from '../write-output.js';

const examples = `
Examples:
  $ cs-kpi report examples/2026-10
  $ cs-kpi report exports/ --month 2026-10 --by agent
  $ cs-kpi report exports/ --month 2026-10 --compare 2026-09
  $ cs-kpi report exports/ --json | jq .overall.nps.score
  $ cs-kpi report calls.csv tickets.csv surveys.csv --format csv --out scorecard-2026-10.csv
  $ cs-kpi report exports/ --month 2026-10 --format xlsx --out scorecard-2026-10.xlsx`;

export const ReportOptions = CommonOptions.extend({
  month: MonthSchema.optional(),
  compare: MonthSchema.optional(),
  by: z.enum(['summary', 'agent', 'channel', 'agent,channel']).default('summary'),
  format: formatOption(['table', 'json', 'csv', 'xlsx'] as const),
}).superRefine(requireOutForXlsx);
export type ReportOptions = z.infer<typeof ReportOptions>;

export const reportCommand = addCommonOptions(
  new Command('report')
    .description(
      'The five-metric scorecard (NPS, churn, speed, CSAT, IQS) for the month: overall, per agent, per channel and per agent × channel',
    )
    .argument('[inputs...]', INPUTS_DESCRIPTION)
    .option('--month <YYYY-MM>', 'the month to report (default: the month with most calls and tickets)')
    .option('--compare <YYYY-MM>', 'also score this month from the same inputs and show the change of every figure')
    .addOption(
      new Option('--by <view>', 'table view: the summary, or one table by agent, channel or agent × channel').choices([
        'summary',
        'agent',
        'channel',
        'agent,channel',
      ]),
    ),
  ['table', 'json', 'csv', 'xlsx'],
).addHelpText('after', examples);

/** Reads the exports, scores the month, writes the scorecard. Returns the exit code; never exits. */
export async function runReport(inputs: string[], options: ReportOptions, terminal: Terminal): Promise<ExitCode> {
  const config = await loadConfig(options.config);
  const files = await discoverInputs(inputs, inputsByKind(options));
  await assertWritable(options, readPaths(files, options));
  const timezone = config.timezone ?? machineZone();
  const zone = createZoneConverter(timezone);
  // The month's answers are listed only as the XLSX report's follow-ups sheet: no other answer is kept.
  const keepsAnswers = options.format === 'xlsx';
  const builder = new ScorecardBuilder({ ...scorecardOptions(config, zone), keepsAnswers });
  const progress = terminal.progress('Reading exports');
  let result;
  try {
    result = await ingest(files, scorecardIngestOptions(config, zone, options, builder.contactIds, progress.update), {
      call: (call, idNumber) => builder.addCall(call, idNumber),
      ticket: (ticket, idNumber) => builder.addTicket(ticket, idNumber),
      answer: (answer) => builder.addAnswer(answer),
      customer: (customer) => builder.addCustomer(customer),
      review: (review) => builder.addReview(review),
    });
  } finally {
    progress.stop();
  }
  const month: Month | null = (options.month as Month | undefined) ?? builder.defaultMonth();
  if (month === null) {
    throw new UserError(
      'no dated call, ticket, answer or churn in the inputs, so the month is unknown; give --month YYYY-MM.',
    );
  }
  if (options.month === undefined)
    terminal.note(`month: ${month} (the busiest month of the inputs; --month chooses another)`);
  const snapshotFiles = new Set(result.files.filter((file) => file.snapshot).map((file) => file.file));
  const issues = result.issues;
  const perFile = new Map(result.files.map((file) => [file.file, file.issues]));
  const onIssue = (issue: DataQualityIssue) => {
    issues.add(issue);
    perFile.set(issue.location.file, (perFile.get(issue.location.file) ?? 0) + 1);
  };
  const keepAnswer = keepsAnswers ? (answer: AnswerVerdict) => needsFollowup(answer, DEFAULT_BELOW) : () => false;
  const scorecards = builder.build(month, snapshotFiles, onIssue, { keepAnswer });

  const previous =
    options.compare === undefined
      ? undefined
      : builder.build(options.compare as Month, snapshotFiles, onIssue, {
          snapshotsBelong: false,
          keepAnswer: () => false,
        });
  const report = toReportV1(scorecards, {
    previous,
    timezone,
    businessHours: config.businessHours !== undefined,
    formatInstant: zone.formatInstant,
    rules: describeRules(config, month, options.month !== undefined, timezone),
    inputs: result.files.map((file) => ({ ...file, issues: perFile.get(file.file) ?? file.issues })),
    issues,
  });
  if (options.format !== 'json' && !options.strict) warnAboutIssues(issues, terminal);
  const rendered =
    options.format === 'table'
      ? renderers.report.table(report, terminal.style, options.by)
      : options.format === 'csv'
        ? renderers.report.csv(report)
        : options.format === 'xlsx'
          ? renderers.report.xlsx(report, {
              definitions: await readDefinitions(),
              followups: selectFollowups(scorecards.answers, { below: DEFAULT_BELOW, exclude: new Set() }).map(
                (answer) => ({
                  answeredAt:
                    answer.answeredAt === null
                      ? ''
                      : zone.formatInstant(answer.answeredAt).slice(0, 16).replace('T', ' '),
                  survey: answer.survey,
                  score: answer.score,
                  agent: answer.agent,
                  channel: answer.channel,
                  customer: answer.customer,
                  contactId: answer.contactId,
                  topic: answer.topic,
                  comment: answer.comment,
                }),
              ),
              targets: config.targets,
              minSample: config.minSample ?? DEFAULT_MIN_SAMPLE,
              ...(report.qa ? { qa: report.qa } : {}),
            })
          : renderers.report.json(report);
  await writeOutput(rendered, options, terminal);
  return strictExitCode(options, issues, terminal);
}

/**
 * docs/metrics.md, for the Definitions sheet. The build copies it to dist/docs/ (the package ships
 * dist/, not docs/); a run from source (`npm run dev`) finds no src/docs/ and reads docs/ itself.
 */
async function readDefinitions(): Promise<string> {
  return readFile(new URL('../../docs/metrics.md', import.meta.url), 'utf8').catch(() =>
    readFile(new URL('../../../docs/metrics.md', import.meta.url), 'utf8'),
  );
}

/** The scorecard's settings from config, with the defaults of SPEC §10; bad index definitions are refused here. */
export function scorecardOptions(config: Config, zone: ScorecardOptions['zone']): ScorecardOptions {
  // Without a prototype: a survey called "constructor" in the data must find no index, not Object's.
  const indices = config.indices ?? bareMap<ScorecardOptions['indices'][string]>();
  for (const [name, definition] of Object.entries(indices)) {
    const problem = isNpsIndexName(name)
      ? '"nps" always means the 0–10 NPS; give the index another name'
      : indexDefinitionProblem(definition);
    if (problem !== null) throw new UserError(`cs-kpi.config.json: indices.${name}: ${problem}.`);
  }
  const loyalty = config.scorecard?.loyalty ?? 'nps';
  if (!isNpsIndexName(loyalty) && !Object.keys(indices).some((name) => name.toLowerCase() === loyalty.toLowerCase())) {
    throw new UserError(
      `cs-kpi.config.json: scorecard.loyalty: "${loyalty}" is neither "nps" nor an index under "indices"; declare it or remove the key.`,
    );
  }
  return {
    zone,
    minSample: config.minSample ?? DEFAULT_MIN_SAMPLE,
    serviceLevelSeconds: config.serviceLevelSeconds ?? DEFAULT_SERVICE_LEVEL_SECONDS,
    firstResponseTargetsMinutes: config.sla?.firstResponseMinutes ?? DEFAULT_FIRST_RESPONSE_TARGETS,
    callbackMinutes: config.sla?.callbackMinutes ?? DEFAULT_CALLBACK_MINUTES,
    targets: config.targets ?? {},
    indices,
    loyalty,
    criteria: criteriaFromConfig(config),
    ...(config.businessHours
      ? {
          businessClock: createBusinessClock(
            { hours: config.businessHours, holidays: config.holidays ?? [], workdays: config.workdays ?? [] },
            zone,
          ),
        }
      : {}),
  };
}

/** The rules the figures follow, in words, for the JSON's `rules` block (SPEC §7). */
function describeRules(config: Config, month: Month, monthGiven: boolean, timezone: string): ReportV1['rules'] {
  const seconds = config.serviceLevelSeconds ?? DEFAULT_SERVICE_LEVEL_SECONDS;
  return {
    attribution:
      'A call or ticket counts for the agent named on it; a survey answer without an agent takes the agent and channel of the contact it rates; missed calls that name no agent count overall and per channel only; churn counts for the customer’s manager.',
    serviceLevel: `Inbound calls answered within ${seconds} s, of all inbound calls offered; an answered call without a wait time counts as offered but not as within.`,
    month: `${month} in ${timezone}, ${monthGiven ? 'given with --month' : 'the month with most calls and tickets'}: calls by start, tickets by creation, answers by when they were given, churn by churn date${config.businessHours ? '; first response and resolution in business hours' : ''}.`,
  };
}
