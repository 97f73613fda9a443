import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { access, link, realpath, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { describeFsError, UsageError, UserError } from '../errors.js';
import type { Terminal } from './terminal.js';

/** What a renderer gives back: text, or a function that writes bytes to a stream (XLSX). */
export type Rendered = string | ((out: Writable) => Promise<void>);

export interface OutputTarget {
  out?: string;
  force?: boolean;
}

/**
 * Refuses early, before any heavy work, when `--out` names one of the files the run reads (`inputs`:
 * the exports found, the --exclude lists, the config), with or without `--force`, since it would
 * replace the user's export with the result; and when it names an existing file and `--force` is
 * not given (SPEC §5, §6: a filled review form is the QA team's work). The first is a usage error
 * (exit 2): the command line contradicts itself whatever the data holds. Paths are compared as real
 * paths, so `./calls.csv`, `exports/../calls.csv` and a symbolic link to it are the same file.
 */
export async function assertWritable(target: OutputTarget, inputs: readonly string[] = []): Promise<void> {
  if (target.out === undefined) return;
  const out = await realpath(target.out).catch(() => null);
  if (out === null) return; // no such file yet: nothing to clobber
  for (const input of inputs) {
    if ((await realpath(input).catch(() => null)) === out) {
      throw new UsageError(`--out ${target.out} is one of the inputs; choose another file.`);
    }
  }
  if (!target.force) throw refusal(target.out);
}

/**
 * Writes the result to stdout, or atomically to `--out`: a temporary file in the target's folder,
 * then a rename, so a reader or a kill at any moment sees the old file or the new one, never a
 * part (SPEC §6). Without `--force` the final step is a hard link, which fails if the file
 * appeared meanwhile, so nothing is ever replaced by accident.
 */
export async function writeOutput(rendered: Rendered, target: OutputTarget, terminal: Terminal): Promise<void> {
  if (target.out === undefined) {
    if (typeof rendered === 'string') terminal.stdout.write(rendered);
    else await rendered(terminal.stdout as Writable);
    return;
  }
  const final = target.out;
  const temp = join(dirname(final), `.${basename(final)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const removeTemp = () => unlink(temp).catch(() => undefined);
  const onSignal = (signal: NodeJS.Signals) => {
    void removeTemp().finally(() => process.kill(process.pid, signal));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const stream = createWriteStream(temp, { flags: 'wx' });
    const opened = new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', reject);
    });
    try {
      await opened;
    } catch (error) {
      throw new UserError(`cannot write ${final}: ${describeFsError(error)}.`);
    }
    try {
      if (typeof rendered === 'string') stream.end(rendered);
      else {
        await rendered(stream);
        if (!stream.writableEnded) stream.end();
      }
      await finished(stream);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (typeof code === 'string' && code.startsWith('E'))
        throw new UserError(`cannot write ${final}: ${describeFsError(error)}.`);
      throw error;
    }
    await publish(temp, final, target.force ?? false);
  } finally {
    await removeTemp();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

async function publish(temp: string, final: string, force: boolean): Promise<void> {
  try {
    if (force) await rename(temp, final);
    else await link(temp, final);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw refusal(final);
    if (!force && (code === 'EPERM' || code === 'ENOTSUP' || code === 'EXDEV')) {
      // A file system without hard links: check, then rename (a narrow race, but never a partial file).
      if (await exists(final)) throw refusal(final);
      await rename(temp, final);
      return;
    }
    throw new UserError(`cannot write ${final}: ${describeFsError(error)}.`);
  }
}

function refusal(file: string): UserError {
  return new UserError(`${file} already exists; give --force to replace it, or choose another --out file.`);
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
