import { access } from 'node:fs/promises';
import type { z } from 'zod';
import { UserError } from '../errors.js';
import { openInputFile, readError } from '../ingest/open-input-file.js';
import { ConfigSchema, type Config } from './config-schema.js';

export const DEFAULT_CONFIG_FILE = 'cs-kpi.config.json';

/** A config is a few KB; anything past this is the wrong file (`--config /dev/zero`, an export). */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Loads `--config FILE`, or `./cs-kpi.config.json` when it exists, or no config at all. Every
 * problem is a `UserError` naming the file and the key path (SPEC §11: unknown keys exit 1).
 */
export async function loadConfig(file: string | undefined, cwd = process.cwd()): Promise<Config> {
  const path = file ?? `${cwd}/${DEFAULT_CONFIG_FILE}`;
  const name = file ?? DEFAULT_CONFIG_FILE;
  if (
    file === undefined &&
    !(await access(path).then(
      () => true,
      () => false,
    ))
  )
    return {};
  // Through the inputs' opener: a FIFO or a device is refused before it is opened, size is capped.
  const described = `the config file ${name}`;
  const handle = await openInputFile(path, described, { maxBytes: MAX_CONFIG_BYTES });
  let text: string;
  try {
    text = await handle.readFile('utf8');
  } catch (error) {
    throw readError(described, error);
  } finally {
    await handle.close().catch(() => undefined);
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
  const reserved = findKey(json, '__proto__');
  if (reserved !== null) {
    throw new UserError(
      `${name}: ${reserved}: "__proto__" cannot be a key (JavaScript gives it a special meaning); rename or remove it.`,
    );
  }
  const result = ConfigSchema.safeParse(json);
  if (result.success) return withBareMaps(result.data);
  throw new UserError(describeConfigIssue(name, result.error.issues[0]!));
}

/**
 * The key path of the first `key` in parsed JSON, or null. `__proto__` is refused rather than
 * applied: JSON.parse keeps it as an own key, but zod's records drop it silently, and as a key of
 * a plain object it would replace the object's prototype instead of adding an entry.
 */
function findKey(json: unknown, key: string): string | null {
  // A stack rather than recursion: a 1 MiB file of `[[[[…` nests deeper than the call stack.
  const stack: [value: unknown, path: string][] = [[json, '']];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [value, at] = next;
    if (typeof value !== 'object' || value === null) continue;
    for (const [name, child] of Object.entries(value)) {
      const path = at === '' ? name : `${at}.${name}`;
      if (name === key) return path;
      stack.push([child, path]);
    }
  }
  return null;
}

/**
 * The maps whose keys are free text (agent names, channels, index names) as objects without a
 * prototype, so that a key or a value from the data such as "constructor" or "toString" finds its
 * own entry or none, never a member of Object.prototype.
 */
function withBareMaps(config: Config): Config {
  const { agents, sla, indices } = config;
  return {
    ...config,
    ...(agents === undefined ? {} : { agents: bareMap(agents) }),
    ...(sla?.firstResponseMinutes === undefined
      ? {}
      : { sla: { ...sla, firstResponseMinutes: bareMap(sla.firstResponseMinutes) } }),
    ...(indices === undefined ? {} : { indices: bareMap(indices) }),
  };
}

/** A copy of `map` without a prototype (an empty one when there is no map). */
export function bareMap<T>(map: Readonly<Record<string, T>> = {}): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, map);
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
