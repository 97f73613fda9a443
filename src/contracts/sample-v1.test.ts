import { describe, expect, it } from 'vitest';
import { IssueLog } from '../domain/data-quality.js';
import { DEFAULT_CRITERIA } from '../domain/qa-criteria.js';
import type { Call, Ticket } from '../domain/records.js';
import { createZoneConverter, monthPeriod } from '../domain/time-zone.js';
import { sampleKey } from '../sample/sample-key.js';
import { selectSample } from '../sample/select-sample.js';
import { SampleV1, toSampleV1 } from './sample-v1.js';

const zone = createZoneConverter('Europe/Moscow');
const period = monthPeriod('2026-10', zone);

const call: Call = {
  id: 'C0001',
  startedAt: Date.UTC(2026, 9, 3, 11, 5, 12), // 14:05:12 in Moscow
  agent: 'Иванова Анна',
  channel: 'phone',
  direction: 'inbound',
  answered: true,
  waitMs: 12_500,
  talkMs: 391_000,
  resolved: null,
  topic: 'Доставка',
  customer: '+7 999 123-45-67',
  satisfaction: null,
  recordingUrl: 'https://pbx.example.com/rec/C0001.mp3',
  count: 1,
  location: { file: 'calls.csv', line: 2 },
};

const ticket: Ticket = {
  id: 'T0001',
  createdAt: Date.UTC(2026, 9, 4, 6, 0, 0),
  agent: 'Иванова Анна',
  channel: 'email',
  firstResponseAt: Date.UTC(2026, 9, 4, 6, 12, 30),
  firstResponseMs: 750_000,
  resolvedAt: null,
  resolutionMs: null,
  status: 'open',
  isResolved: false,
  priority: null,
  topic: null,
  customer: null,
  reopens: null,
  satisfaction: null,
  fcr: null,
  location: { file: 'tickets.csv', line: 2 },
};

describe('toSampleV1', () => {
  it('gives a valid cs-kpi/sample@1 with local times, seconds and the criteria', () => {
    const result = selectSample({ calls: [call], tickets: [ticket] }, { seed: 'demo', period, by: 'agent' });
    const sample = toSampleV1(result, {
      seed: 'demo',
      month: '2026-10',
      period,
      timezone: 'Europe/Moscow',
      formatInstant: zone.formatInstant,
      command: 'cs-kpi sample exports --month 2026-10 --seed demo --per-agent 5',
      by: 'agent',
      filters: {
        kind: null,
        channel: null,
        agent: null,
        topic: null,
        minTalkSeconds: null,
        excludeFiles: [],
        excluded: 0,
      },
      criteria: DEFAULT_CRITERIA,
      inputs: [{ file: 'calls.csv', kind: 'calls', rows: 1, used: 1, issues: 0 }],
      issues: new IssueLog(),
    });
    expect(SampleV1.parse(sample)).toEqual(sample);
    expect(sample.period).toEqual({
      from: '2026-10-01T00:00:00+03:00',
      to: '2026-11-01T00:00:00+03:00',
      timezone: 'Europe/Moscow',
    });
    expect(sample.perStratum).toBe(5);
    expect(sample.size).toBeNull();
    expect(sample.pool).toEqual({
      contacts: 2,
      strata: [{ agent: 'Иванова Анна', channel: null, pool: 2, sampled: 2, short: true }],
    });
    const byId = new Map(sample.items.map((item) => [item.contactId, item]));
    expect(byId.get('C0001')).toMatchObject({
      kind: 'call',
      startedAt: '2026-10-03T14:05:12+03:00',
      waitSeconds: 12.5,
      talkSeconds: 391,
      firstResponseSeconds: null,
      recordingUrl: 'https://pbx.example.com/rec/C0001.mp3',
      key: sampleKey('demo', 'call', 'C0001'),
    });
    expect(byId.get('T0001')).toMatchObject({ kind: 'ticket', firstResponseSeconds: 750, resolutionSeconds: null });
    expect(sample.criteria.map((criterion) => criterion.id)).toContain('wrong_info');
    expect(sample.criteria.find((criterion) => criterion.id === 'spelling')!.channels).toContain('email');
  });
});
