/**
 * The XLSX reader on exceljs's streaming `WorkbookReader`: the reference the lean reader
 * (read-xlsx.ts) is tested against (read-xlsx.diff.test.ts) and its fallback for the workbooks it
 * declines (listed at the top of read-xlsx.ts). Same `RowSource` contract and the same cell texts:
 * numbers as the shortest decimal, dates by number format as naive `YYYY-MM-DD HH:MM:SS[.mmm]`,
 * time formats as `H:MM:SS[.mmm]` durations, TRUE/FALSE, shared and rich strings as their text,
 * absent cells as '', the header row found below title rows by the same rules (shared with
 * read-xlsx.ts: `findHeaderInRows`, `XlsxRowSource`), the first sheet with data or `--sheet`,
 * locations `sheet!A<row>`, an Excel Table's totals row left out.
 *
 * How exceljs is made to give those texts:
 *   - Dates. exceljs turns a number whose format it takes for a date into a JS Date as
 *     `Math.round((serial - 25569) * 86,400,000)` ms (1904: + 1462 days), which is off by a day
 *     before 1900-03-01 (Excel's fictitious 1900-02-29). The Date is turned back into the serial
 *     in whole milliseconds (exact: the subtraction of exceljs's epoch is exact in ms) and formatted
 *     by the number format's kind as in read-xlsx.ts, with the 1900 leap-year rule applied again.
 *     Numbers exceljs left alone are formatted from their exact value, the same way.
 *   - The number format's kind comes from `classifyFormatCode` (read-xlsx.ts) of `cell.numFmt`,
 *     except exceljs's code for built-in format 22, `m/d/yy "h":mm`, which quotes the "h": it is a
 *     date and time.
 *   - The 1904 flag is read from `xl/workbook.xml` here: exceljs takes only `date1904="1"`, not
 *     `"true"` as LibreOffice writes it. exceljs's own flag is used only to undo its conversion.
 *   - UTF-8. exceljs decodes each inflated chunk on its own (`TextDecoder.decode` without
 *     `stream: true`), garbling a multi-byte character cut by a chunk boundary (Cyrillic text does
 *     that every few KB). The sheet and shared-string streams are decoded here, in streaming mode,
 *     before exceljs sees them: `_parseWorksheet` and `_parseSharedStrings` are wrapped (private
 *     methods of exceljs 4.4, pinned by `~4.4.0`).
 *   - `_xHHHH_` escapes in strings are decoded here, as in read-xlsx.ts.
 *   - The sheet and table parts exceljs's stream reader ignores (tables for the totals rows) are
 *     read through `ExceljsInput.readPart`.
 *   - Lost entries. unzipper's `Parse` (exceljs 4.4's unzip) emits 'end' by hand as soon as it has
 *     parsed the end of the archive, while entries it parsed ahead may still wait in its paused
 *     readable buffer; exceljs's `iterateStream` then stops and never sees them. Entries under
 *     ~16 KB are parsed ahead whenever exceljs is busy (spooling a sheet, parsing a part), so a
 *     small workbook loses its last parts (exceljs writes `xl/workbook.xml` last: no sheet names,
 *     then a TypeError). The stream handed to exceljs therefore carries `END_PADDING`, a 1 MiB
 *     entry (deflated to ~1 KB) just before the central directory: it fills unzipper's buffers,
 *     so nothing after it is parsed before exceljs has taken every entry before it.
 *
 * What this reader gives differently (each asserted in read-xlsx.diff.test.ts):
 *   1. An inline string of several runs (`<is><r><t>a</t></r><r><t>b</t></r></is>`) reads as its
 *      last run: exceljs restarts the value at each `<t>`.
 *   2. A shared string with a phonetic reading (`<rPh>`, Japanese) reads as the reading.
 *   3. A formula's boolean result reads 1 or 0 and its error result '' (exceljs `parseFloat`s
 *      every result that is not a string).
 *   4. An ISO 8601 date cell (`t="d"`, Strict OOXML) reads as its year (exceljs `parseFloat`s it).
 *   5. The East Asian built-in date formats (ids 27–36, 50–58), which exceljs has no code for,
 *      read as plain numbers.
 *   6. Namespace-prefixed elements (`<x:c>`) are not seen (no rows); a cell without `r` fails.
 *   7. A worksheet part not named `xl/worksheets/sheetN.xml` is not read; sheets are named
 *      `SheetN` when the workbook's relationship targets are not `worksheets/sheetN.xml`.
 *   8. Malformed values: a shared-string index out of range reads '' (read-xlsx.ts refuses the
 *      file), a number cell holding text reads '' or its leading number, `t="b"` holding `false`
 *      reads TRUE, an entity in an inline string is decoded twice (`&amp;amp;` → `&`),
 *      whitespace between the elements of a pretty-printed cell or shared string joins its text.
 *   9. Below the millisecond: exceljs rounds a date-formatted number to the ms, so a date-only
 *      format on a serial within half a millisecond of midnight (not on it) reads date-only, an
 *      out-of-range date serial prints to the ms, and `(serial - 25569) × 86,400,000` may round
 *      the other way than the serial's own fraction when it is within ~0.0003 ms of a half
 *      millisecond (Excel stores times to 15 digits, well inside a ms, so not for Excel's files).
 * Limits: read directly (`openXlsxWithExceljs`), exceljs inflates without any limit and caches
 * shared strings (checked against `maxSharedStrings` once read): it is for tests and trusted
 * files. As the fallback, it gets only parts read-xlsx.ts has checked.
 */
