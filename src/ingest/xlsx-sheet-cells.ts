/**
 * A sheet part's cells as the XML scanner finds them, written as a compact list of operations
 * (`CellOps`: typed arrays and a few strings) that the XLSX reader then turns into rows of text
 * (`SheetRowDecoder` in read-xlsx.ts). The scan and the text are split so that inflating and
 * scanning a big sheet can run in a worker thread (xlsx-sheet-worker.ts) while the main
 * thread turns earlier cells into records: the operations cross threads as transferred buffers,
 * with no string made for a shared string or a number. A small sheet is scanned in this thread
 * through the same operations, so both ways give the same rows.
 *
 * Everything that depends on a cell's text (blank or not, the column limit, a missing shared
 * string) is decided by the decoder, which alone holds the shared strings.
 */
import {
  decodeEscapes,
  isName,
  parseDecimal,
  parseDigits,
  type ScanHandler,
  type XmlScanner,
  xmlText,
} from './xml-scanner.js';

/** A row starts; numbers: its row number. */
export const OP_ROW = 1;
/** The row ends. */
export const OP_ROW_END = 2;
/** ints: column, 0; numbers: the shared-string index as written (may be no index at all). */
export const OP_SHARED = 3;
/** ints: column, the number format's kind; numbers: the value. */
export const OP_NUMBER = 4;
/** ints: column; texts: a string cell's value (inline or a formula's), decoded. */
export const OP_TEXT = 5;
/** ints: column; texts: the text of a flag, an error, or a number cell whose value is not a number. */
export const OP_VALUE = 6;
/** ints: column; texts: a `t="d"` cell's ISO 8601 text. */
export const OP_ISO_DATE = 7;
/** ints: column; texts: a formula without a saved result. */
export const OP_FORMULA = 8;

export interface CellOps {
  ints: Int32Array;
  intCount: number;
  numbers: Float64Array;
  numberCount: number;
  texts: string[];
}

export class CellOpsWriter {
  private ints: Int32Array = new Int32Array(8192);
  private intCount = 0;
  private numbers: Float64Array = new Float64Array(4096);
  private numberCount = 0;
  private texts: string[] = [];

  row(rowNumber: number): void {
    this.reserve(1, 1);
    this.ints[this.intCount++] = OP_ROW;
    this.numbers[this.numberCount++] = rowNumber;
  }

  rowEnd(): void {
    this.reserve(1, 0);
    this.ints[this.intCount++] = OP_ROW_END;
  }

  number(op: typeof OP_SHARED | typeof OP_NUMBER, column: number, kind: number, value: number): void {
    this.reserve(3, 1);
    const ints = this.ints;
    ints[this.intCount] = op;
    ints[this.intCount + 1] = column;
    ints[this.intCount + 2] = kind;
    this.intCount += 3;
    this.numbers[this.numberCount++] = value;
  }

  text(
    op: typeof OP_TEXT | typeof OP_VALUE | typeof OP_ISO_DATE | typeof OP_FORMULA,
    column: number,
    text: string,
  ): void {
    this.reserve(2, 0);
    this.ints[this.intCount] = op;
    this.ints[this.intCount + 1] = column;
    this.intCount += 2;
    this.texts.push(text);
  }

  /** Arrays of decoded operations handed back for reuse. */
  private readonly spare: { ints: Int32Array; numbers: Float64Array }[] = [];

  /**
   * The operations written since the last take; the writer goes on in spare arrays or new ones
   * (the taken arrays may be transferred to another thread).
   */
  take(): CellOps {
    const ops: CellOps = {
      ints: this.ints,
      intCount: this.intCount,
      numbers: this.numbers,
      numberCount: this.numberCount,
      texts: this.texts,
    };
    const spare = this.spare.pop();
    this.ints = spare?.ints ?? new Int32Array(this.ints.length);
    this.intCount = 0;
    this.numbers = spare?.numbers ?? new Float64Array(this.numbers.length);
    this.numberCount = 0;
    this.texts = [];
    return ops;
  }

  /**
   * Arrays of operations already decoded, to write into again: a sheet's operations pass through
   * a few arrays instead of hundreds (in the worker, those would pile up as garbage outside its
   * small heap until its next collection: tens of MB of RSS).
   */
  recycle(ints: Int32Array, numbers: Float64Array): void {
    if (this.spare.length < 16) this.spare.push({ ints, numbers });
  }

