/**
 * `npm run bench` — how fast and how lean `cs-kpi report` is (SPEC §9, issues 9 and 10), measured against references
 * run in the same session on the same files:
 *
 *   1m    the 1M month (en): `cs-kpi report … --format json` vs DuckDB running the SQL of `npm run verify`
 *         (bench/duckdb-scorecard.mjs, a process per run, so both include process start);
 *   ru    a 300k month in both dialects: cs-kpi on `ru` (Windows-1251, `;`, CRLF) vs cs-kpi on `en`;
 *   3m    the 1M month with 3M calls: cs-kpi's peak RSS against the 1M month's;
 *   xlsx  a 200k-row calls workbook: cs-kpi report vs a bare exceljs streaming read (bench/exceljs-read.mjs).
 *
 * Each comparison runs interleaved rounds: before every round each input file is read once, untimed (so the page
 * cache is warm for every contender alike), then every contender runs once, the order alternating from round to
 * round. A run is a fresh `node` process under `/usr/bin/time -f %M`: wall time from spawn to exit, peak RSS (the
 * kernel's maximum resident set size of the process, KiB), stdout to /dev/null — except in the first round, whose
 * stdout goes to bench/data/out/ for the checks (row counts, no data-quality issues, cs-kpi = DuckDB figures, ru =
 * en figures). rows/s = data rows of all input files / median seconds.
 *
 * Usage: node bench/bench.mjs [--quick] [--only 1m,ru,3m,xlsx] [--rounds N]
 *   --quick   smaller months and fewer rounds: a smoke run of the harness (writes bench/data/RESULTS-quick.md)
 *   --only    run only these parts (writes bench/data/RESULTS-partial.md)
 *   --rounds  rounds of every comparison (default 5, 7 for xlsx; --quick 3); the 3m part runs 3 times (quick 2)
 * Only a full run writes bench/RESULTS.md. Data is generated into bench/data/ (git-ignored) and reused while the
 * generator arguments and scripts are unchanged (stamp files). Needs the build (dist/) and bench/node_modules, which
 * `npm run bench` provides. Not part of `npm test`.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { compareReports } from './compare-reports.mjs';
import { CONFIG, MONTH } from './scorecard-sql.mjs';

const benchDir = dirname(fileURLToPath(import.meta.url));
const root = dirname(benchDir);
const dataDir = join(benchDir, 'data');
const outDir = join(dataDir, 'out');
/** A copy of the build taken at the start: what is measured cannot change if dist/ is rebuilt during the run. */
const buildDir = join(dataDir, 'cs-kpi-build');
const BUILD_PARTS = ['package.json', 'bin', 'dist', 'docs'];
const TIME = '/usr/bin/time';
const PARTS = ['1m', 'ru', '3m', 'xlsx'];

const options = (() => {
  try {
    const { values } = parseArgs({
      options: { quick: { type: 'boolean' }, only: { type: 'string' }, rounds: { type: 'string' } },
    });
    const only = values.only === undefined ? PARTS : values.only.split(',').map((part) => part.trim());
    const unknown = only.filter((part) => !PARTS.includes(part));
    if (unknown.length > 0) throw new Error(`--only: unknown part ${unknown.join(', ')} (parts: ${PARTS.join(', ')})`);
    const rounds = values.rounds === undefined ? undefined : Number(values.rounds);
    if (rounds !== undefined && !(Number.isInteger(rounds) && rounds >= 1)) throw new Error('--rounds: a count ≥ 1');
    return { quick: values.quick === true, only, rounds };
  } catch (error) {
    process.stderr.write(`bench: ${error.message}\n`);
    process.exit(2);
  }
})();

/** Sizes: the issues' months, or small ones for --quick. */
const SIZES = options.quick
  ? {
      month: { calls: 100_000, tickets: 50_000, surveys: 20_000, customers: 5_000 },
      dialectMonth: { calls: 30_000, tickets: 15_000, surveys: 6_000, customers: 1_500 },
      bigMonth: { calls: 300_000, tickets: 50_000, surveys: 20_000, customers: 5_000 },
      xlsxRows: 20_000,
      rounds: options.rounds ?? 3,
      xlsxRounds: options.rounds ?? 3,
      bigRuns: 2,
    }
  : {
      month: { calls: 1_000_000, tickets: 500_000, surveys: 200_000, customers: 50_000 },
      dialectMonth: { calls: 300_000, tickets: 150_000, surveys: 60_000, customers: 15_000 },
      bigMonth: { calls: 3_000_000, tickets: 500_000, surveys: 200_000, customers: 50_000 },
      xlsxRows: 200_000,
      rounds: options.rounds ?? 5,
      xlsxRounds: options.rounds ?? 7,
      bigRuns: 3,
    };
