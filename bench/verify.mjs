/**
 * `npm run verify` — the independent oracle (STYLE §4.6): the `cs-kpi report --format json` scorecard of a
 * generated month must equal the same figures computed in SQL by DuckDB from the raw CSV files.
 *
 * The SQL (bench/scorecard-sql.mjs, shared with `npm run bench`) is written from SPEC §3, §4 and §10 alone, not from
 * src/: every CSV is read with `all_varchar=true` and every type is parsed there, so nothing is inferred differently
 * by accident. Blocks follow one rule: a block is present when its group has at least one input row of that
 * block's source (calls, tickets, answers, customers); nps, csat and fcr need n > 0 because their
 * fields are not nullable in `cs-kpi/report@1`.
 *
 * Two comparisons on the same month: the config CONFIG (calendar time), then BUSINESS_CONFIG, which adds business
 * hours (SPEC §3 "Business hours", §10 "Business time, more"): there the first-response and resolution blocks are in
 * business time and carry their calendar-time twin as `calendar`; every other block is unchanged.
 *
 * Usage:
 *   node bench/verify.mjs                      generate (or reuse) bench/data/verify/ and compare
 *   node bench/verify.mjs --data DIR           compare on the four CSVs already in DIR (a clean `en` month
 *                                              of 2026-10 from bench/generate-month.mjs), DIR/cs-kpi.config.json and
 *                                              DIR/cs-kpi.business-hours.config.json (each written when missing)
 *   … --write-oracle FILE                      then, only when nothing differs, write DuckDB's figures of the first
 *                                              comparison (no business hours) to FILE in the report shape (the
 *                                              committed fixture of test/oracle.e2e.test.ts)
 *
 * Exit code: 0 when every figure agrees, 1 on any difference or when a step fails.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual, parseArgs, promisify } from 'node:util';
import { compareReports } from './compare-reports.mjs';
import { BUSINESS_CONFIG, CONFIG, MONTH, computeScorecards } from './scorecard-sql.mjs';

const started = performance.now();
const benchDir = dirname(fileURLToPath(import.meta.url));
const root = dirname(benchDir);
const options = (() => {
  try {
    return parseArgs({ options: { data: { type: 'string' }, 'write-oracle': { type: 'string' } } }).values;
  } catch (error) {
    process.stderr.write(`verify: ${error.message}\n`);
    process.exit(1);
  }
})();
const dataDir = options.data === undefined ? join(benchDir, 'data', 'verify') : resolve(options.data);
const oracleFile = options['write-oracle'] === undefined ? undefined : resolve(options['write-oracle']);
const files = ['calls', 'tickets', 'surveys', 'customers'].map((kind) => join(dataDir, `${kind}.csv`));
const [callsCsv, ticketsCsv, surveysCsv, customersCsv] = files;
const configFile = join(dataDir, 'cs-kpi.config.json');
const businessConfigFile = join(dataDir, 'cs-kpi.business-hours.config.json');

const GENERATOR_ARGS = [
  '--out',
  relative(root, dataDir),
  '--calls',
  '200000',
  '--tickets',
  '100000',
  '--surveys',
  '40000',
  '--customers',
  '20000',
  '--agents',
  '24',
];

const run = promisify(execFile);
const elapsed = (since) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
const log = (line) => process.stderr.write(`verify: ${line}\n`);

// ───────────────────────────── 1. the month ─────────────────────────────

/** Generates the month unless the files exist and the stamp says they came from these arguments. */
async function generateMonth() {
  const generator = join(benchDir, 'generate-month.mjs');
  const stampFile = join(dataDir, '.verify-stamp.json');
  const stamp = JSON.stringify({
    args: GENERATOR_ARGS,
    generator: createHash('sha256').update(readFileSync(generator)).digest('hex'),
  });
  if (files.every((file) => existsSync(file)) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
    log(`reusing ${relative(root, dataDir)} (same generator arguments)`);
    return;
  }
  const since = performance.now();
  mkdirSync(dataDir, { recursive: true });
  await run(process.execPath, [generator, ...GENERATOR_ARGS], { cwd: root });
  writeFileSync(stampFile, stamp);
  log(`generated ${relative(root, dataDir)} in ${elapsed(since)}`);
}

/** The config cs-kpi reads must be the one the SQL is written for: written when missing, checked when given. */
function writeOrCheckConfig(file, config, name) {
  if (options.data === undefined || !existsSync(file)) {
    writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
    return;
  }
  if (!isDeepStrictEqual(JSON.parse(readFileSync(file, 'utf8')), config)) {
    throw new Error(`${relative(root, file)} is not the config this oracle computes (${name} in bench/verify.mjs)`);
  }
}

