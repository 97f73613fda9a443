/**
 * Writes the XLSX fixtures of test/fixtures/xlsx/ (STYLE §4.6 "Binary fixtures are produced by
 * scripts/make-fixtures.ts, deterministically"): each workbook with a CSV twin holding exactly the
 * cell texts the XLSX reader must give, plus broken workbooks (a zip bomb, a text file, a truncated
 * file). Run with `npx tsx scripts/make-fixtures.ts`; reruns give identical bytes (the workbook
 * dates are fixed and the ZIP entry times pinned through JSZip's defaults).
 */
import { once } from 'node:events';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'xlsx');
const FIXED_DATE = new Date(Date.UTC(2026, 10, 1, 12, 0, 0));

// exceljs zips with JSZip, which stamps every entry with `new Date()` unless a default is set.
const requireFromExceljs = createRequire(createRequire(import.meta.url).resolve('exceljs'));
(requireFromExceljs('jszip') as { defaults: { date: Date | null } }).defaults.date = FIXED_DATE;

type Cell = ExcelJS.CellValue;
const SECONDS = 1 / 86_400;

/** A naive wall-clock time as exceljs wants it (it converts Dates through their UTC fields). */
function at(text: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}):(\d{2})(?:\.(\d{3}))?)?$/.exec(text);
  if (match === null) throw new Error(`bad date ${text}`);
  const [, y, mo, d, h = '0', mi = '0', s = '0', ms = '0'] = match;
  return new Date(Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s, +ms));
}