/** The issues' acceptance figures. */
const TARGETS = {
  duckdbRatio: 1.2,
  rssMiB: 200,
  ruRatio: 1.3,
  bigRssRatio: 1.5,
  xlsxRowsPerSecond: 100_000,
  xlsxRssMiB: 200,
  xlsxRatio: 1.2,
};
const KINDS = ['calls', 'tickets', 'surveys', 'customers'];
const configFile = join(dataDir, 'bench-cs-kpi.config.json');

const log = (line) => process.stderr.write(`bench: ${line}\n`);
const rel = (path) => relative(root, path);
const fmtInt = (n) => Math.round(n).toLocaleString('en-US');
const fmtSeconds = (s) => `${s.toFixed(s < 10 ? 3 : 2)} s`;
const fmtMiB = (kib) => `${fmtInt(kib / 1024)} MiB`;
const fmtRatio = (r) => (Number.isFinite(r) ? r.toFixed(2) : 'n/a');
const fmtK = (n) => (n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1000}k`);
/** Names of the parts' inputs by their actual sizes ("1M month", or "100k month" with --quick). */
const LABEL = {
  month: `${fmtK(SIZES.month.calls)} month`,
  dialectMonth: `${fmtK(SIZES.dialectMonth.calls)} month`,
  bigMonth: `${fmtK(SIZES.bigMonth.calls)}-calls month`,
  workbook: `${fmtK(SIZES.xlsxRows)}-row workbook`,
};
const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

// ───────────────────────────── data ─────────────────────────────

/** Runs a node script to completion; its stderr goes to ours (the generator's summary lines). */
function runScript(script, args) {
  execFileSync(process.execPath, [join(benchDir, script), ...args], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** True when `dir` holds `files` and the stamp says they were made from `stamp`; else clears the stamp. */
function isFresh(dir, files, stamp) {
  const stampFile = join(dir, '.bench-stamp.json');
  if (files.every((file) => existsSync(file)) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
    return true;
  }
  rmSync(stampFile, { force: true });
  return false;
}

/** A month of the generator in bench/data/bench-c…-t…-s…-k…-DIALECT/, generated unless the stamp matches. */
function month(sizes, dialect) {
  const name = `bench-c${fmtK(sizes.calls)}-t${fmtK(sizes.tickets)}-s${fmtK(sizes.surveys)}-k${fmtK(sizes.customers)}-${dialect}`;
  const dir = join(dataDir, name);
  const files = KINDS.map((kind) => join(dir, `${kind}.csv`));
  const args = ['--out', rel(dir), '--month', MONTH, '--dialect', dialect];
  for (const kind of KINDS) args.push(`--${kind}`, String(sizes[kind]));
  const stamp = JSON.stringify({ args, generator: sha256(join(benchDir, 'generate-month.mjs')) });
  if (isFresh(dir, files, stamp)) {
    log(`reusing ${rel(dir)}`);
  } else {
    log(`generating ${rel(dir)}`);
    mkdirSync(dir, { recursive: true });
    runScript('generate-month.mjs', args);
    writeFileSync(join(dir, '.bench-stamp.json'), stamp);
  }
  const rows = KINDS.reduce((sum, kind) => sum + sizes[kind], 0);
  return { name, dir, files, rows, bytes: totalBytes(files), sizes, dialect };
}

/** The calls of a `rows`-calls month as a workbook (bench/make-xlsx.mjs), made unless the stamp matches. */
function workbook(rows) {
  const source = month({ calls: rows, tickets: 1_000, surveys: 1_000, customers: 100 }, 'en');
  const file = join(source.dir, 'calls.xlsx');
  const stamp = JSON.stringify({
    source: readFileSync(join(source.dir, '.bench-stamp.json'), 'utf8'),
    script: sha256(join(benchDir, 'make-xlsx.mjs')),
    exceljs: packageVersion(join(root, 'node_modules', 'exceljs')),
  });
  const stampFile = join(source.dir, '.xlsx-stamp.json');
  if (existsSync(file) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
    log(`reusing ${rel(file)}`);
  } else {
    log(`writing ${rel(file)}`);
    rmSync(stampFile, { force: true });
    runScript('make-xlsx.mjs', [rel(source.files[0]), rel(file), '--sheet', 'Calls']);
    writeFileSync(stampFile, stamp);
  }
  return { name: `${fmtK(rows)}-row calls workbook`, file, files: [file], rows, bytes: totalBytes([file]) };
}

function totalBytes(files) {
  return files.reduce((sum, file) => sum + statSync(file).size, 0);
}

function packageVersion(dir) {
  try {
    return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
  } catch {
    return 'not installed';
  }
}

/** Reads every file once, untimed, so the page cache holds them before a round. */
const warmBuffer = Buffer.allocUnsafe(4 * 1024 * 1024);
function warm(files) {
  for (const file of files) {
    const fd = openSync(file, 'r');
    try {
      while (readSync(fd, warmBuffer, 0, warmBuffer.length, null) > 0);
    } finally {
      closeSync(fd);
    }
  }
}

// ───────────────────────────── runs ─────────────────────────────

/** Copies the build (bin/, dist/, docs/, package.json) to bench/data/cs-kpi-build/; returns a hash of dist/. */
function snapshotBuild() {
  rmSync(buildDir, { recursive: true, force: true });
  for (const part of BUILD_PARTS) cpSync(join(root, part), join(buildDir, part), { recursive: true });
  const hash = createHash('sha256');
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else hash.update(`${relative(buildDir, path)}\0`).update(readFileSync(path));
    }
  };
  walk(join(buildDir, 'dist'));
  return hash.digest('hex').slice(0, 12);
}

/** `cs-kpi report FILES --month 2026-10 --config <verify's CONFIG> --format json`, as the shipped bin runs it. */
const csKpi = (label, files) => ({
  label,
  args: [
    rel(join(buildDir, 'bin', 'cs-kpi.js')),
    'report',
    ...files.map(rel),
    '--month',
    MONTH,
    '--config',
    rel(configFile),
    '--format',
    'json',
  ],
});
const duckDb = (files) => ({ label: 'DuckDB (verify SQL)', args: ['bench/duckdb-scorecard.mjs', ...files.map(rel)] });
const exceljsRead = (file) => ({ label: 'exceljs bare read', args: ['bench/exceljs-read.mjs', rel(file)] });
const commandLine = (contender) => `node ${contender.args.join(' ')}`;