  private reserve(ints: number, numbers: number): void {
    if (this.intCount + ints > this.ints.length) {
      const grown = new Int32Array(2 * this.ints.length);
      grown.set(this.ints);
      this.ints = grown;
    }
    if (this.numberCount + numbers > this.numbers.length) {
      const grown = new Float64Array(2 * this.numbers.length);
      grown.set(this.numbers);
      this.numbers = grown;
    }
  }
}

const CHAR_LT = 0x3c;
const CHAR_GT = 0x3e;
const CHAR_EQUALS = 0x3d;
const CHAR_QUOTE = 0x22;

/** Merged ranges kept per sheet: enough to report, bounded for hostile files. */
const MAX_MERGED_RANGES = 10_000;

/** Cell types (`<c t="…">`). */
const CELL_NUMBER = 0;
const CELL_SHARED = 1;
const CELL_STRING = 2; // inlineStr, str
const CELL_BOOLEAN = 3;
const CELL_ERROR = 4;
const CELL_ISO_DATE = 5;

function cellType(bytes: Buffer, start: number, end: number): number {
  switch (end - start) {
    case 1:
      switch (bytes[start]) {
        case 0x73: // s
          return CELL_SHARED;
        case 0x62: // b
          return CELL_BOOLEAN;
        case 0x65: // e
          return CELL_ERROR;
        case 0x64: // d
          return CELL_ISO_DATE;
      }
      return CELL_NUMBER;
    case 3:
      return isName(bytes, start, end, 'str') ? CELL_STRING : CELL_NUMBER;
    case 9:
      return isName(bytes, start, end, 'inlineStr') ? CELL_STRING : CELL_NUMBER;
  }
  return CELL_NUMBER;
}

/** The column index of the letters a cell reference starts with (`AB12` → 27), or -1. */
function columnOfRange(bytes: Buffer, start: number, end: number): number {
  let column = 0;
  let i = start;
  for (; i < end && i < start + 4; i++) {
    const code = bytes[i]! | 0x20;
    if (code < 0x61 || code > 0x7a) break;
    column = column * 26 + (code - 0x60);
  }
  return i === start ? -1 : column - 1;
}

/**
 * The sheet's cells from the scanner, written to `ops` as they close. The `r`, `s` and `t`
 * attributes of rows and cells are read raw, without decoding entities (Excel never writes any there).
 */
export class SheetCellsHandler implements ScanHandler {
  capturing = false;
  isDone = false;
  readonly ops = new CellOpsWriter();
  /** `<mergeCell ref="…">` after the sheet data */
  readonly merges: string[] = [];
  private inSheetData = false;
  private rowNumber = 0;

  private column = -1;
  private type = CELL_NUMBER;
  private style = 0;
  private value = '';
  /** The shared-string index read in place from the `<v>`, or -1. */
  private sharedIndex = -1;
  /** The number read in place from the `<v>`, or NaN. */
  private number = Number.NaN;
  private hasValue = false;
  private formula: string | null = null;
  private capture = 0; // 0 none, 1 <v>/<t> text, 2 <f> text
  private inInline = false;
  private inPhonetic = false;

  /** `formatKinds`: the kind of number format of each cell style (`<c s="…">`). */
  constructor(private readonly formatKinds: Uint8Array) {}

  open(scanner: XmlScanner, bytes: Buffer, nameStart: number, nameEnd: number, attributeCount: number): void {
    switch (nameEnd - nameStart) {
      case 1:
        switch (bytes[nameStart]) {
          case 0x63: // c
            this.openCell(scanner, bytes, attributeCount);
            return;
          case 0x76: // v
            this.value = '';
            this.sharedIndex = -1;
            this.number = Number.NaN;
            this.hasValue = true;
            this.capture = 1;
            this.capturing = true;
            return;
          case 0x66: // f
            this.formula = '';
            this.capture = 2;
            this.capturing = true;
            return;
          case 0x74: // t
            if (this.inInline && !this.inPhonetic) {
              this.capture = 1;
              this.capturing = true;
            }
            return;
        }
        return;
      case 2:
        if (isName(bytes, nameStart, nameEnd, 'is')) {
          this.inInline = true;
          this.hasValue = true;
        }
        return;
      case 3:
        if (isName(bytes, nameStart, nameEnd, 'row')) this.openRow(scanner, bytes, attributeCount);
        else if (isName(bytes, nameStart, nameEnd, 'rPh')) this.inPhonetic = true;
        return;
      case 9:
        if (isName(bytes, nameStart, nameEnd, 'sheetData')) this.inSheetData = true;
        else if (isName(bytes, nameStart, nameEnd, 'mergeCell') && this.merges.length < MAX_MERGED_RANGES) {
          for (let k = 0; k < attributeCount; k++) {
            if (scanner.isAttribute(bytes, k, 'ref')) this.merges.push(scanner.attributeValue(bytes, k));
          }
        }
        return;
    }
  }

