/**
 * Turns a CSV of bench/generate-month.mjs (`en` dialect) into a one-sheet XLSX workbook, the input of the XLSX part of
 * `npm run bench` (issue 10): written with exceljs's streaming writer, with shared strings and styles as Excel saves
 * them. Cells are typed as a PBX or helpdesk export has them: timestamps (`2026-10-05 14:03:27`) and dates
 * (`2026-10-05`) become date cells (`yyyy-mm-dd hh:mm:ss` / `yyyy-mm-dd`, the serial of the naive wall-clock time),
 * the numeric columns below become numbers, empty cells stay empty, everything else is a string.
 *
 * Usage: node bench/make-xlsx.mjs IN.csv OUT.xlsx [--sheet NAME]
 *
 * exceljs and csv-parse come from the project's own node_modules (a dependency and a devDependency).
 */
import { createReadStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';

/** Header names whose cells are numbers (calls, tickets, surveys, customers of the generator). */
const NUMBER_COLUMNS = new Set(['Wait Seconds', 'Talk Seconds', 'Satisfaction', 'Reopens', 'Score', 'MRR']);
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const { values, positionals } = parseArgs({ options: { sheet: { type: 'string' } }, allowPositionals: true });
if (positionals.length !== 2) {
  process.stderr.write('usage: node bench/make-xlsx.mjs IN.csv OUT.xlsx [--sheet NAME]\n');
  process.exit(2);
}
const [input, output] = positionals;
const started = performance.now();

const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: output, useSharedStrings: true, useStyles: true });
const sheet = workbook.addWorksheet(values.sheet ?? 'Sheet1');
let header;
let numeric = [];
let rows = 0;
for await (const record of createReadStream(input).pipe(parse({ bom: true, relax_column_count: false }))) {
  if (header === undefined) {
    header = record;
    numeric = header.map((name) => NUMBER_COLUMNS.has(name));
    sheet.addRow(header).commit();
    continue;
  }
  const row = sheet.addRow(record.map((text, index) => cellValue(text, numeric[index])));
  record.forEach((text, index) => {
    if (TIMESTAMP.test(text)) row.getCell(index + 1).numFmt = 'yyyy-mm-dd hh:mm:ss';
    else if (DATE.test(text)) row.getCell(index + 1).numFmt = 'yyyy-mm-dd';
  });
  row.commit();
  rows += 1;
}
sheet.commit();
await workbook.commit();
process.stderr.write(
  `make-xlsx: ${output}: ${rows.toLocaleString('en-US')} rows in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
);

/** A date cell holds the naive wall-clock time as UTC, so its serial is that wall-clock time (no zone shift). */
function cellValue(text, isNumber) {
  if (text === '') return null;
  let match = TIMESTAMP.exec(text);
  if (match) {
    const [, y, mo, d, h, mi, s] = match.map(Number);
    return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  }
  match = DATE.exec(text);
  if (match) return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (isNumber && Number.isFinite(Number(text))) return Number(text);
  return text;
}