function newWorkbook(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'cs-kpi make-fixtures';
  workbook.lastModifiedBy = 'cs-kpi make-fixtures';
  workbook.created = FIXED_DATE;
  workbook.modified = FIXED_DATE;
  return workbook;
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function writeCsvTwin(name: string, rows: readonly (readonly string[])[]): void {
  writeFileSync(join(outDir, `${name}.csv`), rows.map((row) => row.map(csvField).join(',')).join('\n') + '\n');
}

async function writeWorkbook(name: string, workbook: ExcelJS.Workbook): Promise<void> {
  await workbook.xlsx.writeFile(join(outDir, `${name}.xlsx`));
}

interface JSZipArchive {
  remove(path: string): void;
  generateAsync(options: { type: 'nodebuffer'; compression: 'DEFLATE' }): Promise<Buffer>;
}

/**
 * A workbook without `xl/_rels/workbook.xml.rels`: its sheet list leads nowhere, so the lean reader
 * declines it and reads it through exceljs, which finds the sheet by its part name.
 */
async function writeWorkbookWithoutRelationships(name: string, workbook: ExcelJS.Workbook): Promise<void> {
  const jszip = requireFromExceljs('jszip') as { loadAsync(data: Buffer): Promise<JSZipArchive> };
  const zip = await jszip.loadAsync(Buffer.from(await workbook.xlsx.writeBuffer()));
  zip.remove('xl/_rels/workbook.xml.rels');
  writeFileSync(join(outDir, `${name}.xlsx`), await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

// ---------------------------------------------------------------------------------------------
// Calls with title rows, real date cells and elapsed talk times (and the same in the 1904 system)

const CALL_HEADER = ['Call ID', 'Started At', 'Agent', 'Wait Seconds', 'Talk Time', 'Status'];
/** [id, started, agent, wait seconds, talk seconds, status]; talk null = an empty cell. */
const CALLS: [number, string, string, number, number | null, string][] = [
  [1001, '2026-10-01 09:00:00', 'Иванова Анна', 12, 205, 'answered'],
  [1002, '2026-10-01 09:15:30', 'Петров Пётр', 45, null, 'missed'],
  [1003, '2026-10-02 14:07:05', 'Сидоров Илья', 8, 754, 'answered'],
  [1004, '2026-10-10 10:10:10.250', 'Петров Пётр', 3, 300.5, 'answered'],
  [1005, '2026-10-15 23:59:59', 'Иванова Анна', 0, 42, 'answered'],
  [1006, '2026-10-31 18:30:00', 'Кузнецова Ольга', 130, 93_605, 'answered'],
];

function durationText(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const whole = Math.floor(ms / 1000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const text = `${Math.floor(whole / 3600)}:${pad(Math.floor(whole / 60) % 60)}:${pad(whole % 60)}`;
  return ms % 1000 === 0 ? text : `${text}.${String(ms % 1000).padStart(3, '0')}`;
}

function callsWorkbook(date1904: boolean): ExcelJS.Workbook {
  const workbook = newWorkbook();
  if (date1904) workbook.properties.date1904 = true;
  const sheet = workbook.addWorksheet('Звонки');
  sheet.getCell('A1').value = 'Звонки за октябрь 2026';
  sheet.getCell('A1').font = { bold: true, size: 14 };
  sheet.mergeCells('A1:F1');
  sheet.getCell('A2').value = 'Период: 01.10.2026–31.10.2026';
  sheet.getRow(4).values = CALL_HEADER;
  sheet.getRow(4).font = { bold: true };
  CALLS.forEach(([id, started, agent, wait, talk, status], i) => {
    const row = sheet.getRow(5 + i);
    row.values = [id, at(started), agent, wait, talk === null ? null : talk * SECONDS, status];
    row.getCell(2).numFmt = 'dd.mm.yyyy hh:mm:ss';
    row.getCell(5).numFmt = '[h]:mm:ss';
  });
  // Formatted but empty trailing rows: a border and a fill, no values.
  for (let r = 11; r <= 13; r++) {
    for (let c = 1; c <= 6; c++) {
      const cell = sheet.getCell(r, c);
      cell.border = { bottom: { style: 'thin' } };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
    }
  }
  sheet.columns.forEach((column) => (column.width = 20));
  return workbook;
}

function callsTwin(): string[][] {
  return [
    CALL_HEADER,
    ...CALLS.map(([id, started, agent, wait, talk, status]) => [
      String(id),
      started,
      agent,
      String(wait),
      talk === null ? '' : durationText(talk),
      status,
    ]),
  ];
}

// ---------------------------------------------------------------------------------------------
// An empty first sheet, then the data, then notes

const TICKET_HEADER = ['Ticket ID', 'Created', 'Channel', 'Agent', 'First Response', 'Status'];
const TICKETS: [number, string, string, string, number, string][] = [
  [501, '2026-10-03 08:00:00', 'email', 'Anna', 1_800, 'solved'],
  [502, '2026-10-03 08:05:00', 'chat', 'Boris', 75, 'open'],
  [503, '2026-10-04 17:45:00', 'email', 'Anna', 5_400, 'closed'],
];

function secondSheetWorkbook(): ExcelJS.Workbook {
  const workbook = newWorkbook();
  const empty = workbook.addWorksheet('Sheet1');
  empty.getColumn(1).width = 30;
  empty.getCell('B2').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  const data = workbook.addWorksheet('Data');
  data.addRow(TICKET_HEADER);
  for (const [id, created, channel, agent, firstResponse, status] of TICKETS) {
    const row = data.addRow([id, at(created), channel, agent, firstResponse * SECONDS, status]);
    row.getCell(2).numFmt = 'yyyy-mm-dd hh:mm';
    row.getCell(5).numFmt = 'h:mm:ss';
  }
  const notes = workbook.addWorksheet('Notes');
  notes.addRow(['Note', 'Author']);
  notes.addRow(['Exported from the helpdesk on 2026-11-01', 'QA lead']);
  return workbook;
}

function secondSheetTwin(): string[][] {
  return [
    TICKET_HEADER,
    ...TICKETS.map(([id, created, channel, agent, firstResponse, status]) => [
      String(id),
      created,
      channel,
      agent,
      durationText(firstResponse),
      status,
    ]),
  ];
}

// ---------------------------------------------------------------------------------------------
// An Excel Table with a totals row on `Data`, then a `Dictionary` (like the Onyx export)

const ONYX_HEADER = ['Status', 'Ticket ID', 'Priority', 'Source', 'Agent Name', 'Created time', 'First response time'];
const ONYX_ROWS: [string, number, string, string, string, string, string | null][] = [
  ['Closed', 1012, 'Low', 'Email', 'Kristos Westoll', '2023-01-02 00:58:36', '2023-01-02 01:03:17.432'],
  ['In progress', 1013, 'High', 'Phone', 'Adolpho Messingham', '2023-01-02 07:27:25', '2023-01-02 07:27:43.231'],
  ['Open', 1014, 'Medium', 'Chat', 'Sheela Cutten', '2023-01-03 09:41:55.452', null],
  ['Resolved', 1015, 'High', 'Email', 'Kristos Westoll', '2023-01-03 12:00:00', '2023-01-03 12:59:59.999'],
];
const DICTIONARY: [string, string][] = [
  ['Status', 'Open, In progress, Resolved or Closed'],
  ['Created time', 'When the ticket was created, "dd/mm/yyyy hh:mm:ss"'],
];

function onyxWorkbook(): ExcelJS.Workbook {
  const workbook = newWorkbook();
  const data = workbook.addWorksheet('Data');
  data.addTable({
    name: 'Table2',
    ref: 'A1',
    headerRow: true,
    totalsRow: true,
    style: { theme: 'TableStyleMedium2', showRowStripes: true },
    columns: ONYX_HEADER.map((name, i) =>
      i === 0 ? { name, totalsRowLabel: 'Total' } : i === 1 ? { name, totalsRowFunction: 'count' } : { name },
    ),
    rows: ONYX_ROWS.map(([status, id, priority, source, agent, created, firstResponse]) => [
      status,
      id,
      priority,
      source,
      agent,
      at(created),
      firstResponse === null ? null : at(firstResponse),
    ]),
  });
  for (let r = 2; r <= ONYX_ROWS.length + 1; r++) {
    data.getCell(r, 6).numFmt = 'dd/mm/yyyy\\ hh:mm:ss';
    data.getCell(r, 7).numFmt = 'dd/mm/yyyy\\ hh:mm:ss';
  }
  const dictionary = workbook.addWorksheet('Dictionary');
  dictionary.addRow(['Term', 'Description']);
  for (const row of DICTIONARY) dictionary.addRow(row);
  return workbook;
}

function onyxTwin(): string[][] {
  return [
    ONYX_HEADER,
    ...ONYX_ROWS.map(([status, id, priority, source, agent, created, firstResponse]) => [
      status,
      String(id),
      priority,
      source,
      agent,
      created,
      firstResponse ?? '',
    ]),
  ];
}

// ---------------------------------------------------------------------------------------------
// Russian headers, shared strings

const RUSSIAN_HEADER = ['Дата и время', 'Оператор', 'Статус', 'Ожидание (сек)'];
const RUSSIAN_ROWS: [string, string, string, number][] = [
  ['2026-10-05 09:00:00', 'Смирнова Мария', 'отвечен', 15],
  ['2026-10-05 09:20:00', 'Смирнова Мария', 'пропущен', 62.5],
  ['2026-10-06 16:45:00', 'Орлов Денис', 'отвечен', 7],
];

function russianWorkbook(): ExcelJS.Workbook {
  const workbook = newWorkbook();
  const sheet = workbook.addWorksheet('Лист1');
  sheet.addRow(RUSSIAN_HEADER);
  for (const [when, agent, status, wait] of RUSSIAN_ROWS) {
    sheet.addRow([at(when), agent, status, wait]).getCell(1).numFmt = 'dd.mm.yyyy hh:mm';
  }
  return workbook;
}

function russianTwin(): string[][] {
  return [RUSSIAN_HEADER, ...RUSSIAN_ROWS.map(([when, agent, status, wait]) => [when, agent, status, String(wait)])];
}

// ---------------------------------------------------------------------------------------------
// One cell of each kind: value, number format and the text the reader must give

const CELL_KINDS: [string, Cell, string | undefined, string][] = [
  ['integer', 1234, undefined, '1234'],
  ['decimal', 0.1, undefined, '0.1'],
  ['phone number', 79_161_234_567, undefined, '79161234567'],
  ['negative', -2.5, undefined, '-2.5'],
  ['percent', 0.25, '0%', '0.25'],
  ['currency', 1234.5, '#,##0.00 "₽"', '1234.5'],
  ['scientific', 0.00012, '0.00E+00', '0.00012'],
  ['quoted days', 7, '0 "days"', '7'],
  ['escaped text', 1500, '#,##0\\ "руб."', '1500'],
  ['colour', -3.75, '[Red]0.00', '-3.75'],
  ['number as text format', 42, '@', '42'],
  ['text', 'plain text', undefined, 'plain text'],
  ['true', true, undefined, 'TRUE'],
  ['false', false, undefined, 'FALSE'],
  ['error n/a', { error: '#N/A' }, undefined, '#N/A'],
  ['error div/0', { error: '#DIV/0!' }, undefined, '#DIV/0!'],
  ['formula number', { formula: '1+2', result: 3 }, undefined, '3'],
  ['formula text', { formula: '"a"&"b"', result: 'ab' }, undefined, 'ab'],
  ['formula date', { formula: 'DATE(2026,10,5)', result: at('2026-10-05') }, 'yyyy-mm-dd', '2026-10-05'],
  ['rich text', { richText: [{ text: 'Ива', font: { bold: true } }, { text: 'нова' }] }, undefined, 'Иванова'],
  ['hyperlink', { text: 'ticket 501', hyperlink: 'https://example.com/501' }, undefined, 'ticket 501'],
  ['date only', at('2026-10-05'), 'yyyy-mm-dd', '2026-10-05'],
  ['date only with time', at('2026-10-05 13:30:00'), 'dd.mm.yyyy', '2026-10-05 13:30:00'],
  ['builtin 14', at('2026-10-05'), 'mm-dd-yy', '2026-10-05'],
  ['month first date time', at('2026-10-05 13:30:00'), 'm/d/yy h:mm', '2026-10-05 13:30:00'],
  ['locale date', at('2026-10-05'), '[$-409]mmmm d, yyyy', '2026-10-05'],
  ['date time ms', at('2026-10-05 13:30:15.123'), 'yyyy-mm-dd hh:mm:ss.000', '2026-10-05 13:30:15.123'],
  ['time of day', 0.5, 'h:mm:ss', '12:00:00'],
  ['am pm', 0.75, 'h:mm AM/PM', '18:00:00'],
  ['minutes seconds', 95 * SECONDS, 'mm:ss', '0:01:35'],
  ['elapsed hours', 1.5, '[h]:mm:ss', '36:00:00'],
  ['time with ms', 12.345 * SECONDS, 'hh:mm:ss.000', '0:00:12.345'],
  ['timestamp shown as time', at('2026-10-05 13:30:00'), 'hh:mm', '2026-10-05 13:30:00'],
];

function cellKindsWorkbook(): ExcelJS.Workbook {
  const workbook = newWorkbook();
  const sheet = workbook.addWorksheet('Cells');
  sheet.addRow(['Kind', 'Value']);
  for (const [kind, value, numFmt] of CELL_KINDS) {
    const row = sheet.addRow([kind]);
    const cell = row.getCell(2);
    cell.value = value;
    if (numFmt !== undefined) cell.numFmt = numFmt;
  }
  return workbook;
}

function cellKindsTwin(): string[][] {
  return [['Kind', 'Value'], ...CELL_KINDS.map(([kind, , , text]) => [kind, text])];
}

// ---------------------------------------------------------------------------------------------
// Broken workbooks

interface ZipPart {
  name: string;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  offset: number;
}

/** A ZIP entry's local header; sizes follow in a data descriptor when `streamed` (general purpose bit 3). */
function localHeader(name: string, streamed: boolean, part?: Omit<ZipPart, 'name' | 'offset'>): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(streamed ? 0x0808 : 0x0800, 6);
  header.writeUInt16LE(8, 8);
  header.writeUInt16LE(0, 10);
  header.writeUInt16LE(0x5c21, 12); // 2026-01-01
  header.writeUInt32LE(part?.crc ?? 0, 14);
  header.writeUInt32LE(part?.compressedSize ?? 0, 18);
  header.writeUInt32LE(part?.uncompressedSize ?? 0, 22);
  header.writeUInt16LE(nameBytes.length, 26);
  return Buffer.concat([header, nameBytes]);
}

function centralDirectory(parts: readonly ZipPart[], offset: number): Buffer {
  const records = parts.map((part) => {
    const nameBytes = Buffer.from(part.name, 'utf8');
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(20, 4);
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE(0x0800, 8);
    record.writeUInt16LE(8, 10);
    record.writeUInt16LE(0x5c21, 14);
    record.writeUInt32LE(part.crc, 16);
    record.writeUInt32LE(part.compressedSize, 20);
    record.writeUInt32LE(part.uncompressedSize, 24);
    record.writeUInt16LE(nameBytes.length, 28);
    record.writeUInt32LE(part.offset, 42);
    return Buffer.concat([record, nameBytes]);
  });
  const directory = Buffer.concat(records);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([directory, end]);
}

const WORKBOOK_PARTS: [string, string][] = [
  [
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
  ],
  [
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  ],
  [
    'xl/workbook.xml',
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
  ],
  [
    'xl/_rels/workbook.xml.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
  ],
];

/**
 * A valid workbook whose one sheet is ~300 MB of `<row/>` deflated to a few hundred KB. The sheet
 * is deflated as a stream straight into the file, never held in memory.
 */
async function writeZipBomb(path: string, rowBytes = 300 * 1024 * 1024): Promise<void> {
  const file = await open(path, 'w');
  try {
    const parts: ZipPart[] = [];
    let offset = 0;
    const write = async (bytes: Buffer): Promise<void> => {
      await file.write(bytes);
      offset += bytes.length;
    };
    for (const [name, text] of WORKBOOK_PARTS) {
      const data = Buffer.from(text, 'utf8');
      const compressed = deflateRawSync(data);
      const part = { crc: crc32(data), compressedSize: compressed.length, uncompressedSize: data.length };
      parts.push({ name, offset, ...part });
      await write(localHeader(name, false, part));
      await write(compressed);
    }

    const name = 'xl/worksheets/sheet1.xml';
    const start = offset;
    await write(localHeader(name, true));
    const head = Buffer.from(
      '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
    );
    const tail = Buffer.from('</sheetData></worksheet>');
    const block = Buffer.from('<row/>'.repeat(174_763)); // ~1 MiB
    const deflate = createDeflateRaw({ level: 9 });
    let crc = 0;
    let uncompressedSize = 0;
    let compressedSize = 0;
    const drained = (async () => {
      for await (const chunk of deflate as AsyncIterable<Buffer>) {
        compressedSize += chunk.length;
        await write(chunk);
      }
    })();
    const feed = async (bytes: Buffer): Promise<void> => {
      crc = crc32(bytes, crc);
      uncompressedSize += bytes.length;
      if (!deflate.write(bytes)) await once(deflate, 'drain');
    };
    await feed(head);
    for (let written = 0; written < rowBytes; written += block.length) await feed(block);
    await feed(tail);
    deflate.end();
    await drained;
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc, 4);
    descriptor.writeUInt32LE(compressedSize, 8);
    descriptor.writeUInt32LE(uncompressedSize, 12);
    await write(descriptor);
    parts.push({ name, offset: start, crc, compressedSize, uncompressedSize });

    await write(centralDirectory(parts, offset));
  } finally {
    await file.close();
  }
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });

  await writeWorkbook('title-rows-and-serial-dates', callsWorkbook(false));
  writeCsvTwin('title-rows-and-serial-dates', callsTwin());
  await writeWorkbook('date1904', callsWorkbook(true));
  writeCsvTwin('date1904', callsTwin());
  await writeWorkbook('second-sheet', secondSheetWorkbook());
  writeCsvTwin('second-sheet', secondSheetTwin());
  await writeWorkbook('onyx-like-table', onyxWorkbook());
  writeCsvTwin('onyx-like-table', onyxTwin());
  await writeWorkbook('russian-headers', russianWorkbook());
  writeCsvTwin('russian-headers', russianTwin());
  await writeWorkbook('cell-kinds', cellKindsWorkbook());
  writeCsvTwin('cell-kinds', cellKindsTwin());
  await writeWorkbookWithoutRelationships('missing-workbook-rels', callsWorkbook(false));
  writeCsvTwin('missing-workbook-rels', callsTwin());

  await writeZipBomb(join(outDir, 'zip-bomb.xlsx'));
  writeFileSync(join(outDir, 'not-a-zip.xlsx'), 'Call ID,Started At,Agent\n1001,2026-10-01 09:00:00,Anna\n');
  const whole = readFileSync(join(outDir, 'title-rows-and-serial-dates.xlsx'));
  writeFileSync(join(outDir, 'truncated.xlsx'), whole.subarray(0, Math.floor(whole.length / 2)));
}

await main();
