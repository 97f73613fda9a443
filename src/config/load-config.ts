import { readFile } from 'node:fs/promises';

import type { z } from 'zod';
import { describeFsError, UserError } from '../errors.js';
import { ConfigSchema, type Config } from './config-schema.js';

export const DEFAULT_CONFIG_FILE = 'cs-kpi.config.json';

/**
 * Loads `--config FILE`, or `./cs-kpi.config.json` when it exists, or no config at all. Every
 * problem is a `UserError` naming the file and the key path (SPEC §11: unknown keys exit 1).
 */
export async function loadConfig(file: string | undefined, cwd = process.cwd()): Promise<Config> {
  const path = file ?? `${cwd}/${DEFAULT_CONFIG_FILE}`;
  const name = file ?? DEFAULT_CONFIG_FILE;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (file === undefined && (error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new UserError(`cannot read the config file ${name}: ${describeFsError(error)}.`);
  }
  return parseConfig(text.replace(/^\uFEFF/, ''), name);
}

/** Validates config text; `name` is how messages refer to the file. */
export function parseConfig(text: string, name: string): Config {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UserError(
      `${name} is not valid JSON (${(error as Error).message}); fix the syntax or run "cs-kpi init".`,
    );
  }
  const result = ConfigSchema.safeParse(json);
  if (result.success) return result.data;
  throw new UserError(describeConfigIssue(name, result.error.issues[0]!));
}

function describeConfigIssue(name: string, issue: z.core.$ZodIssue): string {
  const at = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((key) => [...at, key].join('.'));
    const noun = keys.length === 1 ? 'key' : 'keys';
    return `${name}: unknown ${noun} ${keys.map((key) => `"${key}"`).join(', ')}; remove it or check the spelling against schemas/config.json.`;
  }
  const where = at.length > 0 ? at.join('.') : '(top level)';
  return `${name}: ${where}: ${issue.message.replace(/^Invalid input: /, '')}.`;
}
