import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataQualityIssue } from '../domain/data-quality.js';
import type { SourceLocation } from '../domain/source-location.js';
import { UserError } from '../errors.js';
import { openCsv } from './read-csv.js';
import type { OpenXlsxOptions } from './read-xlsx.js';
import { cellAddress, openXlsx } from './read-xlsx.js';

const fixtures = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'xlsx');
const fixture = (name: string): string => join(fixtures, name);

let dir: string;
let fileCount = 0;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cs-kpi-read-xlsx-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function writeTemp(content: Uint8Array | string): string {
  const path = join(dir, `w${++fileCount}.xlsx`);
  writeFileSync(path, content);
  return path;
}

const cellOf = (location: SourceLocation): string =>
  'sheet' in location ? `${location.sheet}!${location.cell}` : `line ${location.line}`;

interface ReadResult {
  sheet: string;
  header: readonly string[];
  headerAt: string;
  rows: (readonly string[])[];
  at: string[];
  issues: DataQualityIssue[];
}

async function readXlsx(path: string, options: Partial<OpenXlsxOptions> = {}): Promise<ReadResult> {
  const issues: DataQualityIssue[] = [];
  const source = await openXlsx(path, { displayName: 'book.xlsx', onIssue: (issue) => issues.push(issue), ...options });
  if (source.format.type !== 'xlsx') throw new Error('expected an XLSX format');
  const rows: (readonly string[])[] = [];
  const at: string[] = [];
  for await (const row of source) {
    rows.push(row.cells);
    at.push(cellOf(row.location));
  }
  return {
    sheet: source.format.sheet,
    header: source.header,
    headerAt: cellOf(source.headerLocation),
    rows,
    at,
    issues,
  };
}

async function readCsvTwin(path: string): Promise<{ header: readonly string[]; rows: (readonly string[])[] }> {
  const source = await openCsv(path, { displayName: 'twin.csv' });
  const rows: (readonly string[])[] = [];
  for await (const row of source) rows.push(row.cells);
  return { header: source.header, rows };
}

async function userErrorOf(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UserError);
  const message = (error as UserError).message;
  expect(message).not.toContain('\n'); // one sentence, never a stack
  return error as UserError;
}

// ---------------------------------------------------------------------------------------------
// A hand-written workbook, for what exceljs cannot write (inline strings, prefixes, missing refs)

interface Part {
  name: string;
  data: Buffer;
  /** Declared in the ZIP directory instead of the real size (a zip that lies). */
  declaredSize?: number;
}

function makeZip(parts: readonly Part[]): Buffer {
  const chunks: Buffer[] = [];
  const records: Buffer[] = [];
  let offset = 0;
  for (const { name, data, declaredSize } of parts) {
    const compressed = deflateRawSync(data);
    const nameBytes = Buffer.from(name);
    const sizes = Buffer.alloc(12);
    sizes.writeUInt32LE(crc32(data), 0);
    sizes.writeUInt32LE(compressed.length, 4);
    sizes.writeUInt32LE(declaredSize ?? data.length, 8);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    sizes.copy(local, 14);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    sizes.copy(central, 16);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    chunks.push(local, nameBytes, compressed);
    records.push(central, nameBytes);
    offset += local.length + nameBytes.length + compressed.length;
  }
  const directory = Buffer.concat(records);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, directory, end]);
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

interface SheetSpec {
  name: string;
  /** The inside of `<sheetData>`, or a whole worksheet part when it starts with `<?xml` or is bytes. */
  data: string | Buffer;
  state?: 'hidden';
}

interface WorkbookOptions {
  workbookPr?: string;
  styles?: string;
  sharedStrings?: readonly string[];
  lie?: number;
  /** Parts left out of the archive. */
  omit?: readonly string[];
  /** The `r:id` of each sheet; `rId<n>` by default. */
  sheetIds?: readonly string[];
  /** Namespaces of the workbook parts (Strict OOXML has its own). */
  main?: string;
  rel?: string;
}

