/**
 * The XLSX reader (SPEC §2 "XLSX", STYLE §4.2): one sheet of a workbook → rows of cell TEXT, the
 * text a user would expect to see (numbers as the shortest exact decimal, dates as naive
 * `YYYY-MM-DD HH:MM:SS[.mmm]`, times and durations as `H:MM:SS[.mmm]`), so that the value parsers
 * of the CSV path read both formats.
 *
 * exceljs's streaming reader is not used for this: it takes the parts in ZIP order (Excel stores
 * styles and shared strings after the sheets, so exceljs first spools every sheet to a temp file,
 * a zip bomb included), turns date-formatted numbers into JS Dates with its own epoch arithmetic,
 * caches shared strings without a limit and offers no hook to count inflated bytes. So this file
 * reads the ZIP central directory itself (zip-archive.ts), inflates only the parts it needs with
 * node:zlib (counting and checking every byte), scans the two big parts (the sheet, the shared
 * strings) with its own byte-level XML scanner (xml-scanner.ts; ~2.5x faster than saxes on a
 * 200k-row sheet, ~5x with the one-go reading of common cells and strings) and parses the small
 * ones with saxes, the XML parser exceljs depends on, loaded lazily from exceljs's own dependency
 * tree (STYLE §4.3). A big sheet is inflated and scanned in a worker thread while this thread reads
 * the shared strings and turns cells into records (xlsx-sheet-cells.ts, xlsx-sheet-thread.ts).
 *
 * The exceljs reader (read-xlsx-exceljs.ts) is the reference this reader is tested against
 * (read-xlsx.diff.test.ts) and its FALLBACK for the one kind of workbook it declines: one whose
 * workbook structure does not lead to its worksheets while the archive holds worksheet parts under
 * the conventional names exceljs reads by (`xl/worksheets/sheetN.xml`) that no listed sheet leads
 * to, that is
 *   - no workbook part (no officeDocument relationship and no `xl/workbook.xml`),
 *   - no workbook relationships part (`xl/_rels/workbook.xml.rels`),
 *   - a workbook part listing no `<sheet>`, or
 *   - a `<sheet>` without an `r:id`, with an `r:id` the relationships lack, or whose worksheet
 *     relationship targets a part the archive lacks.
 * exceljs finds sheets by part name, not through the relationships, so it reads those. Nothing else
 * is declined, after weighing each case:
 *   - Strict OOXML (`http://purl.oclc.org/ooxml/...` namespaces) is read here: elements are matched
 *     by local name and relationship types by their last segment, and Strict's ISO 8601 `t="d"`
 *     date cells are understood, while exceljs reads them as the year number (exceljs#2695).
 *   - A sheet part in another format (an `.xlsb` binary part, another compression method,
 *     encryption, UTF-16 XML) is no better in exceljs: its unzipper knows stored and deflated
 *     entries only and its XML decoding is UTF-8 only.
 *   - Limits and damage stay UserErrors and never fall back: a refused size, ratio, entry count or
 *     shared-string count, a truncated file, a CRC mismatch, malformed XML, a missing shared string.
 * Limits hold on the fallback too: the ZIP directory has passed the checks above before anything is
 * declined, and exceljs gets a ZIP stream rebuilt from the central directory holding only the parts
 * it reads, each inflated here first against its declared size, its CRC and the total limit, with
 * the shared strings counted; so exceljs never inflates a byte that was not checked.
 *
 * Merged cells: a file stores a merged range's value in its first cell only, and that is what both
 * readers give. A range over data rows would silently cost its other rows a field (an agent merged
 * down three calls), so this reader reads on past the sheet data to the `<mergeCells>` list and
 * reports each such range as a data-quality issue (the fallback, for those rare workbooks, does not).
 */
