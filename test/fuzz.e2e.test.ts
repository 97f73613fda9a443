/**
 * Issue 11 item 3: fast-check properties over the CSV reader, the encoding and delimiter sniffers,
 * every value parser, the kind detection and the ingest as a whole (random bytes, and the real
 * fixtures of test/fixtures/real mutated). `npm test` runs a few dozen cases per property (a few
 * seconds); `npm run fuzz` runs many more (`FUZZ_RUNS=N npm run fuzz` sets how many per property).
 * A failure prints fast-check's seed and path: `FUZZ_SEED=<seed> FUZZ_PATH=<path>` replays it.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Config } from '../src/config/config-schema.js';
import { KINDS } from '../src/domain/records.js';
import type { SourceLocation } from '../src/domain/source-location.js';
import { UserError } from '../src/errors.js';
import {
  readCallStatus,
  readContactKind,
  readDirection,
  readPriority,
  readSurveyKind,
  readTicketStatus,
} from '../src/ingest/code-values.js';
import { detectEncoding, SUPPORTED_ENCODINGS } from '../src/ingest/decode-text.js';
import { detectKind } from '../src/ingest/detect-kind.js';
import { normaliseHeader } from '../src/ingest/header-aliases.js';
import { ingest } from '../src/ingest/ingest.js';
import { mapColumns } from '../src/ingest/map-columns.js';
import { detectDateOrder, excelSerialToNaiveMs, parseDateTime, readsAs } from '../src/ingest/parse-date.js';
import { durationUnitFromHeader, parseDuration, type DurationUnit } from '../src/ingest/parse-duration.js';
import { parseFlag } from '../src/ingest/parse-flag.js';
import { parseNumber, scanNumber } from '../src/ingest/parse-number.js';
import { isProblem } from '../src/ingest/parse-result.js';
import { openCsv } from '../src/ingest/read-csv.js';
import { DELIMITER_CANDIDATES, sniffDelimiter } from '../src/ingest/sniff-dialect.js';
import { FORMULA_TEXTS, PROTO_NAMES } from './hostile/make-corpus.js';

/** `npm run fuzz` goes deep; `npm test` stays within seconds. */
const isDeep = process.env.npm_lifecycle_event === 'fuzz' || process.env.FUZZ_RUNS !== undefined;
const RUNS = Number(process.env.FUZZ_RUNS ?? (isDeep ? 2_000 : 40));
const TIMEOUT_MS = isDeep ? 24 * 60 * 60 * 1000 : 30_000;
/** A single case slower than this is a failure (a near-hang): inputs here are at most a few hundred KB. */
const CASE_LIMIT_MS = 5_000;
const replay =
  process.env.FUZZ_SEED === undefined
    ? {}
    : { seed: Number(process.env.FUZZ_SEED), path: process.env.FUZZ_PATH, endOnFailure: true };
const params = (runs = RUNS) => ({ numRuns: runs, ...replay });

const dir = mkdtempSync(join(tmpdir(), 'cs-kpi-fuzz-'));
let fileCount = 0;
const counts: Record<string, number> = {};
/** How the reader calls ended: read, or refused with a UserError. */
const outcomes: Record<string, number> = {};
const started = performance.now();

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  if (isDeep) {
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    process.stderr.write(
      `fuzz: ${total.toLocaleString('en-US')} cases in ${((performance.now() - started) / 1000).toFixed(0)} s — ${Object.entries(
        counts,
      )
        .map(([name, n]) => `${name} ${n.toLocaleString('en-US')}`)
        .join(', ')} (${Object.entries(outcomes)
        .map(([name, n]) => `${name} ${n.toLocaleString('en-US')}`)
        .join(', ')})\n`,
    );
  }
});

function count(name: string): void {
  counts[name] = (counts[name] ?? 0) + 1;
}

function tempFile(ext: string, bytes: Uint8Array | string): string {
  const path = join(dir, `case-${fileCount++}${ext}`);
  writeFileSync(path, bytes);
  return path;
}

