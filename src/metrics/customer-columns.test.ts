import { describe, expect, it } from 'vitest';
import type { Customer } from '../domain/records.js';
import { CustomerColumns } from './customer-columns.js';

describe('CustomerColumns', () => {
  it('gives back what scoring reads of every customer, past the first growth, nulls and -0 included', () => {
    const columns = new CustomerColumns();
    const added: Customer[] = Array.from({ length: 2500 }, (_, i) => ({
      id: `K${i}`,
      activeSince: i % 4 === 0 ? null : `2026-0${1 + (i % 9)}-1${i % 10}`,
      churnedAt: i % 3 === 0 ? `2026-10-${10 + (i % 20)}` : null,
      churned: i % 5 === 0 ? null : i % 5 === 1,
      manager: i % 6 === 0 ? null : `Менеджер ${i % 7}`,
      segment: i % 2 === 0 ? 'SMB' : i % 7 === 0 ? null : 'Enterprise',
      mrr: i % 8 === 0 ? null : i % 8 === 1 ? -0 : i % 8 === 2 ? 0 : (i * 1234.56) % 99_999,
      location:
        i % 2 === 0 ? { file: 'customers.csv', line: i + 2 } : { file: 'crm.xlsx', sheet: 'CRM', cell: `A${i + 2}` },
    }));
    for (const customer of added) columns.add(customer);
    expect(columns.size).toBe(added.length);
    added.forEach((customer, i) => {
      const { activeSince, churnedAt, churned, manager, segment, mrr } = customer;
      expect(columns.get(i)).toEqual({ activeSince, churnedAt, churned, manager, segment, mrr });
      expect(Object.is(columns.get(i).mrr, mrr)).toBe(true);
      expect(columns.churnedAtOf(i)).toBe(churnedAt);
      expect(columns.fileOf(i)).toBe(customer.location.file);
    });
  });
});
