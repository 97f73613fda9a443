/**
 * A big sheet is inflated and scanned in a worker thread (src/ingest/xlsx-sheet-thread.ts); a
 * small one in the main thread. `CS_KPI_XLSX_WORKER=always|never` forces either way, so every
 * workbook here — the XLSX fixtures, the real exports and the hostile corpus's workbooks (limits,
 * damage, malformed XML, bombs) — is run both ways through the built CLI: the same output, the
 * same error sentence, the same exit code.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { type HostileCase, makeCorpus } from './hostile/make-corpus.js';

const fixtures = join(import.meta.dirname, 'fixtures');
const WORKBOOKS = [
  ...readdirSync(join(fixtures, 'xlsx'))
    .filter((name) => name.endsWith('.xlsx'))
    .map((name) => join(fixtures, 'xlsx', name)),
  join(fixtures, 'real', 'pwc-call-center', 'call-center-dataset.xlsx'),
  join(fixtures, 'real', 'onyx-tech-support', 'onyx-technical-support-may-2024.xlsx'),
];

async function bothWays(args: string[], cwd?: string): Promise<void> {
  const inWorker = await runCli(args, { cwd, env: { CS_KPI_XLSX_WORKER: 'always' } });
  const inMain = await runCli(args, { cwd, env: { CS_KPI_XLSX_WORKER: 'never' } });
  expect(inWorker).toEqual(inMain);
}

describe('a sheet read in the worker thread gives what it gives read in the main thread', () => {
  it.each(WORKBOOKS)('%s', async (path) => {
    await bothWays(['report', path, '--month', '2026-10', '--json']);
  });

  describe('the hostile corpus’s workbooks', () => {
    let root: string;
    let cases: HostileCase[] = [];

    beforeAll(() => {
      root = mkdtempSync(join(tmpdir(), 'cs-kpi-xlsx-worker-'));
      cases = makeCorpus(root, (name) => name.startsWith('xlsx-') || name === 'formula-text-xlsx-inputs');
    });

    afterAll(() => {
      rmSync(root, { recursive: true, force: true });
    });

    it('runs every workbook case both ways', async () => {
      expect(cases.length).toBeGreaterThan(20);
      for (const hostile of cases) {
        const month = hostile.month === null ? [] : ['--month', hostile.month ?? '2026-10'];
        await bothWays(['report', ...hostile.inputs, ...(hostile.options ?? []), ...month, '--json'], hostile.dir);
      }
    }, 240_000);
  });
});