/** Runs `fn`; anything it throws other than a UserError fails the property, and so does a near-hang. */
async function onlyUserErrors<T>(what: string, fn: () => Promise<T>): Promise<T | UserError> {
  const start = performance.now();
  let result: T | UserError;
  try {
    result = await fn();
  } catch (error) {
    if (!(error instanceof UserError)) {
      throw new Error(`${what} threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`, {
        cause: error,
      });
    }
    result = error;
  }
  const ms = performance.now() - start;
  if (ms > CASE_LIMIT_MS) throw new Error(`${what} took ${ms.toFixed(0)} ms`);
  const outcome = `${what.split(' ')[0]} ${result instanceof UserError ? 'refused' : 'read'}`;
  outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
  return result;
}

/** The line of a CSV row's location. */
function lineOf(location: SourceLocation): number {
  return 'line' in location ? location.line : 0;
}

// ---------------------------------------------------------------------------------------------
// Arbitraries

/** Pieces that make CSV tokenizers and sniffers work: quotes, delimiters, line ends, odd bytes. */
const CSV_PIECES = [
  '"',
  '""',
  ',',
  ';',
  '\t',
  '|',
  '\n',
  '\r',
  '\r\n',
  ' ',
  'a',
  'Agent',
  'Call ID',
  'Started At',
  '2026-10-01 10:00:00',
  '01.10.2026',
  '10/1/2026',
  '5',
  '-1',
  '1,5',
  'é',
  'Оператор',
  '😀',
  '\u0000',
  '\ufeff',
  '\u2028',
  '=1+1',
  '__proto__',
];
const csvText = fc.array(fc.constantFrom(...CSV_PIECES), { maxLength: 300 }).map((pieces) => pieces.join(''));

/** Bytes: random, or CSV-ish text in an encoding, with or without a BOM. */
const fileBytes = fc.oneof(
  fc.uint8Array({ maxLength: 4096 }),
  fc.tuple(csvText, fc.constantFrom('utf8', 'utf16le', 'latin1'), fc.boolean()).map(([text, encoding, bom]) => {
    const body = Buffer.from(text, encoding);
    if (!bom) return new Uint8Array(body);
    const mark = encoding === 'utf16le' ? [0xff, 0xfe] : [0xef, 0xbb, 0xbf];
    return new Uint8Array(Buffer.concat([Buffer.from(mark), body]));
  }),
);

/** Strings for the value parsers: anything, and strings built from the characters dates and numbers use. */
const anyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc
    .array(
      fc.constantFrom(
        ...'0123456789 .,:/-+TZtz()apmAPM\u00a0\u2212eE_\'"١٢'.split(''),
        'NaN',
        'Infinity',
        '24',
        '60',
        '9999',
        '0000',
      ),
      { maxLength: 30 },
    )
    .map((parts) => parts.join('')),
  fc.constantFrom(...FORMULA_TEXTS, ...PROTO_NAMES, '1e308', '-0', '1e-400', '9007199254740993', '31.02.2026', '25:61'),
);

const headerString = fc.oneof(
  fc.constantFrom(
    'Call ID',
    'Started At',
    'Agent',
    'Оператор',
    'Ticket ID',
    'Created At',
    'First Response Time',
    'Score',
    'NPS',
    'Customer ID',
    'Churn',
    'MRR',
    'Contact ID',
    'Reviewer',
    'Wait, sec',
    'Talk time (min)',
    'Дата и время',
    'calls_count',
    'Incoming Calls',
    '',
    ' ',
    ...PROTO_NAMES,
    ...FORMULA_TEXTS,
  ),
  fc.string({ maxLength: 20 }),
);

// ---------------------------------------------------------------------------------------------

