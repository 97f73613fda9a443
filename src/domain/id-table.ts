import { grown } from './grown.js';

/**
 * A set of ids (call, ticket, response, customer ids) that numbers them 0, 1, 2, … in the order
 * they were first added (SPEC §9 "a compact contact index"). A million ids in a `Map<string, …>`
 * cost ~100 bytes each and keep a million strings for the garbage collector to trace, every
 * collection; here an id costs its characters in a byte arena plus ~13 bytes of typed arrays, and
 * no string is kept at all.
 *
 * Characters below U+0080 take one byte in the arena, any other three (0x80, high byte, low
 * byte): a prefix code, so two ids are equal exactly when their encodings are. Open addressing
 * with linear probing over a power-of-two table kept at most three quarters full; the hash's top
 * byte is kept per id and compared before any byte of the id (a false match 1 time in 256). The
 * whole hash is worked out again from the arena when the table grows: a byte an id instead of
 * four (−3 MB for a million calls) for a pass over the arena at each doubling.
 */
export class IdTable {
  private table = new Int32Array(1 << 12);
  private mask = (1 << 12) - 1;
  private arena = new Uint8Array(1 << 16);
  private arenaUsed = 0;
  /** where each id's bytes end in the arena; the next one's start there (ids are stored in order) */
  private ends = new Int32Array(1 << 11);
  /** each id's hash's top byte (the table index takes its low bits, so these tell apart ids that share a probe) */
  private tags = new Uint8Array(1 << 11);
  private count = 0;

  /** How many distinct ids were added. */
  get size(): number {
    return this.count;
  }

  /** The id's number when it was added before, else -1. */
  find(id: string): number {
    const hash = hashOf(id);
    const tag = hash >>> 24;
    for (let at = hash & this.mask; ; at = (at + 1) & this.mask) {
      const entry = this.table[at]! - 1;
      if (entry < 0) return -1;
      if (this.tags[entry] === tag && this.equals(entry, id)) return entry;
    }
  }

  /** Adds the id and returns its new number; returns -1, adding nothing, when it was already there. */
  addNew(id: string): number {
    const hash = hashOf(id);
    const tag = hash >>> 24;
    let at = hash & this.mask;
    for (; ; at = (at + 1) & this.mask) {
      const entry = this.table[at]! - 1;
      if (entry < 0) break;
      if (this.tags[entry] === tag && this.equals(entry, id)) return -1;
    }
    const entry = this.count;
    if (entry === this.ends.length) this.growEntries();
    this.store(entry, id);
    this.tags[entry] = tag;
    this.table[at] = entry + 1;
    this.count += 1;
    if (this.count * 4 > this.table.length * 3) this.growTable();
    return entry;
  }

  private equals(entry: number, id: string): boolean {
    const arena = this.arena;
    let at = entry === 0 ? 0 : this.ends[entry - 1]!;
    const end = this.ends[entry]!;
    for (let i = 0; i < id.length; i += 1) {
      const code = id.charCodeAt(i);
      if (code < 0x80) {
        if (at >= end || arena[at] !== code) return false;
        at += 1;
      } else {
        if (at + 3 > end || arena[at] !== 0x80 || arena[at + 1] !== code >> 8 || arena[at + 2] !== (code & 0xff))
          return false;
        at += 3;
      }
    }
    return at === end;
  }

  private store(entry: number, id: string): void {
    if (this.arenaUsed + id.length * 3 > this.arena.length) {
      const bigger = new Uint8Array(Math.max(this.arena.length * 2, this.arenaUsed + id.length * 3));
      bigger.set(this.arena.subarray(0, this.arenaUsed));
      this.arena = bigger;
    }
    const arena = this.arena;
    let at = this.arenaUsed;
    for (let i = 0; i < id.length; i += 1) {
      const code = id.charCodeAt(i);
      if (code < 0x80) arena[at++] = code;
      else {
        arena[at++] = 0x80;
        arena[at++] = code >> 8;
        arena[at++] = code & 0xff;
      }
    }
    this.ends[entry] = at;
    this.arenaUsed = at;
  }

  private growEntries(): void {
    const size = this.ends.length * 2;
    this.ends = grown(this.ends, size);
    this.tags = grown(this.tags, size);
  }

  private growTable(): void {
    const table = new Int32Array(this.table.length * 2);
    const mask = table.length - 1;
    const arena = this.arena;
    const ends = this.ends;
    let at = 0;
    for (let entry = 0; entry < this.count; entry += 1) {
      // hashOf over the code units the arena holds (the prefix code read back)
      const end = ends[entry]!;
      let hash = 0x811c9dc5 ^ SEED;
      while (at < end) {
        const byte = arena[at]!;
        const code = byte < 0x80 ? byte : (arena[at + 1]! << 8) | arena[at + 2]!;
        at += byte < 0x80 ? 1 : 3;
        hash = Math.imul(hash ^ code, 0x01000193);
      }
      let slot = finalMix(hash) & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = entry + 1;
    }
    this.table = table;
    this.mask = mask;
  }
}

/**
 * Hashes are seeded per process: ids come from files anyone can write, and with a fixed hash a
 * file of ids crafted to share a table index would make every insert probe past all the others
 * (a hang, not a wrong number). The numbering, and so every output, does not depend on the seed.
 */
const SEED = Math.floor(Math.random() * 0x1_0000_0000) | 0;

/** FNV-1a over the UTF-16 code units from a seeded basis, then a final mix so the low bits (the table index) spread. */
function hashOf(id: string): number {
  let hash = 0x811c9dc5 ^ SEED;
  for (let i = 0; i < id.length; i += 1) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return finalMix(hash);
}

function finalMix(fnv: number): number {
  let hash = fnv ^ (fnv >>> 16) ^ SEED;
  hash = Math.imul(hash, 0x7feb352d);
  return hash ^ (hash >>> 15);
}
