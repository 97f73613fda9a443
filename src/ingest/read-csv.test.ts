import { existsSync, mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataQualityIssue } from '../domain/data-quality.js';
import { UsageError, UserError } from '../errors.js';
import { formatCsvField } from '../render/csv.js';
import type { OpenCsvOptions } from './read-csv.js';
import { openCsv } from './read-csv.js';

let dir: string;
let fileCount = 0;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cs-kpi-read-csv-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function writeTemp(content: string | Uint8Array, name = `f${++fileCount}.csv`): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

interface ReadResult {
  header: readonly string[];
  headerLine: number | undefined;
  rows: { cells: readonly string[]; line: number | undefined }[];
  issues: DataQualityIssue[];
  encoding: string;
  encodingGuessed: boolean;
  delimiter: string;
}

async function readAll(path: string, options: Partial<OpenCsvOptions> = {}): Promise<ReadResult> {
  const issues: DataQualityIssue[] = [];
  const source = await openCsv(path, { displayName: 'calls.csv', onIssue: (issue) => issues.push(issue), ...options });
  const lineOf = (location: (typeof source)['headerLocation']): number | undefined =>
    'line' in location ? location.line : undefined;
  const rows: ReadResult['rows'] = [];
  for await (const row of source) rows.push({ cells: row.cells, line: lineOf(row.location) });
  if (source.format.type !== 'csv') throw new Error('expected a CSV format');
  const { encoding, encodingGuessed, delimiter } = source.format;
  return {
    header: source.header,
    headerLine: lineOf(source.headerLocation),
    rows,
    issues,
    encoding,
    encodingGuessed,
    delimiter,
  };
}

async function readText(text: string, options: Partial<OpenCsvOptions> = {}): Promise<ReadResult> {
  return readAll(writeTemp(text), options);
}

/** Encodes text in a single-byte code page, with the table built from Node's own decoder. */
function encodeSingleByte(text: string, encoding: string): Uint8Array {
  const decoder = new TextDecoder(encoding);
  const table = new Map<string, number>();
  for (let byte = 0; byte < 256; byte++) {
    const char = decoder.decode(new Uint8Array([byte]));
    if (!table.has(char)) table.set(char, byte);
  }
  return Uint8Array.from(Array.from(text), (char) => table.get(char) ?? 0x3f);
}

/** File descriptors of this process that point at `path` (Linux only). */
function openDescriptors(path: string): number {
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === path;
    } catch {
      return false;
    }
  }).length;
}

