import { CommanderError } from 'commander';
import { describeFsError, ExitCode, UsageError, UserError } from '../errors.js';
import { buildProgram } from './program.js';
import { createTerminal, type Terminal } from './terminal.js';

/**
 * The single exit point (STYLE §4.4 rule 5): parse → run → map the outcome or the error to an
 * exit code. Only this file sets process.exitCode; it never calls process.exit on success, so
 * piped stdout drains.
 */
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // `cs-kpi report | head`: a closed pipe is not a failure (like xsv).
  if (error.code === 'EPIPE') process.exit(ExitCode.Ok);
  process.stderr.write(`cs-kpi: cannot write the result to standard output: ${describeFsError(error)}.\n`);
  process.exit(ExitCode.BadInput);
});

const terminal = createTerminal(process, {
  color: process.argv.includes('--no-color') ? false : undefined,
  quiet: process.argv.includes('--quiet'),
});

let exitCode: ExitCode = ExitCode.Ok;
try {
  const program = buildProgram(process, (code) => {
    exitCode = code;
  });
  if (process.argv.length <= 2) {
    program.outputHelp();
  } else {
    await program.parseAsync(process.argv);
  }
  process.exitCode = exitCode;
} catch (error) {
  process.exitCode = reportError(error, terminal);
}

function reportError(error: unknown, terminal: Terminal): ExitCode {
  if (error instanceof CommanderError) {
    // commander printed its own message; help and --version end with code 0.
    return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
  }
  if (error instanceof UsageError) {
    terminal.error(error.message);
    return ExitCode.Usage;
  }
  if (error instanceof UserError) {
    terminal.error(error.message);
    return ExitCode.BadInput;
  }
  const message = error instanceof Error ? error.message : String(error);
  terminal.error(`internal error: ${message}. This is a bug; please report it (DEBUG=cs-kpi shows the stack).`);
  if (process.env.DEBUG?.includes('cs-kpi') && error instanceof Error && error.stack)
    process.stderr.write(`${error.stack}\n`);
  return ExitCode.BadInput;
}
