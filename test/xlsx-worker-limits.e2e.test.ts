/**
 * The sheet worker's share of the archive's size limit (src/ingest/read-xlsx.ts, `scanInWorker`):
 * the built reader (the worker runs only from dist/) reads a workbook at exactly its declared size
 * both ways while its big shared-string table is still being read when the worker starts, and
 * refuses one byte less both ways with the same sentence.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as ReadXlsx from '../src/ingest/read-xlsx.js';
import { repoRoot } from './helpers/run-cli.js';
import { workbookEntries, zip } from './hostile/zip.js';

const built = (await import(pathToFileURL(join(repoRoot, 'dist', 'ingest', 'read-xlsx.js')).href)) as typeof ReadXlsx;

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const STRINGS = Array.from({ length: 40_000 }, (_, i) => `Agent ${i} ${'x'.repeat(i % 17)}`);
const ROWS = 3_000;

let dir: string;
let path: string;
let declared: number;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cs-kpi-xlsx-worker-limits-'));
  const rows = Array.from({ length: ROWS }, (_, i) => {
    const r = i + 2;
    return `<row r="${r}"><c r="A${r}" t="s"><v>${(i * 7) % STRINGS.length}</v></c><c r="B${r}"><v>${i}</v></c></row>`;
  }).join('');
  const header =
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Agent</t></is></c><c r="B1" t="inlineStr"><is><t>Talk Seconds</t></is></c></row>';
  const entries = workbookEntries({
    sheets: [
      {
        name: 'Calls',
        xml: `<?xml version="1.0"?><worksheet xmlns="${MAIN}"><sheetData>${header}${rows}</sheetData></worksheet>`,
      },
    ],
    sharedStrings: STRINGS,
  });
  declared = entries.reduce((sum, entry) => sum + Buffer.byteLength(entry.data), 0);
  path = join(dir, 'book.xlsx');
  writeFileSync(path, zip(entries));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  delete process.env.CS_KPI_XLSX_WORKER;
});

async function read(worker: 'always' | 'never', maxUncompressedBytes: number): Promise<unknown> {
  process.env.CS_KPI_XLSX_WORKER = worker;
  try {
    const source = await built.openXlsx(path, { displayName: 'book.xlsx', maxUncompressedBytes });
    const rows: (readonly string[])[] = [];
    for await (const row of source) rows.push(row.cells);
    return { header: source.header, rows };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

describe('the sheet worker holds the archive limit exactly as the main thread does', () => {
  it('reads a workbook of exactly the limit both ways, the same rows', async () => {
    const inWorker = await read('always', declared);
    expect(inWorker).toEqual(await read('never', declared));
    expect((inWorker as { rows: unknown[] }).rows).toHaveLength(ROWS);
    expect((inWorker as { rows: string[][] }).rows[1]).toEqual([STRINGS[7], '1']);
  });

  it('refuses one byte less both ways, with the same sentence naming the limit', async () => {
    const inWorker = await read('always', declared - 1);
    expect(inWorker).toEqual(await read('never', declared - 1));
    expect(inWorker).toEqual({
      error: expect.stringMatching(/^book\.xlsx: refused to unpack: it unpacks to more than /),
    });
  });
});
