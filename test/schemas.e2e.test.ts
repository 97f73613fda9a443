import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

/**
 * The published JSON Schema files (SPEC §7) accept what the CLI prints — checked with an
 * independent validator (ajv), not with the zod schemas they were generated from.
 */
function validatorFor(file: string) {
  const schema = JSON.parse(readFileSync(new URL(`../schemas/${file}`, import.meta.url), 'utf8')) as object;
  return new Ajv2020({ strict: false, allErrors: true }).compile(schema);
}

describe('published JSON Schemas', () => {
  it('report --json on the demo month validates against schemas/report-v1.json', async () => {
    const run = await runCli(['report', 'examples/2026-10', '--config', 'examples/cs-kpi.config.json', '--json']);
    const validate = validatorFor('report-v1.json');
    const report = JSON.parse(run.stdout) as { overall: { nps: { score: number } } };
    expect(validate(report), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    // what `jq .overall.nps.score` reads
    expect(typeof report.overall.nps.score).toBe('number');
  });

  it('a report that breaks the contract is refused by the schema', () => {
    const validate = validatorFor('report-v1.json');
    expect(validate({ schema: 'cs-kpi/report@1' })).toBe(false);
  });

  it('inspect --json validates against schemas/inspect-v1.json', async () => {
    const run = await runCli(['inspect', 'examples/2026-10', 'test/fixtures/real/pwc-call-center', '--json']);
    const validate = validatorFor('inspect-v1.json');
    expect(validate(JSON.parse(run.stdout)), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('the example config and an init-written config validate against schemas/config.json', () => {
    const validate = validatorFor('config.json');
    const example = JSON.parse(
      readFileSync(new URL('../examples/cs-kpi.config.json', import.meta.url), 'utf8'),
    ) as unknown;
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ timezone: 'UTC', targets: { csatt: { min: 1 } } })).toBe(false);
  });
});