  /**
   * The common cell, `<c r="B2" s="1" t="s"><v>42</v></c>` (attributes r, s, t in any order, each
   * optional; a number or a shared-string index), read in one go from `bytes[lt]`: its operation
   * written, the position after it returned. -1 for anything else (another attribute, a formula,
   * inline or other typed text, an entity, a cell cut by the chunk's end), which the scanner then
   * reads tag by tag. A third of the time of a sheet went to those four tags per cell.
   */
  readonly fastStart = 'c ';
  fast(bytes: Buffer, lt: number, length: number): number {
    if (!this.inSheetData) return -1;
    let at = -1;
    let type = CELL_NUMBER;
    let style = 0;
    let i = lt + 2;
    let code = 0;
    for (;;) {
      while (i < length && (code = bytes[i]!) === 0x20) i++;
      if (code === CHAR_GT) break;
      // a one-letter attribute name, `="`, its value, `"`
      if (i + 3 >= length || bytes[i + 1] !== CHAR_EQUALS || bytes[i + 2] !== CHAR_QUOTE) return -1;
      const valueStart = i + 3;
      let valueEnd = valueStart;
      while (valueEnd < length && bytes[valueEnd] !== CHAR_QUOTE) valueEnd++;
      if (valueEnd >= length) return -1;
      if (code === 0x72)
        at = columnOfRange(bytes, valueStart, valueEnd); // r
      else if (code === 0x74)
        type = cellType(bytes, valueStart, valueEnd); // t
      else if (code === 0x73)
        style = parseDigits(bytes, valueStart, valueEnd); // s
      else return -1;
      i = valueEnd + 1;
      if (i >= length) return -1;
      code = bytes[i]!;
      if (code !== 0x20 && code !== CHAR_GT) return -1;
    }
    if (style < 0 || (type !== CELL_NUMBER && type !== CELL_SHARED)) return -1;
    // `<v>` value `</v></c>`
    const valueStart = i + 4;
    if (valueStart + 8 > length || bytes[i + 1] !== CHAR_LT || bytes[i + 2] !== 0x76 || bytes[i + 3] !== CHAR_GT) {
      return -1;
    }
    let valueEnd = valueStart;
    while (valueEnd < length && bytes[valueEnd] !== CHAR_LT) valueEnd++;
    if (valueEnd + 8 > length || !isName(bytes, valueEnd, valueEnd + 8, '</v></c>')) return -1;
    let value: number;
    if (type === CELL_SHARED) {
      value = parseDigits(bytes, valueStart, valueEnd);
      if (value < 0) return -1;
    } else {
      value = parseDecimal(bytes, valueStart, valueEnd);
      if (value !== value) return -1; // NaN: not a plain decimal
    }
    const column = at < 0 ? this.column + 1 : at;
    this.column = column;
    if (type === CELL_SHARED) this.ops.number(OP_SHARED, column, 0, value);
    else this.ops.number(OP_NUMBER, column, this.formatKinds[style] ?? 0, value);
    return valueEnd + 8;
  }

  private openRow(scanner: XmlScanner, bytes: Buffer, attributeCount: number): void {
    let r = Number.NaN;
    const attributes = scanner.attributes;
    for (let k = 0; k < attributeCount; k++) {
      if (scanner.isAttribute(bytes, k, 'r')) {
        r = parseDigits(bytes, attributes[4 * k + 2]!, attributes[4 * k + 3]!);
        if (r < 0) r = Number(scanner.attributeValue(bytes, k));
      }
    }
    this.rowNumber = Number.isInteger(r) && r > 0 ? r : this.rowNumber + 1;
    this.column = -1;
    if (this.inSheetData) this.ops.row(this.rowNumber);
  }