import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { posix } from 'node:path';
import { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import { crc32, deflateRawSync } from 'node:zlib';
import type { SaxesTagPlain } from 'saxes';
import { UserError } from '../errors.js';
import { openInputFile } from './open-input-file.js';
import { excelSerialToNaiveMs } from './parse-date.js';
import type { FormatKind, FoundHeader, OpenXlsxOptions, SheetInfo, SheetRow } from './read-xlsx.js';
import {
  cellAddress,
  classifyFormatCode,
  findHeaderInRows,
  FormatKinds,
  isHeaderLike,
  loadSaxes,
  localName,
  pickSheet,
  XlsxRowSource,
} from './read-xlsx.js';
import type { RowSource } from './row-source.js';

/** Where the reader gets the archive from. */
export interface ExceljsInput {
  /**
   * A new stream of the whole archive at each call (choosing the sheet may take a second pass),
   * with `END_PADDING` as its last entry before the central directory.
   */
  openStream(): Readable;
  /** A part's bytes by its path in the archive, or undefined when absent (tables, relationships, the workbook). */
  readPart(path: string): Promise<Buffer | undefined>;
  /** Called once when the row source is done with the input, or when opening fails. */
  close(): Promise<void>;
}

const { NUMBER, DATE, DATE_TIME, TIME, ELAPSED } = FormatKinds;
const DEFAULT_MAX_SHARED_STRINGS = 5_000_000;
const DEFAULT_MAX_COLUMNS = 10_000;
const MS_PER_DAY = 86_400_000;
/** As in read-xlsx.ts: the largest serial shown as a date, and the serial from which a time format shows a timestamp. */
const MAX_DATE_SERIAL = 2_958_466;
const MIN_TIMESTAMP_SERIAL = 366;
/** exceljs's epochs: its Date for serial 0. */
const EXCELJS_EPOCH_1900_MS = Date.UTC(1899, 11, 30);
const EXCELJS_EPOCH_1904_MS = Date.UTC(1904, 0, 1);
/** exceljs's code for built-in format 22 (Excel's `m/d/yy h:mm`). */
const EXCELJS_BUILTIN_22 = 'm/d/yy "h":mm';
/** Worksheet parts exceljs reads, by the relationship target it names them by. */
const EXCELJS_SHEET_TARGET = /^worksheets\/sheet\d+\.xml$/;

// ---------------------------------------------------------------------------------------------
// The parts of exceljs used here (its stream reader's typings describe less than it has)

interface ExceljsCell {
  readonly value: unknown;
  /** A formula's result, 0 and '' included (`value` leaves falsy results out). */
  readonly result?: unknown;
  readonly numFmt?: string;
}

interface ExceljsRow {
  readonly number: number;
  eachCell(callback: (cell: ExceljsCell, column: number) => void): void;
}

interface ExceljsEvent {
  eventType: string;
  value: unknown;
}

interface ExceljsWorksheetReader {
  name: string;
  state?: string;
  /** Set by the wrapper of `_parseWorksheet` below. */
  partPath?: string;
  parse(): AsyncGenerator<ExceljsEvent[], void, undefined>;
}

interface ExceljsModelSheet {
  name: string;
  state?: string;
  rId?: string;
}

interface ExceljsWorkbookReader extends AsyncIterable<ExceljsWorksheetReader> {
  model?: { sheets?: (ExceljsModelSheet | undefined)[] };
  workbookRels?: { Id: string; Target: string }[];
  properties?: { model?: { date1904?: boolean } };
  sharedStrings?: unknown[];
  _parseWorksheet(
    iterator: AsyncIterable<Buffer | string>,
    sheetNo: string,
  ): Iterable<{ eventType: string; value: ExceljsWorksheetReader }>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown, void, undefined>;
}

type ExceljsModule = typeof import('exceljs');

interface UnzipperModule {
  Open: { file(path: string): Promise<{ files: { path: string; buffer(): Promise<Buffer> }[] }> };
}

const READER_OPTIONS = {
  worksheets: 'emit',
  sharedStrings: 'cache',
  hyperlinks: 'ignore',
  styles: 'cache',
  entries: 'ignore',
} as const;

// ---------------------------------------------------------------------------------------------

/** A local ZIP entry of 1 MiB of zeros, deflated, named so that exceljs drains it unread (see the top). */
export const END_PADDING: { readonly local: Buffer } = (() => {
  const zeros = Buffer.alloc(1024 * 1024);
  const data = deflateRawSync(zeros);
  const name = Buffer.from('cs-kpi/end-padding.bin');
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(8, 8);
  header.writeUInt16LE(0x0021, 12); // 1980-01-01
  header.writeUInt32LE(crc32(zeros), 14);
  header.writeUInt32LE(data.length, 18);
  header.writeUInt32LE(zeros.length, 22);
  header.writeUInt16LE(name.length, 26);
  return { local: Buffer.concat([header, name, data]) };
})();

/** `openXlsx` with exceljs reading the file itself (no limits: for tests and trusted files). */
export async function openXlsxWithExceljs(path: string, options: OpenXlsxOptions): Promise<RowSource> {
  const handle = await openInputFile(path, options.displayName);
  let directoryStart: number | null;
  try {
    directoryStart = await centralDirectoryStart(handle);
  } finally {
    await handle.close();
  }
  let directory: ReturnType<UnzipperModule['Open']['file']> | undefined;
  return openExceljsInput(
    {
      openStream: () =>
        directoryStart === null
          ? createReadStream(path)
          : Readable.from(
              (async function* () {
                if (directoryStart > 0) yield* createReadStream(path, { end: directoryStart - 1 });
                yield END_PADDING.local;
                yield* createReadStream(path, { start: directoryStart });
              })(),
              { objectMode: false },
            ),
      readPart: async (part) => {
        directory ??= requireFromExceljs<UnzipperModule>('unzipper').Open.file(path);
        return (await directory).files.find((entry) => entry.path === part)?.buffer();
      },
      close: async () => undefined,
    },
    options,
  );
}

/** Picks the sheet, finds its header row; the data rows follow when the source is iterated. */
export async function openExceljsInput(input: ExceljsInput, options: OpenXlsxOptions): Promise<RowSource> {
  const file = options.displayName;
  const passes: Pass[] = [];
  try {
    const exceljs = (await import('exceljs')).default;
    const context: Context = {
      file,
      date1904: await readDate1904(input),
      exceljsDate1904: false,
      maxColumns: options.maxColumns ?? DEFAULT_MAX_COLUMNS,
      maxSharedStrings: options.maxSharedStrings ?? DEFAULT_MAX_SHARED_STRINGS,
      kinds: new Map(),
    };
    const newPass = (): Pass => {
      const pass = new Pass(exceljs, input, context);
      passes.push(pass);
      return pass;
    };
    const found =
      options.sheet === undefined
        ? await findFirstSheetWithData(newPass, context)
        : await findWantedSheet(newPass(), options.sheet, context);
    const totalsRows = found.header === null ? new Set<number>() : await readTotalsRows(input, found.sheet);
    return new XlsxRowSource(file, found, totalsRows, options.onIssue, async () => {
      for (const pass of passes) pass.close();
      await input.close();
    });
  } catch (error) {
    for (const pass of passes) pass.close();
    await input.close().catch(() => undefined);
    throw asUserError(file, error);
  }
}

interface Context {
  file: string;
  /** The workbook's own flag. */
  date1904: boolean;
  /** exceljs's reading of it (`date1904="1"` only), to undo its Date conversion. */
  exceljsDate1904: boolean;
  maxColumns: number;
  maxSharedStrings: number;
  /** Number format code → kind. */
  kinds: Map<string, FormatKind>;
}

/** One read of the archive by exceljs, its worksheets taken one by one. */
class Pass {
  readonly reader: ExceljsWorkbookReader;
  private readonly stream: Readable;
  private readonly sheets: AsyncIterator<ExceljsWorksheetReader>;
  private isClosed = false;

  constructor(
    exceljs: ExceljsModule,
    input: ExceljsInput,
    private readonly context: Context,
  ) {
    const stream = input.openStream();
    this.stream = stream;
    // exceljs pipes the stream into its unzipper without passing errors on (it would wait forever).
    const pipe = stream.pipe.bind(stream);
    stream.pipe = <T extends NodeJS.WritableStream>(destination: T, pipeOptions?: { end?: boolean }): T => {
      stream.on('error', (error) => (destination as unknown as { destroy(error: Error): void }).destroy(error));
      return pipe(destination, pipeOptions);
    };
    const reader = new exceljs.stream.xlsx.WorkbookReader(stream, READER_OPTIONS) as unknown as ExceljsWorkbookReader;
    decodeUtf8Streams(reader);
    this.reader = reader;
    this.sheets = reader[Symbol.asyncIterator]();
  }

  /** The next worksheet in archive order, or undefined at the end. */
  async next(): Promise<ExceljsWorksheetReader | undefined> {
    const next = await this.sheets.next();
    this.context.exceljsDate1904 = this.reader.properties?.model?.date1904 === true;
    const strings = this.reader.sharedStrings?.length ?? 0;
    if (strings > this.context.maxSharedStrings) {
      throw new UserError(
        `${this.context.file}: refused to unpack: it has more than ${this.context.maxSharedStrings.toLocaleString('en-US')} shared strings (a zip bomb?); re-save it from Excel or export CSV.`,
      );
    }
    return next.done === true ? undefined : next.value;
  }

  /** The workbook's sheets in tab order, once exceljs has read the workbook part. */
  modelSheets(): SheetInfo[] | null {
    const sheets = this.reader.model?.sheets;
    if (sheets === undefined) return null;
    return sheets.flatMap((sheet) => {
      if (sheet === undefined) return [];
      const target = this.reader.workbookRels?.find((relationship) => relationship.Id === sheet.rId)?.Target;
      return [
        {
          name: sheet.name,
          isHidden: sheet.state === 'hidden' || sheet.state === 'veryHidden',
          path: target !== undefined && EXCELJS_SHEET_TARGET.test(target) ? `xl/${target}` : null,
        },
      ];
    });
  }

  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.stream.destroy();
    this.sheets.return?.().catch(() => undefined);
  }
}