/** `--data DIR`: the month is given, not generated. */
function checkGivenMonth() {
  const missing = files.filter((file) => !existsSync(file));
  if (missing.length > 0) throw new Error(`missing ${missing.map((file) => relative(root, file)).join(', ')}`);
  log(`using ${relative(root, dataDir)}`);
}

// ───────────────────────────── 2. cs-kpi ─────────────────────────────

async function runReport(config, label) {
  const since = performance.now();
  const args = ['bin/cs-kpi.js', 'report', ...files.map((file) => relative(root, file))];
  args.push('--month', MONTH, '--config', relative(root, config), '--format', 'json');
  let stdout;
  try {
    ({ stdout } = await run(process.execPath, args, { cwd: root, maxBuffer: 1024 * 1024 * 1024 }));
  } catch (error) {
    const stderr = String(error.stderr ?? '').trim();
    throw new Error(`node ${args.join(' ')} exited with ${error.code}${stderr ? `:\n${stderr}` : ''}`);
  }
  log(`cs-kpi report${label} in ${elapsed(since)}`);
  return JSON.parse(stdout);
}

// ───────────────────────────── 3. DuckDB (bench/scorecard-sql.mjs) ─────────────────────────────

async function computeWithDuckDb() {
  const since = performance.now();
  const result = await computeScorecards({ callsCsv, ticketsCsv, surveysCsv, customersCsv });
  log(`DuckDB in ${elapsed(since)}`);
  return result;
}

// ───────────────────────────── 4. comparison (bench/compare-reports.mjs) ─────────────────────────────

/** The oracle as a JSON file; a figure JSON cannot hold (NaN, ±Infinity) is an error, not a silent null. */
function writeOracle(expected) {
  const json = JSON.stringify(
    {
      about:
        'DuckDB output of bench/verify.mjs: the scorecard computed in SQL from the CSVs of this folder (SPEC §3, §4, ' +
        '§10), not by cs-kpi. Regenerate with npm run oracle:update.',
      month: MONTH,
      ...expected,
    },
    (key, value) => {
      if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`${key}: ${value} has no JSON form`);
      return value;
    },
    2,
  );
  writeFileSync(oracleFile, `${json}\n`);
  log(`wrote ${relative(root, oracleFile)}`);
}

/** Prints up to 20 differences (prefixed with `prefix`) and the summary line; returns how many differ. */
function printComparison(label, prefix, { figures, groups, differences }) {
  for (const difference of differences.slice(0, 20)) process.stdout.write(`${prefix}${difference}\n`);
  if (differences.length > 20) process.stdout.write(`${prefix}… and ${differences.length - 20} more\n`);
  process.stdout.write(
    `${label}: ${figures} figures compared over ${groups} groups, ${differences.length} differences\n`,
  );
  return differences.length;
}

/**
 * Guards the business-hours comparison against silently skipping the nested `calendar` objects: a calendar figure
 * made wrong on purpose must come out as exactly one difference at its path.
 */
function checkCalendarIsCompared(report, expected) {
  for (const [block, field] of [
    ['firstResponse', 'medianMinutes'],
    ['resolution', 'oldestOpenHours'],
  ]) {
    const corrupted = structuredClone(report);
    const calendar = corrupted.overall?.[block]?.calendar;
    if (typeof calendar?.[field] !== 'number') continue; // then the real comparison reports it already
    calendar[field] += 1;
    const path = `overall.${block}.calendar.${field}`;
    const found = compareReports(corrupted, expected).differences.filter((line) => line.startsWith(`${path}: `));
    if (found.length !== 1) throw new Error(`compareReports does not report a wrong ${path}`);
  }
}

async function main() {
  try {
    if (options.data === undefined) await generateMonth();
    else checkGivenMonth();
    writeOrCheckConfig(configFile, CONFIG, 'CONFIG');
    writeOrCheckConfig(businessConfigFile, BUSINESS_CONFIG, 'BUSINESS_CONFIG');
    const [report, businessReport, { expected, businessExpected }] = await Promise.all([
      runReport(configFile, ''),
      runReport(businessConfigFile, ' (business hours)'),
      computeWithDuckDb(),
    ]);
    const comparison = compareReports(report, expected);
    const businessComparison = compareReports(businessReport, businessExpected);
    checkCalendarIsCompared(businessReport, businessExpected);
    log(`total ${elapsed(started)}`);
    const differing =
      printComparison('verify', '', comparison) +
      printComparison('verify (business hours)', '(business hours) ', businessComparison);
    process.exitCode = differing > 0 ? 1 : 0;
    if (oracleFile !== undefined) {
      if (differing > 0) log(`not writing ${relative(root, oracleFile)}: cs-kpi and DuckDB differ`);
      else writeOracle(expected);
    }
  } catch (error) {
    process.stderr.write(`verify: failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}

await main();
