/**
 * An XLSX workbook's shared-string table (`xl/sharedStrings.xml`): read by the XML scanner into
 * one UTF-8 arena, each string made when a cell asks for it (read-xlsx.ts).
 */
import type { UserError } from '../errors.js';
import { decodeEscapes, isName, type ScanHandler, type XmlScanner, xmlText } from './xml-scanner.js';
import { refused } from './zip-archive.js';

/**
 * The shared strings, kept as UTF-8 bytes outside the JS heap. As 401k string objects (the call
 * IDs, phone numbers and URLs of a 200k-row calls export) they took 27 MB of heap, which V8 then
 * let grow to several times that before collecting (peak RSS +40–60 MB). A string is made when a
 * cell asks for it, and kept from its second use on, so that a repeated value (an agent, a status)
 * stays one object. (A lone surrogate, which only an `_xD800_` escape can make, becomes U+FFFD.)
 */
/** Reserved at once at most; a bigger table grows by doubling. */
const MAX_RESERVED_BYTES = 64 * 1024 * 1024;

export class SharedStrings {
  length = 0;
  private bytes: Buffer;
  private size = 0;
  private pendingEnd = 0;
  /** Where each string's bytes end (and the next one's start). */
  private ends = new Uint32Array(1024);
  private uses = new Uint8Array(0);
  /** Strings used twice or more: few (agents, statuses, topics), so a map rather than an array of holes as long as the table. */
  private readonly kept = new Map<number, string>();

  add(text: string): void {
    this.reserve(3 * text.length);
    this.pendingEnd = this.size + this.bytes.write(text, this.size);
    this.commit();
  }

  /**
   * The UTF-8 bytes of the next string, copied as they are (no decoding and encoding back);
   * `commit` adds it, `uncommitted` gives it back as text for a string that goes on.
   */
  appendBytes(bytes: Buffer, start: number, end: number): void {
    this.reserve(end - start);
    const arena = this.bytes;
    let at = this.size;
    // Most strings are a few bytes (ids, numbers, names): a loop beats Buffer#copy's set-up.
    if (end - start > 64) at += bytes.copy(arena, at, start, end);
    else for (let i = start; i < end; i++) arena[at++] = bytes[i]!;
    this.pendingEnd = at;
  }

  /**
   * Copies the plain text run at `bytes[start]` up to the next `<` as the next string, in one
   * pass: its end, or -1 (nothing kept) when the run holds an entity, a CR or a `_x` (it needs
   * decoding), reaches the chunk's end, or does not fit the arena as reserved.
   */
  appendPlainRun(bytes: Buffer, start: number, length: number): number {
    const arena = this.bytes;
    const capacity = arena.length;
    let at = this.size;
    let end = start;
    for (; end < length; end++) {
      const code = bytes[end]!;
      if (code === 0x3c) break; // <
      if (code === 0x26 || code === 0x0d || (code === 0x5f && bytes[end + 1] === 0x78) || at === capacity) return -1;
      arena[at++] = code;
    }
    if (end === length) return -1;
    this.pendingEnd = at;
    return end;
  }

  uncommitted(): string {
    return this.bytes.toString('utf8', this.size, this.pendingEnd);
  }

  commit(): void {
    if (this.length === this.ends.length) {
      const grown = new Uint32Array(2 * this.ends.length);
      grown.set(this.ends);
      this.ends = grown;
    }
    this.size = this.pendingEnd;
    this.ends[this.length++] = this.size;
  }

