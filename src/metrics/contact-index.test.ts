import { describe, expect, it } from 'vitest';
import { ContactIndex } from './contact-index.js';

describe('ContactIndex', () => {
  it('returns what was added, keeps the first of a repeated id, and grows past its initial size', () => {
    const index = new ContactIndex();
    for (let i = 0; i < 3000; i += 1) {
      index.add(`C${i}`, { kind: 'call', agent: `agent ${i % 7}`, channel: 'phone', month: '2026-10', topic: null });
    }
    index.add('T1', { kind: 'ticket', agent: null, channel: 'email', month: null, topic: 'Оплата' });
    index.add('T1', { kind: 'ticket', agent: 'other', channel: 'chat', month: '2026-12', topic: 'x' });
    expect(index.size).toBe(3001);
    expect(index.get('C2999')).toEqual({
      kind: 'call',
      agent: 'agent 3',
      channel: 'phone',
      month: '2026-10',
      topic: null,
    });
    expect(index.get('T1')).toEqual({ kind: 'ticket', agent: null, channel: 'email', month: null, topic: 'Оплата' });
    expect(index.get('nope')).toBeUndefined();
  });

  it('uses the numbers ingest gave the ids, without hashing them again', () => {
    const index = new ContactIndex();
    const first = index.ids.calls.addNew('C1');
    const second = index.ids.calls.addNew('C2');
    index.add('C1', { kind: 'call', agent: 'Анна', channel: 'phone', month: '2026-11', topic: null }, first);
    index.add('C2', { kind: 'call', agent: null, channel: 'phone', month: null, topic: 'x' }, second);
    expect(index.size).toBe(2);
    expect(index.ids.calls.size).toBe(2);
    expect(index.get('C1')).toEqual({ kind: 'call', agent: 'Анна', channel: 'phone', month: '2026-11', topic: null });
    expect(index.get('C2')).toEqual({ kind: 'call', agent: null, channel: 'phone', month: null, topic: 'x' });
  });

  it('gives the contact added first when a call and a ticket share an id, in either order', () => {
    const ticketFirst = new ContactIndex();
    ticketFirst.add('42', { kind: 'ticket', agent: 'a', channel: 'email', month: '2026-11', topic: null });
    ticketFirst.add('42', { kind: 'call', agent: 'b', channel: 'phone', month: '2026-12', topic: null });
    expect(ticketFirst.get('42')?.kind).toBe('ticket');
    expect(ticketFirst.size).toBe(2);
    const callFirst = new ContactIndex();
    callFirst.add('42', { kind: 'call', agent: 'b', channel: 'phone', month: '2026-12', topic: null });
    callFirst.add('42', { kind: 'ticket', agent: 'a', channel: 'email', month: '2026-11', topic: null });
    expect(callFirst.get('42')?.kind).toBe('call');
  });

  it('does not find an id that is in the tables but was never added to the index', () => {
    const index = new ContactIndex();
    index.ids.tickets.addNew('T0');
    const number = index.ids.tickets.addNew('T1');
    index.add('T1', { kind: 'ticket', agent: null, channel: 'chat', month: '2026-09', topic: null }, number);
    expect(index.get('T0')).toBeUndefined();
    expect(index.get('T1')?.month).toBe('2026-09');
  });

  it('keeps every name past 65,535 distinct ones (its columns widen from 16 to 32 bits)', () => {
    const index = new ContactIndex();
    const topic = (i: number) => `topic ${i}`;
    for (let i = 0; i < 70_000; i += 1) {
      index.add(`C${i}`, {
        kind: i % 2 === 0 ? 'call' : 'ticket',
        agent: `a${i % 3}`,
        channel: 'chat',
        month: i % 2 === 0 ? '2026-10' : '2026-11',
        topic: topic(i),
      });
    }
    // every contact, the one whose name widened the columns among them
    for (let i = 0; i < 70_000; i += 1) {
      expect(index.get(`C${i}`)).toEqual({
        kind: i % 2 === 0 ? 'call' : 'ticket',
        agent: `a${i % 3}`,
        channel: 'chat',
        month: i % 2 === 0 ? '2026-10' : '2026-11',
        topic: topic(i),
      });
    }
  });

  it('gives the first of a call and a ticket sharing an id when ingest numbered both ids beforehand', () => {
    const index = new ContactIndex();
    const ticket = index.ids.tickets.addNew('X');
    const call = index.ids.calls.addNew('X');
    index.add('X', { kind: 'ticket', agent: 't', channel: 'email', month: '2026-11', topic: null }, ticket);
    index.add('X', { kind: 'call', agent: 'c', channel: 'phone', month: '2026-12', topic: null }, call);
    expect(index.get('X')?.agent).toBe('t');
  });
});
