import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ReportV1 } from '../src/contracts/report-v1.js';
import { runCli } from './helpers/run-cli.js';

/**
 * The QA loop of the seeds (SPEC §5, §4.5, §10): draw a form, fill it as reviewers would, feed it
 * back with `report --qa`, and check IQS and reviewer agreement against hand-computed values.
 *
 * Criteria (test/fixtures/config/qa-criteria.json): greeting w1 pass/fail, resolved w3 pass/fail,
 * proactivity w2 on 1–5, rudeness w1 critical.
 * - contact A, Olga: pass, fail, 4, pass → 100 × (1 + 0 + 2·(4−1)/4 + 1) / 7 = 100 × 3.5 / 7 = 50
 * - contact A, Ivan: pass, pass, 4, pass → 100 × (1 + 3 + 1.5 + 1) / 7 = 92.857142…
 * - contact B, Olga: pass, pass, n/a, fail → rudeness failed: 0 (critical)
 * IQS = (50 + 92.857142… + 0) / 3 = 47.619047…; one critical fail.
 * Agreement on contact A (Olga vs Ivan): items greeting (1,1), resolved (0,1), proactivity (4,4),
 * rudeness (1,1) → 4 pairs, 3 identical = 75 %; Olga's values 1,0,4,1, Ivan's 1,1,4,1: pₒ = 0.75,
 * pₑ = (2·3 + 1·0 + 1·1) / 16 = 7/16, κ = (0.75 − 0.4375) / 0.5625 = 0.5555…; each reviewer's
 * deviation |50 − 92.857…| = 42.857….
 */
const config = ['--config', 'test/fixtures/config/qa-criteria.json'];

describe('the QA loop: sample → filled form → report --qa', () => {
  it('gives the hand-computed IQS and reviewer agreement', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-kpi-qa-'));
    const form = join(dir, 'qa-form.xlsx');
    const drawn = await runCli([
      'sample',
      'examples/2026-10',
      ...config,
      '--kind',
      'call',
      '--per-agent',
      '1',
      '--seed',
      'loop',
      '--format',
      'xlsx',
      '--out',
      form,
    ]);
    expect(drawn.exitCode, drawn.stderr).toBe(0);
    expect(drawn.stderr).toContain('seed: loop');

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(form);
    const sheet = workbook.worksheets[0]!;
    const header = Array.from(sheet.getRow(1).values as unknown[], (value) => String(value ?? ''));
    const column = (name: string) => header.indexOf(name);
    for (const name of ['contact_id', 'agent', 'greeting', 'resolved', 'proactivity', 'rudeness', 'reviewer']) {
      expect(column(name), name).toBeGreaterThan(0);
    }
    const rowA = sheet.getRow(2);
    const rowB = sheet.getRow(3);
    const contactA = String(rowA.getCell(column('contact_id')).value);
    const agentA = String(rowA.getCell(column('agent')).value);
    const fill = (row: ExcelJS.Row, values: Record<string, string>) => {
      for (const [name, value] of Object.entries(values)) row.getCell(column(name)).value = value;
    };
    fill(rowA, { greeting: 'pass', resolved: 'fail', proactivity: '4', rudeness: 'pass', reviewer: 'Olga' });
    fill(rowB, { greeting: 'pass', resolved: 'pass', proactivity: 'n/a', rudeness: 'fail', reviewer: 'Olga' });
    // Ivan reviews contact A again: a copy of row A below row B
    const copy = sheet.getRow(4);
    copy.values = rowA.values as ExcelJS.CellValue[];
    fill(copy, { resolved: 'pass', reviewer: 'Ivan' });
    // the other drawn contacts were not reviewed this month: leave them out of the form
    sheet.spliceRows(5, sheet.rowCount);
    const filled = join(dir, 'qa-form-filled.xlsx');
    await workbook.xlsx.writeFile(filled);

    const run = await runCli(['report', 'examples/2026-10', ...config, '--qa', filled, '--json']);
    expect(run.exitCode, run.stderr).toBe(0);
    const report = ReportV1.parse(JSON.parse(run.stdout));
    expect(report.overall.iqs).toMatchObject({ reviews: 3, criticalFails: 1 });
    expect(report.overall.iqs!.score).toBeCloseTo(47.619047619, 9);
    expect(report.overall.iqs!.criteria.proactivity).toMatchObject({ rated: 2, passPercent: 0, meanScore: 4 });
    expect(report.overall.iqs!.criteria.resolved).toMatchObject({ rated: 3 });
    expect(report.overall.targets.iqs).toBe('missed');
    expect(report.byAgent.find((row) => row.agent === agentA)!.iqs!.reviews).toBeGreaterThanOrEqual(2);

    expect(report.qa!.forms).toEqual([filled]);
    const agreement = report.qa!.agreement!;
    expect(agreement).toMatchObject({ pairs: 4, identicalPercent: 75 });
    expect(agreement.kappa).toBeCloseTo(0.5555555556, 9);
    expect(agreement.byCriterion.resolved).toMatchObject({ pairs: 1, identicalPercent: 0 });
    expect(agreement.byReviewer.map((r) => [r.reviewer, r.reviews, r.meanDeviation!.toFixed(6)])).toEqual([
      ['Ivan', 1, '42.857143'],
      ['Olga', 1, '42.857143'],
    ]);
    expect(contactA).toMatch(/^C\d+$/);
  });
});
