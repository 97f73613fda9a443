import { describe, expect, it } from 'vitest';
import type { Month } from '../domain/month.js';
import type { SurveyAnswer } from '../domain/records.js';
import { PendingAnswers } from './pending-answers.js';

describe('PendingAnswers', () => {
  it('gives back every field of every answer as added, past the first growth, nulls included', () => {
    const pending = new PendingAnswers();
    const added = Array.from({ length: 2100 }, (_, i) => {
      const answer: SurveyAnswer = {
        id: i % 11 === 0 ? null : `R${i}`,
        answeredAt: i % 7 === 0 ? null : 1_790_000_000_000 + i * 60_000,
        survey: i % 3 === 0 ? null : i % 3 === 1 ? 'nps' : 'Индекс',
        score: (i % 11) / (i % 5 === 0 ? 2 : 1),
        contactId: i % 4 === 0 ? null : `C${i % 97}`,
        agent: i % 6 === 0 ? null : `agent ${i % 9}`,
        channel: i % 2 === 0 ? null : 'chat',
        customer: i % 5 === 0 ? null : `K${i}`,
        comment: i % 3 === 0 ? `«плохо», ${i}` : null,
        location: i % 2 === 0 ? { file: 'a.csv', line: i + 2 } : { file: 'b.xlsx', sheet: 'Ответы', cell: `A${i + 2}` },
      };
      const month: Month | null = answer.answeredAt === null ? null : '2026-10';
      pending.add(answer, month);
      return { answer, month };
    });
    expect(pending.size).toBe(added.length);
    added.forEach(({ answer, month }, i) => {
      expect({
        id: pending.id(i),
        answeredAt: pending.answeredAt(i),
        survey: pending.survey(i),
        score: pending.score(i),
        contactId: pending.contactId(i),
        agent: pending.agent(i),
        channel: pending.channel(i),
        customer: pending.customer(i),
        comment: pending.comment(i),
        location: pending.location(i),
      }).toEqual(answer);
      expect(pending.month(i)).toBe(month);
      expect(pending.file(i)).toBe(answer.location.file);
    });
  });

  it('keeps no id, customer or comment when told so, and says so if one is asked for', () => {
    const pending = new PendingAnswers(false);
    const answer: SurveyAnswer = {
      id: 'R1',
      answeredAt: 1_790_000_000_000,
      survey: 'csat',
      score: 2,
      contactId: 'C7',
      agent: 'Анна',
      channel: 'chat',
      customer: 'K1',
      comment: 'долго',
      location: { file: 'a.csv', line: 2 },
    };
    pending.add(answer, '2026-10');
    expect([pending.size, pending.score(0), pending.contactId(0), pending.agent(0), pending.channel(0)]).toEqual([
      1,
      2,
      'C7',
      'Анна',
      'chat',
    ]);
    expect(pending.location(0)).toEqual(answer.location);
    expect(() => pending.id(0)).toThrow(/texts were not kept/);
    expect(() => pending.customer(0)).toThrow(/texts were not kept/);
    expect(() => pending.comment(0)).toThrow(/texts were not kept/);
  });
});