/** exceljs's sheet and shared-string parsers get text decoded in streaming mode; each sheet learns its part. */
function decodeUtf8Streams(reader: ExceljsWorkbookReader): void {
  const parseWorksheet = reader._parseWorksheet;
  reader._parseWorksheet = function* (this: ExceljsWorkbookReader, iterator, sheetNo) {
    // A sheet spooled to a temp file comes as a file stream, opened before it is read; exceljs
    // deletes the file once the next sheet is asked for, read or not.
    const file = iterator instanceof Readable ? iterator : null;
    file?.on('error', () => undefined); // a sheet passed over unread; reading it still throws
    for (const event of parseWorksheet.call(this, decodeUtf8(iterator), sheetNo)) {
      event.value.partPath = `xl/worksheets/sheet${sheetNo}.xml`;
      yield event;
    }
    file?.destroy(); // the next sheet is asked for: this one is done with
  };
  const parseSharedStrings = reader._parseSharedStrings;
  reader._parseSharedStrings = function (this: ExceljsWorkbookReader, entry) {
    return parseSharedStrings.call(this, Readable.from(decodeUtf8(entry), { objectMode: true }));
  };
}

async function* decodeUtf8(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string, void, undefined> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (text !== '') yield text;
  }
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}

function sheetOf(worksheet: ExceljsWorksheetReader): SheetInfo {
  return {
    name: worksheet.name,
    isHidden: worksheet.state === 'hidden' || worksheet.state === 'veryHidden',
    path: worksheet.partPath ?? null,
  };
}