import type { FileHandle } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { posix } from 'node:path';
import { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import { crc32 } from 'node:zlib';
import type { SaxesParser, SaxesTagPlain } from 'saxes';
import type { DataQualityIssue } from '../domain/data-quality.js';
import type { SourceLocation } from '../domain/source-location.js';
import { UserError } from '../errors.js';
import { openInputFile } from './open-input-file.js';
import { excelSerialToNaiveMs } from './parse-date.js';
import type { RawRow, RowSource, SourceFormat } from './row-source.js';
import {
  asReadError,
  CENTRAL_SIGNATURE,
  EOCD_SIGNATURE,
  EOCD_SIZE,
  LOCAL_SIGNATURE,
  readZipDirectory,
  refused,
  unreadable,
  ZipArchive,
  type ZipEntry,
} from './zip-archive.js';
import {
  type CellOps,
  OP_ISO_DATE,
  OP_NUMBER,
  OP_ROW,
  OP_ROW_END,
  OP_SHARED,
  OP_TEXT,
  OP_VALUE,
  SheetCellsHandler,
} from './xlsx-sheet-cells.js';
import { SharedStrings, SharedStringsHandler } from './xlsx-shared-strings.js';
import { isWorkerWanted, SheetWorker } from './xlsx-sheet-thread.js';
import { detectXmlEncoding, type ScanHandler, utf8Chunks, XmlScanner } from './xml-scanner.js';

export interface OpenXlsxOptions {
  /** The name used in locations and messages (the path as the user gave it). */
  displayName: string;
  /** `--sheet NAME`, matched case-insensitively; the first sheet with data when absent. */
  sheet?: string;
  /** Bytes that all entries may unpack to, declared and actually inflated; default 1 GiB. */
  maxUncompressedBytes?: number;
  /** Default 5,000,000. */
  maxSharedStrings?: number;
  /** Default 10,000. */
  maxColumns?: number;
  /** Cell problems that do not stop the run (a formula without a saved result). */
  onIssue?: (issue: DataQualityIssue) => void;
  /** Refuse a larger workbook file (a call list); exports are bounded by the limits above. */
  maxFileBytes?: number;
}

const DEFAULT_MAX_UNCOMPRESSED_BYTES = 1024 ** 3;
const DEFAULT_MAX_SHARED_STRINGS = 5_000_000;
const DEFAULT_MAX_COLUMNS = 10_000;
/** Title rows above a header are few; a sheet without a header-like row among its first rows has none. */
const HEADER_SEARCH_ROWS = 50;
const ISSUE_VALUE_CHARS = 40;

/** The largest serial Excel shows as a date (9999-12-31); a date format on anything else shows a number. */
const MAX_DATE_SERIAL = 2_958_466;
/** A time-of-day format on a serial of a year or more shows a timestamp's time, not a duration. */
const MIN_TIMESTAMP_SERIAL = 366;
const MS_PER_DAY = 86_400_000;

/** What a cell's number format makes of a number. */
const NUMBER = 0;
const DATE = 1; // date only: a whole serial reads as YYYY-MM-DD
const DATE_TIME = 2;
const TIME = 3; // time of day, h:mm:ss: a duration text
const ELAPSED = 4; // [h]:mm:ss: a duration text, hours may exceed 23
export type FormatKind = typeof NUMBER | typeof DATE | typeof DATE_TIME | typeof TIME | typeof ELAPSED;
/** The kinds `classifyFormatCode` returns, for the exceljs reader. */
export const FormatKinds = { NUMBER, DATE, DATE_TIME, TIME, ELAPSED } as const;

/** Built-in number formats (ECMA-376 §18.8.30, plus the East Asian ids Excel maps by locale) that are not plain numbers. */
const BUILTIN_FORMAT_KINDS: ReadonlyMap<number, FormatKind> = new Map<number, FormatKind>([
  ...[14, 15, 16, 17, 27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 57, 58].map((id) => [id, DATE] as const),
  [22, DATE_TIME],
  ...[18, 19, 20, 21, 32, 33, 45, 47, 55, 56].map((id) => [id, TIME] as const),
  [46, ELAPSED],
]);

/** Opens a workbook, picks the sheet, finds its header row; the data rows follow when the source is iterated. */
export async function openXlsx(path: string, options: OpenXlsxOptions): Promise<RowSource> {
  const file = options.displayName;
  const handle = await openInputFile(path, file, { maxBytes: options.maxFileBytes });
  let source: RowSource | undefined;
  try {
    const size = (await handle.stat()).size;
    const maxBytes = options.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED_BYTES;
    const zip = new ZipArchive(handle, file, await readZipDirectory(handle, file, size, maxBytes), size, maxBytes);
    const xml = new XmlReader(zip, loadSaxes());
    const workbook = await readWorkbook(xml, file);
    if (workbook.declined !== null) {
      source = await openWithExceljs(workbook.declined, xml, handle, options);
      return source;
    }
    // The shared strings are read while the first sheet is inflated and scanned in the worker;
    // every decode waits for them, and their refusal stands even when no sheet needed them.
    const sharedStringsEntry = zip.find(workbook.sharedStringsPath);
    let isSharedStringsRead = sharedStringsEntry === undefined;
    const sharedStrings = readSharedStrings(
      xml,
      workbook.sharedStringsPath,
      options.maxSharedStrings ?? DEFAULT_MAX_SHARED_STRINGS,
      file,
    ).finally(() => (isSharedStringsRead = true));
    sharedStrings.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
    const context: SheetContext = {
      file,
      zip,
      xml,
      fd: handle.fd,
      date1904: workbook.date1904,
      formatKinds: await readFormatKinds(xml, workbook.stylesPath),
      sharedStrings,
      sharedStringsPending: () =>
        isSharedStringsRead ? 0 : sharedStringsEntry!.uncompressedSize - zip.inflatedOf(sharedStringsEntry!),
      maxColumns: options.maxColumns ?? DEFAULT_MAX_COLUMNS,
    };
    const found =
      options.sheet === undefined
        ? await findFirstSheetWithData(workbook.sheets, context)
        : await findHeader(pickSheet(workbook.sheets, options.sheet, file), context, true);
    try {
      await sharedStrings;
      const totalsRows = found.header === null ? new Set<number>() : await readTotalsRows(xml, found.sheet);
      source = new XlsxRowSource(file, found, totalsRows, options.onIssue, () => handle.close());
    } finally {
      if (source === undefined) await found.rows?.return();
    }
    return source;
  } finally {
    if (source === undefined) await handle.close().catch(() => undefined);
  }
}

/** `C17` for the column index 2 (A = 0) and row 17. */
export function cellAddress(columnIndex: number, row: number): string {
  let letters = '';
  for (let n = columnIndex + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return `${letters}${row}`;
}

// ---------------------------------------------------------------------------------------------
// XML parts

type SaxesModule = typeof import('saxes');
type PlainXml = { xmlns: false; position: false };
let saxesModule: SaxesModule | undefined;

/** saxes as exceljs resolves it, so it is found wherever the package manager put it. */
export function loadSaxes(): SaxesModule {
  if (saxesModule === undefined) {
    const requireHere = createRequire(import.meta.url);
    saxesModule = createRequire(requireHere.resolve('exceljs'))('saxes') as SaxesModule;
  }
  return saxesModule;
}

interface XmlHandlers {
  /** `name` is the local name (a `x:` prefix is dropped). */
  open(name: string, attributes: Record<string, string>): void;
  close?(name: string): void;
  text?(text: string): void;
}

export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** An attribute by its local name, whatever its namespace prefix (`r:id` for `id`). */
function attribute(attributes: Record<string, string>, name: string): string | undefined {
  const value = attributes[name];
  if (value !== undefined) return value;
  for (const key in attributes) if (localName(key) === name && key !== name) return attributes[key];
  return undefined;
}

class XmlReader {
  constructor(
    readonly zip: ZipArchive,
    private readonly saxes: SaxesModule,
  ) {}

  /** A parser whose handlers see local names; its errors are thrown from `write`. */
  parser(handlers: XmlHandlers): SaxesParser<PlainXml> {
    const parser = new this.saxes.SaxesParser<PlainXml>({ xmlns: false, position: false });
    parser.on('opentag', (tag: SaxesTagPlain) => handlers.open(localName(tag.name), tag.attributes));
    const close = handlers.close;
    if (close !== undefined) parser.on('closetag', (tag: SaxesTagPlain) => close(localName(tag.name)));
    const text = handlers.text;
    if (text !== undefined) {
      parser.on('text', text);
      parser.on('cdata', text);
    }
    return parser;
  }

  /**
   * Parses a part chunk by chunk; after each chunk, `afterChunk` may hand results to the caller
   * (yielded) and return `'stop'` to end early.
   */
  async *parse<T>(
    path: string,
    handlers: XmlHandlers,
    afterChunk: () => T | 'stop',
  ): AsyncGenerator<T, void, undefined> {
    const entry = this.zip.find(path);
    if (entry === undefined) return;
    const file = this.zip.file;
    const parser = this.parser(handlers);
    let decoder: TextDecoder | undefined;
    for await (const chunk of this.zip.read(entry)) {
      decoder ??= new TextDecoder(detectXmlEncoding(chunk));
      try {
        parser.write(decoder.decode(chunk, { stream: true }));
      } catch (error) {
        throw asReadError(file, entry.name, error);
      }
      const result = afterChunk();
      if (result === 'stop') return;
      yield result;
    }
    try {
      if (decoder !== undefined) parser.write(decoder.decode());
      parser.close();
    } catch (error) {
      throw asReadError(file, entry.name, error);
    }
    const result = afterChunk();
    if (result !== 'stop') yield result;
  }

  /** `parse` with the hand-written scanner, for the big parts (the sheet, the shared strings). */
  async *scan<T>(path: string, handler: ScanHandler, afterChunk: () => T | 'stop'): AsyncGenerator<T, void, undefined> {
    const entry = this.zip.find(path);
    if (entry === undefined) return;
    const scanner = new XmlScanner(handler);
    for await (const chunk of utf8Chunks(this.zip.read(entry))) {
      try {
        if (chunk === null) scanner.end();
        else scanner.write(chunk);
      } catch (error) {
        throw asReadError(this.zip.file, entry.name, error);
      }
      const result = afterChunk();
      if (result === 'stop') return;
      yield result;
    }
  }

  /**
   * A sheet part inflated and scanned by `SheetCellsHandler` in a worker thread, `decode` turning
   * each batch of cell operations into results here while the worker goes on; returns the merged
   * ranges. The worker reads the same open file and holds the same limits: the entry's declared
   * size, its CRC-32, and what is left of the archive's total after `reserved` bytes.
   */
  async *scanInWorker<T>(
    path: string,
    worker: { fd: number; formatKinds: Uint8Array; reserved: number },
    decode: (ops: CellOps) => T | Promise<T>,
  ): AsyncGenerator<T, readonly string[], undefined> {
    const entry = this.zip.find(path);
    if (entry === undefined) return [];
    const thread = new SheetWorker({
      fd: worker.fd,
      file: this.zip.file,
      size: this.zip.size,
      entry,
      budget: this.zip.remaining - worker.reserved,
      limit: this.zip.limit,
      formatKinds: worker.formatKinds,
    });
    try {
      for (;;) {
        const reply = await thread.receive();
        if (reply.type === 'ops') {
          const result = await decode(reply.ops);
          thread.consumed(reply.ops);
          yield result;
        } else if (reply.type === 'end') {
          this.zip.count(reply.inflated);
          return reply.merges;
        } else if (reply.type === 'refused') {
          throw reply.isUserError
            ? new UserError(reply.message)
            : asReadError(this.zip.file, entry.name, new Error(reply.message));
        } else {
          const crash = new Error(reply.message);
          crash.stack = reply.stack;
          throw crash;
        }
      }
    } finally {
      await thread.stop();
    }
  }

  /** Parses a whole (small) part. */
  async parseAll(path: string, handlers: XmlHandlers): Promise<boolean> {
    if (this.zip.find(path) === undefined) return false;
    for await (const _ of this.parse(path, handlers, () => undefined)) {
      // the handlers collect what they need
    }
    return true;
  }
}

export interface SheetInfo {
  name: string;
  isHidden: boolean;
  /** The worksheet part; null for a chart sheet or a dangling relationship. */
  path: string | null;
}

interface WorkbookInfo {
  sheets: SheetInfo[];
  date1904: boolean;
  stylesPath: string;
  sharedStringsPath: string;
  /** Set when the workbook goes to the exceljs reader (see the top of this file). */
  declined: Declined | null;
}

/** A declined workbook: the parts exceljs reads, by the name it reads each under → the entry, or bytes made here. */
interface Declined {
  parts: Map<string, ZipEntry | Buffer>;
}

/** exceljs reads no sheet without a workbook part; this one lists none (exceljs names the sheets by their parts). */
const STAND_IN_WORKBOOK = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>',
);

/** Worksheet parts under the names exceljs's streaming reader takes them by. */
const EXCELJS_SHEET_PART = /^xl\/worksheets\/sheet(\d+)\.xml$/i;

interface Relationship {
  type: string;
  target: string;
}

function relationshipsPath(partPath: string): string {
  return posix.join(posix.dirname(partPath), '_rels', `${posix.basename(partPath)}.rels`);
}

/** The relationships of a part (`xl/workbook.xml` → `xl/_rels/workbook.xml.rels`), targets resolved to archive paths. */
async function readRelationships(xml: XmlReader, partPath: string): Promise<Map<string, Relationship>> {
  const dir = posix.dirname(partPath);
  const relsPath = relationshipsPath(partPath);
  const relationships = new Map<string, Relationship>();
  await xml.parseAll(relsPath, {
    open(name, attributes) {
      if (name !== 'Relationship') return;
      const id = attributes.Id;
      const target = attributes.Target;
      if (id === undefined || target === undefined || attributes.TargetMode === 'External') return;
      const path = target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join(dir, target));
      relationships.set(id, { type: attributes.Type ?? '', target: path.replace(/^(\.\.\/)+/, '') });
    },
  });
  return relationships;
}