describe('openCsv: tokenizing', () => {
  it.each([
    ['plain fields', 'a,b,c\n1,2,3\n', [['1', '2', '3']]],
    ['quoted fields with delimiters', 'a,b\n"x, y","1,5"\n', [['x, y', '1,5']]],
    ['doubled quotes', 'a,b\n"say ""hi""",""""\n', [['say "hi"', '"']]],
    ['a quote inside an unquoted field is a literal', 'a,b\nab"c,5" disk\n', [['ab"c', '5" disk']]],
    ['text after a closing quote is appended', 'a,b\n"ab"c,"x"" "y\n', [['abc', 'x" y']]],
    [
      'empty fields',
      'a,b,c\n,,\n"",,""\n',
      [
        ['', '', ''],
        ['', '', ''],
      ],
    ],
    ['a trailing delimiter makes an empty last cell', 'a,b\n1,\n', [['1', '']]],
    ['a trailing delimiter at the end of the file', 'a,b\n1,', [['1', '']]],
    ['no newline at the end', 'a,b\n1,2', [['1', '2']]],
    [
      'CRLF',
      'a,b\r\n1,2\r\n3,4\r\n',
      [
        ['1', '2'],
        ['3', '4'],
      ],
    ],
    [
      'lone CR',
      'a,b\r1,2\r3,4\r',
      [
        ['1', '2'],
        ['3', '4'],
      ],
    ],
    [
      'mixed line ends',
      'a,b\r\n1,2\n3,4\r5,6',
      [
        ['1', '2'],
        ['3', '4'],
        ['5', '6'],
      ],
    ],
    ['ragged rows are kept as they are', 'a,b,c\n1\n1,2,3,4\n', [['1'], ['1', '2', '3', '4']]],
    ['a single quoted empty cell is a row, not an empty line', 'a\n""\nx\n', [[''], ['x']]],
    ['spaces are kept; a quote after a space is literal', 'a,b\n 1 , "2" \n', [[' 1 ', ' "2" ']]],
    ['a lone quote at the end of a field is literal', 'a,b\nx",y\n', [['x"', 'y']]],
  ])('%s', async (_name, text, rows) => {
    const result = await readText(text);
    expect(result.rows.map((row) => row.cells)).toEqual(rows);
    expect(result.issues).toEqual([]);
  });

  it('keeps embedded line breaks and gives each record the physical line it starts on', async () => {
    const result = await readText('id,comment\n1,"two\nlines"\n2,"three\r\nlines\rhere"\n3,plain\n\n4,"x"\n');
    expect(result.headerLine).toBe(1);
    expect(result.rows).toEqual([
      { cells: ['1', 'two\nlines'], line: 2 },
      { cells: ['2', 'three\r\nlines\rhere'], line: 4 },
      { cells: ['3', 'plain'], line: 7 },
      { cells: ['4', 'x'], line: 9 },
    ]);
  });

  it('skips empty lines, also before the header', async () => {
    const result = await readText('\r\n\na,b\n\n1,2\r\n\r\n\r3,4\n\n');
    expect(result.header).toEqual(['a', 'b']);
    expect(result.headerLine).toBe(3);
    expect(result.rows).toEqual([
      { cells: ['1', '2'], line: 5 },
      { cells: ['3', '4'], line: 8 },
    ]);
  });

  it('strips a UTF-8 BOM', async () => {
    const result = await readAll(writeTemp(Buffer.from('\uFEFFid;name\n1;Анна\n', 'utf8')));
    expect(result).toMatchObject({ header: ['id', 'name'], encoding: 'utf-8', delimiter: ';' });
    expect(result.rows[0]?.cells).toEqual(['1', 'Анна']);
  });

  it('reads UTF-16 LE with a BOM', async () => {
    const result = await readAll(writeTemp(Buffer.from('\uFEFFid\tname\r\n1\tАнна 😀\r\n', 'utf16le')));
    expect(result).toMatchObject({ header: ['id', 'name'], encoding: 'utf-16le', delimiter: '\t' });
    expect(result.rows).toEqual([{ cells: ['1', 'Анна 😀'], line: 2 }]);
  });

  it('reads UTF-16 BE with a BOM', async () => {
    const le = Buffer.from('\uFEFFid,name\n1,Анна\n', 'utf16le');
    const result = await readAll(writeTemp(Buffer.from(le).swap16()));
    expect(result).toMatchObject({ header: ['id', 'name'], encoding: 'utf-16be' });
    expect(result.rows[0]?.cells).toEqual(['1', 'Анна']);
  });

  it('reads a Windows-1251 export with semicolons, a Russian header and decimal commas', async () => {
    const text =
      'Дата звонка;Оператор;Длительность, мин;Оценка\r\n' +
      '01.10.2026 09:15;Иванова Ё.;12,5;4,5\r\n' +
      '01.10.2026 09:20;Пётр Сидоров;3,25;\r\n' +
      '02.10.2026 11:00;"Щукина; Юлия";0,5;5\r\n';
    const result = await readAll(writeTemp(encodeSingleByte(text, 'windows-1251')));
    expect(result).toMatchObject({ encoding: 'windows-1251', encodingGuessed: false, delimiter: ';' });
    expect(result.header).toEqual(['Дата звонка', 'Оператор', 'Длительность, мин', 'Оценка']);
    expect(result.rows).toEqual([
      { cells: ['01.10.2026 09:15', 'Иванова Ё.', '12,5', '4,5'], line: 2 },
      { cells: ['01.10.2026 09:20', 'Пётр Сидоров', '3,25', ''], line: 3 },
      { cells: ['02.10.2026 11:00', 'Щукина; Юлия', '0,5', '5'], line: 4 },
    ]);
  });

  it('guesses Windows-1252 for Western text and says it guessed', async () => {
    const result = await readAll(writeTemp(encodeSingleByte('agent,comment\nHélène,très bien\n', 'windows-1252')));
    expect(result).toMatchObject({ encoding: 'windows-1252', encodingGuessed: true, delimiter: ',' });
    expect(result.rows[0]?.cells).toEqual(['Hélène', 'très bien']);
  });

  it('takes an encoding given by the user', async () => {
    const path = writeTemp(encodeSingleByte('agent,comment\nHélène,très bien\n', 'windows-1252'));
    const result = await readAll(path, { encoding: 'latin1' });
    expect(result).toMatchObject({ encoding: 'windows-1252', encodingGuessed: false });
    expect(result.rows[0]?.cells).toEqual(['Hélène', 'très bien']);
    expect((await readAll(path, { encoding: 'KOI8-R' })).encoding).toBe('koi8-r');
    await expect(openCsv(path, { displayName: 'calls.csv', encoding: 'ebcdic' })).rejects.toThrow(UsageError);
  });

  it('takes a delimiter given by the caller', async () => {
    const result = await readText('a;b,c\n1;2,3\n', { delimiter: ',' });
    expect(result.delimiter).toBe(',');
    expect(result.header).toEqual(['a;b', 'c']);
    await expect(readText('a\n', { delimiter: '"' })).rejects.toThrow(UsageError);
    await expect(readText('a\n', { delimiter: ',;' })).rejects.toThrow(UsageError);
  });

  it('reads a headerless file: every record is a row', async () => {
    const result = await readText('\n1,2\n3,4\n', { headerless: true });
    expect(result.header).toEqual([]);
    expect(result.rows).toEqual([
      { cells: ['1', '2'], line: 2 },
      { cells: ['3', '4'], line: 3 },
    ]);
  });

  it.each([
    ['an empty file', ''],
    ['a file of empty lines', '\n\r\n\r'],
    ['a BOM only', '\uFEFF'],
    ['a BOM and line breaks', '\uFEFF\r\n\r\n'],
    ['a file of spaces and tabs', '\n   \n\t\n'],
    ['a file of empty cells', ',,,\n , \n'],
    ['a file of blank quoted cells', '"",""\n" "\n'],
  ])('%s is refused as empty (no header row)', async (_name, text) => {
    await expect(readText(text)).rejects.toThrow(UserError);
    await expect(readText(text)).rejects.toThrow(
      /\.csv is empty \(no header row\); export it again or leave it out\.$/,
    );
  });

  it('a blank first record is still the header when rows follow (the header check decides)', async () => {
    expect(await readText('  ,\na,b\n')).toMatchObject({ header: ['  ', ''], rows: [{ cells: ['a', 'b'] }] });
  });

  it('a header-only file has no rows', async () => {
    expect(await readText('a,b')).toMatchObject({ header: ['a', 'b'], rows: [] });
  });
});

