/**
 * The XLSX reference of `npm run bench` (issue 10): a bare exceljs streaming read of a workbook — WorkbookReader,
 * every worksheet, every row iterated and counted, nothing computed. Shared strings and styles are cached (styles
 * are what tell exceljs a number is a date, which a scorecard needs), hyperlinks ignored.
 *
 * Usage: node bench/exceljs-read.mjs FILE.xlsx   → prints `{"rows":N}` (rows of every sheet, header rows included)
 *
 * exceljs comes from the project's own node_modules, the version cs-kpi ships with.
 */
import ExcelJS from 'exceljs';

const [file] = process.argv.slice(2);
if (file === undefined) {
  process.stderr.write('usage: node bench/exceljs-read.mjs FILE.xlsx\n');
  process.exit(2);
}
const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
  entries: 'emit',
  sharedStrings: 'cache',
  styles: 'cache',
  hyperlinks: 'ignore',
  worksheets: 'emit',
});
let rows = 0;
for await (const worksheet of reader) {
  for await (const _row of worksheet) rows += 1;
}
process.stdout.write(`${JSON.stringify({ rows })}\n`);