describe('fuzz: the CSV reader', () => {
  it(
    'openCsv on random bytes gives rows or a UserError, never another error or a hang',
    { timeout: TIMEOUT_MS },
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fileBytes,
          fc.record({
            chunkSize: fc.integer({ min: 1, max: 70_000 }),
            maxFieldChars: fc.integer({ min: 1, max: 2_000 }),
            maxColumns: fc.integer({ min: 1, max: 50 }),
            headerless: fc.boolean(),
            delimiter: fc.option(fc.constantFrom(...DELIMITER_CANDIDATES), { nil: undefined }),
          }),
          async (bytes, options) => {
            count('openCsv random bytes');
            const path = tempFile('.csv', bytes);
            await onlyUserErrors('openCsv', async () => {
              const source = await openCsv(path, { displayName: 'fuzz.csv', onIssue: () => undefined, ...options });
              let line = 0;
              for await (const row of source) {
                expect(row.cells.every((cell) => typeof cell === 'string')).toBe(true);
                const at = lineOf(row.location);
                expect(at).toBeGreaterThanOrEqual(line);
                line = at;
              }
            });
            rmSync(path);
          },
        ),
        params(),
      );
    },
  );

  it('the records do not depend on how the file is cut into chunks', { timeout: TIMEOUT_MS }, async () => {
    await fc.assert(
      fc.asyncProperty(fileBytes, fc.integer({ min: 1, max: 7 }), async (bytes, chunkSize) => {
        count('openCsv chunk independence');
        const path = tempFile('.csv', bytes);
        const read = async (size: number) =>
          onlyUserErrors('openCsv', async () => {
            const issues: unknown[] = [];
            const source = await openCsv(path, {
              displayName: 'fuzz.csv',
              chunkSize: size,
              onIssue: (i) => issues.push(i),
            });
            const rows: unknown[] = [];
            for await (const row of source) rows.push(row);
            return { header: source.header, format: source.format, rows, issues };
          });
        const small = await read(chunkSize);
        const whole = await read(65_536);
        expect(small instanceof UserError ? `UserError: ${small.message}` : small).toEqual(
          whole instanceof UserError ? `UserError: ${whole.message}` : whole,
        );
        rmSync(path);
      }),
      params(),
    );
  });

  it(
    'RFC 4180 records written with any delimiter and line end read back as written, on the right lines',
    { timeout: TIMEOUT_MS },
    async () => {
      const cell = fc
        .array(
          fc.constantFrom(
            'a',
            'B',
            ' ',
            '"',
            ',',
            ';',
            '\t',
            '|',
            '\n',
            '\r',
            '\r\n',
            'é',
            'Я',
            '😀',
            '=',
            '0',
            '\u0000',
          ),
          {
            maxLength: 8,
          },
        )
        .map((parts) => parts.join(''));
      const records = fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 12 });
      await fc.assert(
        fc.asyncProperty(
          records,
          fc.constantFrom(...DELIMITER_CANDIDATES),
          fc.constantFrom('\n', '\r\n', '\r'),
          fc.integer({ min: 1, max: 64 }),
          async (rows, delimiter, eol, chunkSize) => {
            count('openCsv round trip');
            const quote = (text: string, only: boolean) =>
              (only && text === '') || /["\r\n]/.test(text) || text.includes(delimiter)
                ? `"${text.replaceAll('"', '""')}"`
                : text;
            const lines = rows.map((row) => row.map((text) => quote(text, row.length === 1)).join(delimiter));
            const text = lines.join(eol) + eol;
            const path = tempFile('.csv', Buffer.from(text, 'utf8'));
            const open = () => openCsv(path, { displayName: 'fuzz.csv', delimiter, encoding: 'utf-8', chunkSize });
            if (rows.every((row) => row.every((text) => text.trim() === ''))) {
              // Nothing but blank records is no export at all (not one without rows): refused.
              await expect(open()).rejects.toThrow('fuzz.csv is empty (no header row)');
              rmSync(path);
              return;
            }
            const source = await open();
            const read: { cells: readonly string[]; line: number }[] = [];
            for await (const row of source) read.push({ cells: row.cells, line: lineOf(row.location) });
            expect([source.header, ...read.map((row) => row.cells)]).toEqual(rows);
            // Line numbers count every line break before the record, inside quotes too.
            let line = 1;
            const expectedLines: number[] = [];
            for (const [i, written] of lines.entries()) {
              if (i > 0) expectedLines.push(line);
              line += (written.match(/\r\n|\r|\n/g) ?? []).length + 1;
            }
            expect(read.map((row) => row.line)).toEqual(expectedLines);
            rmSync(path);
          },
        ),
        params(),
      );
    },
  );

  it('the sniffers take any input', { timeout: TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), fc.boolean(), csvText, (bytes, isComplete, text) => {
        count('sniffers');
        const detected = detectEncoding(bytes, isComplete);
        expect(SUPPORTED_ENCODINGS).toContain(detected.encoding);
        expect(typeof new TextDecoder(detected.encoding).decode(bytes)).toBe('string');
        expect(DELIMITER_CANDIDATES).toContain(sniffDelimiter(text));
      }),
      params(RUNS * 5),
    );
  });
});

