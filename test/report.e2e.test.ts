import { describe, expect, it } from 'vitest';
import { ReportV1 } from '../src/contracts/report-v1.js';
import { runCli } from './helpers/run-cli.js';

async function report(...args: string[]): Promise<ReportV1> {
  const run = await runCli(['report', ...args, '--json']);
  expect(run.exitCode, run.stderr).toBe(0);
  return ReportV1.parse(JSON.parse(run.stdout));
}

const config = ['--config', 'examples/cs-kpi.config.json'];
const real = 'test/fixtures/real';

describe('cs-kpi report', () => {
  it('the JSON validates against the contract, and the Russian twin gives the same report', async () => {
    const en = await report('examples/2026-10', ...config);
    const ru = await report('examples/2026-10-ru', ...config);
    expect(en.period).toEqual({
      month: '2026-10',
      from: '2026-10-01T00:00:00+03:00',
      to: '2026-11-01T00:00:00+03:00',
      timezone: 'Europe/Moscow',
      businessHours: false,
    });
    const withoutFiles = (r: ReportV1) => ({
      ...r,
      inputs: r.inputs.map(({ file: _, ...rest }) => rest),
      dataQuality: {
        ...r.dataQuality,
        examples: r.dataQuality.examples.map(({ file: _, value: __, ...rest }) => rest),
      },
    });
    expect(withoutFiles(ru)).toEqual(withoutFiles(en));
    expect(en.overall.nps?.score).toEqual(expect.any(Number));
  });

  it('the real exports give the figures their SOURCE notes give (SPEC §9)', async () => {
    // ibm-telco-churn: 1,869 of 7,043 churned = 26.54 % (a snapshot flag, so the month must be given)
    const telco = await report(`${real}/ibm-telco-churn`, '--month', '2026-10');
    expect(telco.overall.churn).toMatchObject({ activeAtStart: 7043, churned: 1869 });
    expect(telco.overall.churn!.percent!.toFixed(2)).toBe('26.54');
    // sudzilla: 8 promoters, 22 detractors of 39 → −35.9, in both timestamp formats
    for (const file of ['input_01.csv', 'input_02.csv']) {
      const sudzilla = await report(`${real}/sudzilla-survey-forms/${file}`);
      expect(sudzilla.period.month).toBe('2019-11');
      expect(sudzilla.overall.nps).toMatchObject({ n: 39, promoters: 8, detractors: 22 });
      expect(sudzilla.overall.nps!.score.toFixed(1)).toBe('-35.9');
    }
    // botanic: NPS 53.4 over 13,612 answers (342 NA)
    const botanic = await report(`${real}/botanic-nps-survey`, '--month', '2026-10');
    expect(botanic.overall.nps).toMatchObject({ n: 13612, promoters: 8465, passives: 3953, detractors: 1194 });
    expect(botanic.overall.nps!.score.toFixed(1)).toBe('53.4');
    // pwc-call-center: 4,054 of 5,000 calls answered over its three months
    let offered = 0;
    let answered = 0;
    for (const month of ['2021-01', '2021-02', '2021-03']) {
      const pwc = await report(`${real}/pwc-call-center`, '--month', month);
      offered += pwc.overall.calls!.offered;
      answered += pwc.overall.calls!.answered;
    }
    expect({ offered, answered }).toEqual({ offered: 5000, answered: 4054 });
  });

  it('--strict exits 1 after writing the result when there are data-quality issues', async () => {
    const run = await runCli(['report', 'examples/2026-10', ...config, '--strict', '--json']);
    expect(run.exitCode).toBe(1);
    expect(ReportV1.parse(JSON.parse(run.stdout)).dataQuality.issues).toBeGreaterThan(0);
    expect(run.stderr).toContain('data-quality issues and --strict is set');
  });
});

