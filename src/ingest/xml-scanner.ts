/**
 * The hand-written XML scanner for the big parts of a workbook (the sheet, the shared strings),
 * used by the XLSX reader (read-xlsx.ts) and by its sheet worker (xlsx-sheet-worker.ts).
 *
 * saxes took ~60% of the time on a 200k-row sheet, most of it building an attributes object per
 * cell and dispatching events, and decoding the part into strings first doubles the allocations.
 * This scanner reads the inflated UTF-8 bytes as they come, reports tags as positions in them and
 * lets the handler read only the attributes it wants; strings are made for values only. It handles
 * what the sheet and shared-strings parts hold: elements (with prefixes), attributes in either
 * quotes, text with the five entities and character references, line ends normalised to LF,
 * CDATA, comments, processing instructions and a DOCTYPE without declarations (with declarations
 * it refuses the part); a UTF-16 part is turned into UTF-8 first. It is not a validating parser:
 * it checks what reading needs (every tag ends, every entity is known), not that tags nest.
 */
import { TextDecoder } from 'node:util';

/** The encoding of an XML part by its byte-order mark: UTF-16 parts have one, UTF-8 is the default. */
export function detectXmlEncoding(chunk: Buffer): string {
  if (chunk[0] === 0xff && chunk[1] === 0xfe) return 'utf-16le';
  if (chunk[0] === 0xfe && chunk[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

/** A part's bytes as UTF-8 for the scanner (a UTF-16 part is turned into UTF-8 first), then null at its end. */
export async function* utf8Chunks(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer | null, void, undefined> {
  let utf16: TextDecoder | null | undefined;
  for await (const chunk of chunks) {
    if (utf16 === undefined) {
      const encoding = detectXmlEncoding(chunk);
      utf16 = encoding === 'utf-8' ? null : new TextDecoder(encoding);
    }
    yield utf16 === null ? chunk : Buffer.from(utf16.decode(chunk, { stream: true }));
  }
  if (utf16 !== null && utf16 !== undefined) yield Buffer.from(utf16.decode());
  yield null;
}

/** What the scanner reports. Positions index `bytes` and hold during the call only. */
export interface ScanHandler {
  /** Text between tags is handed to `text` only while this is true. */
  capturing: boolean;
  /** Set to stop scanning (the rest of the part is not wanted). */
  isDone: boolean;
  /**
   * An element opens: its local name is `bytes[nameStart, nameEnd)`; its `attributeCount`
   * attributes are in `scanner.attributes`.
   */
  open(scanner: XmlScanner, bytes: Buffer, nameStart: number, nameEnd: number, attributeCount: number): void;
  close(bytes: Buffer, nameStart: number, nameEnd: number): void;
  /**
   * Text, `bytes[start, end)` in UTF-8: raw XML when `isRaw` (`xmlText` gives its value), else
   * its value already (no entity, no CR), so that the handler may read digits in place.
   * `isWhole`: a closing tag follows, so the text is all of its element's when it is the first.
   */
  text(bytes: Buffer, start: number, end: number, isRaw: boolean, isWhole: boolean): void;
  /**
   * Optional: the handler's common element, read in one go. `fastStart` is the two bytes after its
   * `<` (`c ` for a sheet's cell); `fast` reads the element at `bytes[lt]` and returns the position
   * after it, or -1 to have it read tag by tag.
   */
  readonly fastStart?: string;
  fast?(bytes: Buffer, lt: number, length: number): number;
}

/** A token (a tag, or text being captured) longer than this is refused: Excel's cells hold 32,767 characters. */
const MAX_XML_TOKEN = 4 * 1024 * 1024;
const CHAR_LT = 0x3c;
const CHAR_GT = 0x3e;
const CHAR_SLASH = 0x2f;
const CHAR_QUESTION = 0x3f;
const CHAR_BANG = 0x21;
const CHAR_QUOTE = 0x22;
const CHAR_APOSTROPHE = 0x27;
const CHAR_EQUALS = 0x3d;
const CHAR_COLON = 0x3a;
const CHAR_AMPERSAND = 0x26;
const CHAR_CR = 0x0d;
const CHAR_DASH = 0x2d;
const EMPTY = Buffer.alloc(0);

export class XmlScanner {
  /** The unscanned end of the previous chunk: an unfinished tag, or text being captured. */
  private carry: Buffer = EMPTY;
  private isTextCarry = false;
  /** The attributes of the tag being opened, four positions each: name start and end, value start and end. */
  attributes = new Int32Array(64);

  constructor(private readonly handler: ScanHandler) {}

  write(chunk: Buffer): void {
    const handler = this.handler;
    let pos = 0;
    if (this.carry.length > 0) {
      // Finish what the previous chunk cut, without copying this chunk onto it.
      const carry = this.carry;
      this.carry = EMPTY;
      if (this.isTextCarry) {
        const lt = chunk.indexOf(CHAR_LT);
        if (lt < 0) {
          this.keep(Buffer.concat([carry, chunk]), 0, true);
          return;
        }
        const text = Buffer.concat([carry, chunk.subarray(0, lt)]);
        handler.text(text, 0, text.length, true, false);
        pos = lt;
      } else {
        for (let gt = chunk.indexOf(CHAR_GT); ; gt = chunk.indexOf(CHAR_GT, gt + 1)) {
          if (gt < 0) {
            this.keep(Buffer.concat([carry, chunk]), 0, false);
            return;
          }
          const end = this.tag(Buffer.concat([carry, chunk.subarray(0, gt + 1)]), 0);
          if (end >= 0) {
            pos = end - carry.length;
            break;
          }
        }
      }
    }
    const length = chunk.length;
    // Text needs decoding only where the chunk has an entity or a CR (rarely, in a sheet).
    const isPlain = chunk.indexOf(CHAR_AMPERSAND) < 0 && chunk.indexOf(CHAR_CR) < 0;
    // -1 never matches a byte: no fast path
    const fast1 = handler.fastStart?.charCodeAt(0) ?? -1;
    const fast2 = handler.fastStart?.charCodeAt(1) ?? -1;
    while (pos < length && !handler.isDone) {
      // Text runs are short in these parts: a loop beats Buffer#indexOf's call.
      let lt = pos;
      while (lt < length && chunk[lt] !== CHAR_LT) lt++;
      if (lt >= length) {
        if (handler.capturing) this.keep(chunk, pos, true);
        return;
      }
      if (lt > pos && handler.capturing) {
        const isWhole = chunk[lt + 1] === CHAR_SLASH;
        if (isPlain) handler.text(chunk, pos, lt, false, isWhole);
        else handler.text(chunk, pos, lt, true, isWhole);
      }
      if (lt + 2 < length && chunk[lt + 1] === fast1 && chunk[lt + 2] === fast2) {
        const end = handler.fast!(chunk, lt, length);
        if (end >= 0) {
          pos = end;
          continue;
        }
      }
      const end = this.tag(chunk, lt);
      if (end < 0) {
        this.keep(chunk, lt, false);
        return;
      }
      pos = end;
    }
  }

  /** The end of the part: nothing may be left but captured text. */
  end(): void {
    const carry = this.carry;
    this.carry = EMPTY;
    if (carry.length === 0 || this.handler.isDone) return;
    if (!this.isTextCarry) throw new Error('the part ends inside a tag');
    this.handler.text(carry, 0, carry.length, true, false);
  }

  /** Whether attribute `k` is named `name` (unprefixed, ASCII). */
  isAttribute(bytes: Buffer, k: number, name: string): boolean {
    return isName(bytes, this.attributes[4 * k]!, this.attributes[4 * k + 1]!, name);
  }

  /** The value of attribute `k`, its entities decoded and its white space normalised. */
  attributeValue(bytes: Buffer, k: number): string {
    const raw = bytes.toString('utf8', this.attributes[4 * k + 2], this.attributes[4 * k + 3]);
    return decodeXmlText(/[\t\n\r]/.test(raw) ? raw.replace(/\r\n?|[\t\n]/g, ' ') : raw);
  }

  /** The markup at `lt` handed to the handler; the position after it, or -1 when it is not all here. */
  private tag(bytes: Buffer, lt: number): number {
    const handler = this.handler;
    const length = bytes.length;
    const next = bytes[lt + 1];
    if (next === CHAR_QUESTION || next === CHAR_BANG) return this.skipMarkup(bytes, lt);
    const isClose = next === CHAR_SLASH;
    let i = isClose ? lt + 2 : lt + 1;
    let nameStart = i;
    let code = 0;
    for (; i < length; i++) {
      code = bytes[i]!;
      if (code === CHAR_GT || code === CHAR_SLASH || code <= 0x20) break;
      if (code === CHAR_COLON) nameStart = i + 1;
    }
    const nameEnd = i;
    if (i >= length) return -1;
    if (isClose) {
      let gt = i;
      while (gt < length && bytes[gt] !== CHAR_GT) gt++;
      if (gt >= length) return -1;
      handler.close(bytes, nameStart, nameEnd);
      return gt + 1;
    }
    let count = 0;
    for (;;) {
      while (i < length && (code = bytes[i]!) <= 0x20) i++;
      if (i >= length) return -1;
      if (code === CHAR_GT) break;
      if (code === CHAR_SLASH) {
        if (i + 1 >= length) return -1;
        if (bytes[i + 1] !== CHAR_GT) throw new Error('a "/" inside a tag');
        handler.open(this, bytes, nameStart, nameEnd, count);
        handler.close(bytes, nameStart, nameEnd);
        return i + 2;
      }
      const attributeStart = i;
      while (i < length && (code = bytes[i]!) !== CHAR_EQUALS && code > 0x20) i++;
      const attributeEnd = i;
      while (i < length && (code = bytes[i]!) <= 0x20) i++;
      if (i >= length) return -1;
      if (code !== CHAR_EQUALS) throw new Error('an attribute without a value');
      i++;
      while (i < length && (code = bytes[i]!) <= 0x20) i++;
      if (i >= length) return -1;
      if (code !== CHAR_QUOTE && code !== CHAR_APOSTROPHE) throw new Error('an attribute value without quotes');
      let close = i + 1;
      while (close < length && bytes[close] !== code) close++;
      if (close >= length) return -1;
      if (4 * count + 4 > this.attributes.length) {
        const grown = new Int32Array(this.attributes.length * 2);
        grown.set(this.attributes);
        this.attributes = grown;
      }
      const slot = 4 * count++;
      this.attributes[slot] = attributeStart;
      this.attributes[slot + 1] = attributeEnd;
      this.attributes[slot + 2] = i + 1;
      this.attributes[slot + 3] = close;
      i = close + 1;
    }
    handler.open(this, bytes, nameStart, nameEnd, count);
    return i + 1;
  }

  /** Past a `<?…?>`, `<!--…-->`, `<![CDATA[…]]>` (its text handed on when captured) or `<!DOCTYPE …>`; -1 when it is not all here. */
  private skipMarkup(bytes: Buffer, lt: number): number {
    if (bytes[lt + 1] === CHAR_QUESTION) {
      const end = bytes.indexOf('?>', lt + 2);
      return end < 0 ? -1 : end + 2;
    }
    if (bytes.length - lt < 9) return -1; // too short to tell which
    if (bytes[lt + 2] === CHAR_DASH && bytes[lt + 3] === CHAR_DASH) {
      const end = bytes.indexOf('-->', lt + 4);
      return end < 0 ? -1 : end + 3;
    }
    if (isName(bytes, lt, lt + 9, '<![CDATA[')) {
      const end = bytes.indexOf(']]>', lt + 9);
      if (end < 0) return -1;
      if (this.handler.capturing) {
        const text = Buffer.from(normaliseLineEnds(bytes.toString('utf8', lt + 9, end)));
        this.handler.text(text, 0, text.length, false, false);
      }
      return end + 3;
    }
    const gt = bytes.indexOf(CHAR_GT, lt);
    if (gt < 0) return -1;
    if (bytes.lastIndexOf(0x5b, gt) > lt) throw new Error('a DOCTYPE with declarations'); // '['
    return gt + 1;
  }

  private keep(bytes: Buffer, from: number, isText: boolean): void {
    if (bytes.length - from > MAX_XML_TOKEN) throw new Error('an XML token longer than 4 MiB');
    // A copy: the chunk's memory is not kept for a few bytes.
    this.carry = Buffer.from(bytes.subarray(from));
    this.isTextCarry = isText;
  }
}

/** Whether `bytes[start, end)` is the ASCII `name`. */
export function isName(bytes: Buffer, start: number, end: number, name: string): boolean {
  if (end - start !== name.length) return false;
  for (let i = 0; i < name.length; i++) if (bytes[start + i] !== name.charCodeAt(i)) return false;
  return true;
}

/** The value of text `bytes[start, end)`: decoded from UTF-8, and from XML when `isRaw`. */
export function xmlText(bytes: Buffer, start: number, end: number, isRaw: boolean): string {
  const text = bytes.toString('utf8', start, end);
  return isRaw ? decodeXmlText(text) : text;
}

export function normaliseLineEnds(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

const XML_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Raw XML text → its value: line ends normalised, entities and character references decoded. */
export function decodeXmlText(raw: string): string {
  const text = normaliseLineEnds(raw);
  let amp = text.indexOf('&');
  if (amp < 0) return text;
  let out = '';
  let last = 0;
  while (amp >= 0) {
    const semicolon = text.indexOf(';', amp + 1);
    if (semicolon < 0) throw new Error('an unterminated entity');
    const name = text.slice(amp + 1, semicolon);
    let value = XML_ENTITIES[name];
    if (value === undefined) {
      const code = /^#x[0-9a-f]{1,6}$/i.test(name)
        ? parseInt(name.slice(2), 16)
        : /^#[0-9]{1,7}$/.test(name)
          ? parseInt(name.slice(1), 10)
          : -1;
      if (code < 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
        throw new Error(`an unknown entity &${name};`);
      value = String.fromCodePoint(code);
    }
    out += text.slice(last, amp) + value;
    last = semicolon + 1;
    amp = text.indexOf('&', last);
  }
  return out + text.slice(last);
}

const POWERS_OF_TEN = Array.from({ length: 23 }, (_, n) => 10 ** n);

/**
 * The number a plain decimal `bytes[start, end)` (`-12.5`, no exponent, at most 2^53 as an
 * integer of its digits) stands for, exactly as `Number()` reads it: its digits and the power of
 * ten are exact doubles and one division rounds correctly (Clinger's fast path). NaN otherwise.
 */
export function parseDecimal(bytes: Buffer, start: number, end: number): number {
  let i = start;
  const isNegative = bytes[i] === 0x2d; // '-'
  if (isNegative) i++;
  let mantissa = 0;
  let digits = 0;
  let scale = -1; // digits after the point; -1 before it
  for (; i < end; i++) {
    const code = bytes[i]!;
    if (code === 0x2e) {
      if (scale >= 0) return Number.NaN;
      scale = 0;
      continue;
    }
    const digit = code - 0x30;
    if (digit < 0 || digit > 9) return Number.NaN;
    mantissa = mantissa * 10 + digit;
    if (mantissa > 9_007_199_254_740_991) return Number.NaN;
    digits++;
    if (scale >= 0) scale++;
  }
  if (digits === 0 || scale > 22) return Number.NaN;
  const value = scale > 0 ? mantissa / POWERS_OF_TEN[scale]! : mantissa;
  return isNegative ? -value : value;
}

/** A run of ASCII digits as a number, or -1 (empty, other characters, too long). */
export function parseDigits(bytes: Buffer, start: number, end: number): number {
  if (start >= end || end - start > 15) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = bytes[i]! - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** Excel writes characters XML cannot carry as `_xHHHH_` (and a literal `_x…_` as `_x005F_x…_`). */
export function decodeEscapes(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
