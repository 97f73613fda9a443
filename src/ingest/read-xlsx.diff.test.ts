/**
 * The differential test of issue 10: the lean reader (read-xlsx.ts) and the exceljs reader
 * (read-xlsx-exceljs.ts) give the same sheet, header, rows, cells, locations and issues on every
 * XLSX fixture but the refused ones, on the real workbooks, on generated workbooks (fast-check) and
 * on hand-written ones; where they legitimately differ, the last block names each difference and
 * asserts what each reader gives.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataQualityIssue } from '../domain/data-quality.js';
import type { SourceLocation } from '../domain/source-location.js';
import { UserError } from '../errors.js';
import type { OpenXlsxOptions } from './read-xlsx.js';
import { openXlsx } from './read-xlsx.js';
import { openXlsxWithExceljs } from './read-xlsx-exceljs.js';
import type { RowSource } from './row-source.js';

const root = join(import.meta.dirname, '..', '..', 'test', 'fixtures');
const fixtureDir = join(root, 'xlsx');
/** The fixtures the lean reader refuses (a zip bomb, not a ZIP, a truncated file): nothing to compare. */
const REFUSED = ['not-a-zip.xlsx', 'truncated.xlsx', 'zip-bomb.xlsx'];
const FIXTURES = readdirSync(fixtureDir)
  .filter((name) => name.endsWith('.xlsx') && !REFUSED.includes(name))
  .sort();
const REAL = [
  join(root, 'real', 'pwc-call-center', 'call-center-dataset.xlsx'),
  join(root, 'real', 'onyx-tech-support', 'onyx-technical-support-may-2024.xlsx'),
];

let dir: string;
let fileCount = 0;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cs-kpi-read-xlsx-diff-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function tempPath(): string {
  return join(dir, `w${++fileCount}.xlsx`);
}

type Open = (path: string, options: OpenXlsxOptions) => Promise<RowSource>;

interface Read {
  sheet: string;
  header: readonly string[];
  headerAt: string;
  rows: { at: string; cells: readonly string[] }[];
  issues: DataQualityIssue[];
}

const cellOf = (location: SourceLocation): string =>
  'sheet' in location ? `${location.sheet}!${location.cell}` : `line ${location.line}`;

async function read(open: Open, path: string, options: Partial<OpenXlsxOptions> = {}): Promise<Read> {
  const issues: DataQualityIssue[] = [];
  const source = await open(path, { displayName: 'book.xlsx', onIssue: (issue) => issues.push(issue), ...options });
  if (source.format.type !== 'xlsx') throw new Error('expected an XLSX format');
  const rows: Read['rows'] = [];
  for await (const row of source) rows.push({ at: cellOf(row.location), cells: row.cells });
  return { sheet: source.format.sheet, header: source.header, headerAt: cellOf(source.headerLocation), rows, issues };
}

/** What each reader gives, or the message of its UserError. */
async function both(path: string, options: Partial<OpenXlsxOptions> = {}): Promise<{ lean: Read; exceljs: Read }> {
  return { lean: await read(openXlsx, path, options), exceljs: await read(openXlsxWithExceljs, path, options) };
}

async function errorOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UserError);
  return (error as UserError).message;
}

/** The sheet names the lean reader lists when asked for a sheet that does not exist. */
async function sheetNames(path: string): Promise<string[]> {
  const message = await errorOf(read(openXlsx, path, { sheet: '\u0000' }));
  return [...message.slice(message.indexOf('the sheets are')).matchAll(/"((?:[^"]|"(?!, "|\.$))*)"/g)].map(
    (match) => match[1]!,
  );
}

async function expectSameOnEverySheet(path: string): Promise<void> {
  const { lean, exceljs } = await both(path);
  expect(exceljs).toEqual(lean);
  for (const sheet of await sheetNames(path)) {
    const bySheet = await both(path, { sheet });
    expect(bySheet.exceljs, `--sheet ${sheet}`).toEqual(bySheet.lean);
  }
}

// ---------------------------------------------------------------------------------------------

