import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli, sanitise } from './helpers/run-cli.js';

/**
 * Golden end-to-end cases (STYLE §4.6, Miller's regression layout): each folder
 * test/cases/<command>/<case>/ holds `cmd` (the arguments after `cs-kpi`, split on whitespace) and
 * the expected `stdout`, `stderr` and `exit-code`. `npm run test:update` writes them; review the
 * git diff before committing.
 */
const casesRoot = join(repoRoot, 'test/cases');
const caseDirs = readdirSync(casesRoot)
  .flatMap((command) => readdirSync(join(casesRoot, command)).map((name) => join(command, name)))
  .filter((dir) => statSync(join(casesRoot, dir)).isDirectory())
  .sort();

describe.each(caseDirs)('%s', (dir) => {
  it('matches its golden output', async () => {
    const folder = join(casesRoot, dir);
    const args = readFileSync(join(folder, 'cmd'), 'utf8').trim().split(/\s+/);
    const run = await runCli(args);
    await expect(sanitise(run.stdout)).toMatchFileSnapshot(join(folder, 'stdout'));
    await expect(sanitise(run.stderr)).toMatchFileSnapshot(join(folder, 'stderr'));
    await expect(`${run.exitCode}\n`).toMatchFileSnapshot(join(folder, 'exit-code'));
  });
});