  private reserve(bytes: number): void {
    if (this.size + bytes > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(2 * this.bytes.length, this.size + bytes));
      this.bytes.copy(grown, 0, 0, this.size);
      this.bytes = grown;
    }
  }

  /** Done adding: trimmed to size. */
  /**
   * `capacity`: the bytes to reserve at once, the part's size (its text is no longer, but for a
   * UTF-16 part). One allocation instead of a doubling series: less copying, and no freed blocks
   * of several MB that would leave the allocator holding memory for the rest of the run.
   */
  constructor(capacity = 65_536) {
    this.bytes = Buffer.allocUnsafe(Math.min(Math.max(capacity, 1024), MAX_RESERVED_BYTES));
  }

  /** Done adding: the arena is kept as it is (pages never written take no memory). */
  seal(): void {
    this.bytes = this.bytes.subarray(0, this.size);
    this.ends = this.ends.slice(0, this.length);
    this.uses = new Uint8Array(this.length);
  }

  /** The string at `index`, or undefined when there is none. */
  get(index: number): string | undefined {
    if (!(index >= 0 && index < this.length && Number.isInteger(index))) return undefined;
    if (this.uses[index] === 2) return this.kept.get(index);
    const text = this.bytes.toString('utf8', index === 0 ? 0 : this.ends[index - 1], this.ends[index]);
    if (this.uses[index] === 0) this.uses[index] = 1;
    else {
      this.uses[index] = 2;
      this.kept.set(index, text);
    }
    return text;
  }
}

export class SharedStringsHandler implements ScanHandler {
  readonly strings: SharedStrings;
  capturing = false;
  isDone = false;
  /** The text of the `<si>` so far, unless it is one plain run kept in the arena already (most are). */
  private current = '';
  private hasText = false;
  private isInArena = false;
  private inPhonetic = false;

  /** `partBytes`: the size of the part, to reserve the arena at once. */
  constructor(
    private readonly max: number,
    private readonly file: string,
    partBytes?: number,
  ) {
    this.strings = new SharedStrings(partBytes);
  }

  open(scanner: XmlScanner, bytes: Buffer, nameStart: number, nameEnd: number, attributeCount: number): void {
    if (isName(bytes, nameStart, nameEnd, 't')) this.capturing = !this.inPhonetic;
    else if (isName(bytes, nameStart, nameEnd, 'si')) {
      this.current = '';
      this.hasText = false;
      this.isInArena = false;
    } else if (isName(bytes, nameStart, nameEnd, 'rPh')) this.inPhonetic = true;
    else if (isName(bytes, nameStart, nameEnd, 'sst')) {
      for (let k = 0; k < attributeCount; k++) {
        if (scanner.isAttribute(bytes, k, 'uniqueCount') && Number(scanner.attributeValue(bytes, k)) > this.max) {
          throw this.tooMany();
        }
      }
    }
  }

  close(bytes: Buffer, nameStart: number, nameEnd: number): void {
    if (isName(bytes, nameStart, nameEnd, 't')) this.capturing = false;
    else if (isName(bytes, nameStart, nameEnd, 'rPh')) this.inPhonetic = false;
    else if (isName(bytes, nameStart, nameEnd, 'si')) {
      if (this.strings.length >= this.max) throw this.tooMany();
      if (this.isInArena) this.strings.commit();
      else this.strings.add(decodeEscapes(this.current));
    }
  }

  readonly fastStart = 'si';

  /** `<si><t>text</t></si>` with plain text (most strings), its bytes kept as they are. */
  fast(bytes: Buffer, lt: number, length: number): number {
    const start = lt + 7;
    if (start > length || !isName(bytes, lt, start, '<si><t>')) return -1;
    const end = this.strings.appendPlainRun(bytes, start, length);
    if (end < 0 || end + 9 > length || !isName(bytes, end, end + 9, '</t></si>')) return -1;
    if (this.strings.length >= this.max) throw this.tooMany();
    this.strings.commit();
    return end + 9;
  }

  text(bytes: Buffer, start: number, end: number, isRaw: boolean): void {
    if (!this.hasText && !isRaw && !hasEscape(bytes, start, end)) {
      // A first run that is its value already (no entity, no CR, no `_xHHHH_`).
      this.strings.appendBytes(bytes, start, end);
      this.hasText = true;
      this.isInArena = true;
      return;
    }
    if (this.isInArena) {
      this.current = this.strings.uncommitted();
      this.isInArena = false;
    }
    this.current += xmlText(bytes, start, end, isRaw);
    this.hasText = true;
  }

  private tooMany(): UserError {
    return refused(this.file, `it has more than ${this.max.toLocaleString('en-US')} shared strings`);
  }
}

/** Whether `bytes[start, end)` holds `_x`, which may start an `_xHHHH_` escape. */
function hasEscape(bytes: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end - 1; i++) if (bytes[i] === 0x5f && bytes[i + 1] === 0x78) return true;
  return false;
}
