import { Command, Option } from 'commander';
import { z } from 'zod';
import { toReportV1 } from '../../contracts/report-v1.js';
import { loadConfig } from '../../config/load-config.js';
import type { Config } from '../../config/config-schema.js';
import type { Month } from '../../domain/month.js';
import { createZoneConverter, machineZone } from '../../domain/time-zone.js';
import { UserError, type ExitCode } from '../../errors.js';
import { discoverInputs } from '../../ingest/discover-inputs.js';
import { ingest } from '../../ingest/ingest.js';
import {
  DEFAULT_FIRST_RESPONSE_TARGETS,
  DEFAULT_MIN_SAMPLE,
  DEFAULT_SERVICE_LEVEL_SECONDS,
} from '../../metrics/accumulator.js';
import { ScorecardBuilder, type ScorecardOptions } from '../../metrics/scorecard.js';
import { renderers } from '../../render/index.js';
import {
  addCommonOptions,
  CommonOptions,
  formatOption,
  inputsByKind,
  MonthSchema,
  strictExitCode,
  warnAboutIssues,
} from '../common-options.js';
import type { Terminal } from '../terminal.js';
import { assertWritable, writeOutput } from '../write-output.js';

const examples = `
Examples:
  $ cs-kpi report examples/2026-10
  $ cs-kpi report exports/ --month 2026-10 --by agent
  $ cs-kpi report exports/ --json | jq .overall.nps.score
  $ cs-kpi report calls.csv tickets.csv surveys.csv --format csv --out scorecard-2026-10.csv`;

export const ReportOptions = CommonOptions.extend({
  month: MonthSchema.optional(),
  by: z.enum(['summary', 'agent', 'channel', 'agent,channel']).default('summary'),
  format: formatOption(['table', 'json', 'csv'] as const),
});
export type ReportOptions = z.infer<typeof ReportOptions>;

export const reportCommand = addCommonOptions(
  new Command('report')
    .description(
      'The five-metric scorecard (NPS, churn, speed, CSAT, IQS) for the month: overall, per agent, per channel and per agent × channel',
    )
    .argument('[inputs...]', 'export files or folders (a folder means every .csv, .tsv, .txt, .xlsx file in it)')
    .option('--month <YYYY-MM>', 'the month to report (default: the month with most calls and tickets)')
    .addOption(
      new Option('--by <view>', 'table view: the summary, or one table by agent, channel or agent × channel').choices([
        'summary',
        'agent',
        'channel',
        'agent,channel',
      ]),
    ),
  ['table', 'json', 'csv'],
).addHelpText('after', examples);

/** Reads the exports, scores the month, writes the scorecard. Returns the exit code; never exits. */
export async function runReport(inputs: string[], options: ReportOptions, terminal: Terminal): Promise<ExitCode> {
  await assertWritable(options);
  const config = await loadConfig(options.config);
  const files = await discoverInputs(inputs, inputsByKind(options));
  const timezone = config.timezone ?? machineZone();
  const zone = createZoneConverter(timezone);
  const builder = new ScorecardBuilder(scorecardOptions(config, zone));
  const progress = terminal.progress('Reading exports');
  let result;
  try {
    result = await ingest(
      files,
      { config, zone, encoding: options.encoding, sheet: options.sheet, onProgress: progress.update },
      {
        call: (call) => builder.addCall(call),
        ticket: (ticket) => builder.addTicket(ticket),
        answer: (answer) => builder.addAnswer(answer),
        customer: (customer) => builder.addCustomer(customer),
      },
    );
  } finally {
    progress.stop();
  }
  if (result.files.some((file) => file.kind === 'qa')) {
    terminal.warn('QA review forms are read but not scored yet: IQS arrives with the QA feature.');
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
  const scorecards = builder.build(month, snapshotFiles, (issue) => {
    issues.add(issue);
    perFile.set(issue.location.file, (perFile.get(issue.location.file) ?? 0) + 1);
  });

  const report = toReportV1(scorecards, {
    timezone,
    businessHours: false,
    formatInstant: zone.formatInstant,
    inputs: result.files.map((file) => ({ ...file, issues: perFile.get(file.file) ?? file.issues })),
    issues,
  });
  if (options.format !== 'json' && !options.strict) warnAboutIssues(issues, terminal);
  const rendered =
    options.format === 'table'
      ? renderers.report.table(report, terminal.style, options.by)
      : options.format === 'csv'
        ? renderers.report.csv(report)
        : renderers.report.json(report);
  await writeOutput(rendered, options, terminal);
  return strictExitCode(options, issues, terminal);
}

function scorecardOptions(config: Config, zone: ScorecardOptions['zone']): ScorecardOptions {
  return {
    zone,
    minSample: config.minSample ?? DEFAULT_MIN_SAMPLE,
    serviceLevelSeconds: config.serviceLevelSeconds ?? DEFAULT_SERVICE_LEVEL_SECONDS,
    firstResponseTargetsMinutes: config.sla?.firstResponseMinutes ?? DEFAULT_FIRST_RESPONSE_TARGETS,
    targets: config.targets ?? {},
  };
}