describe('openCsv: problems', () => {
  it('an unterminated quote yields the field up to the end of the file and one issue', async () => {
    const rest = 'never closed, and it goes on\nfor more than forty characters\n';
    const result = await readText(`a,b\n1,2\n3,"${rest}`);
    expect(result.rows).toEqual([
      { cells: ['1', '2'], line: 2 },
      { cells: ['3', rest], line: 3 },
    ]);
    expect(result.issues).toEqual([
      {
        location: { file: 'calls.csv', line: 3 },
        field: '(row)',
        value: rest.slice(0, 40),
        problem: 'unterminated quote',
      },
    ]);
  });

  it('an unterminated quote does not split a surrogate pair in the issue value', async () => {
    const result = await readText(`a\n"${'x'.repeat(39)}😀 tail`);
    expect(result.issues[0]?.value).toBe('x'.repeat(39));
  });

  it.each([
    [
      'an unquoted field',
      `a,b\n1,2\n3,${'x'.repeat(101)}\n`,
      'calls.csv:3: a field is longer than 100 characters; this does not look like a CSV export.',
    ],
    [
      'a field at the end of the file',
      `a,b\n3,${'x'.repeat(101)}`,
      'calls.csv:2: a field is longer than 100 characters;',
    ],
    [
      'a quoted field',
      `a,b\n1,2\n\n3,"${'x\n'.repeat(60)}"\n`,
      'calls.csv:4: a field is longer than 100 characters (is a closing quote missing?);',
    ],
    [
      'a quote left open',
      `a,b\n1,"${'x'.repeat(200)}`,
      'calls.csv:2: a field is longer than 100 characters (is a closing quote missing?);',
    ],
  ])('%s longer than maxFieldChars is a UserError naming the line', async (_name, text, message) => {
    for (const chunkSize of [7, 65_536]) {
      const error = await readText(text, { maxFieldChars: 100, chunkSize }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(UserError);
      expect((error as Error).message).toContain(message);
    }
  });

  it('a field of exactly maxFieldChars is fine, doubled quotes counting once', async () => {
    const result = await readText(`a,b\n${'x'.repeat(100)},"${'""'.repeat(100)}"\n`, {
      maxFieldChars: 100,
      chunkSize: 3,
    });
    expect(result.rows[0]?.cells).toEqual(['x'.repeat(100), '"'.repeat(100)]);
  });

  it('a huge line without delimiters fails early, not at the end of the file', async () => {
    const path = writeTemp('a\n' + 'x'.repeat(3_000_000));
    await expect(readAll(path)).rejects.toThrow('calls.csv:2: a field is longer than 1048576 characters');
  });

  it('a record with more than maxColumns cells is a UserError naming the line', async () => {
    const text = 'a,b,c\n1,2,3\n\n' + '1,'.repeat(5) + '\n';
    await expect(readText(text, { maxColumns: 5 })).rejects.toThrow(
      new UserError('calls.csv:4: a record has more than 5 columns; this does not look like a CSV export.'),
    );
    expect((await readText(text, { maxColumns: 6 })).rows[1]?.cells).toHaveLength(6);
  });

  it('a header with more than maxColumns cells fails in openCsv', async () => {
    await expect(readText('a,b,c,d\n', { maxColumns: 3 })).rejects.toThrow(
      'calls.csv:1: a record has more than 3 columns',
    );
  });

  it('a missing file is a UserError', async () => {
    await expect(openCsv(join(dir, 'nope.csv'), { displayName: 'calls.csv' })).rejects.toThrow(
      new UserError('cannot read calls.csv: no such file.'),
    );
  });

  it('a directory is a UserError', async () => {
    await expect(openCsv(dir, { displayName: 'exports' })).rejects.toThrow(
      new UserError('cannot read exports: it is a directory, not a file.'),
    );
  });

  it('an Excel workbook with a .csv name is a UserError', async () => {
    const path = writeTemp(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]));
    await expect(openCsv(path, { displayName: 'calls.csv' })).rejects.toThrow(
      'cannot read calls.csv as CSV: it is a ZIP archive',
    );
  });
});

