import type { Channel } from '../domain/channel.js';
import { grown } from '../domain/grown.js';
import { IdTable } from '../domain/id-table.js';
import type { Month } from '../domain/month.js';
import { NameTable } from '../domain/name-table.js';

/**
 * What the index keeps of a call or ticket: enough to attribute the answers that rate it (SPEC §3)
 * and to place an undated answer or a QA review in the contact's month (its time is not needed).
 */
export interface IndexedContact {
  kind: 'call' | 'ticket';
  agent: string | null;
  channel: Channel | null;
  /** the local month of the start / creation, or null without one */
  month: Month | null;
  topic: string | null;
}

/** The ids of calls and of tickets, each numbered 0, 1, 2, … in the order first seen (ingest's duplicate check). */
export interface ContactIds {
  calls: IdTable;
  tickets: IdTable;
}

/** A contact as one number: its id's number in the calls table times two, or in the tickets table times two plus one. */
export function contactNumber(kind: 'call' | 'ticket', idNumber: number): number {
  return kind === 'call' ? 2 * idNumber : 2 * idNumber + 1;
}

/** Names as numbers: 16 bits until the names table passes 65,535 (free-text topics can), then 32. */
type NameColumn = Uint16Array | Uint32Array;

/** One kind's contacts, by the number its id has in that kind's `IdTable`. */
class KindColumns {
  /** how many numbers, from 0, have their contact or were passed over */
  filled = 0;
  /** 1 where the number has its contact (a number ingest gave an id that never came here stays 0) */
  present = new Uint8Array(1024);
  agents: NameColumn = new Uint16Array(1024);
  channels: NameColumn = new Uint16Array(1024);
  topics: NameColumn = new Uint16Array(1024);
  months: NameColumn = new Uint16Array(1024);

  ensure(size: number): void {
    if (size <= this.present.length) return;
    let length = this.present.length;
    while (length < size) length *= 2;
    this.present = grown(this.present, length);
    this.agents = grown(this.agents, length);
    this.channels = grown(this.channels, length);
    this.topics = grown(this.topics, length);
    this.months = grown(this.months, length);
  }

  widen(): void {
    this.agents = Uint32Array.from(this.agents);
    this.channels = Uint32Array.from(this.channels);
    this.topics = Uint32Array.from(this.topics);
    this.months = Uint32Array.from(this.months);
  }

  has(number: number): boolean {
    return number >= 0 && number < this.filled && this.present[number] === 1;
  }
}

/**
 * The compact contact index (SPEC §9): id → kind, agent, channel, month, topic, built while
 * reading (SPEC lists the time; the month is all that is asked of it). The ids stay in the two `IdTable`s ingest already checks duplicates against, so an id
 * is hashed and stored once; agents, channels and topics are numbered in a `NameTable` and the
 * rest lives in typed arrays: no object per contact, 9 bytes a contact (and its id's ~20 in the
 * table).
 */
export class ContactIndex {
  /** agents, channels and topics */
  private readonly names = new NameTable();
  private isWide = false;
  private readonly calls = new KindColumns();
  private readonly tickets = new KindColumns();
  /**
   * The contacts (as `contactNumber`s) added when a contact of the other kind had their id
   * already: `get` gives the first of such a pair. Rare, so a set rather than an order per contact.
   */
  private readonly secondOfPair = new Set<number>();
  private added = 0;

  constructor(readonly ids: ContactIds = { calls: new IdTable(), tickets: new IdTable() }) {}

  get size(): number {
    return this.added;
  }

  /**
   * Adds a contact. `idNumber` is its id's number in `ids` of its kind when the caller already
   * added the id there (ingest does); without it the id is added here, and a repeated id is
   * dropped: the first contact with an id wins. Returns the id's number (the first one's for a
   * repeated id).
   */
  add(id: string, contact: IndexedContact, idNumber?: number): number {
    const isCall = contact.kind === 'call';
    const table = isCall ? this.ids.calls : this.ids.tickets;
    const number = idNumber ?? table.addNew(id);
    if (number < 0) return table.find(id);
    const columns = isCall ? this.calls : this.tickets;
    if (number < columns.filled) return number;
    const other = isCall ? this.tickets : this.calls;
    if (other.filled > 0 && other.has((isCall ? this.ids.tickets : this.ids.calls).find(id))) {
      this.secondOfPair.add(contactNumber(contact.kind, number));
    }
    // The names first: numbering one may widen the columns, which must not happen between
    // choosing a column and writing into it.
    const agent = this.nameNumber(contact.agent);
    const channel = this.nameNumber(contact.channel);
    const topic = this.nameNumber(contact.topic);
    const month = this.nameNumber(contact.month);
    columns.ensure(number + 1);
    // Numbers skipped (ids added to the table but never to the index) stay empty: present 0.
    columns.filled = number + 1;
    this.added += 1;
    columns.present[number] = 1;
    columns.agents[number] = agent;
    columns.channels[number] = channel;
    columns.topics[number] = topic;
    columns.months[number] = month;
    return number;
  }

  /** The contact with this id; a call and a ticket sharing an id: the one added first. */
  get(id: string): IndexedContact | undefined {
    return this.getByNumbers(this.ids.calls.find(id), this.ids.tickets.find(id));
  }

  /** As `get`, for a caller that looked the id up in both tables already (-1: not there). */
  getByNumbers(callNumber: number, ticketNumber: number): IndexedContact | undefined {
    const hasCall = this.calls.has(callNumber);
    const hasTicket = this.tickets.has(ticketNumber);
    if (!hasCall && !hasTicket) return undefined;
    const isCall = hasCall && (!hasTicket || !this.secondOfPair.has(contactNumber('call', callNumber)));
    const columns = isCall ? this.calls : this.tickets;
    const number = isCall ? callNumber : ticketNumber;
    return {
      kind: isCall ? 'call' : 'ticket',
      agent: this.names.name(columns.agents[number]!),
      channel: this.names.name(columns.channels[number]!),
      month: this.names.name(columns.months[number]!) as Month | null,
      topic: this.names.name(columns.topics[number]!),
    };
  }

  private nameNumber(name: string | null): number {
    const number = this.names.number(name);
    if (number > 0xffff && !this.isWide) {
      this.isWide = true;
      this.calls.widen();
      this.tickets.widen();
    }
    return number;
  }
}
