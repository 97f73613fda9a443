/**
 * Issue 9: the numbers must not change with the CSV reader. cs-kpi's own tokenizer is checked
 * against csv-parse (the reference implementation) on random tables in read-csv.test.ts; here on
 * every CSV of the fixture months and the real exports, whole files: the same header and rows,
 * cell for cell, in the encoding and delimiter cs-kpi detected. Ingest is a pure function of those
 * rows, so the scorecards of these months are the same whichever reader produced them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDecoder } from 'node:util';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { openCsv } from './read-csv.js';

const root = join(import.meta.dirname, '..', '..');
const folders = ['examples/2026-10', 'examples/2026-10-ru', 'test/fixtures/oracle-month', 'test/fixtures/real'];
const files = folders.flatMap((folder) =>
  (readdirSync(join(root, folder), { recursive: true }) as string[])
    .filter((name) => /\.(csv|tsv|txt)$/i.test(name))
    .map((name) => join(folder, name)),
);

describe('cs-kpi CSV reader = csv-parse on whole fixture files', () => {
  it('covers the fixture months and the real exports', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  it.each(files)('%s', async (file) => {
    const source = await openCsv(join(root, file), { displayName: file });
    const rows: string[][] = [[...source.header]];
    for await (const row of source) rows.push([...row.cells]);
    if (source.format.type !== 'csv') throw new Error('not read as CSV');
    // `stream: true` as the reader decodes: Node 20's one-shot windows-1252 decode maps 0x80–0x9F
    // to C1 controls (its latin1 fast path), the streaming decode maps them as WHATWG says (0x82 → ‚).
    const decoder = new TextDecoder(source.format.encoding);
    const text = decoder.decode(readFileSync(join(root, file)), { stream: true }) + decoder.decode();
    const reference = parse(text, {
      delimiter: source.format.delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
    }) as string[][];
    expect(rows.length).toBe(reference.length);
    expect(rows).toEqual(reference);
  });
});
