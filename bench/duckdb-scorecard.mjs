/**
 * The DuckDB side of `npm run bench`: the scorecard of `npm run verify` (bench/scorecard-sql.mjs, the same SQL and
 * the same CONFIG, calendar time) over four CSVs, printed as JSON in the report shape, one process per run so that it
 * is timed with its start-up as `cs-kpi report` is.
 *
 * Usage: node bench/duckdb-scorecard.mjs CALLS.csv TICKETS.csv SURVEYS.csv CUSTOMERS.csv > scorecard.json
 * (a clean `en` month of 2026-10 from bench/generate-month.mjs). Exit code 1 when DuckDB fails.
 */
import { resolve } from 'node:path';
import { computeScorecards } from './scorecard-sql.mjs';

const paths = process.argv.slice(2);
if (paths.length !== 4) {
  process.stderr.write('usage: node bench/duckdb-scorecard.mjs CALLS.csv TICKETS.csv SURVEYS.csv CUSTOMERS.csv\n');
  process.exit(2);
}
const [callsCsv, ticketsCsv, surveysCsv, customersCsv] = paths.map((path) => resolve(path));
try {
  const { expected } = await computeScorecards({ callsCsv, ticketsCsv, surveysCsv, customersCsv }, { business: false });
  process.stdout.write(`${JSON.stringify(expected)}\n`);
} catch (error) {
  process.stderr.write(`duckdb-scorecard: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
