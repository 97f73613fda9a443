import { Command } from 'commander';
import { z } from 'zod';
import { toFollowupsV1, type FollowupsV1 } from '../../contracts/followups-v1.js';
import { loadConfig } from '../../config/load-config.js';
import type { DataQualityIssue } from '../../domain/data-quality.js';
import { monthOf, type Month } from '../../domain/month.js';
import { createZoneConverter, machineZone, monthPeriod } from '../../domain/time-zone.js';
import { UserError, type ExitCode } from '../../errors.js';
import { monthsFrom, ratedAnswersOfMonths } from '../../followups/answers-of-months.js';
import { DEFAULT_BELOW, needsFollowup, selectFollowups } from '../../followups/select-followups.js';
import { discoverInputs } from '../../ingest/discover-inputs.js';
import { ingest } from '../../ingest/ingest.js';
import { readCallList } from '../../ingest/read-call-list.js';
import { ScorecardBuilder } from '../../metrics/scorecard.js';
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
import { scorecardOptions } from './report.js';

const examples = `
Examples:
  $ cs-kpi followups examples/2026-10 --config examples/cs-kpi.config.json
  $ cs-kpi followups exports/ --month 2026-10 --below 3 --json
  $ cs-kpi followups exports/ --since 2026-10-19 --format xlsx --out followups-2026-10-19.xlsx
  $ cs-kpi followups exports/ --since 2026-10-26 --format xlsx --out followups-2026-10-26.xlsx --exclude followups-2026-10-19.xlsx

Listed: CSAT answers below --below of 5 (on 0–10 and 1–10 scales the same share of the scale)
and NPS detractors (0–6) whatever --below is; answers of custom indices are not listed. Worst
first (the lowest share of its scale), then oldest. Call each customer, fill in called_back and
outcome in the XLSX (or CSV), and give the file to --exclude next week: the answers whose
called_back is filled are left out.`;

const BELOW_MESSAGE = 'expected a number above 1 and at most 5 (a CSAT score on 1–5)';

const SinceSchema = z.string().superRefine((value, ctx) => {
  if (!isLocalDate(value)) ctx.addIssue({ code: 'custom', message: `expected a date YYYY-MM-DD, got "${value}"` });
});

export const FollowupsOptions = CommonOptions.extend({
  month: MonthSchema.optional(),
  since: SinceSchema.optional(),
  below: z.coerce
    .number({ error: BELOW_MESSAGE })
    .gt(1, { error: BELOW_MESSAGE })
    .lte(5, { error: BELOW_MESSAGE })
    .default(DEFAULT_BELOW),
  exclude: z.array(z.string()).default([]),
  format: formatOption(['table', 'json', 'csv', 'xlsx'] as const),
}).superRefine((options, ctx) => {
  if (options.month !== undefined && options.since !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['since'], message: 'give --month or --since, not both' });
  }
  requireOutForXlsx(options, ctx);
});
export type FollowupsOptions = z.infer<typeof FollowupsOptions>;

export const followupsCommand = addCommonOptions(
  new Command('followups')
    .description(
      'The survey answers to call back — CSAT below --below and NPS detractors — of a month or since a date, worst first, minus the customers called back already: a table, JSON, CSV or an XLSX call list',
    )
    .argument('[inputs...]', INPUTS_DESCRIPTION)
    .option('--month <YYYY-MM>', 'the month of answers (default: the month with most calls and tickets)')
    .option(
      '--since <YYYY-MM-DD>',
      'instead of --month: the answers given on or after this day, to the latest month of the inputs (weekly use)',
    )
    .option('--below <n>', 'list CSAT answers below n of 5, scaled on other scales (default: 4, i.e. 1–3)')
    .option(
      '--exclude <lists...>',
      'leave out the answers called back in earlier call lists (their CSV or XLSX with called_back filled); put it after the inputs',
    ),
  ['table', 'json', 'csv', 'xlsx'],
  'write the result to this file (atomically) instead of stdout; required with --format xlsx',
).addHelpText('after', examples);

