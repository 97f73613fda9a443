import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import type { z } from 'zod';
import type { ExitCode } from '../errors.js';
import { followupsCommand, FollowupsOptions, runFollowups } from './commands/followups.js';
import { initCommand, InitOptions, runInit } from './commands/init.js';
import { inspectCommand, InspectOptions, runInspect } from './commands/inspect.js';
import { reportCommand, ReportOptions, runReport } from './commands/report.js';
import { runSample, sampleCommand, SampleOptions } from './commands/sample.js';
import { parseOptions } from './common-options.js';
import { createTerminal, type Terminal } from './terminal.js';

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export const VERSION = packageJson.version;

type Run<S extends z.ZodType> = (inputs: string[], options: z.infer<S>, terminal: Terminal) => Promise<ExitCode>;

/**
 * The commander root: name, version, the commands. Commander owns the syntax; each command's zod
 * schema owns the meaning; `exitOverride` turns every commander exit into a CommanderError that
 * `main.ts` maps to an exit code (usage errors → 2, STYLE §4.5).
 */
export function buildProgram(proc: NodeJS.Process, onExitCode: (code: ExitCode) => void): Command {
  const program = new Command('cs-kpi')
    .description(
      "The customer-service team's monthly scorecard from its CSV/Excel exports (call logs, tickets, surveys, customers, QA reviews).",
    )
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (text) => proc.stderr.write(text), writeOut: (text) => proc.stdout.write(text) })
    .addHelpText(
      'after',
      `
Examples:
  $ cs-kpi report examples/2026-10
  $ cs-kpi report exports/ --month 2026-10 --format json
  $ cs-kpi sample examples/2026-10 --format xlsx --out qa-2026-10.xlsx
  $ cs-kpi followups examples/2026-10 --since 2026-10-26
  $ cs-kpi inspect examples/2026-10
  $ cs-kpi init exports/

Run "cs-kpi <command> --help" for a command's options and examples.`,
    );

  const register = <S extends z.ZodType>(command: Command, schema: S, run: Run<S>) => {
    command
      .exitOverride()
      .showHelpAfterError('(add --help for usage)')
      .configureOutput({ writeErr: (text) => proc.stderr.write(text), writeOut: (text) => proc.stdout.write(text) })
      .action(async (inputs: string[], raw: Record<string, unknown>) => {
        const terminal = createTerminal(proc, {
          color: raw.color as boolean | undefined,
          quiet: raw.quiet as boolean | undefined,
        });
        const options = parseOptions(schema, raw);
        onExitCode(await run(inputs, options, terminal));
      });
    program.addCommand(command);
  };
  register(reportCommand, ReportOptions, runReport);
  register(sampleCommand, SampleOptions, runSample);
  register(followupsCommand, FollowupsOptions, runFollowups);
  register(inspectCommand, InspectOptions, runInspect);
  register(initCommand, InitOptions, runInit);
  return program;
}
