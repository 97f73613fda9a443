/**
 * What `npm pack` ships (issue 11 item 4): bin, dist, schemas, README.md and LICENSE (and
 * package.json, which npm always adds), nothing else; and the shipped files are enough on their
 * own, without the repository's docs/, for `report --format xlsx`, which reads docs/metrics.md.
 */
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/run-cli.js';

const temp = mkdtempSync(join(tmpdir(), 'cs-kpi-package-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

async function packedFiles(): Promise<string[]> {
  // --ignore-scripts: lists the dist/ that `npm test` has just built, instead of rebuilding it under the other e2e tests.
  const pack = await execa('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: repoRoot });
  const [packed] = JSON.parse(pack.stdout) as [{ files: { path: string }[] }];
  return packed.files.map((file) => file.path);
}

describe('the npm package', () => {
  it('ships only bin, dist, schemas, README.md, LICENSE and package.json', async () => {
    const files = await packedFiles();
    const outside = files.filter(
      (path) => !/^(bin|dist|schemas)\//.test(path) && !['README.md', 'LICENSE', 'package.json'].includes(path),
    );
    expect(outside).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'bin/cs-kpi.js', 'dist/docs/metrics.md']));
    expect(files.filter((path) => /\.test\.js$|\.map$|\.d\.ts$/.test(path))).toEqual([]);
  }, 60_000);

  it('runs from the shipped files alone: the XLSX report has its Definitions sheet', async () => {
    const installed = join(temp, 'node_modules', 'cs-kpi');
    for (const path of await packedFiles()) cpSync(join(repoRoot, path), join(installed, path));
    symlinkSync(join(repoRoot, 'node_modules'), join(installed, 'node_modules'), 'dir');
    const out = join(temp, 'report.xlsx');
    const run = await execa(
      process.execPath,
      [join(installed, 'bin', 'cs-kpi.js'), 'report', join(repoRoot, 'examples', '2026-10'), '--month', '2026-10'],
      { reject: false, env: { NO_COLOR: '1' } },
    ).then(() =>
      execa(
        process.execPath,
        [
          join(installed, 'bin', 'cs-kpi.js'),
          'report',
          join(repoRoot, 'examples', '2026-10'),
          '--month',
          '2026-10',
          '--format',
          'xlsx',
          '--out',
          out,
        ],
        { reject: false, env: { NO_COLOR: '1' } },
      ),
    );
    expect(run.exitCode, String(run.stderr)).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const definitions = workbook.getWorksheet('Definitions');
    expect(definitions?.rowCount).toBeGreaterThan(10);
  }, 60_000);
});