/** Visible sheets before hidden ones, each in tab order (as read-xlsx.ts). */
function preferenceOrder(sheets: readonly SheetInfo[]): SheetInfo[] {
  return [...sheets.filter((sheet) => !sheet.isHidden), ...sheets.filter((sheet) => sheet.isHidden)];
}

interface Probe {
  sheet: SheetInfo;
  isHeaderLike: boolean;
  hasData: boolean;
}

/**
 * The sheets exceljs reads, in tab order: those of the workbook's list it matched to a part, then
 * the ones it could not match (named `SheetN` by their part), in archive order.
 */
function readableSheets(pass: Pass, yielded: readonly SheetInfo[]): SheetInfo[] {
  const listed = (pass.modelSheets() ?? []).filter((sheet) => sheet.path !== null);
  const names = new Set(listed.map((sheet) => sheet.name));
  return [...listed, ...yielded.filter((sheet) => !names.has(sheet.name))];
}

/**
 * The rules of read-xlsx.ts, over worksheets that come in archive order: the first sheet in
 * preference order with a header-like row, else the first with data (its first row the header),
 * else the first sheet, empty. A sheet with a header-like row is kept streaming when every sheet
 * before it has been passed over; otherwise a second pass reads the chosen sheet.
 */
async function findFirstSheetWithData(newPass: () => Pass, context: Context): Promise<FoundHeader> {
  const pass = newPass();
  const probes = new Map<string, Probe>();
  const yielded: SheetInfo[] = [];
  for (;;) {
    const worksheet = await pass.next();
    if (worksheet === undefined) break;
    const sheet = sheetOf(worksheet);
    yielded.push(sheet);
    const found = await findHeaderInRows(sheet, sheetRows(worksheet, sheet, context), false);
    const probe = {
      sheet,
      isHeaderLike: found.header !== null && isHeaderLike(found.header),
      hasData: found.header !== null,
    };
    if (probe.isHeaderLike && isFirstCandidate(sheet, pass, probes)) return found;
    await found.rows?.return();
    probes.set(sheet.name, probe);
  }
  const order = preferenceOrder(readableSheets(pass, yielded));
  const chosen =
    order.find((sheet) => probes.get(sheet.name)?.isHeaderLike === true) ??
    order.find((sheet) => probes.get(sheet.name)?.hasData === true);
  pass.close();
  if (chosen === undefined) {
    const first = preferenceOrder(pass.modelSheets() ?? [])[0] ?? order[0];
    if (first === undefined) {
      throw unreadable(context.file, pass.reader.model === undefined ? 'it has no workbook part' : 'it has no sheets');
    }
    return { sheet: first, header: null, pending: [], rows: null };
  }
  const found = await readSheet(newPass(), chosen.name, context);
  if (found === null) throw unreadable(context.file, `sheet "${chosen.name}" was not found again`);
  return found;
}

