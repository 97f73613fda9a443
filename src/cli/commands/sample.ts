import { Command, Option } from 'commander';
import { z } from 'zod';
import { toSampleV1, type SampleV1 } from '../../contracts/sample-v1.js';
import type { Config } from '../../config/config-schema.js';
import { loadConfig } from '../../config/load-config.js';
import { normaliseChannel } from '../../domain/channel.js';
import type { IssueLog } from '../../domain/data-quality.js';
import { busiestMonth, type Month } from '../../domain/month.js';
import { criteriaFromConfig } from '../../domain/qa-criteria.js';
import { createZoneConverter, machineZone, monthPeriod, type ZoneConverter } from '../../domain/time-zone.js';
import { UserError, type ExitCode } from '../../errors.js';
import { AgentNames } from '../../ingest/agent-names.js';
import { discoverInputs, type InputFile } from '../../ingest/discover-inputs.js';
import { ingest } from '../../ingest/ingest.js';
import { renderers } from '../../render/index.js';
import {
  DEFAULT_PER_STRATUM,
  SampleSelector,
  type ExcludedContact,
  type SampleFilters,
  type SampleResult,
  type SampleSettings,
} from '../../sample/select-sample.js';
import {
  addCommonOptions,
  CommonOptions,
  formatOption,
  INPUTS_DESCRIPTION,
  inputsByKind,
  MonthSchema,
  requireOutForXlsx,
  strictExitCode,
  warnAboutIssues,
  readPaths,
} from '../common-options.js';
import type { Terminal } from '../terminal.js';
import { assertWritable, writeOutput } from '../write-output.js';

const examples = `
Examples:
  $ cs-kpi sample examples/2026-10
  $ cs-kpi sample exports/ --month 2026-10 --format xlsx --out qa-2026-10.xlsx
  $ cs-kpi sample exports/ --per-agent 8 --by agent,channel --seed "QA meeting 2026-10" --format csv
  $ cs-kpi sample exports/ --kind call --min-talk 60 --size 30 --json
  $ cs-kpi sample exports/ --month 2026-11 --format xlsx --out qa-2026-11.xlsx --exclude qa-2026-10.xlsx

The pool is the month's answered calls (inbound and outbound) and its tickets that have an agent
and a first response, narrowed by the filters. Every contact gets the key SHA-256("seed:kind:id")
and each agent (or agent × channel) gets the contacts with the smallest keys: the same seed draws
the same sample whatever the row order or the split into files. Fill in the XLSX form and feed it
back with "cs-kpi report EXPORTS --qa FORM.xlsx".`;

const COUNT_MESSAGE = 'expected a whole number of 1 or more';
const count = () =>
  z.coerce.number({ error: COUNT_MESSAGE }).int({ error: COUNT_MESSAGE }).positive({ error: COUNT_MESSAGE });

export const SampleOptions = CommonOptions.extend({
  month: MonthSchema.optional(),
  /** default 5 (`DEFAULT_PER_STRATUM`) unless `--size` is given */
  perAgent: count().optional(),
  size: count().optional(),
  seed: z.string().min(1, { error: 'expected a non-empty seed' }).optional(),
  by: z.enum(['agent', 'agent,channel']).default('agent'),
  kind: z.enum(['call', 'ticket']).optional(),
  channel: z.string().trim().min(1, { error: 'expected a channel name' }).optional(),
  agent: z.string().trim().min(1, { error: 'expected an agent name' }).optional(),
  topic: z.string().trim().min(1, { error: 'expected a topic' }).optional(),
  minTalk: z.coerce
    .number({ error: 'expected seconds, a number of 0 or more' })
    .nonnegative({ error: 'expected seconds, a number of 0 or more' })
    .optional(),
  exclude: z.array(z.string()).default([]),
  format: formatOption(['table', 'json', 'csv', 'xlsx'] as const),
}).superRefine((options, ctx) => {
  if (options.perAgent !== undefined && options.size !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['size'], message: 'give --per-agent or --size, not both' });
  }
  requireOutForXlsx(options, ctx);
});
export type SampleOptions = z.infer<typeof SampleOptions>;

