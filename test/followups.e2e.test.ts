import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { FollowupsV1 } from '../src/contracts/followups-v1.js';
import { runCli } from './helpers/run-cli.js';

const fixture = 'test/fixtures/followups';
const config = ['--config', `${fixture}/config.json`];
const filledList = `${fixture}/called/call-list-2026-10-filled.csv`;
const HYPERLINK = '=HYPERLINK("http://example.invalid","x")';

async function followups(...args: string[]): Promise<FollowupsV1> {
  const run = await runCli(['followups', fixture, ...config, ...args, '--json']);
  expect(run.exitCode, run.stderr).toBe(0);
  return FollowupsV1.parse(JSON.parse(run.stdout));
}

const ids = (result: FollowupsV1) => result.items.map((item) => item.answerId);

describe('cs-kpi followups (test/fixtures/followups/README.md has the hand-computed list)', () => {
  const temp = mkdtempSync(join(tmpdir(), 'cs-kpi-followups-'));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  it('lists CSAT 1–3 and NPS 0–6 of the month, worst first, then oldest, with the contact’s agent and topic', async () => {
    const result = await followups('--month', '2026-10');
    expect(ids(result)).toEqual(['S01', 'N01', 'S06', 'S04', 'S09', 'N05', 'S02', 'S10', 'N02']);
    expect(result).toMatchObject({
      schema: 'cs-kpi/followups@1',
      month: '2026-10',
      since: null,
      period: { from: '2026-10-01T00:00:00+03:00', to: '2026-11-01T00:00:00+03:00', timezone: 'Europe/Moscow' },
      below: 4,
      count: 9,
      excluded: 0,
      dataQuality: { issues: 1 },
    });
    expect(result.items[0]).toEqual({
      answerId: 'S01',
      answeredAt: '2026-10-02T12:00:00+03:00',
      survey: 'csat',
      score: 1,
      scale: [1, 5],
      comment: 'Nobody answered my email for a day',
      contactId: 'T1',
      agent: 'Ivanova',
      channel: 'email',
      customer: 'K1',
      topic: 'Billing',
    });
    expect(result.items[1]).toMatchObject({
      answerId: 'N01',
      survey: 'nps',
      score: 0,
      scale: [0, 10],
      agent: 'Petrov',
    });
    expect(result.items[3]).toMatchObject({ answerId: 'S04', comment: HYPERLINK, topic: 'Refund' });
    expect(result.items[4]).toMatchObject({ answerId: 'S09', contactId: null, agent: null, topic: null });
    expect(result.items[5]!.comment).toBe('Rude agent; multi\nline comment');
  });

  it('--below 2: CSAT 1 only, NPS detractors still', async () => {
    expect(ids(await followups('--month', '2026-10', '--below', '2'))).toEqual(['S01', 'N01', 'S06', 'N05', 'N02']);
  });

  it('--since a day: the answers given on or after it', async () => {
    const result = await followups('--since', '2026-10-05');
    expect(ids(result)).toEqual(['S06', 'S04', 'S09', 'N05', 'S10']);
    expect(result).toMatchObject({ month: null, since: '2026-10-05' });
    expect(result.period.from).toBe('2026-10-05T00:00:00+03:00');
  });

  it('--exclude a filled CSV call list leaves out the answers called back', async () => {
    const result = await followups('--month', '2026-10', '--exclude', filledList);
    expect(ids(result)).toEqual(['S06', 'S04', 'S09', 'N05', 'S02', 'S10', 'N02']);
    expect(result).toMatchObject({ count: 7, excluded: 2, excludeFiles: [filledList] });
  });

  it('--exclude the XLSX call list it wrote, once filled in', async () => {
    const list = join(temp, 'call-list.xlsx');
    const written = await runCli([
      'followups',
      fixture,
      ...config,
      '--month',
      '2026-10',
      '--format',
      'xlsx',
      '--out',
      list,
    ]);
    expect(written.exitCode, written.stderr).toBe(0);
    expect(written.stdout).toBe('');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(list);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell('A2').value).toBe('S01');
    expect(sheet.getCell('K1').value).toBe('called_back');
    sheet.getCell('K2').value = 'yes'; // S01
    sheet.getCell('K5').value = 'wrong number'; // S04
    const filled = join(temp, 'call-list-filled.xlsx');
    await workbook.xlsx.writeFile(filled);
    const result = await followups('--month', '2026-10', '--exclude', filled, filledList);
    expect(ids(result)).toEqual(['S06', 'S09', 'N05', 'S02', 'S10', 'N02']);
    expect(result.excluded).toBe(3);
  });

  it('the CSV neutralises the formula-looking comment, and reads back as a call list', async () => {
    const run = await runCli(['followups', fixture, ...config, '--month', '2026-10', '--format', 'csv']);
    expect(run.exitCode, run.stderr).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(
      'answer_id,answered_at,survey,score,customer,agent,channel,topic,contact_id,comment,called_back,outcome',
    );
    expect(lines[4]).toBe(
      `S04,2026-10-05T13:00:00+03:00,csat,2,K3,Sidorova,web,Refund,T3,"'=HYPERLINK(""http://example.invalid"",""x"")",,`,
    );
    expect(run.stdout).not.toContain(`,"${HYPERLINK.replaceAll('"', '""')}"`);
  });

  it('the demo month’s JSON validates against the published schemas/followups-v1.json (ajv)', async () => {
    const run = await runCli(['followups', 'examples/2026-10', '--config', 'examples/cs-kpi.config.json', '--json']);
    expect(run.exitCode, run.stderr).toBe(0);
    const schema = JSON.parse(readFileSync(new URL('../schemas/followups-v1.json', import.meta.url), 'utf8')) as object;
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);
    const result = JSON.parse(run.stdout) as FollowupsV1;
    expect(validate(result), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(result.month).toBe('2026-10');
    expect(result.count).toBeGreaterThan(100);
    expect(validate({ schema: 'cs-kpi/followups@1' })).toBe(false);
  });

  it('usage errors exit 2: --month with --since, --below out of range, xlsx without --out', async () => {
    for (const args of [
      ['--month', '2026-10', '--since', '2026-10-05'],
      ['--below', '6'],
      ['--below', '1'],
      ['--since', '2026-02-30'],
      ['--format', 'xlsx'],
    ]) {
      const run = await runCli(['followups', fixture, ...config, ...args]);
      expect(run.exitCode, args.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
    }
  });

  it('a list without an answer_id column is bad input (exit 1) naming the file', async () => {
    const run = await runCli(['followups', fixture, ...config, '--exclude', `${fixture}/tickets.csv`]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain(`${fixture}/tickets.csv: no answer_id column`);
  });
});