describe('cs-kpi report, scorecard depth', () => {
  it('custom indices from config: anti-NPS in the loyalty slot, CSI as a ratio (hand-checked, test/fixtures/README.md)', async () => {
    const result = await report(
      'test/fixtures/surveys/anti-nps-and-csi.csv',
      '--config',
      'test/fixtures/config/custom-indices.json',
    );
    expect(result.overall.indices['anti-NPS']).toMatchObject({ method: 'nps', n: 6, top: 2, bottom: 3, mean: null });
    expect(result.overall.indices['anti-NPS']!.score!.toFixed(2)).toBe('-16.67');
    expect(result.overall.indices.CSI).toMatchObject({ method: 'ratio', n: 5, top: 3, bottom: 1, score: 3 });
    expect(result.overall.loyalty).toMatchObject({ index: 'anti-NPS', n: 6 });
    expect(result.overall.targets.nps).toBe('missed');
    expect(result.overall.nps).toMatchObject({ n: 1, score: 100 });
    const byAgent = Object.fromEntries(result.byAgent.map((row) => [row.agent, row.loyalty?.score?.toFixed(2)]));
    expect(byAgent).toEqual({ Anna: '33.33', Boris: '-66.67' });
  });

  it('business hours: time blocks in business time with a calendar twin, period.businessHours true', async () => {
    const result = await report('examples/2026-10/tickets.csv', '--config', 'test/fixtures/config/business-hours.json');
    expect(result.period.businessHours).toBe(true);
    expect(result.overall.firstResponse).toMatchObject({ businessTime: true, calendar: { businessTime: false } });
    expect(result.overall.firstResponse!.calendar!.n).toBe(result.overall.firstResponse!.n);
    // business time never exceeds calendar time
    expect(result.overall.firstResponse!.meanMinutes!).toBeLessThan(
      result.overall.firstResponse!.calendar!.meanMinutes!,
    );
    expect(result.overall.resolution!.calendar).toMatchObject({ created: result.overall.resolution!.created });
  });

  it("business hours as CSV: every group's calendar twin in columns of its own, as the JSON gives it", async () => {
    const args = ['examples/2026-10/tickets.csv', '--config', 'test/fixtures/config/business-hours.json'];
    const json = await report(...args);
    const run = await runCli(['report', ...args, '--format', 'csv']);
    expect(run.exitCode, run.stderr).toBe(0);
    const [header, ...lines] = run.stdout
      .trimEnd()
      .split('\n')
      .map((line) => line.split(','));
    expect(header).not.toContain('firstResponse.calendar');
    const cards = [json.overall, ...json.byAgent, ...json.byChannel, ...json.byAgentChannel];
    expect(lines.length).toBeGreaterThanOrEqual(cards.length);
    cards.forEach((card, i) => {
      for (const block of ['firstResponse', 'resolution'] as const) {
        const calendar = card[block]?.calendar as Record<string, unknown> | null | undefined;
        expect(calendar, `${block} of row ${i}`).toBeTruthy();
        for (const [field, value] of Object.entries(calendar!)) {
          const cell = lines[i]![header!.indexOf(`${block}.calendar.${field}`)];
          expect(cell, `${block}.calendar.${field} of row ${i}`).toBe(value === null ? '' : String(value));
        }
      }
    });
  });

  it('a config index that is not valid is refused naming the key', async () => {
    const run = await runCli(['report', 'examples/2026-10', '--config', 'test/fixtures/config/bad-index.json']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('cs-kpi.config.json: indices.CSI:');
  });
});

describe('cs-kpi report --compare', () => {
  it('every delta equals the difference of two single-month reports (pwc-call-center, Feb vs Jan 2021)', async () => {
    const both = await report(`${real}/pwc-call-center`, '--month', '2021-02', '--compare', '2021-01');
    const february = await report(`${real}/pwc-call-center`, '--month', '2021-02');
    const january = await report(`${real}/pwc-call-center`, '--month', '2021-01');
    expect(both.compare?.month).toBe('2021-01');
    let checked = 0;
    const check = (
      changes: Record<string, Record<string, { previous: number | null; delta: number | null }>>,
      now: Record<string, unknown>,
      before: Record<string, unknown> | undefined,
    ) => {
      for (const [block, fields] of Object.entries(changes)) {
        for (const [field, change] of Object.entries(fields)) {
          const current = (now[block] as Record<string, unknown> | null)?.[field];
          const previous = (before?.[block] as Record<string, unknown> | null | undefined)?.[field] ?? null;
          expect(change.previous, `${block}.${field}`).toBe(previous);
          expect(change.delta, `${block}.${field}`).toBe(
            typeof current === 'number' && typeof previous === 'number' ? current - previous : null,
          );
          checked += 1;
        }
      }
    };
    check(both.compare!.overall, february.overall, january.overall);
    for (const row of both.compare!.byAgent) {
      const { agent, ...changes } = row as { agent: string } & Record<string, never>;
      check(
        changes,
        february.byAgent.find((r) => r.agent === agent)!,
        january.byAgent.find((r) => r.agent === agent),
      );
    }
    expect(checked).toBeGreaterThan(100);
    // the compared month's own figures are unchanged by --compare
    expect({ ...both, compare: undefined }).toEqual({ ...february, compare: undefined });
  });
});