describe('openCsv: streaming', () => {
  it('is iterable once', async () => {
    const source = await openCsv(writeTemp('a\n1\n'), { displayName: 'calls.csv' });
    const rows = [];
    for await (const row of source) rows.push(row.cells);
    expect(rows).toEqual([['1']]);
    expect(() => source[Symbol.asyncIterator]()).toThrow();
  });

  it.runIf(existsSync('/proc/self/fd'))('closes the file when the loop stops early', async () => {
    const path = writeTemp('id\n' + Array.from({ length: 200_000 }, (_, i) => `${i}\n`).join(''));
    const source = await openCsv(path, { displayName: 'calls.csv', chunkSize: 1024 });
    expect(openDescriptors(path)).toBe(1);
    let seen = 0;
    for await (const row of source) {
      seen++;
      if (row.cells[0] === '10') break;
    }
    expect(seen).toBe(11);
    expect(openDescriptors(path)).toBe(0);
  });

  it.runIf(existsSync('/proc/self/fd'))('closes the file at the end and after an error', async () => {
    const path = writeTemp('a,b\n1,2\n');
    await readAll(path);
    expect(openDescriptors(path)).toBe(0);
    const bad = writeTemp('a,b\n' + '1,2\n'.repeat(100_000) + '1,2,3,4\n');
    await expect(readAll(bad, { maxColumns: 3 })).rejects.toThrow(UserError);
    expect(openDescriptors(bad)).toBe(0);
  });

  it('chunk boundaries do not matter', async () => {
    // Quotes, doubled quotes, CRLF, lone CR and multi-byte characters at every offset, past the 1 MiB sample.
    const pieces = ['"a""b"', 'Жёлтый', '😀', '"x\r\ny"', '"', 'plain', '"\r"', '', '12,5', 'é'];
    const lines: string[] = ['id;text;more'];
    let size = 0;
    for (let i = 0; size < 1_200_000; i++) {
      const line = `${i};${pieces[i % pieces.length]!}${pieces[(i * 7) % pieces.length]!};${pieces[(i * 3) % pieces.length]!}`;
      lines.push(line);
      size += Buffer.byteLength(line) + 2;
    }
    const text = lines.map((line, i) => line + (i % 3 === 0 ? '\r\n' : i % 3 === 1 ? '\n' : '\r')).join('');
    const path = writeTemp(text);

    const reference = await readAll(path);
    expect(reference.rows.length).toBeGreaterThan(40_000);
    expect(await readAll(path, { chunkSize: 7 })).toEqual(reference);
    expect(await readAll(path, { chunkSize: 65_536 * 3 + 1 })).toEqual(reference);
    expect(await readAll(path, { chunkSize: 1 })).toEqual(reference);
  }, 60_000);

  it('chunk boundaries do not matter in UTF-16 and Windows-1251', async () => {
    const text = 'имя;комментарий\r\n' + 'Анна;"ёлка; 😀\r\nещё"\r\n'.repeat(2000);
    for (const bytes of [
      Buffer.from('\uFEFF' + text, 'utf16le'),
      encodeSingleByte(text.replaceAll('😀', ':)'), 'windows-1251'),
    ]) {
      const path = writeTemp(bytes);
      const reference = await readAll(path);
      expect(reference.rows).toHaveLength(2000);
      for (const chunkSize of [1, 3, 7]) expect(await readAll(path, { chunkSize })).toEqual(reference);
    }
  });
});