function relationshipOfType(relationships: Map<string, Relationship>, type: string): string | null {
  for (const relationship of relationships.values()) {
    if (relationship.type.endsWith(`/${type}`)) return relationship.target;
  }
  return null;
}

async function readWorkbook(xml: XmlReader, file: string): Promise<WorkbookInfo> {
  const packageRelationships = await readRelationships(xml, '');
  const workbookPath = relationshipOfType(packageRelationships, 'officeDocument') ?? 'xl/workbook.xml';
  const relsPath = relationshipsPath(workbookPath);
  const relationships = await readRelationships(xml, workbookPath);
  const listed: { name: string; isHidden: boolean; id: string | undefined }[] = [];
  let date1904 = false;
  const isFound = await xml.parseAll(workbookPath, {
    open(name, attributes) {
      if (name === 'workbookPr') {
        const value = attributes.date1904?.toLowerCase();
        date1904 = value === '1' || value === 'true' || value === 'on';
      } else if (name === 'sheet') {
        listed.push({
          name: attributes.name ?? `Sheet${listed.length + 1}`,
          isHidden: attributes.state === 'hidden' || attributes.state === 'veryHidden',
          id: attribute(attributes, 'id'),
        });
      }
    },
  });
  const zip = xml.zip;
  let isDangling = false;
  const sheets = listed.map(({ name, isHidden, id }): SheetInfo => {
    const relationship = id === undefined ? undefined : relationships.get(id);
    const isWorksheet = relationship !== undefined && relationship.type.endsWith('/worksheet');
    if (relationship === undefined || (isWorksheet && zip.find(relationship.target) === undefined)) isDangling = true;
    return { name, isHidden, path: isWorksheet ? relationship.target : null };
  });
  const stylesPath = relationshipOfType(relationships, 'styles') ?? 'xl/styles.xml';
  const sharedStringsPath = relationshipOfType(relationships, 'sharedStrings') ?? 'xl/sharedStrings.xml';

  const reached = new Set(sheets.flatMap((sheet) => (sheet.path === null ? [] : [sheet.path.toLowerCase()])));
  const sheetParts = [...zip.list()].filter((entry) => EXCELJS_SHEET_PART.test(entry.name));
  // Declined (see the top): worksheet parts no listed sheet leads to, and a structure that leads nowhere.
  const isDeclined =
    sheetParts.some((entry) => !reached.has(entry.name.toLowerCase())) &&
    (!isFound || zip.find(relsPath) === undefined || sheets.length === 0 || isDangling);
  if (!isDeclined) {
    if (!isFound) throw unreadable(file, 'it has no workbook part; is it a Word or PowerPoint file?');
    if (sheets.length === 0) throw unreadable(file, 'it has no sheets');
    return { sheets, date1904, stylesPath, sharedStringsPath, declined: null };
  }

  // The parts exceljs reads, first the small ones so that it streams the sheets instead of spooling them.
  const parts = new Map<string, ZipEntry | Buffer>();
  const add = (name: string, entry: ZipEntry | Buffer | undefined): void => {
    if (entry !== undefined) parts.set(name, entry);
  };
  if (isFound) add('xl/_rels/workbook.xml.rels', zip.find(relsPath));
  add('xl/workbook.xml', isFound ? zip.find(workbookPath) : STAND_IN_WORKBOOK);
  add('xl/sharedStrings.xml', zip.find(sharedStringsPath));
  add('xl/styles.xml', zip.find(stylesPath));
  const sheetNumber = (entry: ZipEntry): number => Number(EXCELJS_SHEET_PART.exec(entry.name)?.[1]);
  for (const entry of sheetParts.sort((a, b) => sheetNumber(a) - sheetNumber(b))) {
    add(`xl/worksheets/sheet${sheetNumber(entry)}.xml`, entry);
  }
  return { sheets, date1904, stylesPath, sharedStringsPath, declined: { parts } };
}

