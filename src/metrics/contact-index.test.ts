import { describe, expect, it } from 'vitest';
import { ContactIndex } from './contact-index.js';

describe('ContactIndex', () => {
  it('returns what was added, keeps the first of a repeated id, and grows past its initial size', () => {
    const index = new ContactIndex();
    for (let i = 0; i < 3000; i += 1) {
      index.add(`C${i}`, { kind: 'call', agent: `agent ${i % 7}`, channel: 'phone', at: i * 1000, topic: null });
    }
    index.add('T1', { kind: 'ticket', agent: null, channel: 'email', at: null, topic: 'Оплата' });
    index.add('T1', { kind: 'ticket', agent: 'other', channel: 'chat', at: 5, topic: 'x' });
    expect(index.size).toBe(3001);
    expect(index.get('C2999')).toEqual({
      kind: 'call',
      agent: 'agent 3',
      channel: 'phone',
      at: 2_999_000,
      topic: null,
    });
    expect(index.get('T1')).toEqual({ kind: 'ticket', agent: null, channel: 'email', at: null, topic: 'Оплата' });
    expect(index.get('nope')).toBeUndefined();
  });
});