/** Whether every sheet before this one in preference order is known to be passed over. */
function isFirstCandidate(sheet: SheetInfo, pass: Pass, probes: ReadonlyMap<string, Probe>): boolean {
  const listed = (pass.modelSheets() ?? []).filter((candidate) => candidate.path !== null);
  for (const candidate of preferenceOrder(listed)) {
    if (candidate.name === sheet.name) return true;
    if (probes.get(candidate.name)?.isHeaderLike !== false) return false;
  }
  return false;
}

/** The sheet named by --sheet (case-insensitively, as read-xlsx.ts); an empty source for a chart sheet. */
async function findWantedSheet(pass: Pass, wanted: string, context: Context): Promise<FoundHeader> {
  const yielded: SheetInfo[] = [];
  let target: SheetInfo | undefined;
  for (;;) {
    const worksheet = await pass.next();
    if (worksheet === undefined) break;
    const sheet = sheetOf(worksheet);
    yielded.push(sheet);
    target ??= pickListed(pass, wanted);
    const isWanted = target === undefined ? isSameName(sheet.name, wanted) : sheet.name === target.name;
    if (isWanted) return findHeaderInRows(sheet, sheetRows(worksheet, sheet, context), true);
  }
  const names = new Set((pass.modelSheets() ?? []).map((sheet) => sheet.name));
  const sheets = [...(pass.modelSheets() ?? []), ...yielded.filter((sheet) => !names.has(sheet.name))];
  if (sheets.length === 0) throw unreadable(context.file, 'it has no sheets');
  return { sheet: pickSheet(sheets, wanted, context.file), header: null, pending: [], rows: null };
}

