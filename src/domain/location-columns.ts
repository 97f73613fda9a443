import { grown } from './grown.js';
import type { SourceLocation } from './source-location.js';

/** `sheets` values that are no sheet: a line location, and a location kept as given. */
const LINE = -1;
const OTHER = -2;

/** A cell address as readers write it: column letters, then the row. */
const CELL = /^([A-Z]{1,3})([1-9]\d{0,8})$/;

/**
 * Source locations of many kept rows, as columns: the file (and sheet, and column letters) as a
 * number into one table of names, and the line (or the cell's row) as a number. A location is
 * built again, equal to the one added, when an issue needs it; none is kept as an object (which,
 * with its cell string, cost ~60 bytes a row and one more object for the collector to trace),
 * but for a cell address of another shape, which stays as given.
 */
export class LocationColumns {
  private files = new Int32Array(1024);
  /** the table number of the sheet, or LINE, or OTHER */
  private sheets = new Int32Array(1024);
  private columns = new Int32Array(1024);
  private rows = new Int32Array(1024);
  private readonly names: string[] = [];
  private readonly numbers = new Map<string, number>();
  private readonly others = new Map<number, SourceLocation>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Adds a location at the next index. */
  add(location: SourceLocation): void {
    const i = this.count;
    if (i === this.files.length) this.grow();
    this.files[i] = this.number(location.file);
    if ('line' in location) {
      const fits = location.line <= 0x7fff_ffff; // a line past 2^31 (a file of several GB) stays as given
      this.sheets[i] = fits ? LINE : OTHER;
      this.rows[i] = fits ? location.line : -1;
      if (!fits) this.others.set(i, location);
    } else {
      const cell = CELL.exec(location.cell);
      if (cell === null) this.others.set(i, location);
      this.sheets[i] = this.number(location.sheet);
      this.columns[i] = cell === null ? -1 : this.number(cell[1]!);
      this.rows[i] = cell === null ? -1 : Number(cell[2]);
    }
    this.count = i + 1;
  }

  file(i: number): string {
    return this.names[this.files[i]!]!;
  }

  get(i: number): SourceLocation {
    const file = this.file(i);
    const sheet = this.sheets[i]!;
    if (sheet === LINE) return { file, line: this.rows[i]! };
    if (sheet === OTHER) return this.others.get(i)!;
    const column = this.columns[i]!;
    if (column < 0) return this.others.get(i)!;
    return { file, sheet: this.names[sheet]!, cell: `${this.names[column]!}${this.rows[i]!}` };
  }

  private number(name: string): number {
    let number = this.numbers.get(name);
    if (number === undefined) {
      number = this.names.length;
      this.names.push(name);
      this.numbers.set(name, number);
    }
    return number;
  }

  private grow(): void {
    const length = 2 * this.count;
    this.files = grown(this.files, length);
    this.sheets = grown(this.sheets, length);
    this.columns = grown(this.columns, length);
    this.rows = grown(this.rows, length);
  }
}
