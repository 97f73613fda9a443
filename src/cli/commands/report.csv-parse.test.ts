/**
 * Issue 9: "the numbers do not change". The same months are scored twice through `runReport`: once
 * with cs-kpi's own CSV tokenizer, once with every CSV read by csv-parse (the reference
 * implementation) instead — same encoding and delimiter detection, then csv-parse's records as the
 * rows. The JSON reports must be byte-identical, data-quality issues and their lines included.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { TextDecoder } from 'node:util';
import { Chalk } from 'chalk';
import { parse } from 'csv-parse/sync';
import { describe, expect, it, vi } from 'vitest';
import type { RawRow, RowSource } from '../../ingest/row-source.js';
import type { Terminal } from '../terminal.js';
import { parseOptions } from '../common-options.js';
import { ReportOptions, runReport } from './report.js';

const reader = vi.hoisted(() => ({ useCsvParse: false }));

vi.mock('../../ingest/read-csv.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../ingest/read-csv.js')>();
  const { detectEncoding } = await import('../../ingest/decode-text.js');
  const { sniffDelimiter } = await import('../../ingest/sniff-dialect.js');
  const openWithCsvParse = (path: string, options: Parameters<typeof original.openCsv>[1]): RowSource => {
    const bytes = readFileSync(path);
    const { encoding } = detectEncoding(bytes, true);
    const decoder = new TextDecoder(encoding);
    const text = decoder.decode(bytes, { stream: true }) + decoder.decode();
    const delimiter = sniffDelimiter(text.slice(0, 1_048_576));
    const records = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      info: true,
      raw: true,
    }) as unknown as { record: string[]; raw: string; info: { lines: number } }[];
    // `info.lines` is the line a record ends on; it starts as many line breaks earlier as its own
    // text holds (`raw` without the skipped blank lines before it and its terminator).
    const startLine = ({ raw, info }: { raw: string; info: { lines: number } }) =>
      info.lines -
      (raw
        .replace(/^(\r\n|\r|\n)+/, '')
        .replace(/(\r\n|\r|\n)$/, '')
        .match(/\r\n|\r|\n/g)?.length ?? 0);
    const file = options.displayName;
    const [header, ...rows] = records;
    return {
      header: header!.record,
      headerLocation: { file, line: startLine(header!) },
      format: { type: 'csv', encoding, encodingGuessed: detectEncoding(bytes, true).guessed, delimiter },
      async *[Symbol.asyncIterator](): AsyncIterator<RawRow> {
        for (const row of rows) yield { cells: row.record, location: { file, line: startLine(row) } };
      },
    };
  };
  return {
    ...original,
    openCsv: (path: string, options: Parameters<typeof original.openCsv>[1]) =>
      reader.useCsvParse ? Promise.resolve(openWithCsvParse(path, options)) : original.openCsv(path, options),
  };
});

async function reportJson(inputs: string[], config: string): Promise<string> {
  let stdout = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      stdout += chunk.toString('utf8');
      done();
    },
  });
  const terminal: Terminal = {
    style: new Chalk({ level: 0 }),
    errStyle: new Chalk({ level: 0 }),
    stdout: sink,
    quiet: true,
    note: () => undefined,
    warn: () => undefined,
    error: () => undefined,
    progress: () => ({ update: () => undefined, stop: () => undefined }),
  };
  const options = parseOptions(ReportOptions, { config, format: 'json', month: '2026-10' });
  expect(await runReport(inputs, options, terminal)).toBe(0);
  return stdout;
}

const root = join(import.meta.dirname, '..', '..', '..');
const months = [
  ['examples/2026-10', 'examples/cs-kpi.config.json'],
  ['examples/2026-10-ru', 'examples/cs-kpi.config.json'],
  ['test/fixtures/oracle-month', 'test/fixtures/oracle-month/cs-kpi.config.json'],
] as const;

describe('report JSON: cs-kpi tokenizer = csv-parse', () => {
  it.each(months)('%s', async (folder, config) => {
    const inputs = [join(root, folder)];
    reader.useCsvParse = false;
    const own = await reportJson(inputs, join(root, config));
    reader.useCsvParse = true;
    const reference = await reportJson(inputs, join(root, config));
    reader.useCsvParse = false;
    expect(JSON.parse(own).overall.volume.contacts).toBeGreaterThan(1000);
    expect(reference).toBe(own);
  });
});