describe('fuzz: the value parsers', () => {
  const units: DurationUnit[] = ['milliseconds', 'seconds', 'minutes', 'hours', 'days'];

  it('every parser returns a value, null or a ParseProblem for any string', { timeout: TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(
        anyString,
        fc.constantFrom('DMY', 'MDY') as fc.Arbitrary<'DMY' | 'MDY'>,
        fc.constantFrom(...units),
        (raw, order, unit) => {
          count('value parsers');
          const date = parseDateTime(raw, order);
          if (date !== null && !isProblem(date)) {
            expect(Number.isFinite(date.ms), raw).toBe(true);
            expect(Math.abs(date.ms), raw).toBeLessThanOrEqual(8.64e15);
            expect(typeof date.hasOffset).toBe('boolean');
          }
          expect(typeof readsAs(raw, order)).toBe('boolean');

          const duration = parseDuration(raw, unit);
          if (duration !== null && !isProblem(duration)) {
            expect(Number.isFinite(duration), raw).toBe(true);
            expect(duration, raw).toBeGreaterThanOrEqual(0);
          }
          const number = parseNumber(raw);
          if (number !== null && !isProblem(number)) expect(Number.isFinite(number), raw).toBe(true);
          expect(typeof scanNumber(raw)).toBe('number');

          const flag = parseFlag(raw);
          expect(flag === null || typeof flag === 'boolean' || isProblem(flag), raw).toBe(true);

          const unitOf = durationUnitFromHeader(raw);
          expect(unitOf === null || units.includes(unitOf)).toBe(true);
          for (const read of [
            readDirection,
            readCallStatus,
            readTicketStatus,
            readPriority,
            readSurveyKind,
            readContactKind,
          ]) {
            expect(['string', 'undefined']).toContain(typeof read(raw));
          }
          expect(typeof normaliseHeader(raw)).toBe('string');
        },
      ),
      params(RUNS * 25),
    );
  });

  it('the day-month order of any column, and any Excel serial, without throwing', { timeout: TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(
        fc.array(anyString, { maxLength: 20 }),
        fc.constantFrom(undefined, 'DMY', 'MDY') as fc.Arbitrary<'DMY' | 'MDY' | undefined>,
        fc.double(),
        fc.boolean(),
        (values, configured, serial, date1904) => {
          count('date order and serials');
          expect(['DMY', 'MDY']).toContain(detectDateOrder(values, configured).order);
          expect(typeof excelSerialToNaiveMs(serial, date1904)).toBe('number');
        },
      ),
      params(RUNS * 5),
    );
  });
});

