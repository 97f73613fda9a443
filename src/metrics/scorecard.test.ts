import { describe, expect, it } from 'vitest';
import type { DataQualityIssue } from '../domain/data-quality.js';
import type { Call, Customer, SurveyAnswer, Ticket } from '../domain/records.js';
import { createZoneConverter } from '../domain/time-zone.js';
import { DEFAULT_CRITERIA } from '../domain/qa-criteria.js';
import { createBusinessClock } from './business-time.js';
import { percentileInc } from './percentile.js';
import { ScorecardBuilder } from './scorecard.js';

const zone = createZoneConverter('Europe/Moscow');
const at = (local: string) => Date.parse(`${local}+03:00`);
const loc = (file = 'f.csv', line = 2) => ({ file, line });

function call(partial: Partial<Call>): Call {
  return {
    id: null,
    startedAt: at('2026-10-05T10:00:00'),
    agent: 'Anna',
    channel: 'phone',
    direction: 'inbound',
    answered: true,
    waitMs: 10_000,
    talkMs: 60_000,
    resolved: null,
    topic: null,
    customer: null,
    satisfaction: null,
    recordingUrl: null,
    count: 1,
    location: loc('calls.csv'),
    ...partial,
  };
}

function ticket(partial: Partial<Ticket>): Ticket {
  return {
    id: null,
    createdAt: at('2026-10-05T10:00:00'),
    agent: 'Boris',
    channel: 'email',
    firstResponseAt: null,
    firstResponseMs: null,
    resolvedAt: null,
    resolutionMs: null,
    status: null,
    isResolved: false,
    priority: null,
    topic: null,
    customer: null,
    reopens: null,
    satisfaction: null,
    fcr: null,
    location: loc('tickets.csv'),
    ...partial,
  };
}

function answer(partial: Partial<SurveyAnswer>): SurveyAnswer {
  return {
    id: null,
    answeredAt: at('2026-10-06T12:00:00'),
    survey: 'csat',
    score: 5,
    contactId: null,
    agent: null,
    channel: null,
    customer: null,
    comment: null,
    location: loc('surveys.csv'),
    ...partial,
  };
}

function builder(keepsAnswers?: boolean) {
  return new ScorecardBuilder({
    keepsAnswers,
    zone,
    minSample: 30,
    serviceLevelSeconds: 20,
    firstResponseTargetsMinutes: { email: 60 },
    targets: { csat: { min: 90 }, churn: { max: 3 }, nps: { min: 0 } },
    callbackMinutes: 30,
    indices: {},
    loyalty: 'nps',
    criteria: DEFAULT_CRITERIA,
  });
}

function build(b: ScorecardBuilder, month = '2026-10', snapshots: string[] = []) {
  const issues: DataQualityIssue[] = [];
  const result = b.build(month as '2026-10', new Set(snapshots), (issue) => issues.push(issue));
  return { ...result, issues };
}

