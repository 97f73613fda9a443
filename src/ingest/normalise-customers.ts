import type { Customer } from '../domain/records.js';
import { FieldReader, type NormaliseContext } from './read-fields.js';
import type { RawRow } from './row-source.js';

/** A customers row → `Customer` (SPEC §4.2, §10 "Churn, more"); a row without an id is reported and left out. */
export function createCustomerNormaliser(context: NormaliseContext): (row: RawRow) => Customer | null {
  const read = new FieldReader(context);
  return (row) => {
    read.row = row;
    const id = read.text('customer_id');
    if (id === null) {
      if (read.has('customer_id')) read.problem('customer_id', '', 'missing; row left out');
      return null;
    }
    return {
      id,
      activeSince: read.localDate('active_since'),
      churnedAt: read.localDate('churned_at'),
      churned: read.flag('churned'),
      manager: read.agent('manager'),
      segment: read.text('segment'),
      mrr: read.number('mrr'),
      location: row.location,
    };
  };
}
