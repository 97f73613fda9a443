import { Command, Option } from 'commander';
import { z } from 'zod';
import { isMonth } from '../domain/month.js';
import type { Kind } from '../domain/records.js';
import type { IssueLog } from '../domain/data-quality.js';
import { formatLocation } from '../domain/source-location.js';
import { ExitCode, UsageError } from '../errors.js';
import type { Terminal } from './terminal.js';
import { resolveEncoding, SUPPORTED_ENCODINGS } from '../ingest/decode-text.js';
import type { InputFile } from '../ingest/discover-inputs.js';
import type { IngestOptions } from '../ingest/ingest.js';
import type { ZoneConverter } from '../domain/time-zone.js';
import type { Config } from '../config/config-schema.js';
import type { ContactIds } from '../metrics/contact-index.js';
import { DEFAULT_CONFIG_FILE } from '../config/load-config.js';

/**
 * The options every command shares (SPEC §6). Commander owns the syntax (which flags exist);
 * these zod schemas own the meaning (a month is YYYY-MM, an encoding is one we can decode), and
 * a failure is a UsageError, exit 2 (STYLE §4.3).
 */
export const CommonOptions = z.object({
  config: z.string().optional(),
  strict: z.boolean().default(false),
  quiet: z.boolean().default(false),
  color: z.boolean().default(true),
  encoding: z
    .string()
    .optional()
    .transform((name, ctx) => {
      if (name === undefined) return undefined;
      const resolved = resolveEncoding(name);
      if (resolved === null) {
        ctx.addIssue({
          code: 'custom',
          message: `unknown encoding "${name}"; use one of ${SUPPORTED_ENCODINGS.join(', ')}`,
        });
        return z.NEVER;
      }
      return resolved;
    }),
  sheet: z.string().min(1).optional(),
  out: z.string().min(1).optional(),
  force: z.boolean().default(false),
  calls: z.array(z.string()).default([]),
  tickets: z.array(z.string()).default([]),
  surveys: z.array(z.string()).default([]),
  customers: z.array(z.string()).default([]),
  qa: z.array(z.string()).default([]),
});
export type CommonOptions = z.infer<typeof CommonOptions>;

export const MonthSchema = z.string().superRefine((value, ctx) => {
  if (!isMonth(value)) ctx.addIssue({ code: 'custom', message: `expected YYYY-MM, got "${value}"` });
});

/** `--format` with `--json` as its short form. */
export function formatOption<const F extends readonly [string, ...string[]]>(formats: F) {
  return z.enum(formats).default(formats[0]);
}