/**
 * The declined workbook through the exceljs reader: every part it will read is inflated and
 * checked here first (declared size, CRC, the total limit, the shared-string count), then exceljs
 * gets an archive rebuilt from those entries only.
 */
async function openWithExceljs(
  declined: Declined,
  xml: XmlReader,
  handle: FileHandle,
  options: OpenXlsxOptions,
): Promise<RowSource> {
  const zip = xml.zip;
  for (const [name, entry] of declined.parts) {
    if (Buffer.isBuffer(entry)) continue;
    if (name === 'xl/sharedStrings.xml') {
      await countSharedStrings(xml, entry.name, options.maxSharedStrings ?? DEFAULT_MAX_SHARED_STRINGS, zip.file);
    } else {
      for await (const _ of zip.read(entry)) {
        // inflated and checked, not kept
      }
    }
  }
  const { openExceljsInput, END_PADDING } = await import('./read-xlsx-exceljs.js');
  return openExceljsInput(
    {
      openStream: () => Readable.from(rebuiltArchive(zip, declined.parts, END_PADDING), { objectMode: false }),
      readPart: async (path) => {
        const entry = declined.parts.get(path) ?? zip.find(path);
        if (entry === undefined || Buffer.isBuffer(entry)) return entry;
        const chunks: Buffer[] = [];
        for await (const chunk of zip.read(entry)) chunks.push(chunk);
        return Buffer.concat(chunks);
      },
      close: () => handle.close(),
    },
    options,
  );
}

/**
 * A ZIP archive of the given entries under the given names, their compressed bytes copied as
 * stored, then the padding entry the exceljs reader wants last (read-xlsx-exceljs.ts explains).
 */