export const sampleCommand = addCommonOptions(
  new Command('sample')
    .description(
      'Draw a fair, reproducible random sample of calls and tickets per agent for the QA meeting — a table, JSON, CSV or an XLSX review form. The pool: the month’s answered calls and its tickets with an agent and a first response',
    )
    .argument('[inputs...]', INPUTS_DESCRIPTION)
    .option('--month <YYYY-MM>', 'the month to sample (default: the month with most calls and tickets)')
    .option('--per-agent <n>', 'contacts per agent, or per agent × channel with --by agent,channel (default: 5)')
    .option('--size <n>', 'contacts overall, the smallest keys of the whole pool, instead of --per-agent')
    .option('--seed <text>', 'the seed of the draw (default: the month); the same seed draws the same sample')
    .addOption(
      new Option('--by <strata>', 'draw per agent, or per agent × channel (default: agent)').choices([
        'agent',
        'agent,channel',
      ]),
    )
    .addOption(new Option('--kind <kind>', 'only calls, or only tickets').choices(['call', 'ticket']))
    .option('--channel <channel>', 'only this channel: phone, email, chat, messenger, social, web, …')
    .option('--agent <name>', "only this agent (case-insensitive; config's agent aliases count)")
    .option('--topic <topic>', 'only contacts of this topic (case-insensitive)')
    .option('--min-talk <seconds>', 'leave out calls with less talk time (tickets are not affected)')
    .option(
      '--exclude <forms...>',
      'leave out the contacts of earlier review forms (XLSX or CSV with a contact_id column); put it after the inputs',
    ),
  ['table', 'json', 'csv', 'xlsx'],
  'write the result to this file (atomically) instead of stdout; required with --format xlsx',
).addHelpText('after', examples);

/** Reads the exports, draws the sample, writes it. Returns the exit code; never exits. */
export async function runSample(inputs: string[], options: SampleOptions, terminal: Terminal): Promise<ExitCode> {
  const config = await loadConfig(options.config);
  const criteria = criteriaFromConfig(config);
  const timezone = config.timezone ?? machineZone();
  const zone = createZoneConverter(timezone);
  const files = await discoverInputs(inputs, inputsByKind(options));
  const forms = options.exclude.length === 0 ? [] : await discoverInputs([], { qa: options.exclude });
  await assertWritable(options, readPaths(files, options, forms));
  const earlier = await readEarlierForms(forms, config, zone);
  const filters: SampleFilters = {
    kind: options.kind,
    channel: options.channel === undefined ? undefined : normaliseChannel(options.channel),
    agent: options.agent === undefined ? undefined : new AgentNames(config).resolve(options.agent),
    topic: options.topic,
    minTalkSeconds: options.minTalk,
    exclude: earlier.contacts,
  };
  const settingsFor = (month: Month): SampleSettings => ({
    seed: options.seed ?? month,
    period: monthPeriod(month, zone),
    by: options.by,
    perStratum: options.perAgent ?? DEFAULT_PER_STRATUM,
    size: options.size,
    filters,
  });

  // One selector per month met, each keeping only its strata's smallest keys, so the default
  // month (known only at the end) costs no second pass and no buffered contacts.
  const selectors = new Map<Month, SampleSelector>();
  const contactsPerMonth = new Map<Month, number>();
  const selectorOf = (instant: number | null, weight: number): SampleSelector | undefined => {
    if (instant === null) return undefined;
    const month = zone.localDate(instant).slice(0, 7) as Month;
    contactsPerMonth.set(month, (contactsPerMonth.get(month) ?? 0) + weight);
    if (options.month !== undefined && month !== options.month) return undefined;
    let selector = selectors.get(month);
    if (selector === undefined) {
      selector = new SampleSelector(settingsFor(month));
      selectors.set(month, selector);
    }
    return selector;
  };
  const progress = terminal.progress('Reading exports');
  let read;
  try {
    read = await ingest(
      files,
      { config, zone, encoding: options.encoding, sheet: options.sheet, onProgress: progress.update },
      {
        call: (call) => selectorOf(call.startedAt, call.count)?.addCall(call),
        ticket: (ticket) => selectorOf(ticket.createdAt, 1)?.addTicket(ticket),
      },
    );
  } finally {
    progress.stop();
  }

  const month = (options.month as Month | undefined) ?? busiestMonth(contactsPerMonth);
  if (month === null) {
    throw new UserError(
      'no dated call or ticket in the inputs, so there is nothing to sample; give the calls and tickets exports (and --month YYYY-MM).',
    );
  }
  if (options.month === undefined)
    terminal.note(`month: ${month} (the busiest month of the inputs; --month chooses another)`);
  const settings = settingsFor(month);
  terminal.note(`seed: ${settings.seed}`);
  const result = (selectors.get(month) ?? new SampleSelector(settings)).result();
  const issues = read.issues;
  absorbIssues(issues, result.issues);
  if (earlier.issues !== null) absorbIssues(issues, earlier.issues);
  warnAboutShortStrata(result, terminal, month);

  const sample: SampleV1 = toSampleV1(result, {
    seed: settings.seed,
    month,
    period: settings.period,
    timezone,
    formatInstant: zone.formatInstant,
    command: redrawCommand(inputs, options, month, settings.seed),
    by: options.by,
    filters: {
      kind: options.kind ?? null,
      channel: filters.channel ?? null,
      agent: filters.agent ?? null,
      topic: options.topic ?? null,
      minTalkSeconds: options.minTalk ?? null,
      excludeFiles: options.exclude,
      excluded: earlier.contacts.length,
    },
    criteria,
    inputs: read.files,
    issues,
  });
  if (options.format !== 'json' && !options.strict) warnAboutIssues(issues, terminal);
  await writeOutput(renderers.sample[options.format](sample, terminal.style), options, terminal);
  return strictExitCode(options, issues, terminal);
}