/** One run: a fresh node under /usr/bin/time; stdout to /dev/null or to `stdoutFile`. Throws when it fails. */
async function runOnce(contender, stdoutFile) {
  const rssFile = join(outDir, 'time-rss.txt');
  const stderrFile = join(outDir, 'last-run.stderr');
  const stdout = stdoutFile === undefined ? 'ignore' : openSync(stdoutFile, 'w');
  const stderr = openSync(stderrFile, 'w');
  const args = ['-f', '%M %U %S', '-o', rssFile, process.execPath, ...contender.args];
  const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
  let code;
  const load = loadAverage().split(' ')[0];
  const since = performance.now();
  try {
    const child = spawn(TIME, args, { cwd: root, stdio: ['ignore', stdout, stderr], env });
    code = await new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', (exitCode, signal) => resolve(signal === null ? exitCode : signal));
    });
  } finally {
    if (typeof stdout === 'number') closeSync(stdout);
    closeSync(stderr);
  }
  const seconds = (performance.now() - since) / 1000;
  if (code !== 0) {
    const tail = readFileSync(stderrFile, 'utf8').trim().split('\n').slice(-10).join('\n');
    throw new Error(`${commandLine(contender)} exited with ${code}:\n${tail}`);
  }
  // `Command exited with …` lines may come first; the format's line is the last one.
  const [rssKiB, user, system] = readFileSync(rssFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  if (!Number.isFinite(rssKiB) || !Number.isFinite(user + system)) throw new Error(`${TIME} wrote no figures`);
  return { seconds, rssKiB, cpuSeconds: user + system, load };
}

/**
 * Interleaved rounds: warm the files, then each contender once, the order reversed every other round. The first
 * round's stdout of each contender goes to bench/data/out/<part>-<i>.json for the checks.
 */