describe('ScorecardBuilder', () => {
  it('an answer without an agent takes the agent and channel of the contact it rates (SPEC §3)', () => {
    const b = builder();
    b.addTicket(ticket({ id: 'T1', agent: 'Boris', channel: 'chat' }));
    b.addAnswer(answer({ contactId: 'T1', score: 2 }));
    const { byAgent, byChannel, byAgentChannel } = build(b);
    expect(byAgent.map((row) => [row.agent, row.csat?.n, row.volume.surveys])).toEqual([['Boris', 1, 1]]);
    expect(byChannel.map((row) => [row.channel, row.csat?.satisfied])).toEqual([['chat', 0]]);
    expect(byAgentChannel.map((row) => [row.agent, row.channel])).toEqual([['Boris', 'chat']]);
  });

  it('a CSAT answer replaces the rating embedded in its contact, whatever month it was given in (SPEC §10)', () => {
    const b = builder();
    b.addCall(call({ id: 'C1', satisfaction: 1 }));
    b.addCall(call({ id: 'C2', satisfaction: 2 }));
    b.addCall(call({ id: null, satisfaction: 5 }));
    // C1 is rated again in November: its embedded 1 no longer counts in October
    b.addAnswer(answer({ contactId: 'C1', score: 4, answeredAt: at('2026-11-02T10:00:00') }));
    const { overall } = build(b);
    expect(overall.csat).toMatchObject({ n: 2, satisfied: 1, percent: 50, mean: 3.5 });
    expect(overall.volume.surveys).toBe(0);
  });

  it('a CSAT answer replaces the embedded rating of every contact with its id: a ticket, a call, a repeated call', () => {
    const b = builder();
    b.addTicket(ticket({ id: 'X1', satisfaction: 1 }));
    b.addCall(call({ id: 'X1', satisfaction: 1 }));
    b.addCall(call({ id: 'X1', satisfaction: 2 })); // a repeated id, counted when ingest does not drop it
    b.addTicket(ticket({ id: 'T2', satisfaction: 5 }));
    b.addCall(call({ id: 'T2x', satisfaction: 4 }));
    b.addAnswer(answer({ contactId: 'X1', score: 3 }));
    b.addAnswer(answer({ contactId: 'T2', score: 5 }));
    const { overall } = build(b);
    // the answers' 3 and 5, and T2x's 4 (the second call, as T2 is the second ticket); X1's three ratings and T2's are replaced
    expect(overall.csat).toMatchObject({ n: 3, satisfied: 2, mean: 4 });
  });

  it('an embedded rating outside its scale is an issue at its row, a line or an XLSX cell', () => {
    const b = builder();
    b.addCall(call({ id: 'C1', satisfaction: 4 }));
    b.addCall(call({ id: 'C2', satisfaction: 4.5, location: loc('calls.csv', 7) }));
    b.addTicket(ticket({ id: 'T1', satisfaction: 9, location: { file: 't.xlsx', sheet: 'Tickets', cell: 'A12' } }));
    const { overall, issues } = build(b);
    expect(overall.csat).toMatchObject({ n: 1, satisfied: 1 });
    expect(issues.map((issue) => [issue.location, issue.value, issue.problem])).toEqual([
      [loc('calls.csv', 7), '4.5', 'CSAT score is not a whole number on its 1–5 scale; answer left out'],
      [{ file: 't.xlsx', sheet: 'Tickets', cell: 'A12' }, '9', 'CSAT score outside its 1–5 scale; answer left out'],
    ]);
  });

  it('resolving a second month leaves the answers handed out for the first as they were (a compare month)', () => {
    const b = builder();
    b.addTicket(ticket({ id: 'T1', agent: 'Boris', channel: 'chat', topic: 'Оплата' }));
    // a file without a survey column: October's 9 makes all of it NPS, September's 3 included
    b.addAnswer(answer({ id: 'R1', survey: null, score: 9, contactId: 'T1', location: loc('plain.csv', 2) }));
    b.addAnswer(
      answer({
        id: 'R2',
        survey: null,
        score: 3,
        answeredAt: at('2026-09-10T12:00:00'),
        location: loc('plain.csv', 3),
      }),
    );
    b.addAnswer(answer({ id: 'R3', survey: 'csat', score: 4, agent: 'Anna' }));
    const october = build(b).answers;
    const expected = [
      { id: 'R1', survey: 'nps', agent: 'Boris', channel: 'chat', topic: 'Оплата', scale: [0, 10], valid: true },
      { id: 'R3', survey: 'csat', agent: 'Anna', channel: null, topic: null, scale: [1, 5], valid: true },
    ];
    expect(october).toMatchObject(expected);
    const september = build(b, '2026-09').answers;
    expect(september).toMatchObject([{ id: 'R2', survey: 'nps', agent: null, topic: null, valid: true }]);
    expect(october).toMatchObject(expected);
  });

  it('lists only the answers keepAnswer chooses, and scores every answer all the same', () => {
    const fill = (b: ScorecardBuilder) => {
      b.addAnswer(answer({ id: 'R1', survey: 'nps', score: 3 }));
      b.addAnswer(answer({ id: 'R2', survey: 'nps', score: 10 }));
      b.addAnswer(answer({ id: 'R3', survey: 'csat', score: 2 }));
      b.addAnswer(answer({ id: 'R4', survey: 'csat', score: 9 })); // out of the 1–5 scale: not valid
      return b;
    };
    const all = build(fill(builder()));
    const issues: DataQualityIssue[] = [];
    const some = fill(builder()).build('2026-10', new Set(), (issue) => issues.push(issue), {
      keepAnswer: (verdict) => verdict.valid && verdict.score < 4,
    });
    expect(all.answers.map((rated) => rated.id)).toEqual(['R1', 'R2', 'R3', 'R4']);
    expect(some.answers).toEqual(all.answers.filter((rated) => rated.valid && rated.score < 4));
    expect(some.answers.map((rated) => rated.id)).toEqual(['R1', 'R3']);
    expect(some.overall).toEqual(all.overall);
    expect(issues).toEqual(all.issues);
  });

  it('a builder that keeps no answers scores them all the same, and refuses to hand one out', () => {
    const fill = (b: ScorecardBuilder) => {
      b.addCall(call({ id: 'C1', agent: 'Anna', satisfaction: 2 }));
      b.addAnswer(answer({ id: 'R1', survey: 'nps', score: 3, customer: 'K1', comment: 'долго' }));
      b.addAnswer(answer({ id: 'R2', survey: 'csat', score: 4, contactId: 'C1' }));
      b.addAnswer(answer({ id: 'R3', survey: 'csat', score: 9 }));
      return b;
    };
    const none = () => false;
    const issues: DataQualityIssue[] = [];
    const lean = fill(builder(false)).build('2026-10', new Set(), (issue) => issues.push(issue), { keepAnswer: none });
    const full = build(fill(builder(true)));
    expect(lean.answers).toEqual([]);
    expect(lean.overall).toEqual(full.overall);
    expect(lean.byAgent).toEqual(full.byAgent);
    expect(issues).toEqual(full.issues);
    // An answer handed out would lack its id, customer and comment: a bug, never a silent null.
    expect(() => fill(builder(false)).build('2026-10', new Set(), () => undefined)).toThrow(/texts were not kept/);
  });

  it('gives every group the percentiles of its own tickets, agents and channels null or not (durations kept once)', () => {
    const agents = ['Anna', 'Boris', null];
    const channels = ['email', 'chat', null];
    const tickets: Ticket[] = [];
    let seed = 11;
    for (let i = 0; i < 600; i++) {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      const firstResponseMs = seed % 7 === 0 ? null : (seed % 5_000) * 60_000 + (i % 3) * 1_000;
      const resolutionMs = seed % 5 === 0 ? null : (seed % 9_973) * 60_000;
      tickets.push(
        ticket({
          // every agent with every channel, nulls included
          agent: agents[i % 3]!,
          channel: channels[Math.floor(i / 3) % 3]!,
          firstResponseMs,
          resolutionMs,
          isResolved: resolutionMs !== null,
        }),
      );
    }
    const b = builder();
    for (const t of tickets) b.addTicket(t);
    const { overall, byAgent, byChannel, byAgentChannel } = build(b);
    const expected = (chosen: Ticket[]) => {
      const minutes = Float64Array.from(chosen.flatMap((t) => (t.firstResponseMs === null ? [] : [t.firstResponseMs])))
        .sort()
        .map((ms) => ms / 60_000);
      const hours = Float64Array.from(chosen.flatMap((t) => (t.resolutionMs === null ? [] : [t.resolutionMs])))
        .sort()
        .map((ms) => ms / 3_600_000);
      return [
        minutes.length,
        percentileInc(minutes, 0.5),
        percentileInc(minutes, 0.9),
        percentileInc(hours, 0.5),
        percentileInc(hours, 0.9),
      ];
    };
    const actual = (card: (typeof byAgent)[number] | typeof overall) => [
      card.firstResponse?.n,
      card.firstResponse?.medianMinutes,
      card.firstResponse?.p90Minutes,
      card.resolution?.medianHours,
      card.resolution?.p90Hours,
    ];
    const close = (got: unknown[], want: (number | null)[]) =>
      got.forEach((value, k) => (want[k] === null ? expect(value).toBeNull() : expect(value).toBeCloseTo(want[k]!, 9)));
    close(actual(overall), expected(tickets));
    expect(byAgent.map((row) => row.agent)).toEqual(['Anna', 'Boris']);
    for (const row of byAgent) close(actual(row), expected(tickets.filter((t) => t.agent === row.agent)));
    for (const row of byChannel) close(actual(row), expected(tickets.filter((t) => t.channel === row.channel)));
    expect(byAgentChannel).toHaveLength(4);
    expect(byChannel.map((row) => row.channel)).toEqual(['chat', 'email']);
    for (const row of byAgentChannel) {
      close(actual(row), expected(tickets.filter((t) => t.agent === row.agent && t.channel === row.channel)));
    }
  });

  it('keeps the durations of two pairs apart when their agent × channel key is the same (a name holding U+0000)', () => {
    const b = builder();
    b.addTicket(ticket({ agent: 'a\u0000b', channel: 'c', firstResponseMs: 5 * 60_000 }));
    b.addTicket(ticket({ agent: 'a', channel: 'b\u0000c', firstResponseMs: 15 * 60_000 }));
    const { overall, byAgent, byAgentChannel } = build(b);
    expect(overall.firstResponse?.medianMinutes).toBe(10);
    expect(byAgent.map((row) => [row.agent, row.firstResponse?.medianMinutes])).toEqual([
      ['a', 15],
      ['a\u0000b', 5],
    ]);
    // one row for the shared key, as before: both tickets
    expect(byAgentChannel.map((row) => row.firstResponse?.n)).toEqual([2]);
  });

  it('an NPS answer does not replace an embedded CSAT rating', () => {
    const b = builder();
    b.addCall(call({ id: 'C1', satisfaction: 4 }));
    b.addAnswer(answer({ contactId: 'C1', survey: 'nps', score: 10 }));
    const { overall } = build(b);
    expect(overall.csat?.n).toBe(1);
    expect(overall.nps).toMatchObject({ n: 1, promoters: 1, score: 100 });
  });

  it('missed calls without an agent count overall and in the phone channel only', () => {
    const b = builder();
    b.addCall(call({ agent: 'Anna' }));
    b.addCall(call({ agent: null, answered: false, waitMs: 40_000, talkMs: null }));
    const { overall, byAgent, byChannel } = build(b);
    expect(overall.calls).toMatchObject({
      offered: 2,
      answered: 1,
      missed: 1,
      abandonPercent: 50,
      serviceLevelPercent: 50,
    });
    expect(byChannel[0]).toMatchObject({ channel: 'phone', calls: { offered: 2 } });
    expect(byAgent[0]).toMatchObject({ agent: 'Anna', calls: { offered: 1, missed: 0 }, volume: { calls: 1 } });
  });

  it('the default month holds most calls and tickets; a tie goes to the later month (SPEC §3)', () => {
    const b = builder();
    b.addCall(call({ startedAt: at('2026-09-30T23:59:59') }));
    b.addTicket(ticket({ createdAt: at('2026-10-01T00:00:00') }));
    expect(b.defaultMonth()).toBe('2026-10');
    b.addCall(call({ startedAt: at('2026-09-15T10:00:00'), count: 2 }));
    expect(b.defaultMonth()).toBe('2026-09');
  });

  it('without calls or tickets the default month is the survey month, else the churn month', () => {
    const b = builder();
    expect(b.defaultMonth()).toBeNull();
    b.addCustomer({
      id: 'K1',
      activeSince: null,
      churnedAt: '2026-08-03',
      churned: null,
      manager: null,
      segment: null,
      mrr: null,
      location: loc(),
    });
    expect(b.defaultMonth()).toBe('2026-08');
    b.addAnswer(answer({ answeredAt: at('2026-07-01T00:00:00') }));
    expect(b.defaultMonth()).toBe('2026-07');
  });

  it('a file without a survey column is NPS when its scores reach above 5, else CSAT (SPEC §10)', () => {
    const b = builder();
    b.addAnswer(answer({ survey: null, score: 9, location: loc('a.csv') }));
    b.addAnswer(answer({ survey: null, score: 4, location: loc('a.csv', 3) }));
    b.addAnswer(answer({ survey: null, score: 4, location: loc('b.csv') }));
    const { overall } = build(b);
    expect(overall.nps).toMatchObject({ n: 2, promoters: 1, detractors: 1, score: 0 });
    expect(overall.csat).toMatchObject({ n: 1, satisfied: 1 });
  });

  it('answers of a snapshot file belong to the reported month; an undated answer elsewhere takes its contact’s month', () => {
    const b = builder();
    b.addTicket(ticket({ id: 'T1', createdAt: at('2026-09-20T10:00:00') }));
    b.addAnswer(answer({ answeredAt: null, survey: 'nps', score: 10, location: loc('snapshot.csv') }));
    b.addAnswer(answer({ answeredAt: null, survey: 'nps', score: 0, contactId: 'T1', location: loc('dated.csv') }));
    b.addAnswer(
      answer({ answeredAt: null, survey: 'nps', score: 0, contactId: 'nope', location: loc('dated.csv', 9) }),
    );
    const october = build(b, '2026-10', ['snapshot.csv']);
    expect(october.overall.nps).toMatchObject({ n: 1, promoters: 1 });
    expect(october.issues).toEqual([
      {
        location: loc('dated.csv', 9),
        field: 'answered_at',
        value: '',
        problem: 'an answer without a date, rating no known contact; left out',
      },
    ]);
  });

  it('scores outside their scale are issues, never clamped; a 10-point CSAT file is recognised', () => {
    const b = builder();
    for (const score of [1, 2, 3, 4, 5, 7]) b.addAnswer(answer({ score, location: loc('five.csv', score) }));
    for (const score of [1, 6, 8, 9, 10, 10]) b.addAnswer(answer({ score, location: loc('ten.csv', score) }));
    b.addAnswer(answer({ survey: 'nps', score: 11, location: loc('nps.csv') }));
    b.addAnswer(answer({ score: 4.5, location: loc('five.csv', 20) }));
    const { overall, issues } = build(b);
    // five.csv: 1,2,3,4,5 on 1–5 (7 and 4.5 left out); ten.csv: 1–10 scale, satisfied 9,10,10
    expect(overall.csat).toMatchObject({ n: 11, satisfied: 5 });
    expect(overall.nps).toBeNull();
    expect(issues.map((issue) => [issue.location, issue.problem])).toEqual([
      [loc('nps.csv'), 'NPS score outside its 0–10 scale; answer left out'],
      [loc('five.csv', 7), 'CSAT score outside its 1–5 scale; answer left out'],
      [loc('five.csv', 20), 'CSAT score is not a whole number on its 1–5 scale; answer left out'],
    ]);
  });

  it('churn per manager under byAgent and per segment, with targets judged', () => {
    const b = builder();
    const customer = (id: string, manager: string, segment: string, churnedAt: string | null): Customer => ({
      id,
      activeSince: '2025-01-01',
      churnedAt,
      churned: null,
      manager,
      segment,
      mrr: 100,
      location: loc('customers.csv'),
    });
    b.addCustomer(customer('K1', 'Anna', 'SMB', '2026-10-01'));
    b.addCustomer(customer('K2', 'Anna', 'SMB', null));
    b.addCustomer(customer('K3', 'Boris', 'Enterprise', null));
    b.addCustomer(customer('K4', 'Boris', 'Enterprise', '2026-09-30'));
    const { overall, byAgent, bySegment } = build(b);
    expect(overall.churn).toMatchObject({ activeAtStart: 3, churned: 1 });
    expect(overall.targets).toEqual({ csat: null, churn: 'missed', nps: null });
    expect(byAgent.map((row) => [row.agent, row.churn?.percent, row.targets.churn])).toEqual([
      ['Anna', 50, 'missed'],
      ['Boris', 0, 'met'],
    ]);
    expect(bySegment.map((row) => [row.segment, row.churn?.churned, row.churn?.activeAtStart])).toEqual([
      ['Enterprise', 0, 1],
      ['SMB', 1, 2],
    ]);
  });
});

