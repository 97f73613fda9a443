import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareReports } from '../bench/compare-reports.mjs';
import { runCli } from './helpers/run-cli.js';

/**
 * DuckDB's scorecard of a small generated month, committed so CI catches drift without DuckDB
 * (test/fixtures/oracle-month/README.md; regenerate with `npm run oracle:update`).
 */
const dir = 'test/fixtures/oracle-month';
const files = ['calls', 'tickets', 'surveys', 'customers'].map((kind) => `${dir}/${kind}.csv`);

// What the committed oracle holds: a comparison that silently shrinks (a block or group list no longer
// compared) fails here as surely as a wrong figure. Update both numbers only together with the oracle file.
const ORACLE_FIGURES = 2821;
const ORACLE_GROUPS = 64;

interface Scorecard {
  nps: { score: number } | null;
  calls: { offered: number } | null;
  targets: { nps: string | null };
}
interface OracleReport {
  overall: Scorecard;
  byAgent: (Scorecard & { agent: string })[];
  byAgentChannel: (Scorecard & { agent: string; channel: string })[];
  dataQuality: { issues: number };
}

const oracle = JSON.parse(
  readFileSync(new URL('fixtures/oracle-month/duckdb-scorecard.json', import.meta.url), 'utf8'),
);

describe('the DuckDB oracle month (bench/verify.mjs, committed)', () => {
  it('cs-kpi report gives every figure DuckDB computed from the same CSVs', async () => {
    const run = await runCli([
      'report',
      ...files,
      '--month',
      '2026-10',
      '--config',
      `${dir}/cs-kpi.config.json`,
      '--json',
    ]);
    expect(run.exitCode, run.stderr).toBe(0);
    const { figures, groups, differences } = compareReports(JSON.parse(run.stdout), oracle);
    expect(differences).toEqual([]);
    expect({ figures, groups }).toEqual({ figures: ORACLE_FIGURES, groups: ORACLE_GROUPS });
  });

  it('compareReports reports a corrupted figure, a missing group, a wrong verdict and a missing block', () => {
    expect(compareReports(oracle, oracle)).toMatchObject({
      figures: ORACLE_FIGURES,
      groups: ORACLE_GROUPS,
      differences: [],
    });

    const report = structuredClone(oracle) as OracleReport;
    const agent = report.byAgent[0]!;
    const score = agent.nps!.score;
    agent.nps!.score = score * (1 + 1e-12); // inside the 1e-9 tolerance: not a difference
    expect(compareReports(report, oracle).differences).toEqual([]);

    agent.nps!.score = score + 0.01;
    const dropped = report.byAgentChannel.pop()!;
    report.overall.targets.nps = report.overall.targets.nps === 'met' ? 'missed' : 'met';
    report.overall.calls = null;
    report.dataQuality.issues = 1;
    const { differences } = compareReports(report, oracle);
    expect(differences).toHaveLength(5);
    expect(differences).toEqual(
      expect.arrayContaining([
        `byAgent[${agent.agent}].nps.score: cs-kpi ${score + 0.01} vs duckdb ${score}`,
        `byAgentChannel[${dropped.agent}/${dropped.channel}]: cs-kpi no group vs duckdb a group`,
        expect.stringMatching(/^overall\.targets\.nps: cs-kpi (met|missed) vs duckdb (met|missed)$/),
        expect.stringMatching(/^overall\.calls: cs-kpi null vs duckdb \{"offered":/),
        'dataQuality.issues: cs-kpi 1 vs duckdb 0',
      ]),
    );
  });
});