async function rounds(part, contenders, files, count) {
  const results = contenders.map((contender, index) => ({
    ...contender,
    runs: [],
    output: join(outDir, `${part}-${index}.json`),
  }));
  for (let round = 0; round < count; round++) {
    warm(files);
    const order = round % 2 === 0 ? results : [...results].reverse();
    for (const result of order) {
      const run = await runOnce(result, round === 0 ? result.output : undefined);
      result.runs.push(run);
      log(
        `${part} round ${round + 1}/${count}: ${result.label} ${fmtSeconds(run.seconds)}, ` +
          `CPU ${fmtSeconds(run.cpuSeconds)}, ${fmtMiB(run.rssKiB)} (load ${run.load})`,
      );
    }
  }
  return results.map((result) => ({ ...result, ...summarise(result.runs) }));
}

function summarise(runs) {
  const seconds = runs.map((run) => run.seconds);
  const rss = runs.map((run) => run.rssKiB);
  return {
    median: median(seconds),
    best: Math.min(...seconds),
    worst: Math.max(...seconds),
    cpuMedian: median(runs.map((run) => run.cpuSeconds)),
    rssMedian: median(rss),
    rssMax: Math.max(...rss),
  };
}

// ───────────────────────────── checks ─────────────────────────────

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

/** A cs-kpi report of a clean month: every input row read, none with an issue. Returns failed checks. */
function checkReport(report, expectedRows) {
  const failures = [];
  const rows = (report.inputs ?? []).reduce((sum, input) => sum + input.rows, 0);
  if (rows !== expectedRows) failures.push(`cs-kpi read ${fmtInt(rows)} rows, not ${fmtInt(expectedRows)}`);
  if (report.dataQuality?.issues !== 0)
    failures.push(`cs-kpi reported ${report.dataQuality?.issues} data-quality issues`);
  return failures;
}

/**
 * compareReports over the figures the oracle shape holds (`against` plays the oracle); its difference lines say
 * `cs-kpi X vs duckdb Y`, renamed to `names`.
 */
function agreement(report, against, names = ['cs-kpi', 'duckdb']) {
  const { figures, groups, differences } = compareReports(report, against);
  const rename = (line) => line.replace(/: cs-kpi (.*) vs duckdb /, `: ${names[0]} $1 vs ${names[1]} `);
  return { figures, groups, differences: differences.map(rename) };
}

// ───────────────────────────── parts ─────────────────────────────

async function partMonth() {
  const data = month(SIZES.month, 'en');
  const [cs, duck] = await rounds(
    '1m',
    [csKpi('cs-kpi report', data.files), duckDb(data.files)],
    data.files,
    SIZES.rounds,
  );
  const report = readJson(cs.output);
  const failures = checkReport(report, data.rows);
  const same = agreement(report, readJson(duck.output));
  return { data, contenders: [cs, duck], ratio: cs.median / duck.median, failures, same };
}

async function partDialects() {
  const en = month(SIZES.dialectMonth, 'en');
  const ru = month(SIZES.dialectMonth, 'ru');
  const [csEn, csRu] = await rounds(
    'ru',
    [csKpi('cs-kpi report, en', en.files), csKpi('cs-kpi report, ru', ru.files)],
    [...en.files, ...ru.files],
    SIZES.rounds,
  );
  const enReport = readJson(csEn.output);
  const ruReport = readJson(csRu.output);
  const failures = [...checkReport(enReport, en.rows), ...checkReport(ruReport, ru.rows)];
  const { overall, byAgent, byChannel, byAgentChannel, bySegment, dataQuality } = enReport;
  const same = agreement(ruReport, { overall, byAgent, byChannel, byAgentChannel, bySegment, dataQuality }, [
    'ru',
    'en',
  ]);
  return { en, ru, contenders: [csEn, csRu], ratio: csRu.median / csEn.median, failures, same };
}

async function partBigMonth() {
  const data = month(SIZES.bigMonth, 'en');
  const [cs] = await rounds('3m', [csKpi('cs-kpi report', data.files)], data.files, SIZES.bigRuns);
  return { data, contenders: [cs], failures: checkReport(readJson(cs.output), data.rows) };
}

async function partXlsx() {
  const data = workbook(SIZES.xlsxRows);
  const [cs, bare] = await rounds(
    'xlsx',
    [csKpi('cs-kpi report', [data.file]), exceljsRead(data.file)],
    data.files,
    SIZES.xlsxRounds,
  );
  const failures = checkReport(readJson(cs.output), data.rows);
  const bareRows = readJson(bare.output).rows;
  if (bareRows !== data.rows + 1) failures.push(`exceljs read ${fmtInt(bareRows)} rows, not ${fmtInt(data.rows + 1)}`);
  return { data, contenders: [cs, bare], ratio: cs.median / bare.median, failures };
}