describe('ScorecardBuilder, scorecard depth (SPEC §3, §10)', () => {
  const officeHours = {
    hours: {
      mon: ['09:00', '18:00'],
      tue: ['09:00', '18:00'],
      wed: ['09:00', '18:00'],
      thu: ['09:00', '18:00'],
      fri: ['09:00', '18:00'],
    },
    holidays: [],
    workdays: [],
  } as const;

  it('with business hours, durations and the SLA are in business time and `calendar` repeats them in calendar time', () => {
    const b = new ScorecardBuilder({
      ...options(),
      businessClock: createBusinessClock(officeHours, zone),
    });
    // Fri 2026-10-02 17:30 → Mon 10:00: 30 min + 60 min = 90 business minutes; 64.5 calendar hours
    b.addTicket(
      ticket({
        createdAt: at('2026-10-02T17:30:00'),
        firstResponseAt: at('2026-10-05T10:00:00'),
        firstResponseMs: at('2026-10-05T10:00:00') - at('2026-10-02T17:30:00'),
      }),
    );
    // Tue 20:00 → Wed 09:30: the "first hour of the next business day" — 30 business minutes, within 60
    b.addTicket(
      ticket({
        createdAt: at('2026-10-06T20:00:00'),
        firstResponseAt: at('2026-10-07T09:30:00'),
        firstResponseMs: 13.5 * 3_600_000,
      }),
    );
    // unanswered, created Fri 2026-10-30 17:30: by the month's end (Sun 24:00) only 30 business minutes passed → not due
    b.addTicket(ticket({ createdAt: at('2026-10-30T17:30:00') }));
    const { overall } = build(b);
    expect(overall.firstResponse).toMatchObject({ n: 2, meanMinutes: 60, slaDue: 2, slaMet: 1, businessTime: true });
    expect(overall.firstResponse!.calendar).toMatchObject({
      n: 2,
      meanMinutes: (64.5 * 60 + 13.5 * 60) / 2,
      slaDue: 3,
      slaMet: 0,
      businessTime: false,
    });
    // the oldest open ticket, created Fri 2026-10-02 17:30: 0.5 h that day + 20 weekdays × 9 h = 180.5
    // business hours to the month's end; 29 days 6.5 h = 702.5 calendar hours
    expect(overall.resolution).toMatchObject({ open: 3, oldestOpenHours: 180.5 });
    expect(overall.resolution!.calendar).toMatchObject({ open: 3, oldestOpenHours: 702.5 });
  });

  it('a custom index fills the loyalty slot and the nps target applies to it', () => {
    const b = new ScorecardBuilder({
      ...options(),
      indices: { 'anti-NPS': { method: 'nps', scale: [1, 5], top: [5, 5], bottom: [1, 3] } },
      loyalty: 'anti-NPS',
      targets: { nps: { min: 0 } },
    });
    // anti-NPS answers 5, 5, 4, 3, 1, 2 → top 2, bottom 3 → 100 × (2 − 3) / 6 = −16.67 → missed
    for (const score of [5, 5, 4, 3, 1, 2]) b.addAnswer(answer({ survey: 'anti-nps', score }));
    b.addAnswer(answer({ survey: 'anti-nps', score: 6, location: loc('surveys.csv', 9) }));
    const { overall, issues } = build(b);
    expect(overall.indices['anti-NPS']).toMatchObject({ method: 'nps', n: 6, top: 2, bottom: 3 });
    expect(overall.loyalty).toMatchObject({ index: 'anti-NPS', n: 6 });
    expect(overall.loyalty!.score).toBeCloseTo(-16.667, 3);
    expect(overall.targets.nps).toBe('missed');
    expect(overall.nps).toBeNull();
    expect(issues.map((issue) => issue.problem)).toEqual(['anti-NPS score outside its 1–5 scale; answer left out']);
  });

  it('callbacks: a missed call is called back by an outbound call to the same number within 30:00, even next month', () => {
    const b = builder();
    const missed = (id: string, startedAt: string, customer: string) =>
      call({ id, agent: null, answered: false, startedAt: at(startedAt), customer, talkMs: null });
    const outbound = (id: string, startedAt: string, customer: string) =>
      call({ id, direction: 'outbound', startedAt: at(startedAt), customer });
    b.addCall(missed('M1', '2026-10-10T10:00:00', '+7 916 111-11-11'));
    b.addCall(outbound('O1', '2026-10-10T10:29:59', '89161111111')); // 29:59 → called back
    b.addCall(missed('M2', '2026-10-10T11:00:00', '+7 916 222-22-22'));
    b.addCall(outbound('O2', '2026-10-10T11:30:00', '79162222222')); // 30:00 → called back
    b.addCall(missed('M3', '2026-10-10T12:00:00', '+7 916 333-33-33'));
    b.addCall(outbound('O3', '2026-10-10T12:30:01', '9163333333')); // 30:01 → not
    b.addCall(missed('M4', '2026-10-31T23:50:00', '+7 916 444-44-44'));
    b.addCall(outbound('O4', '2026-11-01T00:10:00', '9164444444')); // next month → called back
    b.addCall(missed('M5', '2026-10-10T13:00:00', '')); // no number: not counted
    const { overall, byChannel } = build(b);
    expect(overall.calls).toMatchObject({ offered: 5, missed: 5, callbackPercent: 75 });
    expect(byChannel[0]).toMatchObject({ channel: 'phone', calls: { callbackPercent: 75 } });
  });
});

function options() {
  return {
    zone,
    minSample: 30,
    serviceLevelSeconds: 20,
    firstResponseTargetsMinutes: { email: 60 },
    targets: {},
    callbackMinutes: 30,
    indices: {},
    loyalty: 'nps',
    criteria: DEFAULT_CRITERIA,
  };
}
