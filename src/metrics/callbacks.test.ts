import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CallbackTally, isCallback, MissedCalls, OutboundCalls, phoneKey } from './callbacks.js';

const MIN = 60_000;
const missedAt = Date.UTC(2026, 9, 31, 23, 50);

/** The key of the digits kept, by another route: their count, then their value, as decimal text. */
const asKey = (digits: string | null): number | null =>
  digits === null ? null : Number(`${digits.length}${digits.padStart(10, '0')}`);

describe('phoneKey', () => {
  it.each([
    ['+7 916 123-45-67', '9161234567'],
    ['89161234567', '9161234567'],
    ['+79161234567', '9161234567'],
    ['(916) 123 45 67', '9161234567'],
    ['1234', '1234'],
    ['client1', '1'],
    ['anonymous', null],
    [null, null],
  ])('%s → %s', (raw, key) => {
    expect(phoneKey(raw)).toBe(asKey(key));
  });
});

describe('callbacks', () => {
  it.each([
    ['29:59 later', 29 * MIN + 59_000, true],
    ['30:00 later (inclusive)', 30 * MIN, true],
    ['30:01 later', 30 * MIN + 1000, false],
    ['at the same instant', 0, false],
    ['before the missed call', -MIN, false],
  ])('an outbound call %s', (_name, offset, expected) => {
    expect(isCallback(missedAt, missedAt + offset, 30 * MIN)).toBe(expected);
    const outbound = new OutboundCalls();
    outbound.add(asKey('9161234567')!, missedAt + offset);
    expect(outbound.calledBack(asKey('9161234567')!, missedAt, 30 * MIN)).toBe(expected);
  });

  it('finds a callback in the next month and ignores other numbers and earlier calls', () => {
    const outbound = new OutboundCalls();
    outbound.add(asKey('9161234567')!, missedAt - 5 * MIN);
    outbound.add(asKey('9160000000')!, missedAt + 5 * MIN);
    outbound.add(asKey('9161234567')!, missedAt + 20 * MIN); // 2026-11-01 00:10
    outbound.add(asKey('9161234567')!, missedAt + 90 * MIN);
    expect(outbound.calledBack(asKey('9161234567')!, missedAt, 30 * MIN)).toBe(true);
    expect(outbound.calledBack(asKey('9161234567')!, missedAt + 21 * MIN, 30 * MIN)).toBe(false);
    expect(outbound.calledBack(asKey('9990000000')!, missedAt, 30 * MIN)).toBe(false);
  });

  it('tallies a percentage, null without missed calls that have a number', () => {
    const tally = new CallbackTally();
    expect(tally.percent()).toBeNull();
    tally.add(true);
    tally.add(false);
    tally.add(false);
    const other = new CallbackTally();
    other.add(true);
    tally.merge(other);
    expect([tally.missed, tally.calledBack, tally.percent()]).toEqual([4, 2, 50]);
  });
});

describe('phoneKey: its definition', () => {
  it('tells leading zeros apart', () => {
    expect(phoneKey('0123')).not.toBe(phoneKey('123'));
    expect(phoneKey('+7 (000) 000-00-00')).toBe(phoneKey('0000000000'));
  });

  it('is the last 10 of the digits, for any text', () => {
    const text = fc.string({ unit: fc.constantFrom(...'0123456789 +-()x٣\u00a0'.split('')), maxLength: 25 });
    fc.assert(
      fc.property(text, (raw) => {
        const digits = raw.replace(/\D+/g, '');
        expect(phoneKey(raw)).toBe(asKey(digits.length === 0 ? null : digits.slice(-10)));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('OutboundCalls against a scan of every call', () => {
  it('answers as a linear search over (number, time) pairs does, for any calls and questions', () => {
    const key = fc.integer({ min: 0, max: 4 }).map((n) => 1e10 + n);
    const time = fc.integer({ min: 0, max: 200 }).map((minutes) => minutes * MIN);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(key, time), { maxLength: 2100 }),
        fc.array(fc.tuple(key, time, fc.integer({ min: 0, max: 60 })), { minLength: 1, maxLength: 20 }),
        (calls, questions) => {
          const outbound = new OutboundCalls();
          for (const [numberKey, at] of calls) outbound.add(numberKey, at);
          for (const [numberKey, at, windowMinutes] of questions) {
            const expected = calls.some(
              ([otherKey, otherAt]) => otherKey === numberKey && isCallback(at, otherAt, windowMinutes * MIN),
            );
            expect(outbound.calledBack(numberKey, at, windowMinutes * MIN)).toBe(expected);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('MissedCalls', () => {
  it('gives back every missed call as added, past the first growth', () => {
    const missed = new MissedCalls();
    const calls = Array.from({ length: 2100 }, (_, i) => ({
      numberKey: 1e10 + i * 7919,
      startedAt: missedAt + i * MIN,
      month: i < 1000 ? ('2026-10' as const) : ('2026-11' as const),
      agent: i % 3 === 0 ? null : `agent ${i % 5}`,
      channel: 'phone',
    }));
    for (const call of calls) missed.add(call.numberKey, call.startedAt, call.month, call.agent, call.channel);
    expect(missed.size).toBe(calls.length);
    calls.forEach((call, i) => {
      expect({
        numberKey: missed.numberKey(i),
        startedAt: missed.startedAt(i),
        month: missed.month(i),
        agent: missed.agent(i),
        channel: missed.channel(i),
      }).toEqual(call);
    });
  });
});