async function* rebuiltArchive(
  zip: ZipArchive,
  parts: Map<string, ZipEntry | Buffer>,
  padding: { local: Buffer },
): AsyncGenerator<Buffer, void, undefined> {
  const records: Buffer[] = [];
  let offset = 0;
  for (const [name, part] of parts) {
    const entry: ZipEntry = Buffer.isBuffer(part)
      ? {
          name,
          method: 0,
          flags: 0,
          crc: crc32(part),
          compressedSize: part.length,
          uncompressedSize: part.length,
          localHeaderOffset: -1,
        }
      : part;
    if (entry.compressedSize > 0xfffffffe || entry.uncompressedSize > 0xfffffffe || offset > 0xfffffffe) {
      throw unreadable(zip.file, `${entry.name} is too large for the exceljs reader`);
    }
    const nameBytes = Buffer.from(name, 'utf8');
    const fields = Buffer.alloc(26); // version, flags, method, time, date, CRC, sizes, name and extra lengths
    fields.writeUInt16LE(20, 0);
    fields.writeUInt16LE(0x0800, 2);
    fields.writeUInt16LE(entry.method, 4);
    fields.writeUInt16LE(0x0021, 8); // 1980-01-01
    fields.writeUInt32LE(entry.crc >>> 0, 10);
    fields.writeUInt32LE(entry.compressedSize, 14);
    fields.writeUInt32LE(entry.uncompressedSize, 18);
    fields.writeUInt16LE(nameBytes.length, 22);
    const local = Buffer.alloc(4);
    local.writeUInt32LE(LOCAL_SIGNATURE, 0);
    yield Buffer.concat([local, fields, nameBytes]);
    if (Buffer.isBuffer(part)) yield part;
    else yield* zip.readStored(entry);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL_SIGNATURE, 0);
    central.writeUInt16LE(20, 4);
    fields.copy(central, 6, 0, 26);
    central.writeUInt32LE(offset, 42);
    records.push(central, nameBytes);
    offset += 30 + nameBytes.length + entry.compressedSize;
  }
  yield padding.local; // left out of the directory: unzipper's stream reader never looks there
  offset += padding.local.length;
  const directory = Buffer.concat(records);
  const end = Buffer.alloc(EOCD_SIZE);
  end.writeUInt32LE(EOCD_SIGNATURE, 0);
  end.writeUInt16LE(parts.size, 8);
  end.writeUInt16LE(parts.size, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  yield Buffer.concat([directory, end]);
}

/** The kind of number format of each cell style (`<c s="…">` indexes `cellXfs`). */
async function readFormatKinds(xml: XmlReader, stylesPath: string): Promise<Uint8Array> {
  const customFormats = new Map<number, FormatKind>();
  const kinds: number[] = [];
  let inNumFmts = false;
  let inCellXfs = false;
  let depth = 0;
  await xml.parseAll(stylesPath, {
    open(name, attributes) {
      depth++;
      if (name === 'numFmts') inNumFmts = true;
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'numFmt' && inNumFmts) {
        const id = Number(attributes.numFmtId);
        if (Number.isInteger(id)) customFormats.set(id, classifyFormatCode(attributes.formatCode ?? ''));
      } else if (name === 'xf' && inCellXfs && depth === 3) {
        const id = Number(attributes.numFmtId ?? 0);
        kinds.push(customFormats.get(id) ?? BUILTIN_FORMAT_KINDS.get(id) ?? NUMBER);
      }
    },
    close(name) {
      depth--;
      if (name === 'numFmts') inNumFmts = false;
      else if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return Uint8Array.from(kinds);
}

/**
 * What a number format code makes of a number: the first section decides; quoted text, escaped
 * characters, `[…]` colours, locales and conditions, `_x` and `*x` are skipped; `m` is minutes
 * after `h` or before `s`, else a month (as in Excel); `[h]`, `[m]`, `[s]` are elapsed time.
 */
export function classifyFormatCode(code: string): FormatKind {
  const tokens: string[] = [];
  let isElapsed = false;
  let previous = -2;
  for (let i = 0; i < code.length; i++) {
    const char = code[i]!;
    if (char === ';') break;
    if (char === '"') {
      const close = code.indexOf('"', i + 1);
      i = close < 0 ? code.length : close;
      continue;
    }
    if (char === '\\' || char === '_' || char === '*') {
      i++;
      continue;
    }
    if (char === '[') {
      const close = code.indexOf(']', i + 1);
      const inside = code.slice(i + 1, close < 0 ? code.length : close).toLowerCase();
      if (/^(h+|m+|s+)$/.test(inside)) {
        isElapsed = true;
        tokens.push(inside[0]!);
      }
      i = close < 0 ? code.length : close;
      continue;
    }
    const rest = code.slice(i, i + 7).toLowerCase();
    if (rest.startsWith('general')) {
      i += 6;
      continue;
    }
    if (rest.startsWith('am/pm')) {
      i += 4;
      continue;
    }
    if (rest.startsWith('a/p')) {
      i += 2;
      continue;
    }
    const lower = char.toLowerCase();
    if (lower === 'y' || lower === 'm' || lower === 'd' || lower === 'h' || lower === 's' || lower === 'g') {
      if (!(previous === i - 1 && tokens[tokens.length - 1] === lower)) tokens.push(lower);
      previous = i;
    } else if (lower === 'e' && code[i + 1] !== '+' && code[i + 1] !== '-') {
      tokens.push('y'); // the era year of East Asian formats; `E+` is a scientific exponent
      previous = i;
    }
  }
  let hasDate = false;
  let hasTime = isElapsed;
  tokens.forEach((token, index) => {
    if (token === 'm') {
      const isMinute = tokens[index - 1] === 'h' || tokens[index + 1] === 's';
      if (isMinute) hasTime = true;
      else hasDate = true;
    } else if (token === 'h' || token === 's') hasTime = true;
    else hasDate = true;
  });
  if (hasDate) return hasTime ? DATE_TIME : DATE;
  if (hasTime) return isElapsed ? ELAPSED : TIME;
  return NUMBER;
}

async function readSharedStrings(xml: XmlReader, path: string, max: number, file: string): Promise<SharedStrings> {
  const handler = new SharedStringsHandler(max, file, xml.zip.find(path)?.uncompressedSize);
  for await (const _ of xml.scan(path, handler, () => undefined)) {
    // the handler collects the strings
  }
  handler.strings.seal();
  return handler.strings;
}

/** Checks the shared strings against the limit without keeping them. */
async function countSharedStrings(xml: XmlReader, path: string, max: number, file: string): Promise<void> {
  let count = 0;
  const tooMany = (): UserError => refused(file, `it has more than ${max.toLocaleString('en-US')} shared strings`);
  await xml.parseAll(path, {
    open(name, attributes) {
      if (name === 'sst' && Number(attributes.uniqueCount ?? 0) > max) throw tooMany();
    },
    close(name) {
      if (name === 'si' && ++count > max) throw tooMany();
    },
  });
}

/** Row numbers of Excel Tables' totals rows on a sheet: a sum is not a contact. */
async function readTotalsRows(xml: XmlReader, sheet: SheetInfo): Promise<Set<number>> {
  const rows = new Set<number>();
  if (sheet.path === null) return rows;
  for (const relationship of (await readRelationships(xml, sheet.path)).values()) {
    if (!relationship.type.endsWith('/table')) continue;
    await xml.parseAll(relationship.target, {
      open(name, attributes) {
        if (name !== 'table') return;
        const count = Number(attributes.totalsRowCount ?? 0);
        const last = /(\d+)$/.exec(attributes.ref ?? '');
        if (count > 0 && last !== null) for (let n = 0; n < count; n++) rows.add(Number(last[1]) - n);
      },
    });
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Cells → text

const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));

function pad2(n: number): string {
  return n < 100 ? TWO_DIGITS[n]! : String(n);
}

function pad3(n: number): string {
  return n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n);
}

/** A naive ms (Date.UTC of the wall clock) as `YYYY-MM-DD HH:MM:SS[.mmm]`, or `YYYY-MM-DD`. */
function formatNaive(ms: number, isDateOnly: boolean): string {
  // The civil date of a day count (H. Hinnant's days_from_civil inverse), without a Date.
  const days = Math.floor(ms / MS_PER_DAY);
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153); // March = 0
  const dayOfMonth = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const day = `${year}-${pad2(month)}-${pad2(dayOfMonth)}`;
  if (isDateOnly) return day;
  const msOfDay = ms - days * MS_PER_DAY;
  const seconds = Math.floor(msOfDay / 1000);
  const millis = msOfDay - seconds * 1000;
  const time = `${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}`;
  return millis === 0 ? `${day} ${time}` : `${day} ${time}.${pad3(millis)}`;
}

