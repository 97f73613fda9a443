import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../src/config/config-schema.js';
import { repoRoot, runCli } from './helpers/run-cli.js';

describe('cs-kpi init', () => {
  it('writes a valid starter config with the mapping and date format read from the files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-kpi-init-'));
    const fixtures = join(repoRoot, 'test/fixtures/real/callmemaybe-operators');
    const run = await runCli(['init', fixtures], { cwd: dir });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('wrote cs-kpi.config.json');
    const config = ConfigSchema.parse(JSON.parse(readFileSync(join(dir, 'cs-kpi.config.json'), 'utf8')));
    expect(config).toMatchObject({
      timezone: 'Europe/Moscow',
      dateFormat: 'MDY',
      targets: {
        nps: { min: 50 },
        csat: { min: 90 },
        firstResponseSla: { min: 90 },
        iqs: { min: 85 },
        churn: { max: 3 },
      },
      sla: { firstResponseMinutes: { email: 60, web: 60, chat: 2, messenger: 2, social: 2 } },
      columns: { customers: { customer_id: 'user_id', segment: 'tariff_plan', active_since: 'date_start' } },
    });
    // the written config is accepted by the tool that wrote it
    const inspect = await runCli(['inspect', fixtures, '--json'], { cwd: dir });
    expect(inspect.exitCode).toBe(0);
  });

  it('refuses to replace an existing config without --force, and replaces it with --force', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-kpi-init-'));
    const file = join(dir, 'cs-kpi.config.json');
    writeFileSync(file, '{ "timezone": "Asia/Tokyo" }\n');
    const refused = await runCli(['init'], { cwd: dir });
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toBe(
      'cs-kpi: cs-kpi.config.json already exists; give --force to replace it, or choose another --out file.\n',
    );
    expect(readFileSync(file, 'utf8')).toBe('{ "timezone": "Asia/Tokyo" }\n');
    const forced = await runCli(['init', '--force'], { cwd: dir });
    expect(forced.exitCode).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).timezone).toBe('Europe/Moscow');
  });
});
