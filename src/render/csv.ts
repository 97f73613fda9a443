/**
 * CSV output (SPEC §6): RFC 4180 quoting, `\n` line ends, and formula neutralisation of text that
 * came from inputs. Trusted text the tool wrote itself (headers, labels) is passed as `{ text }`.
 */
import { neutraliseFormula } from './neutralise-formula.js';

export type CsvCell = string | number | boolean | null | { text: string };

/** Quotes a field when it contains the delimiter, a quote or a line break, or starts or ends with a space. */
export function formatCsvField(value: string, delimiter = ','): string {
  const needsQuotes =
    value.includes(delimiter) ||
    value.includes('"') ||
    value.includes('\n') ||
    value.includes('\r') ||
    value.startsWith(' ') ||
    value.endsWith(' ');
  return needsQuotes ? `"${value.replaceAll('"', '""')}"` : value;
}

function cellText(cell: CsvCell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return neutraliseFormula(cell);
  // NaN or Infinity never reaches a cell (the metrics give null instead); should one slip through, it is blank, not text.
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return String(cell);
  return cell.text;
}

export function renderCsv(rows: ReadonlyArray<ReadonlyArray<CsvCell>>, options: { delimiter?: string } = {}): string {
  const delimiter = options.delimiter ?? ',';
  let out = '';
  for (const row of rows) {
    const line = row.map((cell) => formatCsvField(cellText(cell), delimiter)).join(delimiter);
    // A lone empty cell would be an empty line, which readers skip.
    out += (line === '' && row.length === 1 ? '""' : line) + '\n';
  }
  return out;
}
