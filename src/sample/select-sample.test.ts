import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Call, Ticket } from '../domain/records.js';
import { sampleKey } from './sample-key.js';
import {
  SampleSelector,
  selectSample,
  type ExcludedContact,
  type SampleResult,
  type SampleSettings,
} from './select-sample.js';

const FROM = Date.UTC(2026, 9, 1) - 3 * 3_600_000; // 2026-10-01T00:00+03:00
const TO = Date.UTC(2026, 10, 1) - 3 * 3_600_000;
const PERIOD = { from: FROM, to: TO };

function call(overrides: Partial<Call> = {}): Call {
  return {
    id: 'C1',
    startedAt: FROM + 3_600_000,
    agent: 'Ivanova',
    channel: 'phone',
    direction: 'inbound',
    answered: true,
    waitMs: 5_000,
    talkMs: 120_000,
    resolved: null,
    topic: null,
    customer: null,
    satisfaction: null,
    recordingUrl: null,
    count: 1,
    location: { file: 'calls.csv', line: 2 },
    ...overrides,
  };
}

function ticket(overrides: Partial<Ticket> = {}): Ticket {
  return {
    id: 'T1',
    createdAt: FROM + 3_600_000,
    agent: 'Ivanova',
    channel: 'email',
    firstResponseAt: FROM + 7_200_000,
    firstResponseMs: 3_600_000,
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
    ...overrides,
  };
}

type Contact = { kind: 'call'; record: Call } | { kind: 'ticket'; record: Ticket };

const AGENTS = ['Ivanova', 'Petrov', 'Sidorova', 'Smirnov'];
const CHANNELS = ['email', 'chat', 'messenger'];

/** Contacts with unique ids per kind; some outside the pool (missed, no agent, other month, no first response). */
const contactsArbitrary = fc
  .array(
    fc.record({
      isCall: fc.boolean(),
      agent: fc.option(fc.constantFrom(...AGENTS), { freq: 8 }),
      channel: fc.constantFrom(...CHANNELS),
      answered: fc.integer({ min: 0, max: 4 }).map((n) => n > 0),
      inMonth: fc.integer({ min: 0, max: 9 }).map((n) => n > 0),
      responded: fc.integer({ min: 0, max: 9 }).map((n) => n > 0),
      minute: fc.integer({ min: 0, max: 40_000 }),
    }),
    { maxLength: 80 },
  )
  .map((rows) =>
    rows.map((row, at): Contact => {
      const startedAt = row.inMonth ? FROM + row.minute * 60_000 : TO + row.minute * 60_000;
      if (row.isCall) {
        return {
          kind: 'call',
          record: call({ id: `C${at}`, agent: row.agent, startedAt, answered: row.answered, talkMs: row.minute * 10 }),
        };
      }
      return {
        kind: 'ticket',
        record: ticket({
          id: ` T${at} `,
          agent: row.agent,
          channel: row.channel,
          createdAt: startedAt,
          firstResponseAt: row.responded ? startedAt + 60_000 : null,
          firstResponseMs: row.responded ? 60_000 : null,
        }),
      };
    }),
  );

const settingsArbitrary: fc.Arbitrary<Omit<SampleSettings, 'seed'>> = fc.oneof(
  fc.record({
    period: fc.constant(PERIOD),
    by: fc.constantFrom('agent' as const, 'agent,channel' as const),
    perStratum: fc.integer({ min: 1, max: 6 }),
  }),
  fc.record({
    period: fc.constant(PERIOD),
    by: fc.constantFrom('agent' as const, 'agent,channel' as const),
    size: fc.integer({ min: 1, max: 12 }),
  }),
);

function feed(selector: SampleSelector, contacts: readonly Contact[]): SampleSelector {
  for (const contact of contacts) {
    if (contact.kind === 'call') selector.addCall(contact.record);
    else selector.addTicket(contact.record);
  }
  return selector;
}

function select(contacts: readonly Contact[], settings: SampleSettings): SampleResult {
  return feed(new SampleSelector(settings), contacts).result();
}

