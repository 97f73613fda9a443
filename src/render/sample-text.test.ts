import { Chalk } from 'chalk';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { SampleV1 } from '../contracts/sample-v1.js';
import { DEFAULT_CRITERIA } from '../domain/qa-criteria.js';
import { renderSampleCsv } from './sample-csv.js';
import { renderSampleTable } from './sample-table.js';

const sample: SampleV1 = SampleV1.parse({
  schema: 'cs-kpi/sample@1',
  seed: 'demo',
  month: '2026-10',
  period: { from: '2026-10-01T00:00:00+03:00', to: '2026-11-01T00:00:00+03:00', timezone: 'Europe/Moscow' },
  command: 'cs-kpi sample exports --month 2026-10 --seed demo --per-agent 2',
  by: 'agent',
  perStratum: 2,
  size: null,
  filters: { kind: null, channel: null, agent: null, topic: null, minTalkSeconds: null, excludeFiles: [], excluded: 0 },
  pool: {
    contacts: 1201,
    strata: [
      { agent: 'Ivanova', channel: null, pool: 1200, sampled: 2, short: false },
      { agent: 'Petrov', channel: null, pool: 1, sampled: 1, short: true },
    ],
  },
  items: [
    {
      kind: 'call',
      contactId: 'C1',
      agent: 'Ivanova',
      channel: 'phone',
      startedAt: '2026-10-03T14:05:12+03:00',
      waitSeconds: 12,
      talkSeconds: 391,
      firstResponseSeconds: null,
      resolutionSeconds: null,
      topic: 'Delivery',
      customer: '+7 999 123-45-67',
      recordingUrl: 'https://pbx.example.com/rec/C1.mp3',
      key: 'a'.repeat(64),
    },
    {
      kind: 'ticket',
      contactId: 'T1',
      agent: 'Ivanova',
      channel: 'email',
      startedAt: '2026-10-04T09:00:00.250+03:00',
      waitSeconds: null,
      talkSeconds: null,
      firstResponseSeconds: 200,
      resolutionSeconds: 10_000,
      topic: '=1+1',
      customer: null,
      recordingUrl: null,
      key: 'b'.repeat(64),
    },
    {
      kind: 'ticket',
      contactId: 'T2',
      agent: 'Petrov',
      channel: null,
      startedAt: '2026-10-05T10:00:00+03:00',
      waitSeconds: null,
      talkSeconds: null,
      firstResponseSeconds: 7500,
      resolutionSeconds: null,
      topic: null,
      customer: 'K1',
      recordingUrl: null,
      key: 'c'.repeat(64),
    },
  ],
  criteria: DEFAULT_CRITERIA,
  inputs: [],
  dataQuality: { issues: 0, examples: [] },
});

describe('renderSampleCsv', () => {
  const rows = parse(renderSampleCsv(sample)) as string[][];
  const header = rows[0]!;
  const cell = (row: number, column: string) => rows[row]![header.indexOf(column)];

  it('has the review form columns, then the key', () => {
    expect(header).toEqual([
      'contact_id',
      'kind',
      'agent',
      'channel',
      'started_at',
      'wait_seconds',
      'talk_seconds',
      'first_response_minutes',
      'resolution_hours',
      'topic',
      'customer',
      'recording_url',
      ...DEFAULT_CRITERIA.map((criterion) => criterion.id),
      'reviewer',
      'comment',
      'key',
    ]);
    expect(rows).toHaveLength(4);
  });

  it('writes local times, rounded minutes and hours, and n/a where a criterion does not apply', () => {
    expect(cell(1, 'started_at')).toBe('2026-10-03 14:05:12');
    expect(cell(2, 'started_at')).toBe('2026-10-04 09:00:00');
    expect(cell(1, 'talk_seconds')).toBe('391');
    expect(cell(2, 'first_response_minutes')).toBe('3.33');
    expect(cell(2, 'resolution_hours')).toBe('2.78');
    expect(cell(1, 'spelling')).toBe('n/a');
    expect(cell(2, 'spelling')).toBe('');
    expect(cell(3, 'spelling')).toBe(''); // no channel: every criterion applies
    expect(cell(1, 'key')).toBe('a'.repeat(64));
  });

  it('neutralises formula-looking text from the inputs', () => {
    expect(cell(2, 'topic')).toBe("'=1+1");
    expect(cell(1, 'customer')).toBe("'+7 999 123-45-67");
  });
});

describe('renderSampleTable', () => {
  it('lists the sample, then the pool per stratum with the short ones marked', () => {
    expect(renderSampleTable(sample, new Chalk({ level: 0 }))).toMatchInlineSnapshot(`
      "cs-kpi sample — 2026-10, seed "demo" (3 of 1,201 contacts, 2 per agent)

        Agent    Channel  Kind    Contact  Started           Talk  1st reply  Topic     Customer
        Ivanova  phone    call    C1       2026-10-03 14:05  6:31             Delivery  +7 999 123-45-67
        Ivanova  email    ticket  T1       2026-10-04 09:00               3m  =1+1
        Petrov   —        ticket  T2       2026-10-05 10:00           2h 05m            K1

      Pool by agent
        Agent     Pool  Drawn
        Ivanova  1,200      2
        Petrov       1      1  short: all of its contacts

      The pool: the month’s answered calls and its tickets with an agent and a first response, after the filters. Same seed, same sample.
      "
    `);
  });
});