describe('openCsv: undecodable bytes', () => {
  const problem = 'not valid UTF-8; give --encoding if the text looks wrong';
  const cp1251Ivanova = [0xc8, 0xe2, 0xe0, 0xed, 0xee, 0xe2, 0xe0]; // Иванова in Windows-1251
  const lines = (count: number) => Array.from({ length: count }, (_, i) => `C${i},Иванова Анна,Доставка\n`).join('');
  const mostlyUtf8 = Buffer.concat([
    Buffer.from('id,agent,topic\n' + lines(5)),
    Buffer.from('C9,'),
    Buffer.from(cp1251Ivanova),
    Buffer.from(',"multi\nline"\n' + lines(5)),
  ]);

  it('a UTF-8 export with one Windows-1251 line is UTF-8; that line is an issue naming it, once', async () => {
    for (const chunkSize of [1, 3, 7, 65_536]) {
      const result = await readAll(writeTemp(mostlyUtf8), { chunkSize });
      expect(result.encoding).toBe('utf-8');
      expect(result.rows[0]!.cells[1]).toBe('Иванова Анна');
      expect(result.rows.at(-1)!.cells[1]).toBe('Иванова Анна');
      expect(result.issues).toEqual([
        { location: { file: 'calls.csv', line: 7 }, field: '(row)', value: '\uFFFD'.repeat(7), problem },
      ]);
    }
  });

  it('a bad record split across chunks is reported once, at the line it starts on', async () => {
    const text = Buffer.concat([
      Buffer.from('id,comment\nC1,"long\n'),
      Buffer.from([0xff]),
      Buffer.from('\ntext"\nC2,ok\n'),
    ]);
    for (const chunkSize of [1, 2, 5]) {
      const result = await readAll(writeTemp(text), { chunkSize, encoding: 'utf-8' });
      expect(result.issues.map((issue) => [issue.location, issue.problem])).toEqual([
        [{ file: 'calls.csv', line: 2 }, problem],
      ]);
    }
  });

  it('a clean file has no such issue, and the issues stop at 1,000 lines', async () => {
    expect((await readAll(writeTemp(Buffer.from('a,b\n' + lines(50))))).issues).toEqual([]);
    const bad = Buffer.concat([Buffer.from('a,b\n'), ...Array.from({ length: 1200 }, () => Buffer.from([0xff, 0x0a]))]);
    const result = await readAll(writeTemp(bad), { encoding: 'utf-8' });
    expect(result.rows).toHaveLength(1200);
    expect(result.issues).toHaveLength(1000);
  });

  it('names the encoding it was read with', async () => {
    const loneSurrogate = Buffer.concat([
      Buffer.from('a\n', 'utf16le'),
      Buffer.from([0x00, 0xd8]),
      Buffer.from('\n', 'utf16le'),
    ]);
    const result = await readAll(writeTemp(loneSurrogate), { encoding: 'utf-16le' });
    expect(result.issues.map((issue) => [issue.location, issue.problem])).toEqual([
      [{ file: 'calls.csv', line: 2 }, 'not valid UTF-16LE; give --encoding if the text looks wrong'],
    ]);
  });
});

