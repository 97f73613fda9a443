import { grown } from './grown.js';

/** Code units turned back into a string at a time (`String.fromCharCode` takes them as arguments). */
const DECODE_CHUNK = 8192;

/**
 * Texts of many kept rows (ids, customers, comments), each different, as UTF-16 code units in one
 * growable arena: no string object per row for the collector to keep and trace, and the exact text
 * back on demand, lone surrogates included. The arena takes a byte a unit until a text holds a
 * unit above U+00FF (ids and phone numbers never do), then two.
 */
export class TextColumn {
  private units: Uint8Array | Uint16Array = new Uint8Array(4096);
  private isWide = false;
  private used = 0;
  /** where each text ends in `units` (the next one starts there); for null, −1 − that position;
   * 32-bit until a position passes `maxInt32` (2^31 − 1 but in tests), then doubles */
  private ends: Int32Array | Float64Array = new Int32Array(1024);
  private count = 0;

  constructor(private readonly maxInt32 = 0x7fff_ffff) {}

  get size(): number {
    return this.count;
  }

  add(text: string | null): void {
    const i = this.count;
    if (i === this.ends.length) this.ends = grown(this.ends, 2 * i);
    this.count = i + 1;
    if (this.used + (text?.length ?? 0) >= this.maxInt32 && this.ends instanceof Int32Array) {
      this.ends = Float64Array.from(this.ends);
    }
    if (text === null) {
      this.ends[i] = -1 - this.used;
      return;
    }
    const end = this.used + text.length;
    if (!this.isWide && !isLatin1(text)) this.resize(this.units.length, true);
    if (end > this.units.length) {
      let length = 2 * this.units.length;
      while (length < end) length *= 2;
      this.resize(length, this.isWide);
    }
    const units = this.units;
    for (let at = this.used, k = 0; at < end; at++, k++) units[at] = text.charCodeAt(k);
    this.used = end;
    this.ends[i] = end;
  }

  private resize(length: number, isWide: boolean): void {
    const units = isWide ? new Uint16Array(length) : new Uint8Array(length);
    units.set(this.units.subarray(0, this.used));
    this.units = units;
    this.isWide = isWide;
  }

  get(i: number): string | null {
    const end = this.ends[i]!;
    if (end < 0) return null;
    const previous = i === 0 ? 0 : this.ends[i - 1]!;
    const start = previous < 0 ? -1 - previous : previous;
    let text = '';
    for (let at = start; at < end; at += DECODE_CHUNK) {
      const units = this.units.subarray(at, Math.min(end, at + DECODE_CHUNK));
      text += String.fromCharCode.apply(null, units as unknown as number[]);
    }
    return text;
  }
}

function isLatin1(text: string): boolean {
  for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) > 0xff) return false;
  return true;
}
