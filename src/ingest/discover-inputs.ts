import { readdir, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import type { Kind } from '../domain/records.js';
import { UserError } from '../errors.js';
import { checkRegularFile, readError } from './open-input-file.js';

/** One input file and, when the user named it with `--calls` etc., its kind. */
export interface InputFile {
  path: string;
  /** the name used in messages and outputs: the path as the user gave it */
  name: string;
  kind?: Kind;
}

export const SUPPORTED_EXTENSIONS = ['.csv', '.tsv', '.txt', '.xlsx'];

/**
 * Files and folders (not recursive) → the input files, in a stable order (SPEC §2). A folder
 * means every supported regular file in it; anything that is not a regular file (a FIFO, a
 * device) is never opened, so a run cannot hang on it.
 */
export async function discoverInputs(
  paths: readonly string[],
  byKind: Partial<Record<Kind, readonly string[]>> = {},
): Promise<InputFile[]> {
  const files: InputFile[] = [];
  const seen = new Set<string>();
  const add = (file: InputFile) => {
    const key = resolve(file.path);
    if (!seen.has(key)) {
      seen.add(key);
      files.push(file);
    }
  };
  for (const [kind, kindPaths] of Object.entries(byKind) as [Kind, readonly string[]][]) {
    for (const path of kindPaths) for (const file of await expand(path)) add({ ...file, kind });
  }
  for (const path of paths) for (const file of await expand(path)) add(file);
  if (files.length === 0) {
    throw new UserError('no input files: give export files or folders, e.g. "cs-kpi inspect exports/".');
  }
  return files;
}

async function expand(path: string): Promise<InputFile[]> {
  const info = await statOrThrow(path);
  if (info.isDirectory()) {
    const names = (await readdir(path)).filter((name) => !name.startsWith('.')).sort();
    const files: InputFile[] = [];
    for (const name of names) {
      if (!SUPPORTED_EXTENSIONS.includes(extname(name).toLowerCase())) continue;
      const child = join(path, name);
      const childInfo = await stat(child).catch(() => null);
      if (childInfo?.isFile()) files.push({ path: child, name: child });
    }
    if (files.length === 0) {
      throw new UserError(
        `the folder ${path} holds no ${SUPPORTED_EXTENSIONS.join(', ')} file; give the export files themselves.`,
      );
    }
    return files;
  }
  checkRegularFile(info, path);
  if (!SUPPORTED_EXTENSIONS.includes(extname(path).toLowerCase())) {
    throw new UserError(
      `${path} is not a supported file type; cs-kpi reads ${SUPPORTED_EXTENSIONS.join(', ')} exports.`,
    );
  }
  return [{ path, name: path }];
}

async function statOrThrow(path: string) {
  try {
    return await stat(path);
  } catch (error) {
    throw readError(path, error);
  }
}
