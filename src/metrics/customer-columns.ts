import type { Customer } from '../domain/records.js';
import { grown } from '../domain/grown.js';
import { NameTable } from '../domain/name-table.js';

/** What scoring asks of a kept customer: churn's fields and the groups it counts in (its file: `fileOf`). */
export type KeptCustomer = Pick<Customer, 'activeSince' | 'churnedAt' | 'churned' | 'manager' | 'segment' | 'mrr'>;

/** `flags` bits: the churn flag (null, false, true) and whether there is an MRR. */
const CHURNED_FALSE = 1;
const CHURNED_TRUE = 2;
const CHURNED_BITS = 3;
const HAS_MRR = 4;

/**
 * The customers as read, kept until the month is known (churn needs the base at the month's
 * start), as typed columns: dates, managers, segments and files as numbers in a `NameTable` (a
 * month of customers has few distinct ones), the flag and MRR beside them. No object per
 * customer while the other files are read: the 1M month's 50,000 customers as objects held
 * ~9 MB of its peak. Ids are not kept: ingest checked them for duplicates, and nothing after asks.
 */
export class CustomerColumns {
  private readonly names = new NameTable();
  private activeSince = new Uint32Array(1024);
  private churnedAt = new Uint32Array(1024);
  private managers = new Uint32Array(1024);
  private segments = new Uint32Array(1024);
  private files = new Uint32Array(1024);
  private flags = new Uint8Array(1024);
  private mrr = new Float64Array(1024);
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(customer: Customer): void {
    const i = this.count;
    if (i === this.flags.length) {
      this.activeSince = grown(this.activeSince, 2 * i);
      this.churnedAt = grown(this.churnedAt, 2 * i);
      this.managers = grown(this.managers, 2 * i);
      this.segments = grown(this.segments, 2 * i);
      this.files = grown(this.files, 2 * i);
      this.flags = grown(this.flags, 2 * i);
      this.mrr = grown(this.mrr, 2 * i);
    }
    const { names } = this;
    this.activeSince[i] = names.number(customer.activeSince);
    this.churnedAt[i] = names.number(customer.churnedAt);
    this.managers[i] = names.number(customer.manager);
    this.segments[i] = names.number(customer.segment);
    this.files[i] = names.number(customer.location.file);
    const churned = customer.churned === null ? 0 : customer.churned ? CHURNED_TRUE : CHURNED_FALSE;
    this.flags[i] = churned | (customer.mrr === null ? 0 : HAS_MRR);
    this.mrr[i] = customer.mrr ?? 0;
    this.count = i + 1;
  }

  churnedAtOf(i: number): string | null {
    return this.names.name(this.churnedAt[i]!);
  }

  fileOf(i: number): string {
    return this.names.name(this.files[i]!)!;
  }

  /** The customer `i` (a new object each call). */
  get(i: number): KeptCustomer {
    const { names } = this;
    const flags = this.flags[i]!;
    const churned = flags & CHURNED_BITS;
    return {
      activeSince: names.name(this.activeSince[i]!),
      churnedAt: names.name(this.churnedAt[i]!),
      churned: churned === 0 ? null : churned === CHURNED_TRUE,
      manager: names.name(this.managers[i]!),
      segment: names.name(this.segments[i]!),
      mrr: (flags & HAS_MRR) === 0 ? null : this.mrr[i]!,
    };
  }
}
