/**
 * Runs every command of `test/hostile.e2e.test.ts` over the hostile corpus and prints what the
 * tool does with each case: exit code, wall time, peak memory (RSS, via /usr/bin/time) and the
 * first error line. For the issue-11 note and for looking into a failure by hand; `npm run build`
 * first. Not part of `npm test`.
 *
 *   npx tsx scripts/run-hostile-corpus.ts [--keep] [--heap MB] [--commands a,b] [NAME-SUBSTRING…]
 *
 * `--commands` runs those commands on every case instead of the test's selection
 * (inspect, report-table, report-json, report-csv, report-xlsx, sample, followups, sample-xlsx,
 * followups-csv); `CS_KPI_BIN` runs another build.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import {
  commandsOf,
  expectedExit,
  makeCorpus,
  type CommandName,
  type HostileCase,
} from '../test/hostile/make-corpus.js';
import { commandArgs } from '../test/hostile/commands.js';

const args = process.argv.slice(2);
const keep = args.includes('--keep');
const valueOf = (flag: string): string | undefined => {
  const at = args.indexOf(flag);
  return at >= 0 ? args[at + 1] : undefined;
};
const heap = valueOf('--heap');
const only = valueOf('--commands')?.split(',') as CommandName[] | undefined;
const filters = args.filter((arg, i) => !arg.startsWith('--') && !['--heap', '--commands'].includes(args[i - 1] ?? ''));
const cli = process.env.CS_KPI_BIN ?? new URL('../bin/cs-kpi.js', import.meta.url).pathname;
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

const root = mkdtempSync(join(tmpdir(), 'cs-kpi-hostile-'));
const cases = makeCorpus(root, filters.length === 0 ? undefined : (name) => filters.some((f) => name.includes(f)));

async function run(hostile: HostileCase, command: CommandName) {
  const out = mkdtempSync(join(root, '.out-'));
  const argv = [cli, ...commandArgs(hostile, command, out)];
  const stats = join(out, 'time.txt');
  const started = performance.now();
  const result = await execa(
    timeBin ?? process.execPath,
    timeBin ? ['-f', '%M', '-o', stats, process.execPath, ...argv] : argv,
    {
      cwd: hostile.dir,
      reject: false,
      extendEnv: false,
      timeout: 60_000,
      env: {
        PATH: process.env.PATH ?? '',
        TZ: 'Europe/Moscow',
        LANG: 'C.UTF-8',
        NO_COLOR: '1',
        ...(heap === undefined ? {} : { NODE_OPTIONS: `--max-old-space-size=${heap}` }),
      },
    },
  );
  const seconds = (performance.now() - started) / 1000;
  const rssMb =
    timeBin && existsSync(stats) ? Number(readFileSync(stats, 'utf8').trim().split('\n').pop()) / 1024 : NaN;
  const stderr = String(result.stderr);
  const error = stderr.split('\n').find((line) => line.startsWith('cs-kpi: ')) ?? '';
  return {
    exit: result.timedOut ? 'TIMEOUT' : (result.exitCode ?? result.signal),
    expected: expectedExit(hostile, command),
    seconds,
    rssMb,
    error,
    stack: /^\s+at /m.test(stderr),
  };
}

for (const hostile of cases) {
  process.stdout.write(`\n${hostile.name} — ${hostile.what}\n`);
  for (const command of only ?? commandsOf(hostile)) {
    const r = await run(hostile, command);
    const flag = r.exit !== r.expected || r.stack || r.error.includes('internal error') ? '  <<<' : '';
    process.stdout.write(
      `  ${command.padEnd(13)} exit ${String(r.exit).padEnd(2)} ${r.seconds.toFixed(2).padStart(6)} s ${r.rssMb.toFixed(0).padStart(5)} MB  ${r.error.slice(0, 260)}${flag}\n`,
    );
  }
}
if (keep) process.stdout.write(`\ncorpus kept in ${root}\n`);
else rmSync(root, { recursive: true, force: true });