/** Reads the exports, selects the answers to call back, writes them. Returns the exit code; never exits. */
export async function runFollowups(inputs: string[], options: FollowupsOptions, terminal: Terminal): Promise<ExitCode> {
  const config = await loadConfig(options.config);
  const timezone = config.timezone ?? machineZone();
  const zone = createZoneConverter(timezone);
  const files = await discoverInputs(inputs, inputsByKind(options));
  await assertWritable(
    options,
    readPaths(
      files,
      options,
      options.exclude.map((path) => ({ path })),
    ),
  );
  const listIssues: DataQualityIssue[] = [];
  const calledBack = new Set<string>();
  for (const list of options.exclude) {
    for (const id of await readCallList(list, {
      encoding: options.encoding,
      onIssue: (issue) => listIssues.push(issue),
    }))
      calledBack.add(id);
  }
  const builder = new ScorecardBuilder(scorecardOptions(config, zone));
  const range = { latest: null as number | null };
  const seen = (instant: number | null) => {
    if (instant !== null && (range.latest === null || instant > range.latest)) range.latest = instant;
  };
  const progress = terminal.progress('Reading exports');
  let result;
  try {
    result = await ingest(files, scorecardIngestOptions(config, zone, options, builder.contactIds, progress.update), {
      call: (call, idNumber) => {
        builder.addCall(call, idNumber);
        seen(call.startedAt);
      },
      ticket: (ticket, idNumber) => {
        builder.addTicket(ticket, idNumber);
        seen(ticket.createdAt);
      },
      answer: (answer) => {
        builder.addAnswer(answer);
        seen(answer.answeredAt);
      },
    });
  } finally {
    progress.stop();
  }

  let since: number | undefined;
  let months: Month[];
  if (options.since !== undefined) {
    since = zone.toInstant(Date.parse(`${options.since}T00:00:00Z`));
    const first = monthOf(options.since);
    months = monthsFrom(first, range.latest === null ? first : monthOf(zone.localDate(range.latest)));
  } else {
    const month = (options.month as Month | undefined) ?? builder.defaultMonth();
    if (month === null) {
      throw new UserError(
        'no dated call, ticket or answer in the inputs, so the month is unknown; give --month YYYY-MM or --since YYYY-MM-DD.',
      );
    }
    if (options.month === undefined)
      terminal.note(`month: ${month} (the busiest month of the inputs; --month chooses another)`);
    months = [month];
  }
  const snapshotFiles = new Set(result.files.filter((file) => file.snapshot).map((file) => file.file));
  const issues = result.issues;
  for (const issue of listIssues) issues.add(issue);
  const below = options.below;
  // Only the answers that need a call back are made into objects (selectFollowups keeps no other).
  const answers = ratedAnswersOfMonths(
    builder,
    months,
    snapshotFiles,
    (issue) => issues.add(issue),
    (answer) => needsFollowup(answer, below),
  );
  const everyone = selectFollowups(answers, { below, since, exclude: new Set() });
  const selected = calledBack.size === 0 ? everyone : selectFollowups(answers, { below, since, exclude: calledBack });

  const followups: FollowupsV1 = toFollowupsV1(selected, {
    month: since === undefined ? months[0]! : null,
    since: options.since ?? null,
    period: { from: since ?? monthPeriod(months[0]!, zone).from, to: monthPeriod(months[months.length - 1]!, zone).to },
    timezone,
    formatInstant: zone.formatInstant,
    below,
    excludeFiles: options.exclude,
    excluded: everyone.length - selected.length,
    inputs: result.files,
    issues,
  });
  if (options.format !== 'json' && !options.strict) warnAboutIssues(issues, terminal);
  await writeOutput(renderers.followups[options.format](followups, terminal.style), options, terminal);
  return strictExitCode(options, issues, terminal);
}

/** `YYYY-MM-DD`, a real calendar date. */
function isLocalDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}