/** What the result must compare on: the items, the strata, the pool, not the issue log object. */
function essence(result: SampleResult) {
  return { items: result.items, strata: result.strata, pool: result.pool, short: result.short };
}

/** The pool by its definition (SPEC §5), independently of the selector. */
interface PoolMember {
  kind: 'call' | 'ticket';
  id: string;
  agent: string;
  channel: string | null;
}

function naivePool(contacts: readonly Contact[], exclude: readonly ExcludedContact[] = []): PoolMember[] {
  const inMonth = (at: number | null) => at !== null && at >= FROM && at < TO;
  const excluded = (kind: 'call' | 'ticket', id: string) =>
    exclude.some((e) => e.contactId.trim() === id && (e.kind === null || e.kind === kind));
  return contacts.flatMap((contact): PoolMember[] => {
    const id = contact.record.id?.trim() ?? '';
    if (id === '' || excluded(contact.kind, id)) return [];
    if (contact.kind === 'call') {
      const c = contact.record;
      return c.answered && c.agent !== null && inMonth(c.startedAt)
        ? [{ kind: contact.kind, id, agent: c.agent, channel: c.channel }]
        : [];
    }
    const t = contact.record;
    return t.agent !== null && inMonth(t.createdAt) && t.firstResponseAt !== null
      ? [{ kind: contact.kind, id, agent: t.agent, channel: t.channel }]
      : [];
  });
}

describe('sampleKey', () => {
  // Computed independently: printf '2026-10:call:C0001' | sha256sum
  it.each([
    ['2026-10', 'call', 'C0001', '5927f29ec90907f7f126bf0b1332a320106df0622d472af9589a1e408ad50063'],
    ['2026-10', 'call', '  C0001 ', '5927f29ec90907f7f126bf0b1332a320106df0622d472af9589a1e408ad50063'],
    ['demo', 'ticket', 'T000001', '1a52453493e0c93e1ee0cad6b56c7bb4ba2df44e4c7aae66e2eb2c82f87568b8'],
    ['2026-10', 'ticket', 'Заявка 7', '8cef99e0a55b1df5c3c19b70e550cdb8fe720c674023969188d6f71ea5d743c3'],
  ] as const)('sampleKey(%j, %j, %j) = %s', (seed, kind, id, expected) => {
    expect(sampleKey(seed, kind, id)).toBe(expected);
  });
});

