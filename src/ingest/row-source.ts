import type { SourceLocation } from '../domain/source-location.js';

/**
 * What ingest expects from a reader (STYLE §4.2): the header once, then rows as positional arrays
 * of cell text with their location. Rows are never objects keyed by header text.
 */
export interface RawRow {
  readonly cells: readonly string[];
  readonly location: SourceLocation;
}

export type SourceFormat =
  { type: 'csv'; encoding: string; encodingGuessed: boolean; delimiter: string } | { type: 'xlsx'; sheet: string };

export interface RowSource extends AsyncIterable<RawRow> {
  readonly header: readonly string[];
  /** Where the header was found (its line, or its sheet and cell). */
  readonly headerLocation: SourceLocation;
  readonly format: SourceFormat;
  /**
   * The rows the reader already holds after the one the iterator returned last, handed over at
   * once; iteration goes on after them. Saves a promise per row on the hot path. A row whose
   * issues are reported as it is turned out (an XLSX formula without a result) is left to the
   * iterator, so that issues keep the rows' order.
   */
  takeBuffered?(): readonly RawRow[];
}