/** A day fraction as `H:MM:SS[.mmm]` (hours unbounded). */
function formatDuration(serial: number): string {
  const total = Math.round(Math.abs(serial) * MS_PER_DAY);
  const millis = total % 1000;
  const seconds = Math.floor(total / 1000);
  const text = `${Math.floor(seconds / 3600)}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}`;
  return `${serial < 0 && total > 0 ? '-' : ''}${text}${millis === 0 ? '' : `.${pad3(millis)}`}`;
}

function formatNumber(value: number, kind: number, date1904: boolean): string {
  if (kind === NUMBER || !Number.isFinite(value)) return String(value);
  if (kind === ELAPSED || (kind === TIME && value < MIN_TIMESTAMP_SERIAL)) return formatDuration(value);
  if (!(value >= 0 && value < MAX_DATE_SERIAL)) return String(value);
  const isDateOnly = kind === DATE && Number.isInteger(value);
  return formatNaive(excelSerialToNaiveMs(value, date1904), isDateOnly);
}

/** `t="d"` cells hold ISO 8601 text; as naive text like a serial date. */
function formatIsoDate(text: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}(?::\d{2})?)(?:\.(\d+))?)?Z?$/.exec(text.trim());
  if (match === null) return text;
  const [, day, time, fraction] = match;
  if (time === undefined) return day!;
  const seconds = time.length === 5 ? `${time}:00` : time;
  const millis = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  return millis === 0 ? `${day} ${seconds}` : `${day} ${seconds}.${pad3(millis)}`;
}

// ---------------------------------------------------------------------------------------------
// Sheets → rows

interface SheetContext {
  file: string;
  zip: ZipArchive;
  xml: XmlReader;
  date1904: boolean;
  /** The workbook file's descriptor, for the sheet worker. */
  fd: number;
  formatKinds: Uint8Array;
  /** Resolved before any cell is decoded. */
  sharedStrings: Promise<SharedStrings>;
  /**
   * What the shared strings will still inflate to while they are being read (their declared size
   * less what is read): held back from the sheet worker's share of the archive's limit, so that
   * the total holds exactly as when one thread reads both.
   */
  sharedStringsPending: () => number;
  maxColumns: number;
}

/** One `<row>` with a value: cells up to the last non-empty one. */
export interface SheetRow {
  row: number;
  cells: string[];
  /** Non-blank cells, and the first and last of them. */
  count: number;
  first: number;
  last: number;
  /** Every non-blank cell is a string (shared, inline or a formula's), not a number, date, flag or error. */
  isAllText: boolean;
  /** Columns of formulas without a saved result. */
  formulas: { column: number; formula: string }[] | null;
}

/**
 * The rows of a sheet part, in batches (one per inflated chunk, or per chunk sent to the worker);
 * then the merged ranges, which Excel writes after `</sheetData>`, as the generator's return value.
 * A big sheet is scanned in a worker thread (xlsx-sheet-cells.ts says why), a small one here.
 */
async function* readSheetRows(sheet: SheetInfo, context: SheetContext): SheetRows {
  const path = sheet.path ?? '';
  const entry = context.zip.find(path);
  if (entry !== undefined && isWorkerWanted(entry.uncompressedSize)) {
    // The worker starts before the shared strings are read; its first batches wait for them.
    const worker = { fd: context.fd, formatKinds: context.formatKinds, reserved: context.sharedStringsPending() };
    let decoder: SheetRowDecoder | undefined;
    return yield* context.xml.scanInWorker(path, worker, async (ops) => {
      decoder ??= new SheetRowDecoder(sheet.name, context, await context.sharedStrings);
      return decoder.decode(ops);
    });
  }
  const decoder = new SheetRowDecoder(sheet.name, context, await context.sharedStrings);
  const handler = new SheetCellsHandler(context.formatKinds);
  yield* context.xml.scan(path, handler, () => {
    const ops = handler.ops.take();
    const rows = decoder.decode(ops);
    handler.ops.recycle(ops.ints, ops.numbers);
    return rows;
  });
  return handler.merges;
}

