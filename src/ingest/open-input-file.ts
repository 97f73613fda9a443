import { constants, type Stats } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { describeFsError, UserError } from '../errors.js';

export interface OpenInputOptions {
  /** Refuse a file larger than this many bytes (a config file, a call list: small by nature). */
  maxBytes?: number;
}

/**
 * Opens a file the user named for reading (an export, a call list, the config file), or a
 * UserError naming it: missing, unreadable, a folder, not a regular file, or over `maxBytes`.
 * Every reader uses it. The path is checked BEFORE it is opened, because opening a FIFO for
 * reading blocks until a writer comes (a hang) and a device like /dev/zero never ends. O_NONBLOCK
 * makes the open itself return at once should the path be swapped for a FIFO between the check and
 * the open, and the opened descriptor is checked again, so such a swap is refused too.
 */
export async function openInputFile(path: string, file: string, options: OpenInputOptions = {}): Promise<FileHandle> {
  let info: Stats;
  try {
    info = await stat(path);
  } catch (error) {
    throw readError(file, error);
  }
  checkRegularFile(info, file, options);
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw readError(file, error);
  }
  try {
    checkRegularFile(await handle.stat(), file, options);
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error instanceof UserError ? error : readError(file, error);
  }
  return handle;
}

/** A UserError unless `info` is a regular file within the size limit; `discoverInputs` uses it for inputs too. */
export function checkRegularFile(info: Stats, file: string, options: OpenInputOptions = {}): void {
  if (info.isDirectory()) throw new UserError(`cannot read ${file}: it is a directory, not a file.`);
  if (!info.isFile()) {
    throw new UserError(`${file} is not a regular file (a pipe or a device); save it to a file first.`);
  }
  if (options.maxBytes !== undefined && info.size > options.maxBytes) {
    throw new UserError(`${file} is larger than ${formatBytes(options.maxBytes)}; check that it is the right file.`);
  }
}

function formatBytes(bytes: number): string {
  return bytes % 1024 ** 2 === 0 ? `${bytes / 1024 ** 2} MiB` : `${bytes.toLocaleString('en-US')} bytes`;
}

export function readError(file: string, error: unknown): UserError {
  if ((error as NodeJS.ErrnoException).code === 'ELOOP')
    return new UserError(`cannot read ${file}: a symbolic link loop.`);
  return new UserError(`cannot read ${file}: ${describeFsError(error)}.`);
}