/** The sheet of the workbook's list that --sheet names, when exceljs matched it to a part. */
function pickListed(pass: Pass, wanted: string): SheetInfo | undefined {
  const listed = (pass.modelSheets() ?? []).filter((sheet) => sheet.path !== null);
  const lower = wanted.toLowerCase();
  return (
    listed.find((sheet) => sheet.name.toLowerCase() === lower) ??
    listed.find((sheet) => sheet.name.trim().toLowerCase() === lower.trim())
  );
}

function isSameName(name: string, wanted: string): boolean {
  return name.toLowerCase() === wanted.toLowerCase() || name.trim().toLowerCase() === wanted.trim().toLowerCase();
}

/** A sheet read again from the start, its first row the header when none looks like one. */
async function readSheet(pass: Pass, name: string, context: Context): Promise<FoundHeader | null> {
  for (;;) {
    const worksheet = await pass.next();
    if (worksheet === undefined) return null;
    if (worksheet.name !== name) continue;
    const sheet = sheetOf(worksheet);
    return findHeaderInRows(sheet, sheetRows(worksheet, sheet, context), true);
  }
}

// ---------------------------------------------------------------------------------------------
// Rows and cells

/** The rows with a value, in batches (one per parsed chunk), as read-xlsx.ts gives them. */
async function* sheetRows(
  worksheet: ExceljsWorksheetReader,
  sheet: SheetInfo,
  context: Context,
): AsyncGenerator<SheetRow[], void, undefined> {
  for await (const events of worksheet.parse()) {
    const batch: SheetRow[] = [];
    for (const event of events) {
      if (event.eventType !== 'row') continue;
      const row = toSheetRow(event.value as ExceljsRow, sheet, context);
      if (row !== null) batch.push(row);
    }
    yield batch;
  }
}

function toSheetRow(source: ExceljsRow, sheet: SheetInfo, context: Context): SheetRow | null {
  const row: SheetRow = {
    row: source.number,
    cells: [],
    count: 0,
    first: -1,
    last: -1,
    isAllText: true,
    formulas: null,
  };
  source.eachCell((cell, columnNumber) => {
    const column = columnNumber - 1;
    const value = cellText(cell, context);
    if (value === null) return;
    if ('formula' in value) {
      (row.formulas ??= []).push({ column, formula: value.formula });
      return;
    }
    const { text, isText } = value;
    if (text === '' || (isText && text.trim() === '')) {
      if (text !== '' && column < context.maxColumns) setCell(row.cells, column, text);
      return;
    }
    if (column >= context.maxColumns) {
      throw new UserError(
        `${context.file}:${sheet.name}!${cellAddress(column, row.row)}: a row has more than ${context.maxColumns.toLocaleString('en-US')} columns; this does not look like an export.`,
      );
    }
    setCell(row.cells, column, text);
    row.count++;
    if (row.first < 0 || column < row.first) row.first = column;
    if (column > row.last) row.last = column;
    if (!isText) row.isAllText = false;
  });
  return row.count > 0 ? row : null;
}

function setCell(cells: string[], column: number, text: string): void {
  while (cells.length < column) cells.push('');
  cells[column] = text;
}

type CellText = { text: string; isText: boolean } | { formula: string };