// ───────────────────────────── report ─────────────────────────────

function machine() {
  const cpuModel = /^model name\s*:\s*(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model;
  const memKiB = Number(/^MemTotal:\s*(\d+)/m.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1] ?? totalmem() / 1024);
  return {
    node: process.version,
    nproc: execFileSync('nproc', { encoding: 'utf8' }).trim(),
    cpu: cpuModel,
    memory: `${(memKiB / 1024 / 1024).toFixed(1)} GiB`,
    date: execFileSync('date', ['-u'], { encoding: 'utf8' }).trim(),
    duckdb: packageVersion(join(benchDir, 'node_modules', '@duckdb', 'node-api')),
    exceljs: packageVersion(join(root, 'node_modules', 'exceljs')),
    head: gitHead(),
  };
}

/** The commit checked out (read from .git; the working tree, and so dist/, may differ from it). */
function gitHead() {
  try {
    const head = readFileSync(join(root, '.git', 'HEAD'), 'utf8').trim();
    if (!head.startsWith('ref: ')) return head.slice(0, 12);
    const ref = head.slice(5);
    const loose = join(root, '.git', ref);
    if (existsSync(loose))
      return `${readFileSync(loose, 'utf8').trim().slice(0, 12)} (${ref.replace('refs/heads/', '')})`;
    const packed = readFileSync(join(root, '.git', 'packed-refs'), 'utf8');
    const line = packed.split('\n').find((entry) => entry.endsWith(` ${ref}`));
    return line ? `${line.slice(0, 12)} (${ref.replace('refs/heads/', '')})` : 'unknown';
  } catch {
    return 'unknown';
  }
}

const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const verdict = (met) => (met ? 'met' : 'missed');

function monthLine(data) {
  const { calls, tickets, surveys, customers } = data.sizes;
  return (
    `${fmtInt(calls)} calls + ${fmtInt(tickets)} tickets + ${fmtInt(surveys)} answers + ${fmtInt(customers)} ` +
    `customers = ${fmtInt(data.rows)} rows, ${(data.bytes / 1e6).toFixed(1)} MB (${data.dialect}, ${rel(data.dir)})`
  );
}

/** The rows of a contenders table: [label, median, best, worst, RSS median, RSS max, rows/s]. */
function contenderRows(contenders, rows) {
  return contenders.map((c) => [
    c.label,
    fmtSeconds(c.median),
    fmtSeconds(c.best),
    fmtSeconds(c.worst),
    fmtSeconds(c.cpuMedian),
    fmtMiB(c.rssMedian),
    fmtMiB(c.rssMax),
    fmtInt(rows / c.median),
  ]);
}
const CONTENDER_HEADER = [
  'run',
  'median',
  'best',
  'worst',
  'CPU median',
  'peak RSS median',
  'peak RSS max',
  'rows/s (median)',
];

/** The same ratio on CPU time (user + system): less moved by other load on the machine, but blind to waiting. */
const cpuRatioLine = ([a, b]) =>
  `on CPU time instead (medians, for reference; the targets are on wall time): ${a.label} / ${b.label} ` +
  `${fmtRatio(a.cpuMedian / b.cpuMedian)}`;

/** Every run, in order: "12.345 s / CPU 13.000 s / 1,024 MiB / load 1.02". */
const runList = (c) =>
  c.runs
    .map(
      (run) =>
        `${fmtSeconds(run.seconds)} / CPU ${fmtSeconds(run.cpuSeconds)} / ${fmtMiB(run.rssKiB)} / load ${run.load}`,
    )
    .join('; ');

function textTable(header, rows) {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => String(row[i]).length)));
  const line = (row) =>
    row.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join('  ');
  return [line(header), ...rows.map(line)].map((text) => `  ${text}`).join('\n');
}

