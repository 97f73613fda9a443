import { Chalk, type ChalkInstance } from 'chalk';
import ora, { type Ora } from 'ora';
import { visibleText } from '../render/terminal-text.js';

/**
 * The terminal: stdout for results only, stderr for everything meant for people (STYLE §4.4
 * rule 4). The colour level is resolved here, once per stream, because chalk ignores NO_COLOR.
 */
export interface Terminal {
  /** for stdout results (tables) */
  readonly style: ChalkInstance;
  /** for stderr messages */
  readonly errStyle: ChalkInstance;
  readonly stdout: NodeJS.WritableStream;
  readonly quiet: boolean;
  /** an informational line on stderr (hidden by --quiet) */
  note(message: string): void;
  /** a warning on stderr (hidden by --quiet) */
  warn(message: string): void;
  /** an error on stderr (always shown) */
  error(message: string): void;
  /** a spinner with a count on stderr, only when stderr is a terminal and not --quiet */
  progress(label: string): Progress;
}

export interface Progress {
  update(rows: number): void;
  stop(): void;
}

export interface TerminalSettings {
  /** false with --no-color */
  color?: boolean;
  quiet?: boolean;
}

type ColorLevel = 0 | 1 | 2 | 3;

/** `--no-color` and `NO_COLOR` turn colour off; `FORCE_COLOR` forces a level; else TTYs get colour. */
export function resolveColorLevel(flag: boolean | undefined, env: NodeJS.ProcessEnv, isTTY: boolean): ColorLevel {
  if (flag === false) return 0;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '' || force === 'true') return 1;
    if (force === 'false') return 0;
    const level = Number(force);
    if (Number.isInteger(level) && level >= 0) return Math.min(level, 3) as ColorLevel;
  }
  if (!isTTY || env.TERM === 'dumb') return 0;
  return env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit' ? 3 : 1;
}

export function createTerminal(proc: NodeJS.Process, settings: TerminalSettings = {}): Terminal {
  const errIsTTY = Boolean(proc.stderr.isTTY);
  const style = new Chalk({ level: resolveColorLevel(settings.color, proc.env, Boolean(proc.stdout.isTTY)) });
  const errStyle = new Chalk({ level: resolveColorLevel(settings.color, proc.env, errIsTTY) });
  const quiet = settings.quiet ?? false;
  let spinner: Ora | undefined;
  // Messages quote the inputs (file names, headers, cell values): control characters are made visible, before styling.
  const line = (text: string) => {
    if (spinner?.isSpinning) spinner.clear();
    proc.stderr.write(`${text}\n`);
    if (spinner?.isSpinning) spinner.render();
  };
  return {
    style,
    errStyle,
    stdout: proc.stdout,
    quiet,
    note: (message) => {
      if (!quiet) line(errStyle.dim(visibleText(message)));
    },
    warn: (message) => {
      if (!quiet) line(`${errStyle.yellow('warning:')} ${visibleText(message)}`);
    },
    error: (message) => line(`${errStyle.red('cs-kpi:')} ${visibleText(message)}`),
    progress: (label) => {
      if (quiet || !errIsTTY || proc.env.CI) return { update: () => undefined, stop: () => undefined };
      spinner = ora({ text: label, stream: proc.stderr, discardStdin: false, color: 'cyan' }).start();
      const active = spinner;
      return {
        update: (rows) => {
          active.text = `${label}: ${rows.toLocaleString('en-US')} rows`;
        },
        stop: () => {
          active.stop();
          if (spinner === active) spinner = undefined;
        },
      };
    },
  };
}
