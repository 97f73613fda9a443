import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
const require = createRequire(import.meta.url);
import { describe, expect, it } from 'vitest';
import { ReportV1 } from '../src/contracts/report-v1.js';
import { runCli } from './helpers/run-cli.js';

const config = ['--config', 'examples/cs-kpi.config.json'];

describe('cs-kpi report --format xlsx', () => {
  it('writes a workbook whose figures equal the JSON report, with no formula anywhere', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-kpi-xlsx-'));
    const file = join(dir, 'scorecard.xlsx');
    const run = await runCli(['report', 'examples/2026-10', ...config, '--format', 'xlsx', '--out', file]);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toBe('');
    const json = ReportV1.parse(JSON.parse((await runCli(['report', 'examples/2026-10', ...config, '--json'])).stdout));

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const names = workbook.worksheets.map((sheet) => sheet.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'Summary',
        'By agent',
        'By channel',
        'Agent × channel',
        'Segments',
        'Calls',
        'Data quality',
        'Definitions',
      ]),
    );

    const byAgent = workbook.getWorksheet('By agent')!;
    const header = Array.from(byAgent.getRow(1).values as unknown[], (value) => String(value ?? ''));
    const csatColumn = header.findIndex((text) => text.startsWith('CSAT %'));
    expect(csatColumn).toBeGreaterThan(0);
    expect(byAgent.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(byAgent.autoFilter).toBeTruthy();
    for (const [index, agent] of json.byAgent.entries()) {
      const row = byAgent.getRow(index + 2);
      expect(row.getCell(1).value).toBe(agent.agent);
      expect(row.getCell(csatColumn).value ?? null).toBe(agent.csat?.percent ?? null);
    }

    // XML: no formula, and every text cell a shared or inline string
    const JSZip = createRequire(require.resolve('exceljs'))('jszip') as {
      loadAsync(data: Buffer): Promise<{ files: Record<string, { async(type: 'string'): Promise<string> }> }>;
    };
    const zip = await JSZip.loadAsync(readFileSync(file));
    for (const [name, entry] of Object.entries(zip.files)) {
      if (!name.endsWith('.xml')) continue;
      const xml = await entry.async('string');
      expect(xml, name).not.toMatch(/<f[ >]/);
      expect(xml, name).not.toContain('t="str"');
    }
  });

  it('--format xlsx without --out is a usage error', async () => {
    const run = await runCli(['report', 'examples/2026-10', '--format', 'xlsx']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(
      '--format: xlsx is a binary workbook, not for a terminal; give --out FILE.xlsx as well.',
    );
  });
});

describe('cs-kpi report --format xlsx --compare', () => {
  it('adds a change sheet whose deltas equal the JSON compare block', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-kpi-xlsx-'));
    const file = join(dir, 'compare.xlsx');
    const args = ['report', 'test/fixtures/real/pwc-call-center', '--month', '2021-02', '--compare', '2021-01'];
    const run = await runCli([...args, '--format', 'xlsx', '--out', file]);
    expect(run.exitCode, run.stderr).toBe(0);
    const json = ReportV1.parse(JSON.parse((await runCli([...args, '--json'])).stdout));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet('Change since 2021-01')!;
    const header = Array.from(sheet.getRow(1).values as unknown[], (value) => String(value ?? ''));
    const csat = header.indexOf('Δ CSAT %');
    expect(sheet.getRow(2).getCell(1).value).toBe('All contacts');
    expect(sheet.getRow(2).getCell(csat).value).toBe(json.compare!.overall.csat!.percent!.delta);
    const becky = json.compare!.byAgent.find((row) => row.agent === 'Becky') as unknown as {
      csat: { percent: { delta: number } };
    };
    expect(sheet.getRow(3).getCell(1).value).toBe('Agent: Becky');
    expect(sheet.getRow(3).getCell(csat).value).toBe(becky.csat.percent.delta);
  });
});
