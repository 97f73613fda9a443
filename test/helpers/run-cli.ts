import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const cli = fileURLToPath(new URL('../../bin/cs-kpi.js', import.meta.url));

export interface CliRun {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/**
 * Runs the built CLI (`bin/cs-kpi.js` → `dist/`), as a user would, in a scrubbed environment with
 * the time zone, locale and colour pinned (STYLE §4.4 rule 14). Never throws on a non-zero exit.
 */
export async function runCli(
  args: readonly string[],
  options: { cwd?: string; input?: string; env?: Record<string, string> } = {},
): Promise<CliRun> {
  if (!existsSync(new URL('../../dist/cli/main.js', import.meta.url))) {
    throw new Error('dist/ is missing: run "npm run build" (npm test does it) before the e2e tests');
  }
  const run = await execa(process.execPath, [cli, ...args], {
    cwd: options.cwd ?? repoRoot,
    input: options.input ?? '',
    reject: false,
    extendEnv: false,
    stripFinalNewline: false,
    env: { PATH: process.env.PATH ?? '', TZ: 'Europe/Moscow', LANG: 'C.UTF-8', NO_COLOR: '1', ...options.env },
  });
  return { stdout: String(run.stdout), stderr: String(run.stderr), exitCode: run.exitCode ?? -1 };
}

/** Removes what changes between runs and machines: ANSI codes, the version, temp paths. */
export function sanitise(text: string): string {
  return text
    .replace(new RegExp(String.fromCharCode(27) + '\\[[0-9;]*m', 'g'), '')
    .replaceAll(repoRoot, '<repo>/')
    .replace(/\/tmp\/[\w.-]+/g, '<tmp>');
}