describe('the lean and the exceljs reader agree on the fixtures and the real workbooks', () => {
  it('leaves out only the fixtures the lean reader refuses', async () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(7);
    for (const name of REFUSED) {
      expect(await errorOf(read(openXlsx, join(fixtureDir, name)))).toMatch(/^book\.xlsx: (refused|not a readable)/);
    }
  });

  it.each(FIXTURES)('test/fixtures/xlsx/%s, every sheet', async (name) => {
    await expectSameOnEverySheet(join(fixtureDir, name));
  });

  it.each(REAL)('%s, every sheet', async (path) => {
    const { lean } = await both(path);
    expect(lean.rows.length).toBeGreaterThan(2000);
    await expectSameOnEverySheet(path);
  });
});

// ---------------------------------------------------------------------------------------------
// Generated workbooks, written with exceljs

const MS_PER_DAY = 86_400_000;
const TEXT_CHARS = [...'abcxyzABC 019-_.,;:&<>"\'/\nАБВабвгдЁёЖжЩщъЯя№'];
const TEXT = fc.oneof(
  fc.string({ unit: fc.constantFrom(...TEXT_CHARS), minLength: 1, maxLength: 14 }),
  fc.constantFrom('Иванова Анна', 'Пётр Петров', 'отвечен', '   ', 'a_x0041_b', 'Ticket #501', '+7 (916) 123-45-67'),
);
const DATE_FORMATS = [
  'yyyy-mm-dd',
  'dd.mm.yyyy hh:mm:ss',
  'yyyy-mm-dd hh:mm:ss.000',
  'mm-dd-yy',
  'm/d/yy h:mm',
  'dd/mm/yyyy\\ hh:mm:ss',
  '[$-409]mmmm d, yyyy',
  'h:mm:ss',
  'hh:mm',
  'h:mm AM/PM',
  'mm:ss',
  '[h]:mm:ss',
  '[mm]:ss',
];
const NUMBER_FORMATS = [undefined, 'General', '0.00', '#,##0', '0%', '0.00E+00', '@', '#,##0\\ "руб."', '[Red]0.00'];
/** Serials on a whole millisecond (as Excel stores times): dates, 1900 serials before the leap-day bug, time fractions, durations, out of range. */
const SERIAL = fc.oneof(
  fc.integer({ min: -5, max: 70 }),
  fc.integer({ min: 0, max: 2_958_465 * MS_PER_DAY }).map((ms) => ms / MS_PER_DAY),
  fc.integer({ min: -MS_PER_DAY, max: 3 * MS_PER_DAY }).map((ms) => ms / MS_PER_DAY),
  fc.integer({ min: 0, max: 400 * MS_PER_DAY }).map((ms) => ms / MS_PER_DAY),
  fc.constantFrom(2_958_465.999988426, 2_958_466, 3_000_000, -1, -0.25),
);

type GeneratedCell =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number; numFmt: string | undefined }
  | { kind: 'serial'; value: number; numFmt: string }
  | { kind: 'date'; value: Date; numFmt: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'error'; error: string }
  | { kind: 'formula'; result: number | string | undefined; numFmt: string | undefined }
  | { kind: 'rich'; runs: string[] }
  | { kind: 'hyperlink'; text: string };

const CELL: fc.Arbitrary<GeneratedCell> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: 'empty' as const }) },
  { weight: 4, arbitrary: TEXT.map((text) => ({ kind: 'text' as const, text })) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('number' as const),
      value: fc.oneof(
        fc.integer({ min: -1_000_000, max: 100_000_000_000 }),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.constantFrom(0.1 + 0.2, 1 / 3, 123456789.12345678, 79_161_234_567, 1e-7, 5e-324),
      ),
      numFmt: fc.constantFrom(...NUMBER_FORMATS),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('serial' as const),
      value: SERIAL,
      numFmt: fc.constantFrom(...DATE_FORMATS),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('date' as const),
      value: fc.date({
        min: new Date(Date.UTC(1900, 0, 1)),
        max: new Date(Date.UTC(9999, 11, 31, 23, 59, 59, 999)),
        noInvalidDate: true,
      }),
      numFmt: fc.constantFrom(...DATE_FORMATS),
    }),
  },
  { weight: 1, arbitrary: fc.boolean().map((value) => ({ kind: 'boolean' as const, value })) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('#N/A', '#DIV/0!', '#VALUE!').map((error) => ({ kind: 'error' as const, error })),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('formula' as const),
      result: fc.oneof(fc.constant(undefined), fc.integer({ min: 0, max: 60_000 }), TEXT),
      numFmt: fc.constantFrom(undefined, 'yyyy-mm-dd', '[h]:mm:ss'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.array(TEXT, { minLength: 1, maxLength: 3 }).map((runs) => ({ kind: 'rich' as const, runs })),
  },
  { weight: 1, arbitrary: TEXT.map((text) => ({ kind: 'hyperlink' as const, text })) },
);