describe('selectSample', () => {
  it('draws the same sample under any row order and any split into files', () => {
    fc.assert(
      fc.property(
        contactsArbitrary,
        settingsArbitrary,
        fc.string({ minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 4 }),
        fc.infiniteStream(fc.nat()),
        (contacts, base, seed, files, randomness) => {
          const settings = { ...base, seed };
          const expected = essence(select(contacts, settings));
          // a random permutation, cut into `files` parts, each read by its own selector, merged in any order
          const draws = [...randomness.take(contacts.length * 2 + files)];
          const order = contacts.map((contact, at) => ({ contact, rank: draws[at]! })).sort((a, b) => a.rank - b.rank);
          const parts: Contact[][] = Array.from({ length: files }, () => []);
          order.forEach(({ contact }, at) => parts[draws[contacts.length + at]! % files]!.push(contact));
          const selectors = parts.map((part) => feed(new SampleSelector(settings), part));
          const mergeOrder = selectors.map((selector, at) => ({ selector, rank: draws[contacts.length * 2 + at]! }));
          mergeOrder.sort((a, b) => a.rank - b.rank);
          const [first, ...rest] = mergeOrder.map(({ selector }) => selector);
          for (const selector of rest) first!.merge(selector);
          expect(essence(first!.result())).toEqual(expected);
          expect(essence(select([...order.map(({ contact }) => contact)].reverse(), settings))).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('takes the N smallest keys of each stratum of the pool, and all of a short stratum', () => {
    fc.assert(
      fc.property(contactsArbitrary, settingsArbitrary, fc.string({ maxLength: 8 }), (contacts, base, seed) => {
        const settings = { ...base, seed };
        const result = select(contacts, settings);
        const pool = naivePool(contacts).map((c) => ({ ...c, key: sampleKey(seed, c.kind, c.id) }));
        expect(result.pool).toBe(pool.length);
        const stratumOf = (c: { agent: string; channel: string | null }) =>
          settings.by === 'agent' ? c.agent : `${c.agent}|${c.channel}`;
        const keysOf = (list: { key: string }[]) => list.map((c) => c.key).sort();
        if (settings.size !== undefined) {
          expect(keysOf(result.items)).toEqual(keysOf(pool).slice(0, settings.size));
          expect(result.short).toBe(pool.length < settings.size);
          return;
        }
        const n = settings.perStratum!;
        const strata = new Map<string, typeof pool>();
        for (const c of pool) strata.set(stratumOf(c), [...(strata.get(stratumOf(c)) ?? []), c]);
        expect(result.strata).toHaveLength(strata.size);
        for (const stratum of result.strata) {
          const members = strata.get(stratumOf(stratum))!;
          const drawn = result.items.filter((item) => stratumOf(item) === stratumOf(stratum));
          expect(stratum.pool).toBe(members.length);
          expect(stratum.sampled).toBe(Math.min(n, members.length));
          expect(stratum.short).toBe(members.length < n);
          expect(keysOf(drawn)).toEqual(keysOf(members).slice(0, n));
          if (stratum.short) expect(keysOf(drawn)).toEqual(keysOf(members)); // a short stratum gives all it has
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never returns an excluded contact', () => {
    fc.assert(
      fc.property(
        contactsArbitrary,
        settingsArbitrary,
        fc.infiniteStream(fc.constantFrom<'call' | 'ticket' | null | 'skip'>('call', 'ticket', null, 'skip', 'skip')),
        (contacts, base, choices) => {
          const marks = [...choices.take(contacts.length)];
          const exclude: ExcludedContact[] = contacts.flatMap((contact, at) => {
            const mark = marks[at];
            if (mark === 'skip' || mark === undefined || contact.record.id === null) return [];
            return [{ kind: mark, contactId: contact.record.id }];
          });
          const settings = { ...base, seed: 'x', filters: { exclude } };
          const result = select(contacts, settings);
          for (const item of result.items) {
            expect(
              exclude.some((e) => e.contactId.trim() === item.contactId && (e.kind === null || e.kind === item.kind)),
            ).toBe(false);
          }
          expect(result.pool).toBe(naivePool(contacts, exclude).length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('draws a different sample with a different seed', () => {
    const calls = Array.from({ length: 200 }, (_, at) =>
      call({ id: `C${String(at).padStart(4, '0')}`, agent: AGENTS[at % 2]! }),
    );
    const a = selectSample({ calls }, { seed: '2026-10', period: PERIOD, by: 'agent' });
    const b = selectSample({ calls }, { seed: 'another seed', period: PERIOD, by: 'agent' });
    expect(a.items).toHaveLength(10);
    expect(b.items).toHaveLength(10);
    expect(a.items.map((item) => item.contactId)).not.toEqual(b.items.map((item) => item.contactId));
    // and the same seed again gives the same sample
    const again = selectSample({ calls: [...calls].reverse() }, { seed: '2026-10', period: PERIOD, by: 'agent' });
    expect(again.items).toEqual(a.items);
  });

  it('sorts the sample by agent, channel, then key', () => {
    const tickets = ['email', 'chat'].flatMap((channel, c) =>
      ['Petrov', 'Ivanova'].flatMap((agent, a) =>
        Array.from({ length: 3 }, (_, at) => ticket({ id: `T${c}${a}${at}`, agent, channel })),
      ),
    );
    const result = selectSample({ tickets }, { seed: 's', period: PERIOD, by: 'agent,channel', perStratum: 2 });
    const order = result.items.map((item) => `${item.agent}|${item.channel}|${item.key}`);
    expect(order).toEqual([...order].sort());
    expect(result.strata.map((s) => `${s.agent}·${s.channel}`)).toEqual([
      'Ivanova·chat',
      'Ivanova·email',
      'Petrov·chat',
      'Petrov·email',
    ]);
    expect(result.strata.every((s) => s.pool === 3 && s.sampled === 2 && !s.short)).toBe(true);
  });

  it('leaves out a contact without an id, with a data-quality issue', () => {
    const result = selectSample(
      { calls: [call({ id: null, location: { file: 'calls.csv', line: 9 } }), call({ id: 'C2' })] },
      { seed: 's', period: PERIOD, by: 'agent' },
    );
    expect(result.items.map((item) => item.contactId)).toEqual(['C2']);
    expect(result.issues.count).toBe(1);
    expect(result.issues.examples[0]).toEqual({
      location: { file: 'calls.csv', line: 9 },
      field: 'call_id',
      value: '',
      problem: 'no id: the contact is left out of the QA sample',
    });
  });

  it('keeps the pool to answered calls and tickets with an agent and a first response, in the month', () => {
    const calls = [
      call({ id: 'in' }),
      call({ id: 'out', direction: 'outbound' }),
      call({ id: 'missed', answered: false }),
      call({ id: 'nobody', agent: null }),
      call({ id: 'aggregated', count: 12 }),
      call({ id: 'before', startedAt: FROM - 1 }),
      call({ id: 'at-end', startedAt: TO }),
      call({ id: 'at-start', startedAt: FROM }),
    ];
    const tickets = [
      ticket({ id: 'answered' }),
      ticket({ id: 'unanswered', firstResponseAt: null, firstResponseMs: null }),
      ticket({ id: 'duration-only', firstResponseAt: null, firstResponseMs: 60_000 }),
      ticket({ id: 'unassigned', agent: null }),
    ];
    const result = selectSample({ calls, tickets }, { seed: 's', period: PERIOD, by: 'agent', perStratum: 50 });
    expect(result.items.map((item) => item.contactId).sort()).toEqual(
      ['answered', 'at-start', 'duration-only', 'in', 'out'].sort(),
    );
  });

  it.each([
    [{ kind: 'ticket' as const }, ['T-email', 'T-chat', 'T-other-agent']],
    [{ kind: 'call' as const }, ['C-long', 'C-short']],
    [{ channel: 'E-mail' }, ['T-email']],
    [{ channel: 'phone' }, ['C-long', 'C-short']],
    [{ agent: '  ivanova ' }, ['C-long', 'C-short', 'T-email', 'T-chat']],
    [{ topic: 'доставка' }, ['C-long', 'T-chat']],
    [{ minTalkSeconds: 60 }, ['C-long', 'T-email', 'T-chat', 'T-other-agent']],
  ])('filters %j', (filters, expected) => {
    const calls = [
      call({ id: 'C-long', talkMs: 60_000, topic: 'Доставка' }),
      call({ id: 'C-short', talkMs: 59_999, topic: 'Оплата' }),
    ];
    const tickets = [
      ticket({ id: 'T-email', channel: 'email', topic: null }),
      ticket({ id: 'T-chat', channel: 'chat', topic: ' ДОСТАВКА ' }),
      ticket({ id: 'T-other-agent', agent: 'Petrov', channel: 'social' }),
    ];
    const result = selectSample(
      { calls, tickets },
      { seed: 's', period: PERIOD, by: 'agent', perStratum: 10, filters },
    );
    expect(result.items.map((item) => item.contactId).sort()).toEqual([...expected].sort());
  });

  it('with size, draws N overall and reports a pool smaller than N as short', () => {
    const calls = Array.from({ length: 7 }, (_, at) => call({ id: `C${at}`, agent: AGENTS[at % 3]! }));
    const three = selectSample({ calls }, { seed: 's', period: PERIOD, by: 'agent', size: 3 });
    expect(three.items).toHaveLength(3);
    expect(three.short).toBe(false);
    expect(three.wanted).toEqual({ size: 3 });
    expect(three.strata.map((s) => s.pool)).toEqual([3, 2, 2]);
    expect(three.strata.reduce((n, s) => n + s.sampled, 0)).toBe(3);
    const ten = selectSample({ calls }, { seed: 's', period: PERIOD, by: 'agent', size: 10 });
    expect(ten.items).toHaveLength(7);
    expect(ten.short).toBe(true);
    expect(ten.strata.every((s) => !s.short)).toBe(true);
  });
});
