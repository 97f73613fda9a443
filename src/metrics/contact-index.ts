import type { Channel } from '../domain/channel.js';
import { grown } from '../domain/grown.js';
import { IdTable } from '../domain/id-table.js';
import { NameTable } from '../domain/name-table.js';

/** What the index keeps of a call or ticket: enough to attribute the answers that rate it (SPEC §3). */
export interface IndexedContact {
  kind: 'call' | 'ticket';
  agent: string | null;
  channel: Channel | null;
  /** epoch ms of the start / creation, or null */
  at: number | null;
  topic: string | null;
}

/** The ids of calls and of tickets, each numbered 0, 1, 2, … in the order first seen (ingest's duplicate check). */
export interface ContactIds {
  calls: IdTable;
  tickets: IdTable;
}

/** One kind's contacts, by the number its id has in that kind's `IdTable`. */
class KindColumns {
  /** how many numbers, from 0, have their contact */
  filled = 0;
  /** the contact's position in the order of adding, from 1 (0: no contact) */
  order = new Uint32Array(1024);
  agents = new Uint32Array(1024);
  channels = new Uint32Array(1024);
  topics = new Uint32Array(1024);
  times = new Float64Array(1024);

  ensure(size: number): void {
    if (size <= this.order.length) return;
    let length = this.order.length;
    while (length < size) length *= 2;
    this.order = grown(this.order, length);
    this.agents = grown(this.agents, length);
    this.channels = grown(this.channels, length);
    this.topics = grown(this.topics, length);
    this.times = grown(this.times, length);
  }
}

/**
 * The compact contact index (SPEC §9): id → kind, agent, channel, time, topic, built while
 * reading. The ids stay in the two `IdTable`s ingest already checks duplicates against, so an id
 * is hashed and stored once; agents, channels and topics are interned to small integers and the
 * rest lives in typed arrays: no object per contact.
 */
export class ContactIndex {
  /** agents, channels and topics */
  private readonly names = new NameTable();
  private readonly calls = new KindColumns();
  private readonly tickets = new KindColumns();
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
    const table = contact.kind === 'call' ? this.ids.calls : this.ids.tickets;
    const number = idNumber ?? table.addNew(id);
    if (number < 0) return table.find(id);
    const columns = contact.kind === 'call' ? this.calls : this.tickets;
    if (number < columns.filled) return number;
    columns.ensure(number + 1);
    // Numbers skipped (ids added to the table but never to the index) stay empty: order 0.
    columns.filled = number + 1;
    this.added += 1;
    columns.order[number] = this.added;
    columns.agents[number] = this.names.number(contact.agent);
    columns.channels[number] = this.names.number(contact.channel);
    columns.topics[number] = this.names.number(contact.topic);
    columns.times[number] = contact.at ?? Number.NaN;
    return number;
  }

  /** The contact with this id; a call and a ticket sharing an id: the one added first. */
  get(id: string): IndexedContact | undefined {
    const callNumber = this.ids.calls.find(id);
    const ticketNumber = this.ids.tickets.find(id);
    const call = this.orderOf(this.calls, callNumber);
    const ticket = this.orderOf(this.tickets, ticketNumber);
    if (call === 0 && ticket === 0) return undefined;
    const isCall = call !== 0 && (ticket === 0 || call < ticket);
    const columns = isCall ? this.calls : this.tickets;
    const number = isCall ? callNumber : ticketNumber;
    const at = columns.times[number]!;
    return {
      kind: isCall ? 'call' : 'ticket',
      agent: this.names.name(columns.agents[number]!),
      channel: this.names.name(columns.channels[number]!),
      at: Number.isNaN(at) ? null : at,
      topic: this.names.name(columns.topics[number]!),
    };
  }

  /** The contact's position in the order of adding (from 1), or 0 when it is not in the index. */
  private orderOf(columns: KindColumns, number: number): number {
    return number < 0 || number >= columns.filled ? 0 : columns.order[number]!;
  }
}