interface GeneratedSheet {
  name: string;
  hidden: boolean;
  titleRows: string[];
  /** null: no header-like row (the first row of numbers is the header). */
  header: string[] | null;
  rows: GeneratedCell[][];
}

interface GeneratedWorkbook {
  date1904: boolean;
  sharedStrings: boolean;
  sheets: GeneratedSheet[];
}

const SHEET_NAMES = ['Звонки', 'Data', 'Лист 1', 'Notes', 'Sheet1', 'Tickets 2026-10', 'Опросы'];

const SHEET = (name: string): fc.Arbitrary<GeneratedSheet> =>
  fc.record({
    name: fc.constant(name),
    hidden: fc.oneof({ weight: 1, arbitrary: fc.constant(true) }, { weight: 4, arbitrary: fc.constant(false) }),
    titleRows: fc.array(TEXT, { maxLength: 2 }),
    header: fc.option(fc.uniqueArray(TEXT, { minLength: 2, maxLength: 5 }), { freq: 5 }),
    rows: fc.array(fc.array(CELL, { minLength: 1, maxLength: 6 }), { maxLength: 12 }),
  });

const WORKBOOK: fc.Arbitrary<GeneratedWorkbook> = fc.record({
  date1904: fc.boolean(),
  sharedStrings: fc.boolean(),
  sheets: fc
    .uniqueArray(fc.constantFrom(...SHEET_NAMES), { minLength: 1, maxLength: 3 })
    .chain((names) => fc.tuple(...names.map((name) => SHEET(name)))),
});

const EPOCH_1904 = Date.UTC(1904, 0, 1);
const FOUR_YEARS = EPOCH_1904 - Date.UTC(1900, 0, 1);

function cellValue(cell: GeneratedCell, sharedStrings: boolean, date1904: boolean): ExcelJS.CellValue {
  switch (cell.kind) {
    case 'empty':
      return null;
    case 'text':
    case 'hyperlink':
      return cell.kind === 'text' ? cell.text : { text: cell.text, hyperlink: 'https://example.com/501' };
    case 'date':
      // a date before the 1904 system's epoch is a negative serial, shown as a number: see difference 9
      return date1904 && cell.value.getTime() < EPOCH_1904 ? new Date(cell.value.getTime() + FOUR_YEARS) : cell.value;
    case 'number':
    case 'serial':
    case 'boolean':
      return cell.value;
    case 'error':
      return { error: cell.error as ExcelJS.CellErrorValue['error'] };
    case 'formula':
      return cell.result === undefined
        ? { formula: 'NOW()', date1904: false }
        : { formula: 'A1', result: cell.result, date1904: false };
    case 'rich':
      // exceljs writes an inline rich string without shared strings: one run there (several differ, below)
      return { richText: (sharedStrings ? cell.runs : cell.runs.slice(0, 1)).map((text) => ({ text })) };
  }
}

async function writeGenerated(spec: GeneratedWorkbook): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  workbook.properties.date1904 = spec.date1904;
  for (const sheet of spec.sheets) {
    const worksheet = workbook.addWorksheet(sheet.name, { state: sheet.hidden ? 'hidden' : 'visible' });
    for (const title of sheet.titleRows) {
      worksheet.addRow([title]);
      worksheet.addRow([]);
    }
    if (sheet.header !== null) worksheet.addRow(sheet.header);
    for (const cells of sheet.rows) {
      const row = worksheet.addRow(cells.map((cell) => cellValue(cell, spec.sharedStrings, spec.date1904)));
      cells.forEach((cell, i) => {
        if ('numFmt' in cell && cell.numFmt !== undefined) row.getCell(i + 1).numFmt = cell.numFmt;
      });
    }
  }
  const path = tempPath();
  await workbook.xlsx.writeFile(path, { useSharedStrings: spec.sharedStrings } as never);
  return path;
}