function workbook(sheets: readonly SheetSpec[], options: WorkbookOptions = {}): Buffer {
  const xml = (text: string): Buffer => Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>${text}`);
  const main = options.main ?? MAIN;
  const rel = options.rel ?? REL;
  const parts: Part[] = [
    {
      name: 'xl/workbook.xml',
      data: xml(
        `<workbook xmlns="${main}" xmlns:r="${rel}">${options.workbookPr ?? ''}<sheets>${sheets
          .map(
            (sheet, i) =>
              `<sheet name="${sheet.name}" sheetId="${i + 1}"${sheet.state ? ` state="${sheet.state}"` : ''} r:id="${options.sheetIds?.[i] ?? `rId${i + 1}`}"/>`,
          )
          .join('')}</sheets></workbook>`,
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: xml(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
          .map(
            (_, i) => `<Relationship Id="rId${i + 1}" Type="${rel}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
          )
          .join('')}</Relationships>`,
      ),
    },
    ...sheets.map((sheet, i): Part => {
      const data = Buffer.isBuffer(sheet.data)
        ? sheet.data
        : sheet.data.startsWith('<?xml')
          ? Buffer.from(sheet.data)
          : xml(`<worksheet xmlns="${main}"><sheetData>${sheet.data}</sheetData></worksheet>`);
      return { name: `xl/worksheets/sheet${i + 1}.xml`, data, declaredSize: i === 0 ? options.lie : undefined };
    }),
  ];
  if (options.styles !== undefined) parts.push({ name: 'xl/styles.xml', data: xml(options.styles) });
  if (options.sharedStrings !== undefined) {
    const items = options.sharedStrings.map((text) => `<si><t xml:space="preserve">${text}</t></si>`).join('');
    parts.push({ name: 'xl/sharedStrings.xml', data: xml(`<sst xmlns="${main}">${items}</sst>`) });
  }
  return makeZip(parts.filter((part) => !options.omit?.includes(part.name)));
}

const inline = (ref: string, text: string): string => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
const num = (ref: string, value: string | number, style?: number): string =>
  `<c r="${ref}"${style === undefined ? '' : ` s="${style}"`}><v>${value}</v></c>`;

function stylesWith(formats: readonly (string | number)[]): string {
  const custom = formats.filter((format): format is string => typeof format === 'string');
  const numFmts = custom
    .map((code, i) => `<numFmt numFmtId="${164 + i}" formatCode="${code.replaceAll('"', '&quot;')}"/>`)
    .join('');
  const xfs = formats
    .map((format) => `<xf numFmtId="${typeof format === 'number' ? format : 164 + custom.indexOf(format)}"/>`)
    .join('');
  return `<styleSheet xmlns="${MAIN}"><numFmts>${numFmts}</numFmts><cellStyleXfs><xf numFmtId="14"/></cellStyleXfs><cellXfs><xf numFmtId="0"/>${xfs}</cellXfs><dxfs><dxf><numFmt numFmtId="200" formatCode="yyyy"/></dxf></dxfs></styleSheet>`;
}

// ---------------------------------------------------------------------------------------------

describe('openXlsx on the fixtures of scripts/make-fixtures.ts', () => {
  it.each([
    'title-rows-and-serial-dates',
    'date1904',
    'second-sheet',
    'onyx-like-table',
    'russian-headers',
    'cell-kinds',
    'missing-workbook-rels', // through the exceljs fallback
  ])('%s.xlsx reads to the same header and rows as its CSV twin', async (name) => {
    const xlsx = await readXlsx(fixture(`${name}.xlsx`));
    const csv = await readCsvTwin(fixture(`${name}.csv`));
    expect(xlsx.header).toEqual(csv.header);
    expect(xlsx.rows).toEqual(csv.rows);
    expect(xlsx.at.every((at) => at.startsWith(`${xlsx.sheet}!A`))).toBe(true);
    expect(xlsx.issues).toEqual([]);
  });

  it('skips the title rows and the formatted-but-empty trailing rows', async () => {
    const result = await readXlsx(fixture('title-rows-and-serial-dates.xlsx'));
    expect(result.sheet).toBe('Звонки');
    expect(result.headerAt).toBe('Звонки!A4');
    expect(result.at).toEqual(['Звонки!A5', 'Звонки!A6', 'Звонки!A7', 'Звонки!A8', 'Звонки!A9', 'Звонки!A10']);
    expect(result.rows[0]).toEqual(['1001', '2026-10-01 09:00:00', 'Иванова Анна', '12', '0:03:25', 'answered']);
    expect(result.rows[1]![4]).toBe(''); // the missed call's empty talk time
    expect(result.rows[3]![1]).toBe('2026-10-10 10:10:10.250');
    expect(result.rows[5]![4]).toBe('26:00:05'); // [h]:mm:ss beyond a day
  });

  it('reads the 1904 date system to the same dates as the 1900 one', async () => {
    const from1900 = await readXlsx(fixture('title-rows-and-serial-dates.xlsx'));
    const from1904 = await readXlsx(fixture('date1904.xlsx'));
    expect(from1904.rows).toEqual(from1900.rows);
  });

  it('takes the first sheet with data: an empty first sheet is passed over', async () => {
    const result = await readXlsx(fixture('second-sheet.xlsx'));
    expect(result.sheet).toBe('Data');
    expect(result.headerAt).toBe('Data!A1');
    expect(result.rows).toHaveLength(3);
  });

  it('reads the sheet named by --sheet, case-insensitively', async () => {
    const data = await readXlsx(fixture('onyx-like-table.xlsx'), { sheet: 'data' });
    expect(data.sheet).toBe('Data');
    const dictionary = await readXlsx(fixture('onyx-like-table.xlsx'), { sheet: 'dictionary' });
    expect(dictionary.sheet).toBe('Dictionary');
    expect(dictionary.header).toEqual(['Term', 'Description']);
    expect(dictionary.rows).toEqual([
      ['Status', 'Open, In progress, Resolved or Closed'],
      ['Created time', 'When the ticket was created, "dd/mm/yyyy hh:mm:ss"'],
    ]);
    const empty = await readXlsx(fixture('second-sheet.xlsx'), { sheet: 'Sheet1' });
    expect(empty).toMatchObject({ sheet: 'Sheet1', header: [], rows: [] });
  });

  it('refuses an unknown --sheet, listing the sheets', async () => {
    const error = await userErrorOf(readXlsx(fixture('onyx-like-table.xlsx'), { sheet: 'Tickets' }));
    expect(error.message).toBe('book.xlsx: no sheet named "Tickets"; the sheets are "Data", "Dictionary".');
  });

  it('leaves out the totals row of an Excel Table', async () => {
    const result = await readXlsx(fixture('onyx-like-table.xlsx'));
    expect(result.at.at(-1)).toBe('Data!A5');
    expect(result.rows.some((row) => row[0] === 'Total')).toBe(false);
  });

  it('keeps the milliseconds of date-times', async () => {
    const result = await readXlsx(fixture('onyx-like-table.xlsx'));
    expect(result.rows.map((row) => row[6])).toEqual([
      '2023-01-02 01:03:17.432',
      '2023-01-02 07:27:43.231',
      '',
      '2023-01-03 12:59:59.999',
    ]);
  });
});