describe('fuzz: the kind and the column mapping', () => {
  it(
    'mapColumns maps any header to distinct columns; detectKind gives a mapping or a UserError',
    { timeout: TIMEOUT_MS },
    () => {
      const config: Config = {};
      fc.assert(
        fc.property(
          fc.array(headerString, { maxLength: 16 }),
          fc.array(fc.array(anyString, { maxLength: 16 }), { maxLength: 5 }),
          (header, sample) => {
            count('kind and mapping');
            for (const kind of KINDS) {
              const mapping = mapColumns(kind, header, sample, config);
              const columns = Object.values(mapping.index);
              for (const column of columns) {
                expect(column).toBeGreaterThanOrEqual(0);
                expect(column).toBeLessThan(header.length);
              }
              expect(new Set(columns).size, JSON.stringify(header)).toBe(columns.length);
            }
            try {
              expect(KINDS).toContain(detectKind('fuzz.csv', header, sample, config).kind);
            } catch (error) {
              if (!(error instanceof UserError)) throw error;
            }
          },
        ),
        params(RUNS * 5),
      );
    },
  );
});

// ---------------------------------------------------------------------------------------------
// The whole ingest on mutated real exports

const requireFromExceljs = createRequire(createRequire(import.meta.url).resolve('exceljs'));
interface JSZipFile {
  async(type: 'nodebuffer'): Promise<Buffer>;
  async(type: 'string'): Promise<string>;
}
interface JSZipInstance {
  files: Record<string, JSZipFile & { dir: boolean }>;
  file(name: string, data: Buffer | string): void;
  remove(name: string): void;
  generateAsync(options: { type: 'nodebuffer'; compression: 'DEFLATE' }): Promise<Buffer>;
}
const JSZip = requireFromExceljs('jszip') as { loadAsync(data: Buffer): Promise<JSZipInstance> };

const realDir = new URL('./fixtures/real/', import.meta.url);
const realFiles = readdirSync(realDir, { recursive: true, encoding: 'utf8' })
  .filter((name) => ['.csv', '.xlsx'].includes(extname(name)))
  .sort();

/** The first ~12 KB of a CSV export, cut after a line. */
function csvExcerpt(bytes: Buffer): Buffer {
  if (bytes.length <= 12_000) return bytes;
  const end = bytes.indexOf(0x0a, 12_000);
  return bytes.subarray(0, end < 0 ? bytes.length : end + 1);
}

/** A workbook cut to the first 40 rows of each sheet, parts as text (so mutations stay cheap). */
async function xlsxExcerpt(bytes: Buffer): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = new Map<string, Buffer>();
  for (const [name, entry] of Object.entries(zip.files)) {
    if (entry.dir) continue;
    let data = await entry.async('nodebuffer');
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(name)) {
      const xml = data.toString('utf8');
      const rows = [...xml.matchAll(/<\/row>/g)];
      if (rows.length > 40) {
        const cut = rows[39]!.index + '</row>'.length;
        const rest = xml.indexOf('</sheetData>');
        data = Buffer.from(xml.slice(0, cut) + xml.slice(rest));
      }
    }
    parts.set(name, data);
  }
  return parts;
}

const excerpts = new Map<string, Promise<Buffer | Map<string, Buffer>>>();
function excerptOf(name: string): Promise<Buffer | Map<string, Buffer>> {
  let excerpt = excerpts.get(name);
  if (excerpt === undefined) {
    const bytes = readFileSync(new URL(name, realDir));
    excerpt = name.endsWith('.xlsx') ? xlsxExcerpt(bytes) : Promise.resolve(csvExcerpt(bytes));
    excerpts.set(name, excerpt);
  }
  return excerpt;
}

