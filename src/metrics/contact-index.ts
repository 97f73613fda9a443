import type { Channel } from '../domain/channel.js';
import { IdTable } from '../domain/id-table.js';

/** What the index keeps of a call or ticket: enough to attribute the answers that rate it (SPEC §3). */
export interface IndexedContact {
  kind: 'call' | 'ticket';
  agent: string | null;
  channel: Channel | null;
  /** epoch ms of the start / creation, or null */
  at: number | null;
  topic: string | null;
}

/**
 * The compact contact index (SPEC §9): id → kind, agent, channel, time, topic, built while
 * reading. Agents, channels and topics are interned to small integers and the rest lives in
 * typed arrays, and the ids live in an `IdTable`, so a contact costs ~50 bytes and no object.
 */
export class ContactIndex {
  private readonly slots = new IdTable();
  private readonly names: (string | null)[] = [null];
  private readonly nameIds = new Map<string, number>();
  private kinds = new Uint8Array(1024);
  private agents = new Uint32Array(1024);
  private channels = new Uint32Array(1024);
  private topics = new Uint32Array(1024);
  private times = new Float64Array(1024);

  get size(): number {
    return this.slots.size;
  }

  /** Adds a contact; the first one with an id wins (duplicates are dropped at ingest). */
  add(id: string, contact: IndexedContact): void {
    const slot = this.slots.addNew(id);
    if (slot < 0) return;
    if (slot === this.kinds.length) this.grow();
    this.kinds[slot] = contact.kind === 'call' ? 1 : 2;
    this.agents[slot] = this.intern(contact.agent);
    this.channels[slot] = this.intern(contact.channel);
    this.topics[slot] = this.intern(contact.topic);
    this.times[slot] = contact.at ?? Number.NaN;
  }

  get(id: string): IndexedContact | undefined {
    const slot = this.slots.find(id);
    if (slot < 0) return undefined;
    const at = this.times[slot]!;
    return {
      kind: this.kinds[slot] === 1 ? 'call' : 'ticket',
      agent: this.names[this.agents[slot]!]!,
      channel: this.names[this.channels[slot]!]!,
      at: Number.isNaN(at) ? null : at,
      topic: this.names[this.topics[slot]!]!,
    };
  }

  private intern(name: string | null): number {
    if (name === null) return 0;
    let id = this.nameIds.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(name);
      this.nameIds.set(name, id);
    }
    return id;
  }

  private grow(): void {
    const size = this.kinds.length * 2;
    const grow = <T extends Uint8Array | Uint32Array | Float64Array>(array: T, make: (n: number) => T): T => {
      const bigger = make(size);
      bigger.set(array);
      return bigger;
    };
    this.kinds = grow(this.kinds, (n) => new Uint8Array(n));
    this.agents = grow(this.agents, (n) => new Uint32Array(n));
    this.channels = grow(this.channels, (n) => new Uint32Array(n));
    this.topics = grow(this.topics, (n) => new Uint32Array(n));
    this.times = grow(this.times, (n) => new Float64Array(n));
  }
}