describe('openXlsx on hand-written workbooks', () => {
  it('reads inline and rich strings, prefixed tags, cells and rows without references, ISO and escaped text', async () => {
    const sheet = `<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="${MAIN}"><x:sheetData>
      <x:row><x:c t="inlineStr"><x:is><x:t>ID</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>When</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>Note</x:t></x:is></x:c></x:row>
      <x:row><x:c><x:v>7</x:v></x:c><x:c t="d"><x:v>2026-10-05T13:30:00</x:v></x:c><x:c t="inlineStr"><x:is><x:r><x:t>a &amp; </x:t></x:r><x:r><x:t>b_x000D_</x:t></x:r><x:rPh><x:t>ignored</x:t></x:rPh></x:is></x:c></x:row>
      <x:row r="5"><x:c r="B5" t="d"><x:v>2026-10-06</x:v></x:c><x:c r="E5" t="s"><x:v>0</x:v></x:c></x:row>
      </x:sheetData></x:worksheet>`;
    const result = await readXlsx(writeTemp(workbook([{ name: 'S', data: sheet }], { sharedStrings: ['beyond'] })));
    expect(result.header).toEqual(['ID', 'When', 'Note']);
    expect(result.rows).toEqual([
      ['7', '2026-10-05 13:30:00', 'a & b\r'],
      ['', '2026-10-06', '', '', 'beyond'],
    ]);
    expect(result.at).toEqual(['S!A2', 'S!A5']);
  });

  it.each<[string, string | number, number | string, string]>([
    ['general', 0, 0.1 + 0.2, '0.30000000000000004'],
    ['builtin 14', 14, 46300, '2026-10-05'],
    ['builtin 22', 22, 46300.5625, '2026-10-05 13:30:00'],
    ['builtin 21', 21, '0.38400462962962963', '9:12:58'],
    ['builtin 32 (h"時"mm"分")', 32, 0.5, '12:00:00'],
    ['builtin 46', 46, 2.25, '54:00:00'],
    ['builtin 47', 47, 1.5 / 86_400, '0:00:01.500'],
    ['dd/mm/yyyy\\ hh:mm:ss', 'dd/mm/yyyy\\ hh:mm:ss', 45108.40411402778, '2023-07-01 09:41:55.452'],
    ['mm:ss', 'mm:ss', 95 / 86_400, '0:01:35'],
    ['[mm]:ss', '[mm]:ss', 3700 / 86_400, '1:01:40'],
    ['mmm-yy is a month', 'mmm-yy', 46300, '2026-10-05'],
    ['quoted "d" is text', '0.0 "d"', 46300, '46300'],
    ['[$-F400] time', '[$-F400]h:mm:ss\\ AM/PM', 0.75, '18:00:00'],
    ['scientific E+', '0.00E+00', 46300, '46300'],
    ['General text', 'General', 12.5, '12.5'],
    ['negative duration', '[h]:mm', -0.5, '-12:00:00'],
    ['date out of range', 'yyyy-mm-dd', -1, '-1'],
    ['date serial 60 (1900-02-29)', 'yyyy-mm-dd', 60, '1900-03-01'],
  ])('formats %s', async (_, format, value, expected) => {
    const data = `<row r="1">${inline('A1', 'Kind')}${inline('B1', 'Value')}</row><row r="2">${inline('A2', 'x')}${num('B2', value, 1)}</row>`;
    const result = await readXlsx(writeTemp(workbook([{ name: 'S', data }], { styles: stylesWith([format]) })));
    expect(result.rows).toEqual([['x', expected]]);
  });

  it('reads the 1904 flag written as true', async () => {
    const data = `<row r="1">${inline('A1', 'A')}${inline('B1', 'B')}</row><row r="2">${num('A2', 0, 1)}${num('B2', 45000.5, 1)}</row>`;
    const result = await readXlsx(
      writeTemp(
        workbook([{ name: 'S', data }], { workbookPr: '<workbookPr date1904="true"/>', styles: stylesWith([22]) }),
      ),
    );
    expect(result.rows).toEqual([['1904-01-01 00:00:00', '2027-03-16 12:00:00']]);
  });

  it('passes over hidden sheets and sheets without a header-like row', async () => {
    const hidden = `<row r="1">${inline('A1', 'Lookup')}${inline('B1', 'Value')}</row>`;
    const notes = `<row r="1">${inline('A1', 'Only one cell per row')}</row><row r="2">${num('A2', 5)}${num('B2', 6)}</row>`;
    const data = `<row r="3">${inline('B3', 'Agent')}${inline('C3', 'Calls')}</row><row r="4">${inline('B4', 'Anna')}${num('C4', 12)}</row>`;
    const result = await readXlsx(
      writeTemp(
        workbook([
          { name: 'Hidden', data: hidden, state: 'hidden' },
          { name: 'Notes', data: notes },
          { name: 'Data', data },
        ]),
      ),
    );
    expect(result).toMatchObject({ sheet: 'Data', headerAt: 'Data!A3', header: ['', 'Agent', 'Calls'] });
    expect(result.rows).toEqual([['', 'Anna', '12']]);
  });

  it('takes the first non-empty row as the header when no row looks like one', async () => {
    const data = `<row r="2">${num('A2', 1)}${num('B2', 2)}</row><row r="3">${num('A3', 3)}${num('B3', 4)}</row>`;
    const result = await readXlsx(writeTemp(workbook([{ name: 'S', data }])));
    expect(result).toMatchObject({ header: ['1', '2'], headerAt: 'S!A2', rows: [['3', '4']] });
  });

  it('notes a formula without a saved result as a data-quality issue', async () => {
    const data = `<row r="1">${inline('A1', 'A')}${inline('B1', 'B')}</row><row r="2">${num('A2', 1)}<c r="B2"><f>A2*2</f></c></row>`;
    const result = await readXlsx(writeTemp(workbook([{ name: 'S', data }])));
    expect(result.rows).toEqual([['1', '']]);
    expect(result.issues).toEqual([
      {
        location: { file: 'book.xlsx', sheet: 'S', cell: 'B2' },
        field: '(row)',
        value: '=A2*2',
        problem: 'formula without a saved result (open and save the workbook in Excel)',
      },
    ]);
  });

  it('hands buffered rows over at once (takeBuffered) and keeps issues in row order', async () => {
    const rows = Array.from({ length: 6 }, (_, i) => {
      const r = i + 2;
      const b = r === 5 ? `<c r="B${r}"><f>A${r}*2</f></c>` : num(`B${r}`, r * 10);
      return `<row r="${r}">${num(`A${r}`, r)}${b}</row>`;
    }).join('');
    const data = `<row r="1">${inline('A1', 'A')}${inline('B1', 'B')}</row>${rows}`;
    const events: string[] = [];
    const source = await openXlsx(writeTemp(workbook([{ name: 'S', data }])), {
      displayName: 'book.xlsx',
      onIssue: (issue) => events.push(`issue ${cellOf(issue.location)}`),
    });
    const iterator = source[Symbol.asyncIterator]();
    let taken = 0;
    for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) {
      events.push(`row ${cellOf(next.value.location)}`);
      const buffered = source.takeBuffered?.() ?? [];
      taken += buffered.length;
      for (const row of buffered) events.push(`row ${cellOf(row.location)}`);
    }
    expect(events).toEqual(['row S!A2', 'row S!A3', 'row S!A4', 'issue S!B5', 'row S!A5', 'row S!A6', 'row S!A7']);
    expect(taken).toBe(4); // A3, A4 after A2; A6, A7 after A5
  });
});