/**
 * Cell operations (xlsx-sheet-cells.ts) → rows of text: shared strings looked up, numbers and
 * dates formatted, blank cells and rows dropped, the column limit checked. Rows may span batches.
 */
class SheetRowDecoder {
  private rowNumber = 0;
  private cells: string[] = [];
  private count = 0;
  private first = -1;
  private last = -1;
  private isAllText = true;
  private formulas: SheetRow['formulas'] = null;

  constructor(
    private readonly sheetName: string,
    private readonly context: SheetContext,
    private readonly sharedStrings: SharedStrings,
  ) {}

  decode(ops: CellOps): SheetRow[] {
    const rows: SheetRow[] = [];
    const { ints, intCount, numbers, texts } = ops;
    const sharedStrings = this.sharedStrings;
    const date1904 = this.context.date1904;
    let n = 0;
    let t = 0;
    for (let i = 0; i < intCount;) {
      const op = ints[i]!;
      if (op === OP_ROW) {
        this.startRow(numbers[n++]!);
        i += 1;
        continue;
      }
      if (op === OP_ROW_END) {
        if (this.count > 0) {
          const { rowNumber: row, cells, count, first, last, isAllText, formulas } = this;
          rows.push({ row, cells, count, first, last, isAllText, formulas });
        }
        this.startRow(this.rowNumber);
        i += 1;
        continue;
      }
      const column = ints[i + 1]!;
      if (op === OP_SHARED) {
        const index = numbers[n++]!;
        const text = sharedStrings.get(index);
        if (text === undefined) {
          throw unreadable(
            this.context.file,
            `cell ${this.sheetName}!${cellAddress(column, this.rowNumber)} refers to a missing shared string`,
          );
        }
        this.add(column, text, true);
        i += 3;
      } else if (op === OP_NUMBER) {
        this.add(column, formatNumber(numbers[n++]!, ints[i + 2]!, date1904), false);
        i += 3;
      } else {
        const text = texts[t++]!;
        if (op === OP_TEXT) this.add(column, text, true);
        else if (op === OP_VALUE) this.add(column, text, false);
        else if (op === OP_ISO_DATE) this.add(column, formatIsoDate(text), false);
        else (this.formulas ??= []).push({ column, formula: text });
        i += 2;
      }
    }
    return rows;
  }

  private startRow(rowNumber: number): void {
    this.rowNumber = rowNumber;
    this.cells = [];
    this.count = 0;
    this.first = -1;
    this.last = -1;
    this.isAllText = true;
    this.formulas = null;
  }

  private add(column: number, text: string, isText: boolean): void {
    const maxColumns = this.context.maxColumns;
    if (text === '' || (isText && text.trim() === '')) {
      if (text !== '' && column < maxColumns) this.setCell(column, text);
      return;
    }
    if (column >= maxColumns) {
      throw new UserError(
        `${this.context.file}:${this.sheetName}!${cellAddress(column, this.rowNumber)}: a row has more than ${maxColumns.toLocaleString('en-US')} columns; this does not look like an export.`,
      );
    }
    this.setCell(column, text);
    this.count++;
    if (this.first < 0 || column < this.first) this.first = column;
    if (column > this.last) this.last = column;
    if (!isText) this.isAllText = false;
  }

  private setCell(column: number, text: string): void {
    const cells = this.cells;
    if (column < cells.length) cells[column] = text;
    else {
      while (cells.length < column) cells.push('');
      cells.push(text);
    }
  }
}

/** A sheet's row batches, returning its merged ranges (`A5:A9`) when read to the end (none from the exceljs fallback). */
export type SheetRows = AsyncGenerator<SheetRow[], readonly string[] | void, undefined>;

export interface FoundHeader {
  sheet: SheetInfo;
  /** null for a sheet without data. */
  header: SheetRow | null;
  /** Rows read after the header while looking for it. */
  pending: SheetRow[];
  /** The rest of the sheet; null when it has been read to its end. */
  rows: SheetRows | null;
  /** The sheet's merged ranges, when it was read to its end while looking for the header. */
  merges?: readonly string[];
}

export function isHeaderLike(row: SheetRow): boolean {
  return row.isAllText && row.count >= 2 && row.count * 2 >= row.last - row.first + 1;
}

/**
 * Reads a sheet up to its header: the first row of at least two cells, all text, filling at least
 * half of the row's span; title rows above it are skipped. Without such a row among the first
 * rows: the first non-empty row when `orFirstRow`, else no header (and the stream is closed).
 */
async function findHeader(sheet: SheetInfo, context: SheetContext, orFirstRow: boolean): Promise<FoundHeader> {
  if (sheet.path === null || context.zip.find(sheet.path) === undefined) {
    return { sheet, header: null, pending: [], rows: null };
  }
  return findHeaderInRows(sheet, readSheetRows(sheet, context), orFirstRow);
}

/** `findHeader` over the row batches of a sheet, from whichever reader. */
export async function findHeaderInRows(sheet: SheetInfo, rows: SheetRows, orFirstRow: boolean): Promise<FoundHeader> {
  const seen: SheetRow[] = [];
  let merges: readonly string[] | undefined;
  try {
    for (;;) {
      const next = await rows.next();
      if (next.done === true) {
        merges = next.value ?? undefined;
        break;
      }
      for (const [i, row] of next.value.entries()) {
        if (isHeaderLike(row)) {
          return { sheet, header: row, pending: next.value.slice(i + 1), rows };
        }
        if (seen.length < HEADER_SEARCH_ROWS) seen.push(row);
        if (seen.length === HEADER_SEARCH_ROWS) {
          if (!orFirstRow) {
            await rows.return();
            return { sheet, header: seen[0]!, pending: [], rows: null };
          }
          return { sheet, header: seen[0]!, pending: [...seen.slice(1), ...next.value.slice(i + 1)], rows };
        }
      }
    }
  } catch (error) {
    await rows.return().catch(() => undefined);
    throw error;
  }
  if (seen.length === 0) return { sheet, header: null, pending: [], rows: null };
  return { sheet, header: seen[0]!, pending: orFirstRow ? seen.slice(1) : [], rows: null, merges };
}