/** The `--calls` … `--qa` lists of the options. */
export function inputsByKind(options: CommonOptions): Record<Kind, string[]> {
  const { calls, tickets, surveys, customers, qa } = options;
  return { calls, tickets, surveys, customers, qa };
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Adds the shared flags to a command, in the order `--help` shows them. */
export function addCommonOptions(
  command: Command,
  formats: readonly string[],
  outHelp = 'write the result to this file (atomically) instead of stdout',
): Command {
  command
    .option('--calls <file>', 'a calls export (repeatable)', collect)
    .option('--tickets <file>', 'a tickets export (repeatable)', collect)
    .option('--surveys <file>', 'a survey answers export (repeatable)', collect)
    .option('--customers <file>', 'a customers export (repeatable)', collect)
    .option('--qa <file>', 'a filled-in QA review form (repeatable)', collect);
  if (formats.length > 0) {
    command
      .addOption(new Option('--format <format>', 'output format').choices(formats))
      .option('--json', 'short for --format json');
  }
  return command
    .option('--out <file>', outHelp)
    .option('--force', 'replace the --out file if it exists')
    .option('--config <file>', 'config file (default: ./cs-kpi.config.json if present)')
    .option('--encoding <name>', `text encoding of CSV inputs (default: detected; ${SUPPORTED_ENCODINGS.join(', ')})`)
    .option('--sheet <name>', 'the worksheet to read in XLSX inputs (default: the first with data)')
    .option('--strict', 'exit 1 when any data-quality issue is found')
    .option('--quiet', 'no progress, notes or warnings on stderr')
    .option('--no-color', 'no colours (also NO_COLOR=1)');
}

/** commander's raw options → the command's typed options, or a UsageError naming the flag. */
export function parseOptions<S extends z.ZodType>(schema: S, raw: Record<string, unknown>): z.infer<S> {
  const input = { ...raw };
  if (input.json === true) {
    if (input.format !== undefined && input.format !== 'json')
      throw new UsageError('--json and --format ' + String(input.format) + ' contradict each other; give one.');
    input.format = 'json';
  }
  delete input.json;
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const flag = `--${String(issue.path[0] ?? '').replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
  throw new UsageError(`${flag}: ${issue.message.replace(/^Invalid input: /, '')}.`);
}

/** The first data-quality issues as one line each, for stderr. */
export function describeIssues(issues: IssueLog, limit = 5): string[] {
  return issues.examples
    .slice(0, limit)
    .map(
      (issue) =>
        `  ${formatLocation(issue.location)}: ${issue.field}: ${JSON.stringify(issue.value)}: ${issue.problem}`,
    );
}

function countIssues(issues: IssueLog): string {
  return `${issues.count.toLocaleString('en-US')} data-quality ${issues.count === 1 ? 'issue' : 'issues'}`;
}

/** Table and CSV outputs have no room for issues: they go to stderr (SPEC §2 "shown in every output format"). */
export function warnAboutIssues(issues: IssueLog, terminal: Terminal): void {
  if (issues.count === 0) return;
  terminal.warn(`${countIssues(issues)}; the first:`);
  for (const line of describeIssues(issues)) terminal.warn(line);
}

/**
 * `--strict` (SPEC §2): any data-quality issue fails the run with exit 1, after the result is
 * written; stderr says how many and shows the first ones.
 */
export function strictExitCode(options: { strict: boolean }, issues: IssueLog, terminal: Terminal): ExitCode {
  if (!options.strict || issues.count === 0) return ExitCode.Ok;
  terminal.error(`${countIssues(issues)} and --strict is set; the first:`);
  for (const line of describeIssues(issues)) terminal.error(line);
  return ExitCode.BadInput;
}

/**
 * Every file a run reads, for `assertWritable` to keep `--out` off them: the exports found, the
 * `extra` files (--exclude lists and forms) and the config file.
 */
export function readPaths(
  files: readonly InputFile[],
  options: Pick<CommonOptions, 'config'>,
  extra: readonly { path: string }[] = [],
): string[] {
  return [...files, ...extra].map((file) => file.path).concat(options.config ?? DEFAULT_CONFIG_FILE);
}

/** The inputs argument every reading command takes. */
export const INPUTS_DESCRIPTION = 'export files or folders (a folder means every .csv, .tsv, .txt, .xlsx file in it)';

/** `--format xlsx` writes a binary workbook: it needs `--out` (a usage error otherwise). */
export function requireOutForXlsx(options: { format?: string; out?: string }, ctx: z.RefinementCtx): void {
  if (options.format === 'xlsx' && options.out === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['format'],
      message: 'xlsx is a binary workbook, not for a terminal; give --out FILE.xlsx as well',
    });
  }
}

/**
 * The ingest options of a command that scores contacts: the run's config and zone, `--encoding`
 * and `--sheet`, the builder's id tables (so ids are hashed once) and the progress callback.
 */
export function scorecardIngestOptions(
  config: Config,
  zone: ZoneConverter,
  options: CommonOptions,
  ids: ContactIds,
  onProgress: (rows: number) => void,
): IngestOptions {
  return { config, zone, encoding: options.encoding, sheet: options.sheet, ids, onProgress };
}