describe('openXlsx: merged cells', () => {
  const merged = (rows: number, merges: string) =>
    `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData>` +
    `<row r="1">${inline('A1', 'Calls, October')}</row>` +
    `<row r="2">${inline('A2', 'Agent')}${inline('B2', 'Talk')}</row>` +
    Array.from({ length: rows }, (_, i) => {
      const r = i + 3;
      return `<row r="${r}">${i % 3 === 0 ? inline(`A${r}`, `Agent ${i}`) : ''}${num(`B${r}`, i)}</row>`;
    }).join('') +
    `</sheetData>${merges}<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
  const issueAt = (cell: string, ref: string) => ({
    location: { file: 'book.xlsx', sheet: 'S', cell },
    field: '(row)',
    value: ref,
    problem:
      'merged cells: only the first cell holds the value and the others read as empty; unmerge them and fill the value down, then export again',
  });

  it('reports each merged range over data rows, not the merged title above the header', async () => {
    const merges =
      '<mergeCells count="3"><mergeCell ref="A1:B1"/><mergeCell ref="A3:A5"/><mergeCell ref="A6:A8"/></mergeCells>';
    const result = await readXlsx(writeTemp(workbook([{ name: 'S', data: merged(6, merges) }])));
    expect(result.header).toEqual(['Agent', 'Talk']);
    expect(result.rows).toEqual([
      ['Agent 0', '0'],
      ['', '1'],
      ['', '2'],
      ['Agent 3', '3'],
      ['', '4'],
      ['', '5'],
    ]);
    expect(result.issues).toEqual([issueAt('A3', 'A3:A5'), issueAt('A6', 'A6:A8')]);
  });

  it('reports them after the last row of a sheet read in many chunks', async () => {
    const merges = '<mergeCells count="1"><mergeCell ref="$A$30000:$A$30002"/></mergeCells>';
    const result = await readXlsx(writeTemp(workbook([{ name: 'S', data: merged(30_000, merges) }])));
    expect(result.rows).toHaveLength(30_000);
    expect(result.issues).toEqual([issueAt('A30000', '$A$30000:$A$30002')]);
  });
});

describe('openXlsx: the XML scanner of sheets and shared strings', () => {
  it('reads comments, processing instructions, CDATA, entities, quotes, CRLF and empty cells', async () => {
    const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<!-- made by hand -->
<worksheet xmlns="${MAIN}" xmlns:x="urn:x"><sheetPr><x:ext uri='a>b' x:note="1 &gt; 0"/></sheetPr><sheetData>
<row r = '1' ><c r='A1' t='inlineStr'><is><t>Name</t></is></c><c r="B1" t="inlineStr"><is><t><![CDATA[Note <b>]]></t></is></c><c r="C1" t="inlineStr"><is><t>Sum</t></is></c><c r="D1" t="inlineStr"><is><t>Shared</t></is></c></row>
<!-- <row r="2"><c r="A2"><v>9</v></c></row> -->
<?skip this?>
<row r="3"><c r="A3" t="inlineStr"><is><t>R&amp;D &#1071;&#x42F; &lt;x&gt; &quot;q&apos;</t></is></c><c r="B3" t="inlineStr"><is><t>line 1\r\nline 2\rline 3</t></is></c><c r="C3"><v>1<!-- two parts -->2.5</v></c></row>
<row r="4"><c r="A4" s="0"/><c r="B4"><v></v></c><c r="C4"><v><![CDATA[7]]></v></c><c r="D4" t="s"><v>0</v></c></row>
</sheetData></worksheet>`;
    const result = await readXlsx(
      writeTemp(workbook([{ name: 'S', data: sheet }], { sharedStrings: ['Ёлка &amp; ёж\r\n'] })),
    );
    expect(result.header).toEqual(['Name', 'Note <b>', 'Sum', 'Shared']);
    expect(result.rows).toEqual([
      ['R&D ЯЯ <x> "q\'', 'line 1\nline 2\nline 3', '12.5', ''],
      ['', '', '7', 'Ёлка & ёж\n'],
    ]);
    expect(result.at).toEqual(['S!A3', 'S!A4']);
  });

  it('reads values cut anywhere by the inflated chunks', async () => {
    const words = ['Ёж', 'a&amp;b', 'x', '日本語テキスト', 'ok', '&#x1F600;', 'tail '];
    const values = ['Ёж', 'a&b', 'x', '日本語テキスト', 'ok', '😀', 'tail '];
    const text = (i: number, list: string[]): string =>
      Array.from({ length: (i % 13) + 1 }, (_, k) => list[(i + k) % list.length]).join('-');
    const rows = Array.from({ length: 2500 }, (_, n) => {
      const r = n + 2;
      return (
        `<row r="${r}" spans="1:3">${inline(`A${r}`, text(r, words))}` +
        `<c r="B${r}" s="0" t="n" note="${'y'.repeat(r % 50)}"><v>${r}.${r % 7}</v></c>` +
        `<c r="C${r}" t="inlineStr"><is><t><![CDATA[${r % 2 ? 'ä<>' : 'ö&'}]]></t></is></c></row>`
      );
    });
    const expected = rows.map((_, n) => [
      text(n + 2, values),
      String(Number(`${n + 2}.${(n + 2) % 7}`)),
      (n + 2) % 2 ? 'ä<>' : 'ö&',
    ]);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 70_000 }), async (shift) => {
        // a comment of `shift` bytes moves every chunk boundary
        const data = `<!--${' '.repeat(shift)}--><row r="1">${inline('A1', 'Text')}${inline('B1', 'Number')}${inline('C1', 'CDATA')}</row>${rows.join('')}`;
        const result = await readXlsx(writeTemp(workbook([{ name: 'S', data }])));
        expect(result.rows).toEqual(expected);
      }),
      { numRuns: 12 },
    );
  }, 60_000);

  it('reads a UTF-16 sheet part', async () => {
    const sheet = `<?xml version="1.0" encoding="UTF-16"?><worksheet xmlns="${MAIN}"><sheetData><row r="1">${inline('A1', 'Оператор')}${inline('B1', 'Звонки')}</row><row r="2">${inline('A2', 'Анна')}${num('B2', 12)}</row></sheetData></worksheet>`;
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(sheet, 'utf16le')]);
    const result = await readXlsx(writeTemp(workbook([{ name: 'S', data: bytes }])));
    expect(result).toMatchObject({ header: ['Оператор', 'Звонки'], rows: [['Анна', '12']] });
  });

  it.each([
    [
      'a DOCTYPE with declarations',
      '<!DOCTYPE x [<!ENTITY a "b">]><worksheet><sheetData/></worksheet>',
      /a DOCTYPE with declarations/,
    ],
    [
      'an unknown entity',
      `<worksheet><sheetData><row r="1">${inline('A1', 'a&nbsp;b')}</row></sheetData></worksheet>`,
      /an unknown entity &nbsp;/,
    ],
    ['a part that ends inside a tag', '<worksheet><sheetData><row r="1"><c r="A1"', /the part ends inside a tag/],
    [
      'an attribute without quotes',
      '<worksheet><sheetData><row r=1></row></sheetData></worksheet>',
      /an attribute value without quotes/,
    ],
  ])('refuses %s in one sentence', async (_, part, reason) => {
    const error = await userErrorOf(
      readXlsx(writeTemp(workbook([{ name: 'S', data: `<?xml version="1.0"?>${part}` }]))),
    );
    expect(error.message).toMatch(/^book\.xlsx: not a readable XLSX workbook \(xl\/worksheets\/sheet1\.xml: /);
    expect(error.message).toMatch(reason);
  });

  it('reads every plain decimal as Number() does', async () => {
    const decimal = fc.stringMatching(/^-?\d{1,20}(\.\d{0,24})?$/);
    await fc.assert(
      fc.asyncProperty(fc.array(decimal, { minLength: 1, maxLength: 40 }), async (values) => {
        const rows = values.map(
          (value, i) => `<row r="${i + 2}">${inline(`A${i + 2}`, 'x')}${num(`B${i + 2}`, value)}</row>`,
        );
        const data = `<row r="1">${inline('A1', 'Kind')}${inline('B1', 'Value')}</row>${rows.join('')}`;
        const result = await readXlsx(writeTemp(workbook([{ name: 'S', data }])));
        expect(result.rows.map((row) => row[1])).toEqual(values.map((value) => String(Number(value))));
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});

describe('openXlsx on workbooks it declines: the exceljs fallback', () => {
  const data =
    `<row r="1">${inline('A1', 'Agent')}${inline('B1', 'Calls')}</row>` +
    `<row r="2">${inline('A2', 'Анна')}${num('B2', 12)}</row>` +
    `<row r="3"><c r="A3" t="s"><v>0</v></c>${num('B3', 46300.5, 1)}</row>`;
  const parts = { sharedStrings: ['Пётр'], styles: stylesWith([22]) };

  it.each<[string, WorkbookOptions]>([
    ['no workbook relationships part', { omit: ['xl/_rels/workbook.xml.rels'] }],
    ['a sheet whose r:id the relationships lack', { sheetIds: ['rId9'] }],
    ['no workbook part', { omit: ['xl/workbook.xml'] }],
  ])('reads a workbook with %s through exceljs', async (_, broken) => {
    const result = await readXlsx(writeTemp(workbook([{ name: 'Calls', data }], { ...parts, ...broken })));
    // exceljs names a sheet it cannot match to the workbook's list by its part
    expect(result).toMatchObject({ sheet: 'Sheet1', header: ['Agent', 'Calls'], headerAt: 'Sheet1!A1' });
    expect(result.rows).toEqual([
      ['Анна', '12'],
      ['Пётр', '2026-10-05 12:00:00'],
    ]);
    expect(result.at).toEqual(['Sheet1!A2', 'Sheet1!A3']);
  });

  it('reads the fixture without workbook relationships like its CSV twin, with --sheet too', async () => {
    const result = await readXlsx(fixture('missing-workbook-rels.xlsx'), { sheet: 'sheet1' });
    expect(result).toMatchObject({ sheet: 'Sheet1', headerAt: 'Sheet1!A4' });
    expect(result.rows).toEqual((await readCsvTwin(fixture('missing-workbook-rels.csv'))).rows);
  });

  it('keeps the limits: a declined workbook that lies about its size is refused before exceljs sees it', async () => {
    const rows = '<row/>'.repeat(2_000_000);
    const path = writeTemp(workbook([{ name: 'S', data: rows }], { lie: 1000, omit: ['xl/_rels/workbook.xml.rels'] }));
    const error = await userErrorOf(readXlsx(path));
    expect(error.message).toMatch(/unpacks to more than the 1,000 bytes it declares \(a zip bomb\?\)/);
  });

  it('keeps the limits: the shared strings of a declined workbook are counted', async () => {
    const path = writeTemp(workbook([{ name: 'S', data }], { ...parts, omit: ['xl/_rels/workbook.xml.rels'] }));
    const error = await userErrorOf(readXlsx(path, { maxSharedStrings: 0 }));
    expect(error.message).toMatch(/more than 0 shared strings/);
    const columns = await userErrorOf(readXlsx(path, { maxColumns: 1 }));
    expect(columns.message).toMatch(/^book\.xlsx:Sheet1!B1: a row has more than 1 columns/);
  });

  it('declines nothing when there is no worksheet part to fall back on', async () => {
    const noParts = writeTemp(
      workbook([{ name: 'S', data }], { omit: ['xl/_rels/workbook.xml.rels', 'xl/worksheets/sheet1.xml'] }),
    );
    expect(await readXlsx(noParts)).toMatchObject({ sheet: 'S', header: [], rows: [] });
    const noWorkbook = writeTemp(
      workbook([{ name: 'S', data }], { omit: ['xl/workbook.xml', 'xl/worksheets/sheet1.xml'] }),
    );
    const error = await userErrorOf(readXlsx(noWorkbook));
    expect(error.message).toMatch(/it has no workbook part; is it a Word or PowerPoint file\?/);
  });

  it('reads Strict OOXML itself, ISO 8601 date cells included', async () => {
    const strict = `<row r="1">${inline('A1', 'When')}${inline('B1', 'Calls')}</row><row r="2"><c r="A2" t="d"><v>2026-10-05T13:30:00</v></c>${num('B2', 3)}</row>`;
    const path = writeTemp(
      workbook([{ name: 'Strict', data: strict }], {
        main: 'http://purl.oclc.org/ooxml/spreadsheetml/main',
        rel: 'http://purl.oclc.org/ooxml/officeDocument/relationships',
      }),
    );
    const result = await readXlsx(path);
    expect(result).toMatchObject({ sheet: 'Strict', header: ['When', 'Calls'], rows: [['2026-10-05 13:30:00', '3']] });
  });

  it('closes the file when the loop over a fallback source stops early', async () => {
    const rows = Array.from(
      { length: 20_000 },
      (_, i) => `<row r="${i + 2}">${num(`A${i + 2}`, i)}${num(`B${i + 2}`, i)}</row>`,
    );
    const path = writeTemp(
      workbook([{ name: 'S', data: `<row r="1">${inline('A1', 'N')}${inline('B1', 'M')}</row>${rows.join('')}` }], {
        ...parts,
        omit: ['xl/_rels/workbook.xml.rels'],
      }),
    );
    const before = process.getActiveResourcesInfo().filter((name) => name === 'FileHandle').length;
    const source = await openXlsx(path, { displayName: 'big.xlsx' });
    for await (const row of source) {
      expect(row.cells).toEqual(['0', '0']);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(process.getActiveResourcesInfo().filter((name) => name === 'FileHandle').length).toBe(before);
  });
});

describe('openXlsx limits and broken files', () => {
  it('refuses the zip bomb fixture quickly', async () => {
    const started = Date.now();
    const error = await userErrorOf(readXlsx(fixture('zip-bomb.xlsx')));
    expect(error.message).toMatch(
      /^book\.xlsx: refused to unpack: xl\/worksheets\/sheet1\.xml is compressed [\d,]+:1 \(a zip bomb\?\)/,
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('stops inflating an entry that unpacks to more than it declares', async () => {
    const rows = '<row/>'.repeat(2_000_000); // 12 MB, deflated ~12 KB, declared as 1,000 bytes
    const path = writeTemp(workbook([{ name: 'S', data: rows }], { lie: 1000 }));
    const started = Date.now();
    const error = await userErrorOf(readXlsx(path));
    expect(error.message).toMatch(/unpacks to more than the 1,000 bytes it declares \(a zip bomb\?\)/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses a workbook that declares more than maxUncompressedBytes', async () => {
    const error = await userErrorOf(readXlsx(fixture('cell-kinds.xlsx'), { maxUncompressedBytes: 10_000 }));
    expect(error.message).toBe(
      'book.xlsx: refused to unpack: it unpacks to more than 10,000 bytes (a zip bomb?); re-save it from Excel or export CSV.',
    );
  });

  it('refuses more shared strings than maxSharedStrings', async () => {
    const error = await userErrorOf(readXlsx(fixture('cell-kinds.xlsx'), { maxSharedStrings: 5 }));
    expect(error.message).toMatch(/more than 5 shared strings/);
  });

  it('refuses a value beyond maxColumns', async () => {
    const error = await userErrorOf(readXlsx(fixture('title-rows-and-serial-dates.xlsx'), { maxColumns: 3 }));
    expect(error.message).toMatch(/^book\.xlsx:Звонки!D4: a row has more than 3 columns/);
  });

  it.each([
    ['not-a-zip.xlsx', 'it is not a ZIP archive'],
    ['truncated.xlsx', 'its ZIP directory is missing: the file is truncated or damaged'],
  ])('refuses %s in one sentence', async (name, reason) => {
    const error = await userErrorOf(readXlsx(fixture(name)));
    expect(error.message).toBe(
      `book.xlsx: not a readable XLSX workbook (${reason}); re-save it from Excel or export CSV.`,
    );
  });

  it('refuses a damaged sheet and an old .xls workbook', async () => {
    const good = workbook([{ name: 'S', data: `<row r="1">${inline('A1', 'A')}${inline('B1', 'B')}</row>` }]);
    const sheetAt = good.indexOf('xl/worksheets/sheet1.xml') + 'xl/worksheets/sheet1.xml'.length;
    const damaged = Buffer.from(good);
    damaged[sheetAt + 3] = damaged[sheetAt + 3]! ^ 0xff;
    const error = await userErrorOf(readXlsx(writeTemp(damaged)));
    expect(error.message).toMatch(/^book\.xlsx: not a readable XLSX workbook \(xl\/worksheets\/sheet1\.xml /);

    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    const xls = await userErrorOf(readXlsx(writeTemp(ole)));
    expect(xls.message).toMatch(/an old Excel \.xls workbook or a password-protected one/);
    await userErrorOf(readXlsx(writeTemp('')));
    await userErrorOf(readXlsx(join(dir, 'missing.xlsx')));
  });

  it('does not hang or leak the file when the loop stops early', async () => {
    const rows = Array.from(
      { length: 50_000 },
      (_, i) => `<row r="${i + 2}">${num(`A${i + 2}`, i)}${inline(`B${i + 2}`, `agent ${i % 7}`)}</row>`,
    ).join('');
    const path = writeTemp(
      workbook([{ name: 'S', data: `<row r="1">${inline('A1', 'N')}${inline('B1', 'Agent')}</row>${rows}` }]),
    );
    const before = process.getActiveResourcesInfo().length;
    const source = await openXlsx(path, { displayName: 'big.xlsx' });
    let seen = 0;
    for await (const row of source) {
      expect(row.cells).toEqual(['0', 'agent 0']);
      seen++;
      break;
    }
    expect(seen).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(process.getActiveResourcesInfo().length).toBeLessThanOrEqual(before);
    expect(() => source[Symbol.asyncIterator]()).toThrow(/only once/);
  });
});

describe('cellAddress', () => {
  it.each([
    [0, 1, 'A1'],
    [2, 17, 'C17'],
    [25, 3, 'Z3'],
    [26, 3, 'AA3'],
    [701, 9, 'ZZ9'],
    [702, 9, 'AAA9'],
    [16_383, 1_048_576, 'XFD1048576'],
  ])('column %i, row %i → %s', (column, row, address) => {
    expect(cellAddress(column, row)).toBe(address);
  });
});
