import { Chalk, type ChalkInstance } from 'chalk';
import type { Ora } from 'ora';
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

/**
 * A spinner shows on a terminal stderr outside CI, and only with a known width: ora divides by
 * the columns to know how many lines to clear, and a pseudo-terminal of width 0 (`script` without
 * a size, some CI and container TTYs) made it clear lines forever, writing without end.
 */
export function showsSpinner(stderr: { isTTY?: boolean; columns?: number }, env: NodeJS.ProcessEnv): boolean {
  return stderr.isTTY === true && !env.CI && (stderr.columns ?? 0) > 0;
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
      if (quiet || !showsSpinner(proc.stderr, proc.env)) return { update: () => undefined, stop: () => undefined };
      // ora is loaded only for a spinner that shows: it costs ~14 MB and ~40 ms at start-up, which
      // every run in a script or a pipe would pay for nothing. The spinner starts once it is loaded.
      let text = label;
      let active: Ora | undefined;
      let isStopped = false;
      import('ora')
        .then(({ default: ora }) => {
          if (isStopped) return;
          active = ora({ text, stream: proc.stderr, discardStdin: false, color: 'cyan' }).start();
          spinner = active;
        })
        .catch(() => undefined); // no spinner, no harm
      return {
        update: (rows) => {
          text = `${label}: ${rows.toLocaleString('en-US')} rows`;
          if (active !== undefined) active.text = text;
        },
        stop: () => {
          isStopped = true;
          active?.stop();
          if (spinner === active) spinner = undefined;
        },
      };
    },
  };
}