/** The contacts of earlier review forms (`--exclude`), read as `qa` inputs by their `contact_id` column. */
async function readEarlierForms(
  forms: readonly InputFile[],
  config: Config,
  zone: ZoneConverter,
): Promise<{ contacts: ExcludedContact[]; issues: IssueLog | null }> {
  if (forms.length === 0) return { contacts: [], issues: null };
  const contacts: ExcludedContact[] = [];
  // Forms are read with their own encoding detected and their first sheet: --encoding and
  // --sheet describe the exports.
  const read = await ingest(
    forms,
    { config, zone },
    { review: (review) => contacts.push({ kind: review.kind, contactId: review.contactId }) },
  );
  return { contacts, issues: read.issues };
}

function warnAboutShortStrata(result: SampleResult, terminal: Terminal, month: Month): void {
  if (result.pool === 0) {
    terminal.warn(
      `the pool is empty: no answered call and no ticket with an agent and a first response in ${month} passes the filters.`,
    );
    return;
  }
  if ('size' in result.wanted && result.short) {
    terminal.warn(
      `the pool has ${contacts(result.pool)}, fewer than --size ${result.wanted.size}; all of them are in the sample.`,
    );
  }
  if (!('perStratum' in result.wanted)) return;
  for (const stratum of result.strata) {
    if (!stratum.short) continue;
    const name = stratum.channel === null ? stratum.agent : `${stratum.agent} · ${stratum.channel}`;
    terminal.warn(
      `${name}: ${contacts(stratum.pool)} in the pool, fewer than ${result.wanted.perStratum}; all of them are in the sample.`,
    );
  }
}

function contacts(n: number): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? 'contact' : 'contacts'}`;
}

/** Adds another log's issues to the run's: its examples, and its count beyond them. */
function absorbIssues(into: IssueLog, from: IssueLog): void {
  for (const issue of from.examples) into.add(issue);
  into.count += from.count - from.examples.length;
}

/** The command that draws the same sample again: the inputs, then every choice made explicit. */
function redrawCommand(inputs: readonly string[], options: SampleOptions, month: Month, seed: string): string {
  const args = ['cs-kpi', 'sample', ...inputs];
  for (const [kind, paths] of Object.entries(inputsByKind(options)))
    for (const path of paths) args.push(`--${kind}`, path);
  if (options.config !== undefined) args.push('--config', options.config);
  if (options.encoding !== undefined) args.push('--encoding', options.encoding);
  if (options.sheet !== undefined) args.push('--sheet', options.sheet);
  args.push('--month', month, '--seed', seed);
  if (options.size !== undefined) args.push('--size', String(options.size));
  else args.push('--per-agent', String(options.perAgent ?? DEFAULT_PER_STRATUM));
  if (options.by !== 'agent') args.push('--by', options.by);
  if (options.kind !== undefined) args.push('--kind', options.kind);
  if (options.channel !== undefined) args.push('--channel', options.channel);
  if (options.agent !== undefined) args.push('--agent', options.agent);
  if (options.topic !== undefined) args.push('--topic', options.topic);
  if (options.minTalk !== undefined) args.push('--min-talk', String(options.minTalk));
  if (options.exclude.length > 0) args.push('--exclude', ...options.exclude);
  return args.map(shellWord).join(' ');
}

function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