function markdownTable(header, rows) {
  const line = (row) => `| ${row.join(' | ')} |`;
  return [line(header), line(header.map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.map(line)].join('\n');
}

/** The acceptance table: [target, measured, goal, verdict]. */
function targetRows(results) {
  const rows = [];
  const { m1, ru, m3, xlsx } = measured(results);
  if (m1) {
    const [cs] = m1.contenders;
    rows.push([
      `cs-kpi / DuckDB wall time, ${LABEL.month} (medians)`,
      fmtRatio(m1.ratio),
      `≤ ${TARGETS.duckdbRatio}`,
      m1.ratio <= TARGETS.duckdbRatio,
    ]);
    rows.push([
      `cs-kpi peak RSS, ${LABEL.month} (max of runs)`,
      fmtMiB(cs.rssMax),
      `≤ ${TARGETS.rssMiB} MiB`,
      cs.rssMax / 1024 <= TARGETS.rssMiB,
    ]);
  }
  if (ru)
    rows.push([
      `cs-kpi ru / en wall time, ${LABEL.dialectMonth} (medians)`,
      fmtRatio(ru.ratio),
      `≤ ${TARGETS.ruRatio}`,
      ru.ratio <= TARGETS.ruRatio,
    ]);
  if (m3) {
    const [big] = m3.contenders;
    const base = m1?.contenders[0];
    const ratio = base ? big.rssMedian / base.rssMedian : NaN;
    rows.push([
      `cs-kpi peak RSS, ${LABEL.bigMonth} / ${LABEL.month} (medians)`,
      base ? `${fmtRatio(ratio)} (${fmtMiB(big.rssMedian)} / ${fmtMiB(base.rssMedian)})` : 'n/a (1m not run)',
      `≤ ${TARGETS.bigRssRatio}`,
      base ? ratio <= TARGETS.bigRssRatio : null,
    ]);
  }
  if (xlsx) {
    const [cs] = xlsx.contenders;
    const rowsPerSecond = xlsx.data.rows / cs.median;
    rows.push([
      `cs-kpi XLSX rows/s, ${LABEL.workbook} (median)`,
      fmtInt(rowsPerSecond),
      `≥ ${fmtInt(TARGETS.xlsxRowsPerSecond)}`,
      rowsPerSecond >= TARGETS.xlsxRowsPerSecond,
    ]);
    rows.push([
      'cs-kpi XLSX peak RSS (max of runs)',
      fmtMiB(cs.rssMax),
      `≤ ${TARGETS.xlsxRssMiB} MiB`,
      cs.rssMax / 1024 <= TARGETS.xlsxRssMiB,
    ]);
    rows.push([
      'cs-kpi XLSX / bare exceljs read wall time (medians)',
      fmtRatio(xlsx.ratio),
      `≤ ${TARGETS.xlsxRatio}`,
      xlsx.ratio <= TARGETS.xlsxRatio,
    ]);
  }
  const names = { m1: '1m', ru: 'ru', m3: '3m', xlsx: 'xlsx' };
  for (const [key, result] of Object.entries(results)) {
    if (result.error !== undefined) rows.push([`every target of the ${names[key]} part`, 'the run failed', '', null]);
  }
  return rows.map(([name, value, goal, met]) => [name, value, goal, met === null ? 'not measured' : verdict(met)]);
}

/** The parts that ran to the end (a failed part has only `error` and `failures`). */
function measured(results) {
  return Object.fromEntries(Object.entries(results).filter(([, result]) => result.error === undefined));
}

function checkLines(results) {
  const lines = [];
  const failures = (part, list) =>
    lines.push(`${part}: ${list.length === 0 ? 'every input row read, no data-quality issue' : list.join('; ')}`);
  const agree = (part, label, same) => {
    lines.push(
      `${part}: ${label}: ${fmtInt(same.figures)} figures compared over ${same.groups} groups, ` +
        `${same.differences.length} differences`,
    );
    for (const difference of same.differences.slice(0, 5)) lines.push(`  ${difference}`);
  };
  if (results.m1) {
    failures('1m', results.m1.failures);
    if (results.m1.same) agree('1m', 'cs-kpi = DuckDB', results.m1.same);
  }
  if (results.ru) {
    failures('ru', results.ru.failures);
    if (results.ru.same) agree('ru', 'cs-kpi on ru = cs-kpi on en (the same records)', results.ru.same);
  }
  if (results.m3) failures('3m', results.m3.failures);
  if (results.xlsx) failures('xlsx', results.xlsx.failures);
  return lines;
}

function render(results, info) {
  const { m1, ru, m3, xlsx } = measured(results);
  const text = [];
  const md = [];
  const kind = options.quick
    ? 'quick (smoke run, small months)'
    : options.only.length < PARTS.length
      ? 'partial'
      : 'full';
  text.push(`npm run bench — ${kind} — ${info.date}`);
  text.push(
    `node ${info.node} · ${info.nproc} cores · ${info.cpu} · ${info.memory} · DuckDB ${info.duckdb} · exceljs ` +
      `${info.exceljs} · HEAD ${info.head} · dist ${info.distHash} · load ${info.loadStart} → ${info.loadEnd} · ${info.minutes} min`,
  );
  md.push('# `npm run bench` — results', '');
  md.push(
    `Run: **${kind}**, ${info.date}, ${info.minutes} minutes. Written by \`bench/bench.mjs\` (bench/README.md).`,
    '',
  );
  md.push('## Machine', '');
  md.push(
    `- \`node -v\`: ${info.node}`,
    `- \`nproc\`: ${info.nproc}`,
    `- CPU (/proc/cpuinfo): ${info.cpu}`,
    `- memory (MemTotal): ${info.memory}`,
    `- \`date -u\` at the start: ${info.date}`,
    `- load average (1, 5, 15 min) at the start → at the end: ${info.loadStart} → ${info.loadEnd}`,
    `- DuckDB (\`@duckdb/node-api\`): ${info.duckdb}; exceljs: ${info.exceljs}`,
    `- git HEAD: ${info.head}; dist/ is built from the working tree by \`npm run bench\` and copied to ` +
      `${rel(buildDir)}/ at the start (sha256 of its dist/: ${info.distHash}); cs-kpi runs from that copy`,
    '',
  );
  md.push('## Acceptance (issues 9 and 10)', '');
  const targets = targetRows(results);
  md.push(markdownTable(['target', 'measured', 'goal', 'verdict'], targets), '');
  md.push(
    "RSS is the kernel's maximum resident set size of the process (`/usr/bin/time -f %M`, KiB), shown in MiB " +
      '(2^20 bytes); the 200 MB targets are read as 200 MiB. Wall time runs from spawn to exit of a fresh `node` ' +
      'process (start-up included) under `/usr/bin/time`. Medians of the rounds; rows/s = data rows of all input ' +
      'files / median seconds.',
    '',
  );

  const section = (title, subtitle, contenders, rows, extra) => {
    text.push('', title, `  ${subtitle}`, textTable(CONTENDER_HEADER, contenderRows(contenders, rows)));
    for (const line of extra) text.push(`  ${line}`);
    md.push(`## ${title}`, '', subtitle, '', markdownTable(CONTENDER_HEADER, contenderRows(contenders, rows)), '');
    for (const line of extra) md.push(`- ${line}`);
    md.push('', 'Every run, in order (wall / CPU user+system / peak RSS / 1-minute load average at its start):', '');
    for (const c of contenders) md.push(`- ${c.label}: ${runList(c)}`);
    md.push('', "Commands (each as `/usr/bin/time -f '%M %U %S' -o FILE node …`, stdout to /dev/null):", '');
    md.push('```sh', ...contenders.map(commandLine), '```', '');
  };
  if (m1) {
    section(
      `${LABEL.month}: cs-kpi vs DuckDB, ${m1.contenders[0].runs.length} interleaved rounds`,
      monthLine(m1.data),
      m1.contenders,
      m1.data.rows,
      [
        `cs-kpi / DuckDB (medians): ${fmtRatio(m1.ratio)} (target ≤ ${TARGETS.duckdbRatio}, stretch < 1)`,
        cpuRatioLine(m1.contenders),
      ],
    );
  }
  if (ru) {
    section(
      `${LABEL.dialectMonth}: cs-kpi on ru vs en, ${ru.contenders[0].runs.length} interleaved rounds`,
      `${monthLine(ru.en)}; the same records in ru: ${(ru.ru.bytes / 1e6).toFixed(1)} MB (${rel(ru.ru.dir)})`,
      ru.contenders,
      ru.en.rows,
      [
        `ru / en (medians): ${fmtRatio(ru.ratio)} (target ≤ ${TARGETS.ruRatio})`,
        cpuRatioLine([...ru.contenders].reverse()),
      ],
    );
  }
  if (m3) {
    const [big] = m3.contenders;
    const base = m1?.contenders[0];
    section(`${LABEL.bigMonth}: cs-kpi, ${big.runs.length} runs`, monthLine(m3.data), m3.contenders, m3.data.rows, [
      base
        ? `peak RSS ${LABEL.bigMonth} / ${LABEL.month} (medians): ${fmtRatio(big.rssMedian / base.rssMedian)}; (max of runs): ` +
          `${fmtRatio(big.rssMax / base.rssMax)} (target ≤ ${TARGETS.bigRssRatio})`
        : `peak RSS ${LABEL.bigMonth} / ${LABEL.month}: n/a (the 1m part did not run)`,
    ]);
  }
  if (xlsx) {
    section(
      `XLSX: cs-kpi vs a bare exceljs read, ${xlsx.contenders[0].runs.length} interleaved rounds`,
      `${fmtInt(xlsx.data.rows)} data rows + a header, one sheet, ${(xlsx.data.bytes / 1e6).toFixed(1)} MB ` +
        `(${rel(xlsx.data.file)}, from the generator's calls.csv by bench/make-xlsx.mjs)`,
      xlsx.contenders,
      xlsx.data.rows,
      [
        `cs-kpi / bare read (medians): ${fmtRatio(xlsx.ratio)} (target ≤ ${TARGETS.xlsxRatio})`,
        cpuRatioLine(xlsx.contenders),
      ],
    );
  }
  text.push('', 'Acceptance (issues 9 and 10)', textTable(['target', 'measured', 'goal', 'verdict'], targets));
  const checks = checkLines(results);
  text.push('', "Checks (first round's output)", ...checks.map((line) => `  ${line}`));
  md.push('## Checks', '', "On the first round's output of each part (bench/data/out/):", '');
  md.push(...checks.map((line) => (line.startsWith('  ') ? `  - \`${line.trim()}\`` : `- ${line}`)), '');
  md.push(
    '## How it was run',
    '',
    '```sh',
    `npm run bench${options.quick ? ' -- --quick' : ''}   # npm run build && npm install --prefix bench && node bench/bench.mjs`,
    '```',
    '',
    `Rounds: before each round every input file of the part is read once, untimed (page cache warm); then each ` +
      `contender runs once, the order reversed every other round. The first round writes stdout to bench/data/out/ ` +
      `for the checks, every other round to /dev/null. cs-kpi runs with ${rel(configFile)}: the config of ` +
      '`npm run verify` (Europe/Moscow, its targets, no business hours). DuckDB runs the calendar-time SQL of ' +
      '`npm run verify` (bench/scorecard-sql.mjs) over the same CSVs, with its default threads.',
    '',
  );
  return { text: `${text.join('\n')}\n`, markdown: `${md.join('\n')}\n` };
}

// ───────────────────────────── main ─────────────────────────────

async function main() {
  const started = performance.now();
  if (!existsSync(TIME)) throw new Error(`${TIME} is missing (Debian package "time"): it measures peak RSS`);
  if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run npm run build');
  mkdirSync(outDir, { recursive: true });
  const distHash = snapshotBuild();
  log(`measuring the build copied to ${rel(buildDir)} (dist/ sha256 ${distHash})`);
  writeFileSync(configFile, `${JSON.stringify(CONFIG, null, 2)}\n`);
  const loadStart = loadAverage();
  const startInfo = { ...machine(), distHash };
  const results = {};
  const want = (part) => options.only.includes(part);
  // A part that fails (a run exits non-zero, a file is missing) is reported as failed; the others still run.
  const attempt = async (part, measure) => {
    try {
      return await measure();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log(`${part} failed: ${message}`);
      return {
        error: message.split('\n').slice(0, 3).join(' · '),
        failures: [`failed: ${message.split('\n').slice(0, 2).join(' ')}`],
      };
    }
  };
  if (want('1m')) results.m1 = await attempt('1m', partMonth);
  if (want('ru')) results.ru = await attempt('ru', partDialects);
  if (want('3m')) results.m3 = await attempt('3m', partBigMonth);
  if (want('xlsx')) results.xlsx = await attempt('xlsx', partXlsx);
  const info = {
    ...startInfo,
    loadStart,
    loadEnd: loadAverage(),
    minutes: ((performance.now() - started) / 60000).toFixed(1),
  };
  const { text, markdown } = render(results, info);
  process.stdout.write(text);
  const resultsFile = options.quick
    ? join(dataDir, 'RESULTS-quick.md')
    : options.only.length < PARTS.length
      ? join(dataDir, 'RESULTS-partial.md')
      : join(benchDir, 'RESULTS.md');
  writeFileSync(resultsFile, markdown);
  writeFileSync(join(outDir, 'results.json'), `${JSON.stringify({ info, sizes: SIZES, results }, null, 2)}\n`);
  log(`wrote ${rel(resultsFile)}`);
  const failed = Object.values(results).some((result) => result.failures.length > 0);
  if (failed) log('a check failed (see Checks): the timings above may not be of a correct run');
  process.exitCode = failed ? 1 : 0;
}

try {
  await main();
} catch (error) {
  process.stderr.write(`bench: failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