describe('openCsv: properties', () => {
  const alphabet = [',', ';', '|', '\t', '"', '\r', '\n', ' ', 'a', 'Z', '1', 'ж', 'Ё', '😀'];
  const cell = fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 6 });
  const table = fc
    .integer({ min: 1, max: 8 })
    .chain((width) =>
      fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 20 }),
    );
  const delimiter = fc.constantFrom(',', ';', '\t', '|');
  const lineEnd = fc.constantFrom('\n', '\r\n');

  function isAllBlank(rows: string[][]): boolean {
    return rows.every((row) => row.every((cell) => cell.trim() === ''));
  }

  function writeCsv(rows: string[][], delimiter: string, lineEnd: string): string {
    return rows
      .map((row) =>
        row.length === 1 && row[0] === '' ? '""' : row.map((value) => formatCsvField(value, delimiter)).join(delimiter),
      )
      .map((line) => line + lineEnd)
      .join('');
  }

  it('reads back any table written with formatCsvField', async () => {
    await fc.assert(
      fc.asyncProperty(
        table,
        delimiter,
        lineEnd,
        fc.constantFrom(1, 5, 65_536),
        async (rows, delimiter, lineEnd, chunkSize) => {
          fc.pre(!isAllBlank(rows)); // refused as empty, pinned above
          const result = await readAll(writeTemp(writeCsv(rows, delimiter, lineEnd), 'property.csv'), {
            delimiter,
            chunkSize,
          });
          expect([result.header, ...result.rows.map((row) => row.cells)]).toEqual(rows);
          expect(result.issues).toEqual([]);
          // Each record starts one physical line after the previous record's last line.
          const expectedLines: number[] = [];
          let line = 1;
          for (const row of rows) {
            expectedLines.push(line);
            line += writeCsv([row], delimiter, lineEnd).match(/\r\n|\r|\n/g)?.length ?? 0;
          }
          expect([result.headerLine, ...result.rows.map((row) => row.line)]).toEqual(expectedLines);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('takeBuffered hands over the rows the iterator would give next, in order, whatever the chunk size', async () => {
    const text = fc.string({ unit: fc.constantFrom(...alphabet, '""', '\r\n'), maxLength: 200 });
    await fc.assert(
      fc.asyncProperty(text, delimiter, fc.integer({ min: 1, max: 9 }), async (text, delimiter, chunkSize) => {
        const path = writeTemp(`h1${delimiter}h2\n${text}`, 'buffered.csv');
        const reference = await readAll(path, { delimiter });
        const source = await openCsv(path, { displayName: 'buffered.csv', delimiter, chunkSize });
        const iterator = source[Symbol.asyncIterator]();
        const cells: (readonly string[])[] = [];
        for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
          cells.push(next.value.cells);
          for (const row of source.takeBuffered?.() ?? []) cells.push(row.cells);
        }
        expect(cells).toEqual(reference.rows.map((row) => row.cells));
      }),
      { numRuns: 300 },
    );
  });

  it('reads any text, well-formed or not, the same way whatever the chunk size', async () => {
    const text = fc.string({ unit: fc.constantFrom(...alphabet, '""', '\r\n'), maxLength: 120 });
    await fc.assert(
      fc.asyncProperty(text, delimiter, fc.integer({ min: 1, max: 9 }), async (text, delimiter, chunkSize) => {
        const path = writeTemp(text, 'arbitrary.csv');
        const reference = await readAll(path, { delimiter }).catch((error: Error) => error.message);
        expect(await readAll(path, { delimiter, chunkSize }).catch((error: Error) => error.message)).toEqual(reference);
        if (typeof reference === 'string') expect(reference).toContain('is empty (no header row)');
        else expect(reference.issues.length).toBeLessThanOrEqual(1);
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with csv-parse on well-formed input', async () => {
    await fc.assert(
      fc.asyncProperty(table, delimiter, lineEnd, fc.boolean(), async (rows, delimiter, lineEnd, withBom) => {
        fc.pre(!isAllBlank(rows));
        const text = (withBom ? '\uFEFF' : '') + writeCsv(rows, delimiter, lineEnd);
        const expected = parse(text, { relax_column_count: true, bom: true, delimiter }) as string[][];
        const result = await readAll(writeTemp(text, 'differential.csv'), { delimiter });
        expect([result.header, ...result.rows.map((row) => row.cells)]).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
