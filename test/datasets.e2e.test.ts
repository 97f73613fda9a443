import { describe, expect, it } from 'vitest';
import { InspectV1 } from '../src/contracts/inspect-v1.js';
import { runCli } from './helpers/run-cli.js';

/**
 * The real exports (SPEC §9 "Real data"): each is read with no mapping, and the figures their
 * SOURCE.md notes give — counted there by other tools, not by cs-kpi — come out of `inspect`.
 */
async function inspect(...args: string[]) {
  const run = await runCli(['inspect', ...args, '--json']);
  expect(run.exitCode, run.stderr).toBe(0);
  return InspectV1.parse(JSON.parse(run.stdout)).files;
}

const real = 'test/fixtures/real';

describe('real exports', () => {
  it('ibm-telco-churn: 7,043 customers, a snapshot with a churn flag', async () => {
    const [file] = await inspect(`${real}/ibm-telco-churn/Telco-Customer-Churn.csv`);
    expect(file).toMatchObject({ kind: 'customers', rows: 7043, used: 7043, snapshot: true, issues: 0 });
    expect(file!.columns).toMatchObject({ customer_id: 'customerID', churned: 'Churn', mrr: 'MonthlyCharges' });
  });

  it('botanic-nps-survey: 13,954 rows of Latin-1 text, read as Windows-1252 with a note', async () => {
    const [file] = await inspect(`${real}/botanic-nps-survey/nps.csv`);
    // 10 rows have neither an NPS nor a satisfaction score, so they give no answer
    expect(file).toMatchObject({
      kind: 'surveys',
      rows: 13954,
      used: 13944,
      encoding: 'windows-1252',
      snapshot: true,
      issues: 1,
    });
    expect(file!.columns).toMatchObject({ nps: 'nps', csat: 'satisfaction', comment: 'explication' });
  });

  it('sudzilla-survey-forms: 39 answers 2019-11-01 … 2019-11-04 in both timestamp formats', async () => {
    const files = await inspect(`${real}/sudzilla-survey-forms`);
    expect(files.map(({ rows, from, to, issues }) => ({ rows, from, to, issues }))).toEqual([
      { rows: 39, from: '2019-11-01T08:51:12+03:00', to: '2019-11-04T04:33:11+03:00', issues: 0 },
      { rows: 39, from: '2019-11-01T08:51:12.402+03:00', to: '2019-11-04T04:33:11.282+03:00', issues: 0 },
    ]);
    expect(files[0]!.dateFormats).toEqual({ answered_at: 'MDY' });
  });

  it('callmemaybe-operators: the client base 2019-08-01 … 2019-10-31 (US dates), and aggregated calls', async () => {
    const [calls, clients] = await inspect(
      `${real}/callmemaybe-operators/telecom_dataset_us.csv`,
      `${real}/callmemaybe-operators/telecom_clients_us.csv`,
    );
    expect(calls).toMatchObject({
      kind: 'calls',
      rows: 60,
      aggregated: true,
      from: '2019-08-04T00:00:00+03:00',
      to: '2019-08-19T00:00:00+03:00',
    });
    expect(clients).toMatchObject({
      kind: 'customers',
      rows: 732,
      dateFormats: { active_since: 'MDY' },
      missing: ['churned_at or churned'],
    });
  });

  it('kaggle-support-tickets: 40 multi-line records with no created time', async () => {
    const [file] = await inspect(`${real}/kaggle-support-tickets/customer_support_tickets.csv`);
    expect(file).toMatchObject({ kind: 'tickets', rows: 40, missing: ['created_at'], from: null });
    expect(file!.columns).toMatchObject({
      first_response_at: 'First Response Time',
      resolved_at: 'Time to Resolution',
    });
  });

  it('asterisk and freeswitch CDRs: header-less, 14 and 10 records, duplicate uuids kept once', async () => {
    const [asterisk, freeswitch] = await inspect(
      `${real}/asterisk-cdr-custom/Master.csv`,
      `${real}/freeswitch-cdr-excel/Master.csv`,
    );
    expect(asterisk).toMatchObject({ kind: 'calls', rows: 14, used: 14, layout: 'Asterisk cdr_custom (19 columns)' });
    expect(asterisk!.from?.slice(0, 10)).toBe('2023-07-26');
    expect(freeswitch).toMatchObject({
      kind: 'calls',
      rows: 10,
      used: 8,
      issues: 2,
      layout: 'FreeSWITCH cdr_csv (15 columns)',
    });
  });

  it('pwc-call-center: 5,000 calls 2021-01-01 … 2021-03-31 from an XLSX with day-fraction times', async () => {
    const [file] = await inspect(`${real}/pwc-call-center/call-center-dataset.xlsx`);
    expect(file).toMatchObject({ kind: 'calls', sheet: 'Sheet1', rows: 5000, used: 5000, issues: 0 });
    expect(file!.from?.slice(0, 10)).toBe('2021-01-01');
    expect(file!.to?.slice(0, 10)).toBe('2021-03-31');
  });

  it('onyx-tech-support: 2,330 tickets of 2023 from the Data sheet, Dictionary left alone', async () => {
    const [file] = await inspect(`${real}/onyx-tech-support/onyx-technical-support-may-2024.xlsx`);
    expect(file).toMatchObject({ kind: 'tickets', sheet: 'Data', rows: 2330, used: 2330 });
    expect(file!.from?.slice(0, 4)).toBe('2023');
    expect(file!.to?.slice(0, 4)).toBe('2023');
    expect(file!.columns).toMatchObject({ agent: 'Agent Name', created_at: 'Created time', channel: 'Source' });
  });

  it('kaggle-call-center-daily: refused as pre-aggregated statistics, both copies', async () => {
    for (const copy of ['comma', 'semicolon']) {
      const run = await runCli(['inspect', `${real}/kaggle-call-center-daily/call-center-data-${copy}.csv`]);
      expect(run.exitCode).toBe(1);
      expect(run.stderr).toMatch(/this is a report of pre-aggregated statistics .* not one row per call or ticket/);
    }
  });
});