function cellText(cell: ExceljsCell, context: Context): CellText | null {
  const value = cell.value;
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return { text: decodeEscapes(value), isText: true };
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return { text: '', isText: false }; // `parseFloat` of a value that is not a number
    return { text: numberText(value, kindOf(cell.numFmt, context), context), isText: false };
  }
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE', isText: false };
  if (value instanceof Date) return { text: dateText(value, kindOf(cell.numFmt, context), context), isText: false };
  if (typeof value !== 'object') return null;
  const object = value as Record<string, unknown>;
  if (Array.isArray(object.richText)) {
    const runs = object.richText as { text?: string | null }[];
    return { text: decodeEscapes(runs.map((run) => run.text ?? '').join('')), isText: true };
  }
  if ('error' in object) return { text: String(object.error), isText: false };
  if ('formula' in object || 'sharedFormula' in object) {
    const result = cell.result;
    if (result === undefined || result === null) {
      const formula = typeof object.formula === 'string' ? object.formula : '';
      return { formula };
    }
    if (typeof result === 'string') return { text: decodeEscapes(result), isText: true };
    if (typeof result === 'number') {
      if (Number.isNaN(result)) return { text: '', isText: false }; // an error or a flag: exceljs keeps no type
      return { text: numberText(result, kindOf(cell.numFmt, context), context), isText: false };
    }
    return null;
  }
  if (typeof object.text === 'string') return { text: decodeEscapes(object.text), isText: true };
  return null;
}

function kindOf(numFmt: string | undefined, context: Context): FormatKind {
  if (numFmt === undefined) return NUMBER;
  let kind = context.kinds.get(numFmt);
  if (kind === undefined) {
    kind = numFmt === EXCELJS_BUILTIN_22 ? DATE_TIME : classifyFormatCode(numFmt);
    context.kinds.set(numFmt, kind);
  }
  return kind;
}

/** A number exceljs left alone, formatted as read-xlsx.ts does. */
function numberText(value: number, kind: FormatKind, context: Context): string {
  if (kind === NUMBER || !Number.isFinite(value)) return String(value);
  if (kind === ELAPSED || (kind === TIME && value < MIN_TIMESTAMP_SERIAL)) {
    return durationText(Math.round(Math.abs(value) * MS_PER_DAY), value < 0);
  }
  if (!(value >= 0 && value < MAX_DATE_SERIAL)) return String(value);
  return naiveText(excelSerialToNaiveMs(value, context.date1904), kind === DATE && Number.isInteger(value));
}

/** A Date exceljs made of a date-formatted number, back to the serial (in ms) and formatted as read-xlsx.ts does. */
function dateText(date: Date, kind: FormatKind, context: Context): string {
  const ms = date.getTime();
  if (Number.isNaN(ms)) return '';
  return serialMsText(ms - (context.exceljsDate1904 ? EXCELJS_EPOCH_1904_MS : EXCELJS_EPOCH_1900_MS), kind, context);
}

