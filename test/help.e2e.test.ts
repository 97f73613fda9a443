import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
const COMMANDS = ['report', 'sample', 'followups', 'inspect', 'init'];

describe('help and version', () => {
  it('--version prints the package.json version', async () => {
    const run = await runCli(['--version']);
    expect(run).toMatchObject({ stdout: `${version}\n`, exitCode: 0 });
  });

  it('cs-kpi --help lists every command, with examples', async () => {
    const run = await runCli(['--help']);
    expect(run.exitCode).toBe(0);
    for (const command of COMMANDS) expect(run.stdout).toContain(`\n  ${command} `);
    await expect(run.stdout).toMatchFileSnapshot('./help/cs-kpi.txt');
  });

  it.each(COMMANDS)('cs-kpi %s --help shows its options and real examples', async (command) => {
    const run = await runCli([command, '--help']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('Examples:\n  $ cs-kpi ' + command);
    await expect(run.stdout).toMatchFileSnapshot(`./help/${command}.txt`);
  });
});
