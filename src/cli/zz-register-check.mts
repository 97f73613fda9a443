import type { z } from 'zod';
import type { ExitCode } from '/work/main/src/errors.js';
import type { Terminal } from '/work/main/src/cli/terminal.js';
import { runSample, SampleOptions, sampleCommand } from '/work/main/src/cli/commands/sample.js';
import type { Command } from 'commander';
type Run<S extends z.ZodType> = (inputs: string[], options: z.infer<S>, terminal: Terminal) => Promise<ExitCode>;
declare function register<S extends z.ZodType>(command: Command, schema: S, run: Run<S>): void;
register(sampleCommand, SampleOptions, runSample);