function serialMsText(serialMs: number, kind: FormatKind, context: Context): string {
  if (kind === NUMBER) return String(serialMs / MS_PER_DAY);
  if (kind === ELAPSED || (kind === TIME && serialMs < MIN_TIMESTAMP_SERIAL * MS_PER_DAY)) {
    return durationText(Math.abs(serialMs), serialMs < 0);
  }
  if (!(serialMs >= 0 && serialMs < MAX_DATE_SERIAL * MS_PER_DAY)) return String(serialMs / MS_PER_DAY);
  const days = Math.floor(serialMs / MS_PER_DAY);
  const naive = context.date1904
    ? EXCELJS_EPOCH_1904_MS + serialMs
    : EXCELJS_EPOCH_1900_MS + serialMs + (days < 61 ? MS_PER_DAY : 0); // Excel counts 1900-02-29
  return naiveText(naive, kind === DATE && serialMs % MS_PER_DAY === 0);
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function naiveText(ms: number, isDateOnly: boolean): string {
  const date = new Date(ms);
  const day = `${date.getUTCFullYear()}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}`;
  if (isDateOnly) return day;
  const time = `${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())}:${pad2(date.getUTCSeconds())}`;
  const millis = date.getUTCMilliseconds();
  return millis === 0 ? `${day} ${time}` : `${day} ${time}.${String(millis).padStart(3, '0')}`;
}

/** Whole milliseconds as `H:MM:SS[.mmm]`, hours unbounded. */
function durationText(totalMs: number, isNegative: boolean): string {
  const seconds = Math.floor(totalMs / 1000);
  const millis = totalMs % 1000;
  const text = `${Math.floor(seconds / 3600)}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}`;
  return `${isNegative && totalMs > 0 ? '-' : ''}${text}${millis === 0 ? '' : `.${String(millis).padStart(3, '0')}`}`;
}

/** Excel writes characters XML cannot carry as `_xHHHH_`. */
function decodeEscapes(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

// ---------------------------------------------------------------------------------------------
// Parts exceljs's stream reader does not read

function requireFromExceljs<T>(name: string): T {
  return createRequire(createRequire(import.meta.url).resolve('exceljs'))(name) as T;
}

function scanTags(bytes: Buffer, onTag: (name: string, attributes: Record<string, string>) => void): void {
  const parser = new (loadSaxes().SaxesParser)({ xmlns: false, position: false });
  parser.on('opentag', (tag: SaxesTagPlain) => onTag(localName(tag.name), tag.attributes));
  parser.write(new TextDecoder('utf-8').decode(bytes)).close();
}

async function readDate1904(input: ExceljsInput): Promise<boolean> {
  const workbook = await input.readPart('xl/workbook.xml');
  let date1904 = false;
  if (workbook !== undefined) {
    scanTags(workbook, (name, attributes) => {
      if (name !== 'workbookPr') return;
      const value = attributes.date1904?.toLowerCase();
      date1904 = value === '1' || value === 'true' || value === 'on';
    });
  }
  return date1904;
}

/** Row numbers of the totals rows of the sheet's Excel Tables (as read-xlsx.ts). */
async function readTotalsRows(input: ExceljsInput, sheet: SheetInfo): Promise<Set<number>> {
  const rows = new Set<number>();
  if (sheet.path === null) return rows;
  const dir = posix.dirname(sheet.path);
  const relationships = await input.readPart(posix.join(dir, '_rels', `${posix.basename(sheet.path)}.rels`));
  if (relationships === undefined) return rows;
  const tables: string[] = [];
  scanTags(relationships, (name, attributes) => {
    const target = attributes.Target;
    if (name !== 'Relationship' || target === undefined || !(attributes.Type ?? '').endsWith('/table')) return;
    tables.push(target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join(dir, target)));
  });
  for (const path of tables) {
    const table = await input.readPart(path);
    if (table === undefined) continue;
    scanTags(table, (name, attributes) => {
      if (name !== 'table') return;
      const count = Number(attributes.totalsRowCount ?? 0);
      const last = /(\d+)$/.exec(attributes.ref ?? '');
      if (count > 0 && last !== null) for (let n = 0; n < count; n++) rows.add(Number(last[1]) - n);
    });
  }
  return rows;
}

/** Where the central directory starts, from the end record (ZIP64 too); null when not found. */
async function centralDirectoryStart(handle: FileHandle): Promise<number | null> {
  const size = (await handle.stat()).size;
  const tailStart = Math.max(0, size - 22 - 0xffff);
  const tail = Buffer.alloc(size - tailStart);
  await handle.read(tail, 0, tail.length, tailStart);
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) !== 0x06054b50) continue;
    const offset = tail.readUInt32LE(i + 16);
    if (offset !== 0xffffffff) return offset;
    if (i < 20 || tail.readUInt32LE(i - 20) !== 0x07064b50) return null;
    const record = Buffer.alloc(56);
    await handle.read(record, 0, 56, Number(tail.readBigUInt64LE(i - 20 + 8)));
    return record.readUInt32LE(0) === 0x06064b50 ? Number(record.readBigUInt64LE(48)) : null;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------

function unreadable(file: string, reason: string): UserError {
  return new UserError(`${file}: not a readable XLSX workbook (${reason}); re-save it from Excel or export CSV.`);
}

function asUserError(file: string, error: unknown): UserError {
  if (error instanceof UserError) return error;
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.replace(/\.$/, '');
  return unreadable(file, `exceljs: ${message}`);
}
