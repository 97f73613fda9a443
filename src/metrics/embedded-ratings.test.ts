import { describe, expect, it } from 'vitest';
import type { SourceLocation } from '../domain/source-location.js';
import { contactNumber } from './contact-index.js';
import { EmbeddedRatings } from './embedded-ratings.js';

describe('EmbeddedRatings', () => {
  it('gives back every column of every rating, past the first growth, and each location in its own shape', () => {
    const ratings = new EmbeddedRatings();
    const rows = Array.from({ length: 3000 }, (_, i) => {
      const location: SourceLocation =
        i % 3 === 2
          ? { file: 'b.xlsx', sheet: 'Calls', cell: `A${i}` }
          : { file: i % 3 === 0 ? 'a.csv' : 'c.csv', line: i };
      return {
        score: (i % 11) / (i % 4 === 0 ? 2 : 1),
        contact: i % 5 === 0 ? -1 : contactNumber(i % 2 === 0 ? 'call' : 'ticket', i),
        agent: i % 7 === 0 ? null : `agent ${i % 13}`,
        channel: i % 2 === 0 ? ('phone' as const) : null,
        month: i < 1500 ? ('2026-10' as const) : ('2026-11' as const),
        location,
      };
    });
    for (const row of rows) ratings.add(row.score, row.contact, row.agent, row.channel, row.month, row.location);
    expect(ratings.size).toBe(rows.length);
    rows.forEach((row, i) => {
      expect([
        ratings.score(i),
        ratings.contact(i),
        ratings.agent(i),
        ratings.channel(i),
        ratings.month(i),
        ratings.file(i),
        ratings.location(i),
      ]).toEqual([row.score, row.contact, row.agent, row.channel, row.month, row.location.file, row.location]);
    });
  });

  it('numbers calls even and tickets odd, so a call and a ticket with the same id number differ', () => {
    expect([
      contactNumber('call', 0),
      contactNumber('ticket', 0),
      contactNumber('call', 7),
      contactNumber('ticket', 7),
    ]).toEqual([0, 1, 14, 15]);
  });
});
