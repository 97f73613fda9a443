import { Command } from 'commander';
import { z } from 'zod';
import { loadConfig } from '../../config/load-config.js';
import { buildStarterConfig, type StarterFacts } from '../../config/starter-config.js';
import { machineZone } from '../../domain/time-zone.js';
import type { Kind } from '../../domain/records.js';
import { ExitCode } from '../../errors.js';
import { discoverInputs } from '../../ingest/discover-inputs.js';
import { ingest, type FileSummary } from '../../ingest/ingest.js';
import { addCommonOptions, CommonOptions, inputsByKind } from '../common-options.js';
import type { Terminal } from '../terminal.js';
import { assertWritable, writeOutput } from '../write-output.js';

const examples = `
Examples:
  $ cs-kpi init exports/
  $ cs-kpi init calls.csv tickets.xlsx --out config/cs-kpi.config.json
  $ cs-kpi init --force`;

export const InitOptions = CommonOptions.extend({
  out: z.string().min(1).default('cs-kpi.config.json'),
});
export type InitOptions = z.infer<typeof InitOptions>;

export const initCommand = addCommonOptions(
  new Command('init')
    .description(
      "Write a starter cs-kpi.config.json: the time zone, the date format and column mapping read from the given files, the default SLA per channel and the seeds' targets",
    )
    .argument('[inputs...]', 'export files or folders to learn the column mapping from (optional)'),
  [],
  'where to write the config (default: cs-kpi.config.json; never replaced without --force)',
).addHelpText('after', examples);

/** Reads the given exports (if any) and writes the starter config. Returns the exit code; never exits. */
export async function runInit(inputs: string[], options: InitOptions, terminal: Terminal): Promise<ExitCode> {
  await assertWritable(options);
  const byKind = inputsByKind(options);
  const hasInputs = inputs.length > 0 || Object.values(byKind).some((paths) => paths.length > 0);
  // An existing config's zone and mapping are not carried over: init describes the files as they are.
  const config = options.config ? await loadConfig(options.config) : {};
  const facts: StarterFacts = { timezone: config.timezone ?? machineZone(), columns: {} };
  if (hasInputs) {
    const progress = terminal.progress('Reading exports');
    let files: FileSummary[];
    try {
      files = (await ingest(await discoverInputs(inputs, byKind), { config, encoding: options.encoding }, {})).files;
    } finally {
      progress.stop();
    }
    learnFromFiles(files, facts, terminal);
  }
  const text = `${JSON.stringify(buildStarterConfig(facts), null, 2)}\n`;
  await writeOutput(text, options, terminal);
  terminal.note(
    `wrote ${options.out}: edit the targets and SLA to your team's, then run "cs-kpi inspect" to check the mapping.`,
  );
  return ExitCode.Ok;
}

function learnFromFiles(files: readonly FileSummary[], facts: StarterFacts, terminal: Terminal): void {
  for (const file of files) {
    const kind: Kind = file.kind;
    if (facts.columns[kind] === undefined) facts.columns[kind] = { ...file.mapping.headers };
    else terminal.warn(`${file.file}: another ${kind} file; the config maps the headers of the first one only.`);
    for (const choice of Object.values(file.dateOrders)) facts.dateFormat ??= choice?.order;
  }
}