describe('the lean and the exceljs reader agree on generated workbooks', () => {
  it('dates, 1900 and 1904 serials, time fractions, shared and inline strings, empty cells, Cyrillic, long numbers', async () => {
    await fc.assert(
      fc.asyncProperty(WORKBOOK, async (spec) => {
        await expectSameOnEverySheet(await writeGenerated(spec));
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it.each([true, false])(
    'Cyrillic text across the inflate chunks (shared strings: %s)',
    async (sharedStrings) => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('Звонки');
      sheet.addRow(['Оператор', 'Комментарий', 'Статус', 'Ожидание']);
      for (let i = 0; i < 4000; i++) {
        sheet.addRow([
          `Оператор №${i % 97} Ёлкина-Щукина`,
          `Клиент просил перезвонить ${i} раз, ждал «долго»`,
          i % 3 ? 'отвечен' : 'пропущен',
          i,
        ]);
      }
      const path = tempPath();
      await workbook.xlsx.writeFile(path, { useSharedStrings: sharedStrings } as never);
      const { lean, exceljs } = await both(path);
      expect(lean.rows).toHaveLength(4000);
      expect(lean.rows[3999]!.cells[1]).toBe('Клиент просил перезвонить 3999 раз, ждал «долго»');
      expect(exceljs).toEqual(lean);
    },
    30_000,
  );
});

// ---------------------------------------------------------------------------------------------
// Hand-written workbooks, for what exceljs does not write

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function makeZip(parts: readonly { name: string; text: string }[]): Buffer {
  const chunks: Buffer[] = [];
  const records: Buffer[] = [];
  let offset = 0;
  for (const { name, text } of parts) {
    const data = Buffer.from(text);
    const compressed = deflateRawSync(data);
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    local.copy(central, 6, 4, 30);
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

interface HandSheet {
  name: string;
  /** The inside of `<sheetData>`, or a whole part when it starts with `<`. */
  data: string;
  /** The part's path; `xl/worksheets/sheet<n>.xml` by default. */
  part?: string;
  /** The relationship's target; relative to `xl/` and the part's path by default. */
  target?: string;
}

function handWritten(
  sheets: readonly HandSheet[],
  options: { workbookPr?: string; numFmts?: string; xfs?: readonly number[]; sharedStrings?: string } = {},
): string {
  const xml = (text: string): string => `<?xml version="1.0" encoding="UTF-8"?>${text}`;
  const parts = [
    {
      name: 'xl/workbook.xml',
      text: xml(
        `<workbook xmlns="${MAIN}" xmlns:r="${REL}">${options.workbookPr ?? ''}<sheets>${sheets
          .map((sheet, i) => `<sheet name="${sheet.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
          .join('')}</sheets></workbook>`,
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      text: xml(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
          .map((sheet, i) => {
            const target = sheet.target ?? (sheet.part ?? `xl/worksheets/sheet${i + 1}.xml`).slice(3);
            return `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="${target}"/>`;
          })
          .join('')}</Relationships>`,
      ),
    },
    ...sheets.map((sheet, i) => ({
      name: sheet.part ?? `xl/worksheets/sheet${i + 1}.xml`,
      text: /^<(\w+:)?worksheet/.test(sheet.data)
        ? xml(sheet.data)
        : xml(`<worksheet xmlns="${MAIN}"><sheetData>${sheet.data}</sheetData></worksheet>`),
    })),
  ];
  if (options.xfs !== undefined) {
    const xfs = options.xfs.map((id) => `<xf numFmtId="${id}" applyNumberFormat="1"/>`).join('');
    parts.push({
      name: 'xl/styles.xml',
      text: xml(
        `<styleSheet xmlns="${MAIN}"><numFmts>${options.numFmts ?? ''}</numFmts><cellXfs><xf numFmtId="0"/>${xfs}</cellXfs></styleSheet>`,
      ),
    });
  }
  if (options.sharedStrings !== undefined) {
    parts.push({ name: 'xl/sharedStrings.xml', text: xml(`<sst xmlns="${MAIN}">${options.sharedStrings}</sst>`) });
  }
  const path = tempPath();
  writeFileSync(path, makeZip(parts));
  return path;
}

const HEADER = `<row r="1"><c r="A1" t="inlineStr"><is><t>Kind</t></is></c><c r="B1" t="inlineStr"><is><t>Value</t></is></c></row>`;
const kindCell = `<c r="A2" t="inlineStr"><is><t>x</t></is></c>`;
/** A sheet of the header and one row whose B2 is `cell`. */
const oneCell = (cell: string): string => `${HEADER}<row r="2">${kindCell}${cell}</row>`;

describe('the lean and the exceljs reader agree on hand-written workbooks', () => {
  it.each<[string, string, Parameters<typeof handWritten>[1]]>([
    ['an inline string of one <t>', `<c r="B2" t="inlineStr"><is><t>Анна &amp; Пётр</t></is></c>`, {}],
    ['a formula string', `<c r="B2" t="str"><f>A2</f><v>x y</v></c>`, {}],
    ['a formula without a saved result', `<c r="B2"><f>SUM(A1:A2)</f></c>`, {}],
    [
      'a date1904="true" workbook',
      `<c r="B2" s="1"><v>0.5</v></c>`,
      { workbookPr: '<workbookPr date1904="true"/>', xfs: [22] },
    ],
    ['built-in 22 on a whole serial', `<c r="B2" s="1"><v>46300</v></c>`, { xfs: [22] }],
    ['built-in 46 beyond a day', `<c r="B2" s="1"><v>2.25</v></c>`, { xfs: [46] }],
    [
      'a custom time format',
      `<c r="B2" s="1"><v>0.38400462962962963</v></c>`,
      { numFmts: '<numFmt numFmtId="164" formatCode="[$-F400]h:mm:ss\\ AM/PM"/>', xfs: [164] },
    ],
    [
      'a rich shared string',
      `<c r="B2" t="s"><v>0</v></c>`,
      { sharedStrings: '<si><r><t>Ива</t></r><r><rPr><b/></rPr><t>нова</t></r></si>' },
    ],
    ['a shared string with an escape', `<c r="B2" t="s"><v>0</v></c>`, { sharedStrings: '<si><t>a_x000D_b</t></si>' }],
  ])('%s', async (_, cell, options) => {
    const { lean, exceljs } = await both(handWritten([{ name: 'S', data: oneCell(cell) }], options));
    expect(lean.rows).toHaveLength(1);
    expect(exceljs).toEqual(lean);
  });

  it('picks the same sheet past hidden, empty and header-less sheets, and reads chart-less gaps the same', async () => {
    const path = handWritten([
      { name: 'Empty', data: '' },
      { name: 'Numbers', data: `<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row>` },
      {
        name: 'Data',
        data: `<row r="3"><c r="B3" t="inlineStr"><is><t>Agent</t></is></c><c r="D3" t="inlineStr"><is><t>Calls</t></is></c><c r="E3" t="inlineStr"><is><t>Wait</t></is></c></row><row r="4"><c r="B4" t="inlineStr"><is><t>Анна</t></is></c><c r="E4"><v>7</v></c></row>`,
      },
    ]);
    const { lean, exceljs } = await both(path);
    expect(lean).toMatchObject({
      sheet: 'Data',
      headerAt: 'Data!A3',
      rows: [{ at: 'Data!A4', cells: ['', 'Анна', '', '', '7'] }],
    });
    expect(exceljs).toEqual(lean);
    await expectSameOnEverySheet(path);
  });
});

// ---------------------------------------------------------------------------------------------

describe('where the readers legitimately differ (read-xlsx-exceljs.ts lists these)', () => {
  /** B2 of the one-cell sheet, from each reader. */
  async function valueOf(cell: string, options: Parameters<typeof handWritten>[1] = {}): Promise<[string?, string?]> {
    const { lean, exceljs } = await both(handWritten([{ name: 'S', data: oneCell(cell) }], options));
    return [lean.rows[0]?.cells[1], exceljs.rows[0]?.cells[1]];
  }

  it('1. an inline string of several runs: exceljs keeps the last run', async () => {
    const cell = `<c r="B2" t="inlineStr"><is><r><t>Ива</t></r><r><t>нова</t></r></is></c>`;
    expect(await valueOf(cell)).toEqual(['Иванова', 'нова']);
  });

  it('2. a shared string with a phonetic reading: exceljs gives the reading', async () => {
    const sharedStrings = '<si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh><phoneticPr fontId="1"/></si>';
    expect(await valueOf(`<c r="B2" t="s"><v>0</v></c>`, { sharedStrings })).toEqual(['漢字', 'かんじ']);
  });

  it('3. a formula with a boolean or an error result: exceljs reads 1 and nothing', async () => {
    expect(await valueOf(`<c r="B2" t="b"><f>TRUE()</f><v>1</v></c>`)).toEqual(['TRUE', '1']);
    expect(await valueOf(`<c r="B2" t="e"><f>1/0</f><v>#DIV/0!</v></c>`)).toEqual(['#DIV/0!', '']);
  });

  it('4. an ISO 8601 date cell (Strict OOXML): exceljs reads its year', async () => {
    expect(await valueOf(`<c r="B2" t="d"><v>2026-10-05T13:30:00</v></c>`)).toEqual(['2026-10-05 13:30:00', '2026']);
  });

  it('5. an East Asian built-in date format (id 27): exceljs reads a number', async () => {
    expect(await valueOf(`<c r="B2" s="1"><v>46300</v></c>`, { xfs: [27] })).toEqual(['2026-10-05', '46300']);
  });

  it('6. namespace-prefixed elements: exceljs sees no rows', async () => {
    const data = `<x:worksheet xmlns:x="${MAIN}"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>ID</x:t></x:is></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>When</x:t></x:is></x:c></x:row><x:row r="2"><x:c r="A2"><x:v>7</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
    const { lean, exceljs } = await both(handWritten([{ name: 'S', data }]));
    expect(lean).toMatchObject({ header: ['ID', 'When'], rows: [{ at: 'S!A2', cells: ['7', ''] }] });
    expect(exceljs).toMatchObject({ header: [], rows: [] });
  });

  it('6. a cell without a reference: exceljs fails', async () => {
    const data = `<row r="1"><c t="inlineStr"><is><t>ID</t></is></c><c t="inlineStr"><is><t>When</t></is></c></row><row r="2"><c><v>7</v></c></row>`;
    const path = handWritten([{ name: 'S', data }]);
    expect((await read(openXlsx, path)).rows).toEqual([{ at: 'S!A2', cells: ['7', ''] }]);
    expect(await errorOf(read(openXlsxWithExceljs, path))).toMatch(
      /^book\.xlsx: not a readable XLSX workbook \(exceljs: /,
    );
  });

  it('7. a worksheet part named otherwise, or targeted by an absolute path: exceljs misses or renames it', async () => {
    const data = oneCell(`<c r="B2"><v>1</v></c>`);
    const other = both(handWritten([{ name: 'Data', data, part: 'xl/worksheets/data.xml' }]));
    expect((await other).lean).toMatchObject({ sheet: 'Data', rows: [{ cells: ['x', '1'] }] });
    expect((await other).exceljs).toMatchObject({ sheet: 'Data', header: [], rows: [] });
    const absolute = await both(handWritten([{ name: 'Data', data, target: '/xl/worksheets/sheet1.xml' }]));
    expect(absolute.lean).toMatchObject({ sheet: 'Data', rows: [{ at: 'Data!A2', cells: ['x', '1'] }] });
    expect(absolute.exceljs).toMatchObject({ sheet: 'Sheet1', rows: [{ at: 'Sheet1!A2', cells: ['x', '1'] }] });
  });

  it('8. malformed values', async () => {
    expect(await valueOf(`<c r="B2"><v>abc</v></c>`)).toEqual(['abc', '']);
    expect(await valueOf(`<c r="B2" t="b"><v>false</v></c>`)).toEqual(['FALSE', 'TRUE']);
    expect(await valueOf(`<c r="B2" t="str"><v>R&amp;amp;D</v></c>`)).toEqual(['R&amp;D', 'R&D']);
    const pretty = '<si>\n  <t>Анна</t>\n</si>';
    expect(await valueOf(`<c r="B2" t="s"><v>0</v></c>`, { sharedStrings: pretty })).toEqual(['Анна', 'Анна\n']);
    const missing = handWritten([{ name: 'S', data: oneCell(`<c r="B2" t="s"><v>5</v></c>`) }], { sharedStrings: '' });
    expect(await errorOf(read(openXlsx, missing))).toMatch(/cell S!B2 refers to a missing shared string/);
    expect((await read(openXlsxWithExceljs, missing)).rows).toEqual([{ at: 'S!A2', cells: ['x', ''] }]);
  });

  it('9. below the millisecond: exceljs rounds date-formatted numbers to the ms', async () => {
    const nearMidnight = String(46300 + 0.4 / MS_PER_DAY);
    expect(await valueOf(`<c r="B2" s="1"><v>${nearMidnight}</v></c>`, { xfs: [14] })).toEqual([
      '2026-10-05 00:00:00',
      '2026-10-05',
    ]);
    expect(await valueOf(`<c r="B2" s="1"><v>-1.0000000001</v></c>`, { xfs: [14] })).toEqual(['-1.0000000001', '-1']);
  });
});
