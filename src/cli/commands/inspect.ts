import { Command } from 'commander';
import { toInspectV1 } from '../../contracts/inspect-v1.js';
import { loadConfig } from '../../config/load-config.js';
import type { ExitCode } from '../../errors.js';
import { discoverInputs } from '../../ingest/discover-inputs.js';
import { ingest } from '../../ingest/ingest.js';
import { renderers } from '../../render/index.js';
import {
  addCommonOptions,
  CommonOptions,
  formatOption,
  INPUTS_DESCRIPTION,
  inputsByKind,
  strictExitCode,
  readPaths,
} from '../common-options.js';
import type { Terminal } from '../terminal.js';
import { assertWritable, writeOutput } from '../write-output.js';

const examples = `
Examples:
  $ cs-kpi inspect examples/2026-10
  $ cs-kpi inspect calls.csv --format json | jq '.files[0].columns'
  $ cs-kpi inspect --calls "Звонки октябрь.csv" --encoding windows-1251`;

export const InspectOptions = CommonOptions.extend({
  format: formatOption(['table', 'json'] as const),
});
export type InspectOptions = typeof InspectOptions._output;

export const inspectCommand = addCommonOptions(
  new Command('inspect')
    .description(
      'Show how cs-kpi reads each export: its kind, encoding and delimiter, rows, the column mapping, unmapped headers, date range and data-quality issues',
    )
    .argument('[inputs...]', INPUTS_DESCRIPTION),
  ['table', 'json'],
).addHelpText('after', examples);

/** Reads every input through the whole ingest and reports what was understood. Returns the exit code; never exits. */
export async function runInspect(inputs: string[], options: InspectOptions, terminal: Terminal): Promise<ExitCode> {
  const config = await loadConfig(options.config);
  const files = await discoverInputs(inputs, inputsByKind(options));
  await assertWritable(options, readPaths(files, options));
  const progress = terminal.progress('Reading exports');
  let result;
  try {
    result = await ingest(
      files,
      { config, encoding: options.encoding, sheet: options.sheet, onProgress: progress.update },
      {},
    );
  } finally {
    progress.stop();
  }
  const report = toInspectV1(result.files);
  await writeOutput(renderers.inspect[options.format](report, terminal.style), options, terminal);
  return strictExitCode(options, result.issues, terminal);
}
