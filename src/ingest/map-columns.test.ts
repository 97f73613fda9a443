import { describe, expect, it } from 'vitest';
import { mapColumns } from './map-columns.js';

describe('mapColumns', () => {
  it('matches headers case-, space- and punctuation-insensitively, ё as е', () => {
    const mapping = mapColumns('calls', ['  START_TIME ', 'Оператор', 'РЕШЁН', 'Wait, sec.'], [], {});
    expect(mapping.index).toEqual({ started_at: 0, agent: 1, resolved: 2, wait_seconds: 3 });
    expect(mapping.units.wait_seconds).toBe('seconds');
  });

  it('takes duration units from headers, with defaults per field', () => {
    const mapping = mapColumns('tickets', ['created', 'FRT (hours)', 'Время решения, мин'], [], {});
    expect(mapping.units).toEqual({ first_response: 'hours', resolution: 'minutes' });
    expect(mapColumns('tickets', ['created', 'FRT', 'Time to resolve'], [], {}).units).toEqual({
      first_response: 'minutes',
      resolution: 'hours',
    });
  });

  it('a duration-named column holding timestamps maps to the *_at field (SPEC §10)', () => {
    const sample = [['2026-10-01 09:00', '2026-10-01 09:05:00', '02.10.2026 10:00']];
    const mapping = mapColumns('tickets', ['Created time', 'First response time', 'Resolution time'], sample, {});
    expect(mapping.index).toEqual({ created_at: 0, first_response_at: 1, resolved_at: 2 });
  });

  it('a duration-named column holding free text stays unmapped', () => {
    const sample = [
      ['T1', 'Customer was refunded.'],
      ['T2', 'Reset the router'],
    ];
    const mapping = mapColumns('tickets', ['Ticket ID', 'Resolution'], sample, {});
    expect(mapping.index).toEqual({ ticket_id: 0 });
    expect(mapping.unmapped).toEqual(['Resolution']);
  });

  it('config columns win over aliases, matched exactly or loosely', () => {
    const config = { columns: { calls: { started_at: 'Начало разговора', agent: 'внутренний номер' } } };
    const mapping = mapColumns('calls', ['Дата звонка', 'Начало разговора', 'Внутренний номер'], [], config);
    expect(mapping.index).toEqual({ started_at: 1, agent: 2 });
    expect(mapping.unmapped).toEqual(['Дата звонка']);
  });

  it('the first of two headers for one field wins; the other is unmapped', () => {
    const mapping = mapColumns('calls', ['Start time', 'Call date', 'Agent'], [], {});
    expect(mapping.index).toEqual({ started_at: 0, agent: 2 });
    expect(mapping.unmapped).toEqual(['Call date']);
  });

  it('QA forms: criterion columns by the default ids, or by config', () => {
    const header = ['contact_id', 'agent', 'greeting', 'Resolved', 'politeness', 'reviewer'];
    expect(mapColumns('qa', header, [], {}).criteria).toEqual([
      { id: 'greeting', index: 2 },
      { id: 'resolved', index: 3 },
    ]);
    const config = { qa: { criteria: [{ id: 'politeness' }] } };
    expect(mapColumns('qa', header, [], config).criteria).toEqual([{ id: 'politeness', index: 4 }]);
  });

  it.each([
    ['calls', ['Agent'], ['started_at (or date)']],
    ['tickets', ['Agent'], ['created_at']],
    ['surveys', ['Agent'], ['score (or nps, csat)']],
    ['customers', ['Segment'], ['customer_id', 'churned_at or churned']],
    ['customers', ['Customer ID'], ['churned_at or churned']],
    ['qa', ['agent'], ['contact_id']],
  ] as const)('%s with %j lacks %j', (kind, header, missing) => {
    expect(mapColumns(kind, header, [], {}).missing).toEqual(missing);
  });
});