  private openCell(scanner: XmlScanner, bytes: Buffer, attributeCount: number): void {
    let at = -1;
    let type = CELL_NUMBER;
    let style = 0;
    const attributes = scanner.attributes;
    for (let k = 0; k < attributeCount; k++) {
      const slot = 4 * k;
      const nameStart = attributes[slot]!;
      if (attributes[slot + 1]! - nameStart !== 1) continue;
      const valueStart = attributes[slot + 2]!;
      const valueEnd = attributes[slot + 3]!;
      switch (bytes[nameStart]) {
        case 0x72: // r
          at = columnOfRange(bytes, valueStart, valueEnd);
          break;
        case 0x74: // t
          type = cellType(bytes, valueStart, valueEnd);
          break;
        case 0x73: // s
          style = parseDigits(bytes, valueStart, valueEnd);
          if (style < 0) style = Number(scanner.attributeValue(bytes, k));
          break;
      }
    }
    this.column = at < 0 ? this.column + 1 : at;
    this.type = type;
    this.style = style;
    this.value = '';
    this.sharedIndex = -1;
    this.number = Number.NaN;
    this.hasValue = false;
    this.formula = null;
    this.inInline = false;
  }

  close(bytes: Buffer, nameStart: number, nameEnd: number): void {
    switch (nameEnd - nameStart) {
      case 1:
        switch (bytes[nameStart]) {
          case 0x76: // v
          case 0x74: // t
          case 0x66: // f
            this.capture = 0;
            this.capturing = false;
            return;
          case 0x63: // c
            if (this.inSheetData) this.closeCell();
            return;
        }
        return;
      case 3:
        if (isName(bytes, nameStart, nameEnd, 'row')) {
          if (this.inSheetData) this.ops.rowEnd();
        } else if (isName(bytes, nameStart, nameEnd, 'rPh')) {
          this.inPhonetic = false;
        }
        return;
      case 9:
        // The merged ranges follow the sheet data: read on to the end of the part (a few bytes more).
        if (isName(bytes, nameStart, nameEnd, 'sheetData')) this.inSheetData = false;
        return;
    }
  }

  text(bytes: Buffer, start: number, end: number, isRaw: boolean, isWhole: boolean): void {
    if (this.capture === 1) {
      if (isWhole && !isRaw && this.value === '') {
        // The whole `<v>` read in place: a shared-string index, a plain decimal.
        if (this.type === CELL_SHARED) {
          this.sharedIndex = parseDigits(bytes, start, end);
          if (this.sharedIndex >= 0) return;
        } else if (this.type === CELL_NUMBER) {
          this.number = parseDecimal(bytes, start, end);
          if (this.number === this.number) return; // not NaN
        }
      }
      this.value += xmlText(bytes, start, end, isRaw);
    } else if (this.capture === 2) {
      this.formula += xmlText(bytes, start, end, isRaw);
    }
  }

  private closeCell(): void {
    const column = this.column;
    const ops = this.ops;
    if (!this.hasValue) {
      if (this.formula !== null) ops.text(OP_FORMULA, column, this.formula);
      return;
    }
    const value = this.value;
    switch (this.type) {
      case CELL_SHARED:
        ops.number(OP_SHARED, column, 0, this.sharedIndex >= 0 ? this.sharedIndex : Number(value));
        return;
      case CELL_STRING:
        ops.text(OP_TEXT, column, decodeEscapes(value));
        return;
      case CELL_BOOLEAN:
        ops.text(OP_VALUE, column, value.trim() === '0' || value.trim().toLowerCase() === 'false' ? 'FALSE' : 'TRUE');
        return;
      case CELL_ERROR:
        ops.text(OP_VALUE, column, value);
        return;
      case CELL_ISO_DATE:
        ops.text(OP_ISO_DATE, column, value);
        return;
      default: {
        const number = this.number === this.number ? this.number : value.trim() === '' ? Number.NaN : Number(value);
        if (Number.isNaN(number)) ops.text(OP_VALUE, column, value);
        else ops.number(OP_NUMBER, column, this.formatKinds[this.style] ?? 0, number);
      }
    }
  }
}