/**
 * The first sheet, in tab order, with a header-like row (visible sheets before hidden ones); else
 * the first sheet with any data, its first row taken as the header; else the first sheet, empty.
 */
async function findFirstSheetWithData(sheets: readonly SheetInfo[], context: SheetContext): Promise<FoundHeader> {
  const ordered = [...sheets.filter((sheet) => !sheet.isHidden), ...sheets.filter((sheet) => sheet.isHidden)];
  let firstWithData: SheetInfo | undefined;
  for (const sheet of ordered) {
    const found = await findHeader(sheet, context, false);
    if (found.header !== null && isHeaderLike(found.header)) return found;
    if (found.header !== null) firstWithData ??= sheet;
  }
  if (firstWithData !== undefined) return findHeader(firstWithData, context, true);
  return { sheet: ordered[0]!, header: null, pending: [], rows: null };
}

export function pickSheet(sheets: readonly SheetInfo[], wanted: string, file: string): SheetInfo {
  const lower = wanted.toLowerCase();
  const sheet =
    sheets.find((candidate) => candidate.name.toLowerCase() === lower) ??
    sheets.find((candidate) => candidate.name.trim().toLowerCase() === lower.trim());
  if (sheet === undefined) {
    const names = sheets.map((candidate) => `"${candidate.name}"`).join(', ');
    throw new UserError(`${file}: no sheet named "${wanted}"; the sheets are ${names}.`);
  }
  return sheet;
}

/** The data rows of one sheet, iterable once; the input is closed at the end, on an error, or when the loop stops early. */
export class XlsxRowSource implements RowSource {
  readonly header: readonly string[];
  readonly headerLocation: SourceLocation;
  readonly format: SourceFormat;
  private readonly sheetName: string;
  private readonly headerRow: number;
  private readonly width: number;
  private pending: SheetRow[];
  private index = 0;
  private rows: SheetRows | null;
  private merges: readonly string[] | undefined;
  private isIterated = false;
  private isClosed = false;

  constructor(
    private readonly file: string,
    found: FoundHeader,
    private readonly totalsRows: ReadonlySet<number>,
    private readonly onIssue: ((issue: DataQualityIssue) => void) | undefined,
    private readonly closeInput: () => Promise<void>,
  ) {
    this.sheetName = found.sheet.name;
    this.format = { type: 'xlsx', sheet: found.sheet.name };
    this.headerRow = found.header?.row ?? 1;
    this.header = found.header?.cells ?? [];
    this.width = this.header.length;
    this.headerLocation = { file, sheet: this.sheetName, cell: `A${this.headerRow}` };
    this.pending = found.pending;
    this.rows = found.rows;
    this.merges = found.merges;
  }

  [Symbol.asyncIterator](): AsyncIterator<RawRow> {
    if (this.isIterated) throw new Error('an XLSX row source can be iterated only once');
    this.isIterated = true;
    return {
      next: async () => {
        try {
          for (;;) {
            while (this.index < this.pending.length) {
              const row = this.pending[this.index++]!;
              if (row.row <= this.headerRow || this.totalsRows.has(row.row)) continue;
              return { done: false, value: this.toRawRow(row) };
            }
            this.pending = [];
            this.index = 0;
            const next = this.rows === null || this.isClosed ? null : await this.rows.next();
            if (next === null || next.done === true) {
              this.rows = null;
              this.reportMerges(next?.value ?? this.merges);
              await this.close();
              return { done: true, value: undefined };
            }
            this.pending = next.value;
          }
        } catch (error) {
          await this.close();
          throw error;
        }
      },
      return: async () => {
        await this.close();
        return { done: true, value: undefined };
      },
    };
  }

  /**
   * The converted rows already read, handed over at once (no promise per row). It stops before a
   * row with formulas lacking a result: `next` reports their issues in row order.
   */
  takeBuffered(): readonly RawRow[] {
    const rows: RawRow[] = [];
    while (this.index < this.pending.length) {
      const row = this.pending[this.index]!;
      if (row.formulas !== null) break;
      this.index++;
      if (row.row <= this.headerRow || this.totalsRows.has(row.row)) continue;
      rows.push(this.toRawRow(row));
    }
    return rows;
  }

  /**
   * A merged range over data rows reads its value in its first cell only (what the file stores);
   * the other cells are empty in every reader, so the rows they belong to would silently lose a
   * field: each such range is an issue the user can fix by unmerging and filling down.
   */
  private reportMerges(merges: readonly string[] | void | undefined): void {
    if (merges === undefined || this.onIssue === undefined) return;
    for (const ref of merges) {
      const match = /^\$?([A-Z]{1,3})\$?(\d+):\$?[A-Z]{1,3}\$?(\d+)$/i.exec(ref);
      if (match === null || Number(match[3]) <= this.headerRow) continue;
      this.onIssue({
        location: { file: this.file, sheet: this.sheetName, cell: `${match[1]!.toUpperCase()}${match[2]}` },
        field: '(row)',
        value: ref,
        problem:
          'merged cells: only the first cell holds the value and the others read as empty; unmerge them and fill the value down, then export again',
      });
    }
  }

  private toRawRow(row: SheetRow): RawRow {
    const cells = row.cells;
    while (cells.length < this.width) cells.push('');
    if (row.formulas !== null && this.onIssue !== undefined) {
      for (const { column, formula } of row.formulas) {
        this.onIssue({
          location: { file: this.file, sheet: this.sheetName, cell: cellAddress(column, row.row) },
          field: '(row)',
          value: formula === '' ? '(shared formula)' : `=${formula.slice(0, ISSUE_VALUE_CHARS)}`,
          problem: 'formula without a saved result (open and save the workbook in Excel)',
        });
      }
    }
    return { cells, location: { file: this.file, sheet: this.sheetName, cell: `A${row.row}` } };
  }

  private async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    this.pending = [];
    const rows = this.rows;
    this.rows = null;
    try {
      if (rows !== null) await rows.return();
    } finally {
      await this.closeInput().catch(() => undefined);
    }
  }
}
