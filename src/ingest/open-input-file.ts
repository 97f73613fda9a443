import { open, type FileHandle } from 'node:fs/promises';
import { describeFsError, UserError } from '../errors.js';

/** Opens an input for reading, or a UserError naming it: missing, unreadable, or a folder. Both readers use it. */
export async function openInputFile(path: string, file: string): Promise<FileHandle> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw readError(file, error);
  }
  try {
    if ((await handle.stat()).isDirectory()) throw new UserError(`cannot read ${file}: it is a directory, not a file.`);
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error instanceof UserError ? error : readError(file, error);
  }
  return handle;
}

export function readError(file: string, error: unknown): UserError {
  return new UserError(`cannot read ${file}: ${describeFsError(error)}.`);
}