/** One edit of a byte string. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }),
  }),
  fc.record({
    kind: fc.constant('insert-text' as const),
    at: fc.nat(),
    text: fc.constantFrom(
      '"',
      ',',
      ';',
      '\r',
      '\n',
      '\0',
      '<',
      '>',
      '&',
      '&#0;',
      '</row>',
      '<c r="XFD1"><v>1</v></c>',
      '=1+1',
      '\ufeff',
      '\u00ff',
    ),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 256 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(bytes: Buffer, edits: readonly Mutation[]): Buffer {
  let out = Buffer.from(bytes);
  for (const edit of edits) {
    const at = out.length === 0 ? 0 : edit.at % out.length;
    switch (edit.kind) {
      case 'flip':
        if (out.length > 0) out[at] = out[at]! ^ (1 << edit.bit);
        break;
      case 'insert':
        out = Buffer.concat([out.subarray(0, at), Buffer.from(edit.bytes), out.subarray(at)]);
        break;
      case 'insert-text':
        out = Buffer.concat([out.subarray(0, at), Buffer.from(edit.text, 'utf8'), out.subarray(at)]);
        break;
      case 'delete':
        out = Buffer.concat([out.subarray(0, at), out.subarray(at + edit.length)]);
        break;
      case 'duplicate':
        out = Buffer.concat([out.subarray(0, at + edit.length), out.subarray(at)]);
        break;
      case 'truncate':
        out = out.subarray(0, at);
        break;
    }
  }
  return out;
}

describe('fuzz: the ingest on mutated real exports', () => {
  const config: Config = { timezone: 'Europe/Moscow' };
  const run = async (path: string, name: string) => {
    const result = await onlyUserErrors(`ingest ${name}`, () => ingest([{ path, name }], { config }, {}));
    if (!(result instanceof UserError)) {
      for (const file of result.files) expect(file.rows).toBeGreaterThanOrEqual(file.used);
    }
  };

  it(
    'CSV exports with bytes flipped, inserted, deleted, duplicated or cut: records or a UserError',
    { timeout: TIMEOUT_MS },
    async () => {
      const csvFiles = realFiles.filter((name) => name.endsWith('.csv'));
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...csvFiles),
          fc.array(mutation, { minLength: 1, maxLength: 6 }),
          async (name, edits) => {
            count('ingest mutated CSV');
            const bytes = mutate((await excerptOf(name)) as Buffer, edits);
            const path = tempFile('.csv', bytes);
            await run(path, name);
            rmSync(path);
          },
        ),
        params(),
      );
    },
  );

  it(
    'XLSX exports with their XML mutated, parts dropped, or their ZIP bytes mutated: records or a UserError',
    { timeout: TIMEOUT_MS },
    async () => {
      const xlsxFiles = realFiles.filter((name) => name.endsWith('.xlsx'));
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...xlsxFiles),
          fc.array(fc.tuple(fc.nat(), mutation), { minLength: 1, maxLength: 4 }),
          fc.option(fc.nat(), { nil: undefined }),
          fc.array(mutation, { maxLength: 2 }),
          async (name, partEdits, dropPart, zipEdits) => {
            count('ingest mutated XLSX');
            const parts = new Map((await excerptOf(name)) as Map<string, Buffer>);
            const names = [...parts.keys()].sort();
            for (const [which, edit] of partEdits) {
              const part = names[which % names.length]!;
              parts.set(part, mutate(parts.get(part)!, [edit]));
            }
            if (dropPart !== undefined) parts.delete(names[dropPart % names.length]!);
            const zip = await JSZip.loadAsync(await emptyZip());
            for (const [part, data] of parts) zip.file(part, data);
            const bytes = mutate(await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }), zipEdits);
            const path = tempFile('.xlsx', bytes);
            await run(path, name);
            rmSync(path);
          },
        ),
        params(Math.max(10, Math.round(RUNS / 2))),
      );
    },
  );
});

let emptyZipBytes: Buffer | undefined;
async function emptyZip(): Promise<Buffer> {
  if (emptyZipBytes === undefined) {
    const JSZipClass = requireFromExceljs('jszip') as new () => JSZipInstance;
    emptyZipBytes = await new JSZipClass().generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  }
  return emptyZipBytes;
}
