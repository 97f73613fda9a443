import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Config } from '../config/config-schema.js';
import type { Call, Customer, SurveyAnswer, Ticket } from '../domain/records.js';
import { discoverInputs } from './discover-inputs.js';
import { ingest } from './ingest.js';

function folderWith(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cs-kpi-ingest-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

async function read(dir: string, config: Config = { timezone: 'Europe/Moscow' }) {
  const calls: Call[] = [];
  const tickets: Ticket[] = [];
  const answers: SurveyAnswer[] = [];
  const customers: Customer[] = [];
  const result = await ingest(
    await discoverInputs([dir]),
    { config },
    {
      call: (record) => calls.push(record),
      ticket: (record) => tickets.push(record),
      answer: (record) => answers.push(record),
      customer: (record) => customers.push(record),
    },
  );
  return { ...result, calls, tickets, answers, customers };
}

const MSK = (iso: string) => Date.parse(`${iso}+03:00`);

describe('ingest', () => {
  it('reads calls with local times in the configured zone and Russian code values', async () => {
    const dir = folderWith({
      'calls.csv':
        'Дата и время;Направление;Статус;Оператор;Ожидание (сек);Разговор, мин\n' +
        '01.10.2026 09:00:05;Входящий;Отвечен;  Иванова  ;12,5;1,5\n' +
        '01.10.2026 09:01:00;Входящий;Пропущен;;40;\n' +
        '02.10.2026 10:00:00;Исходящий;Принят;Петров;;3\n',
    });
    const { calls, files, issues } = await read(dir);
    expect(issues.count).toBe(0);
    expect(files[0]).toMatchObject({
      kind: 'calls',
      rows: 3,
      used: 3,
      from: '2026-10-01T09:00:05+03:00',
      to: '2026-10-02T10:00:00+03:00',
    });
    expect(calls.map(({ location: _, ...call }) => call)).toEqual([
      expect.objectContaining({
        startedAt: MSK('2026-10-01T09:00:05'),
        direction: 'inbound',
        answered: true,
        agent: 'Иванова',
        waitMs: 12_500,
        talkMs: 90_000,
      }),
      expect.objectContaining({ direction: 'inbound', answered: false, agent: null, waitMs: 40_000, talkMs: null }),
      expect.objectContaining({ direction: 'outbound', answered: true, agent: 'Петров', talkMs: 180_000 }),
    ]);
    expect(calls[0]!.location).toEqual({ file: join(dir, 'calls.csv'), line: 2 });
  });

  it('keeps the first row of a repeated id across files of one kind, each repeat an issue', async () => {
    const dir = folderWith({
      'a.csv': 'Call ID,Started At,Agent,Talk Seconds\nC1,2026-10-01 10:00,Anna,60\nC2,2026-10-01 11:00,Anna,60\n',
      'b.csv': 'Call ID,Started At,Agent,Talk Seconds\nC2,2026-10-02 10:00,Boris,60\nC3,2026-10-02 11:00,Boris,60\n',
    });
    const { calls, files, issues } = await read(dir);
    expect(calls.map((call) => [call.id, call.agent])).toEqual([
      ['C1', 'Anna'],
      ['C2', 'Anna'],
      ['C3', 'Boris'],
    ]);
    expect(files.map((file) => [file.rows, file.used, file.issues])).toEqual([
      [2, 2, 0],
      [2, 1, 1],
    ]);
    expect(issues.examples[0]).toEqual({
      location: { file: join(dir, 'b.csv'), line: 2 },
      field: 'call_id',
      value: 'C2',
      problem: 'duplicate id; the first row is kept',
    });
  });

  it('without a status, a call is answered when it has an agent and talk time (SPEC §10)', async () => {
    const dir = folderWith({
      'calls.csv':
        'Started At,Agent,Talk Seconds\n2026-10-01 10:00,Anna,60\n2026-10-01 10:05,,0\n2026-10-01 10:06,Anna,0\n',
    });
    const { calls } = await read(dir);
    expect(calls.map((call) => call.answered)).toEqual([true, false, false]);
  });

  it('turns every bad value into an issue with file, line, field, value and problem, and keeps the row', async () => {
    const dir = folderWith({
      'tickets.csv':
        'Ticket ID,Created At,First Response At,Reopens\n' +
        'T1,31.02.2026 10:00,,1\n' +
        'T2,2026-10-01 10:00,2026-10-01 09:00,x\n',
    });
    const { tickets, issues } = await read(dir);
    expect(tickets).toHaveLength(2);
    expect(tickets[1]).toMatchObject({
      id: 'T2',
      createdAt: MSK('2026-10-01T10:00:00'),
      firstResponseMs: null,
      reopens: null,
    });
    expect(issues.examples.map(({ location, field, value, problem }) => [location, field, value, problem])).toEqual([
      [{ file: join(dir, 'tickets.csv'), line: 2 }, 'created_at', '31.02.2026 10:00', 'day out of range'],
      [
        { file: join(dir, 'tickets.csv'), line: 3 },
        'first_response_at',
        '2026-10-01 09:00',
        'negative duration (first_response_at is before created_at)',
      ],
      [{ file: join(dir, 'tickets.csv'), line: 3 }, 'reopens', 'x', 'not a number'],
    ]);
  });

  it('a survey row with an NPS and a satisfaction column gives two answers (SPEC §10)', async () => {
    const dir = folderWith({ 'answers.csv': 'id,nps,satisfaction,explication\n1,9,4,"Bien, merci"\n2,NA,5,NA\n' });
    const { answers, files } = await read(dir);
    expect(answers.map((answer) => [answer.id, answer.survey, answer.score, answer.comment])).toEqual([
      ['1', 'nps', 9, 'Bien, merci'],
      ['1', 'csat', 4, 'Bien, merci'],
      ['2', 'csat', 5, null],
    ]);
    expect(files[0]).toMatchObject({ kind: 'surveys', snapshot: true, rows: 2, used: 2 });
  });

  it('maps agent aliases from config to one name, compared case-insensitively', async () => {
    const dir = folderWith({
      'calls.csv':
        'Started At,Agent,Talk Seconds\n2026-10-01 10:00,Иванова И.,60\n2026-10-01 11:00,IVANOVA@corp.ru,60\n2026-10-01 12:00,ivanova,60\n',
    });
    const config = { timezone: 'Europe/Moscow', agents: { Ivanova: ['Иванова И.', 'ivanova@corp.ru'] } };
    const { calls } = await read(dir, config);
    expect(calls.map((call) => call.agent)).toEqual(['Ivanova', 'Ivanova', 'Ivanova']);
  });

  it('reads a file that lacks a required field as its kind, with one issue naming the field', async () => {
    const dir = folderWith({
      'clients.csv': 'user_id,tariff_plan,date_start\n166713,A,8/15/2019\n166714,B,10/1/2019\n',
    });
    const { customers, files, issues } = await read(dir);
    expect(files[0]).toMatchObject({
      kind: 'customers',
      rows: 2,
      used: 2,
      dateOrders: { active_since: { order: 'MDY' } },
    });
    expect(customers.map((customer) => customer.activeSince)).toEqual(['2019-08-15', '2019-10-01']);
    expect(issues.count).toBe(1);
    expect(issues.examples[0]).toMatchObject({ field: 'churned_at or churned', location: { line: 1 } });
  });

  it('timestamps with an offset are converted into the configured zone', async () => {
    const dir = folderWith({ 'calls.csv': 'date,operator_id,call_duration\n2019-08-04 00:00:00+03:00,880022,30\n' });
    const { files, calls } = await read(dir, { timezone: 'Europe/Berlin' });
    expect(calls[0]!.startedAt).toBe(Date.UTC(2019, 7, 3, 21));
    expect(files[0]!.from).toBe('2019-08-03T23:00:00+02:00');
  });
});

describe('the demo month in two dialects', () => {
  const examples = new URL('../../examples/', import.meta.url).pathname;

  async function readMonth(folder: string) {
    const records: Record<string, unknown[]> = { calls: [], tickets: [], answers: [], customers: [] };
    const strip = ({ location: _, ...record }: { location: unknown }) => record;
    const result = await ingest(
      await discoverInputs([join(examples, folder)]),
      { config: { timezone: 'Europe/Moscow' } },
      {
        call: (record) => records.calls!.push(strip(record)),
        ticket: (record) => records.tickets!.push(strip(record)),
        answer: (record) => records.answers!.push(strip(record)),
        customer: (record) => records.customers!.push(strip(record)),
      },
    );
    return { records, result };
  }

  it('the Russian Windows-1251 ";" month reads to exactly the same records as its English twin', async () => {
    const en = await readMonth('2026-10');
    const ru = await readMonth('2026-10-ru');
    expect(ru.result.files.map((file) => file.format)).toEqual(
      Array(4).fill({ type: 'csv', encoding: 'windows-1251', encodingGuessed: false, delimiter: ';' }),
    );
    expect(en.result.files.map((file) => file.format)).toEqual(
      Array(4).fill({ type: 'csv', encoding: 'utf-8', encodingGuessed: false, delimiter: ',' }),
    );
    expect(en.records.calls).toHaveLength(4000);
    expect(en.records.tickets).toHaveLength(1500);
    expect(en.records.answers).toHaveLength(800);
    expect(en.records.customers).toHaveLength(600);
    for (const kind of ['calls', 'tickets', 'answers', 'customers']) expect(ru.records[kind]).toEqual(en.records[kind]);
    const issuesOf = (month: typeof en) =>
      month.result.issues.examples.map((issue) => [
        (issue.location as { line: number }).line,
        issue.field,
        issue.problem,
      ]);
    expect(issuesOf(ru)).toEqual(issuesOf(en));
    expect(en.result.issues.count).toBeGreaterThan(0);
  });
});
