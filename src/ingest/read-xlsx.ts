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
 * reads the ZIP central directory itself, inflates only the parts it needs with node:zlib (counting
 * and checking every byte), scans the two big parts (the sheet, the shared strings) with its own
 * byte-level XML scanner (below; ~2.5x faster than saxes on a 200k-row sheet) and parses the small
 * ones with saxes, the XML parser exceljs depends on, loaded lazily from exceljs's own dependency
 * tree (STYLE §4.3).
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
import { crc32, createInflateRaw, type ZlibOptions } from 'node:zlib';
import type { SaxesParser, SaxesTagPlain } from 'saxes';
import type { DataQualityIssue } from '../domain/data-quality.js';
import type { SourceLocation } from '../domain/source-location.js';
import { UserError } from '../errors.js';
import { openInputFile, readError } from './open-input-file.js';
import { excelSerialToNaiveMs } from './parse-date.js';
import type { RawRow, RowSource, SourceFormat } from './row-source.js';

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
const MAX_ENTRIES = 10_000;
/** Deflate reaches ~5–20:1 on sheet XML; a zip bomb reaches ~1000:1. */
const MAX_RATIO = 200;
const RATIO_MIN_BYTES = 1024 * 1024;
const MAX_DIRECTORY_BYTES = 16 * 1024 * 1024;
const READ_SIZE = 65_536;
/** Compressed bytes read at a time, and inflated bytes kept ready ahead of the parser (inflating runs on libuv's pool, parsing on the main thread). */
const FILE_READ_SIZE = 262_144;
const INFLATE_AHEAD = 1024 * 1024;
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
    const context: SheetContext = {
      file,
      zip,
      xml,
      date1904: workbook.date1904,
      formatKinds: await readFormatKinds(xml, workbook.stylesPath),
      sharedStrings: await readSharedStrings(
        xml,
        workbook.sharedStringsPath,
        options.maxSharedStrings ?? DEFAULT_MAX_SHARED_STRINGS,
        file,
      ),
      maxColumns: options.maxColumns ?? DEFAULT_MAX_COLUMNS,
    };
    const found =
      options.sheet === undefined
        ? await findFirstSheetWithData(workbook.sheets, context)
        : await findHeader(pickSheet(workbook.sheets, options.sheet, file), context, true);
    try {
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
// Errors

function unreadable(file: string, reason: string): UserError {
  return new UserError(`${file}: not a readable XLSX workbook (${reason}); re-save it from Excel or export CSV.`);
}

function refused(file: string, reason: string): UserError {
  return new UserError(`${file}: refused to unpack: ${reason} (a zip bomb?); re-save it from Excel or export CSV.`);
}

/** Errors of zlib, saxes and the file system become one sentence; our own UserErrors pass through. */
function asReadError(file: string, part: string, error: unknown): UserError {
  if (error instanceof UserError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.replace(/\.$/, '');
  if (code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(message))
    return unreadable(file, `${part} is truncated`);
  if (code !== undefined && code.startsWith('Z_')) return unreadable(file, `${part} is damaged: ${message}`);
  if (code !== undefined) return new UserError(`cannot read ${file}: ${message}.`);
  return unreadable(file, `${part}: ${message}`);
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${+(bytes / 1024 ** 3).toFixed(1)} GiB`;
  if (bytes >= 1024 ** 2) return `${+(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${bytes.toLocaleString('en-US')} bytes`;
}

// ---------------------------------------------------------------------------------------------
// ZIP (APPNOTE.TXT 6.3): the central directory, then each needed entry inflated as a stream

interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const EOCD_SIZE = 22;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

async function readAt(handle: FileHandle, file: string, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let filled = 0;
  try {
    while (filled < length) {
      const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
  } catch (error) {
    throw readError(file, error);
  }
  return buffer.subarray(0, filled);
}

function readUint64(buffer: Buffer, offset: number): number {
  const value = buffer.readBigUInt64LE(offset);
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
}

/**
 * The entries of the central directory, checked before anything is inflated: at most 10,000
 * entries, a declared total within the limit and no entry above 1 MiB compressed more than 200:1.
 */
async function readZipDirectory(
  handle: FileHandle,
  file: string,
  size: number,
  maxBytes: number,
): Promise<Map<string, ZipEntry>> {
  if (size === 0) throw unreadable(file, 'the file is empty');
  const head = await readAt(handle, file, 0, 8);
  if (head.length >= 8 && head.readUInt32BE(0) === 0xd0cf11e0 && head.readUInt32BE(4) === 0xa1b11ae1) {
    throw new UserError(
      `${file}: an old Excel .xls workbook or a password-protected one, which cs-kpi cannot read; save it as .xlsx without a password, or export CSV.`,
    );
  }
  if (head.length < 4 || head.readUInt32LE(0) !== LOCAL_SIGNATURE) {
    throw unreadable(file, 'it is not a ZIP archive');
  }

  const tailStart = Math.max(0, size - EOCD_SIZE - 0xffff);
  const tail = await readAt(handle, file, tailStart, size - tailStart);
  let eocd = -1;
  for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIGNATURE && i + EOCD_SIZE + tail.readUInt16LE(i + 20) <= tail.length) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw unreadable(file, 'its ZIP directory is missing: the file is truncated or damaged');
  let entryCount = tail.readUInt16LE(eocd + 10);
  let directorySize = tail.readUInt32LE(eocd + 12);
  let directoryOffset = tail.readUInt32LE(eocd + 16);
  let directoryEnd = tailStart + eocd;
  if (entryCount === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator >= 0 && tail.readUInt32LE(locator) === ZIP64_LOCATOR_SIGNATURE) {
      const zip64Offset = readUint64(tail, locator + 8);
      const record = await readAt(handle, file, zip64Offset, 56);
      if (record.length < 56 || record.readUInt32LE(0) !== ZIP64_EOCD_SIGNATURE) {
        throw unreadable(file, 'its ZIP64 directory is damaged');
      }
      entryCount = readUint64(record, 32);
      directorySize = readUint64(record, 40);
      directoryOffset = readUint64(record, 48);
      directoryEnd = zip64Offset;
    }
  }
  if (entryCount > MAX_ENTRIES) {
    throw refused(
      file,
      `it has ${entryCount.toLocaleString('en-US')} entries, more than ${MAX_ENTRIES.toLocaleString('en-US')}`,
    );
  }
  if (directorySize > MAX_DIRECTORY_BYTES) throw refused(file, `its ZIP directory is ${formatBytes(directorySize)}`);
  if (directoryOffset + directorySize > directoryEnd) {
    throw unreadable(file, 'its ZIP directory is damaged: the file is truncated or damaged');
  }

  const directory = await readAt(handle, file, directoryOffset, directorySize);
  const entries = new Map<string, ZipEntry>();
  let total = 0;
  let pos = 0;
  for (let n = 0; n < entryCount; n++) {
    if (pos + 46 > directory.length || directory.readUInt32LE(pos) !== CENTRAL_SIGNATURE) {
      throw unreadable(file, 'its ZIP directory is damaged');
    }
    const nameLength = directory.readUInt16LE(pos + 28);
    const extraLength = directory.readUInt16LE(pos + 30);
    const commentLength = directory.readUInt16LE(pos + 32);
    const end = pos + 46 + nameLength + extraLength + commentLength;
    if (end > directory.length) throw unreadable(file, 'its ZIP directory is damaged');
    const entry: ZipEntry = {
      name: directory.toString('utf8', pos + 46, pos + 46 + nameLength).replaceAll('\\', '/'),
      flags: directory.readUInt16LE(pos + 8),
      method: directory.readUInt16LE(pos + 10),
      crc: directory.readUInt32LE(pos + 16),
      compressedSize: directory.readUInt32LE(pos + 20),
      uncompressedSize: directory.readUInt32LE(pos + 24),
      localHeaderOffset: directory.readUInt32LE(pos + 42),
    };
    readZip64Extra(directory, pos + 46 + nameLength, extraLength, entry);
    pos = end;

    total += entry.uncompressedSize;
    if (total > maxBytes) {
      throw refused(file, `it unpacks to more than ${formatBytes(maxBytes)}`);
    }
    if (
      entry.uncompressedSize > RATIO_MIN_BYTES &&
      entry.uncompressedSize > MAX_RATIO * Math.max(1, entry.compressedSize)
    ) {
      const ratio = Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize));
      throw refused(file, `${entry.name} is compressed ${ratio.toLocaleString('en-US')}:1`);
    }
    const key = entry.name.toLowerCase();
    if (!entries.has(key)) entries.set(key, entry);
  }
  return entries;
}

/** The ZIP64 extended information field holds, in order, the sizes and offset that read 0xFFFFFFFF. */
function readZip64Extra(directory: Buffer, start: number, length: number, entry: ZipEntry): void {
  if (
    entry.uncompressedSize !== 0xffffffff &&
    entry.compressedSize !== 0xffffffff &&
    entry.localHeaderOffset !== 0xffffffff
  ) {
    return;
  }
  for (let pos = start; pos + 4 <= start + length;) {
    const id = directory.readUInt16LE(pos);
    const size = directory.readUInt16LE(pos + 2);
    if (id === 0x0001) {
      let field = pos + 4;
      const fieldEnd = field + size;
      if (entry.uncompressedSize === 0xffffffff && field + 8 <= fieldEnd) {
        entry.uncompressedSize = readUint64(directory, field);
        field += 8;
      }
      if (entry.compressedSize === 0xffffffff && field + 8 <= fieldEnd) {
        entry.compressedSize = readUint64(directory, field);
        field += 8;
      }
      if (entry.localHeaderOffset === 0xffffffff && field + 8 <= fieldEnd) {
        entry.localHeaderOffset = readUint64(directory, field);
      }
      return;
    }
    pos += 4 + size;
  }
}

class ZipArchive {
  /** Bytes inflated so far, over every entry read. */
  private inflatedBytes = 0;

  constructor(
    private readonly handle: FileHandle,
    readonly file: string,
    private readonly entries: Map<string, ZipEntry>,
    private readonly size: number,
    private readonly maxBytes: number,
  ) {}

  /** An entry by its path inside the archive, case-insensitively (as Excel reads them). */
  find(path: string): ZipEntry | undefined {
    return this.entries.get(path.toLowerCase());
  }

  /** Every entry, in directory order. */
  list(): IterableIterator<ZipEntry> {
    return this.entries.values();
  }

  private async *readRange(start: number, length: number): AsyncGenerator<Buffer, void, undefined> {
    for (let offset = 0; offset < length;) {
      const chunk = await readAt(this.handle, this.file, start + offset, Math.min(FILE_READ_SIZE, length - offset));
      if (chunk.length === 0) throw unreadable(this.file, 'the file is truncated');
      offset += chunk.length;
      yield chunk;
    }
  }

  /** Where an entry's compressed bytes start, checked: not encrypted, stored or deflated, within the file. */
  private async dataStart(entry: ZipEntry): Promise<number> {
    const file = this.file;
    if ((entry.flags & 1) !== 0) throw unreadable(file, `${entry.name} is encrypted`);
    if (entry.method !== 0 && entry.method !== 8) {
      throw unreadable(file, `${entry.name} uses compression method ${entry.method}`);
    }
    const header = await readAt(this.handle, file, entry.localHeaderOffset, 30);
    if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_SIGNATURE) {
      throw unreadable(file, `${entry.name} is damaged: the file is truncated or damaged`);
    }
    const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    if (start + entry.compressedSize > this.size) throw unreadable(file, `${entry.name} is truncated`);
    return start;
  }

  /** The compressed bytes of an entry as stored (for a rebuilt archive). */
  async *readStored(entry: ZipEntry): AsyncGenerator<Buffer, void, undefined> {
    yield* this.readRange(await this.dataStart(entry), entry.compressedSize);
  }

  /**
   * The inflated bytes of an entry. The count is checked against the entry's declared size and
   * the archive's limit as the bytes come (a zip can lie in its directory); the length and CRC-32
   * are checked at the end. Stopping early destroys the streams.
   */
  async *read(entry: ZipEntry): AsyncGenerator<Buffer, void, undefined> {
    const file = this.file;
    const start = await this.dataStart(entry);
    if (entry.compressedSize === 0) {
      if (entry.uncompressedSize !== 0) throw unreadable(file, `${entry.name} is truncated`);
      return;
    }

    // Not handle.createReadStream: destroying such a stream closes the handle, autoClose or not.
    const raw = Readable.from(this.readRange(start, entry.compressedSize), { objectMode: false });
    let stream: Readable = raw;
    if (entry.method === 8) {
      const options: ZlibOptions & { highWaterMark: number } = { chunkSize: READ_SIZE, highWaterMark: INFLATE_AHEAD };
      const inflate = createInflateRaw(options);
      raw.on('error', (error) => inflate.destroy(error));
      stream = raw.pipe(inflate);
    }
    let produced = 0;
    let crc = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        produced += chunk.length;
        this.inflatedBytes += chunk.length;
        if (produced > entry.uncompressedSize) {
          throw refused(
            file,
            `${entry.name} unpacks to more than the ${formatBytes(entry.uncompressedSize)} it declares`,
          );
        }
        if (this.inflatedBytes > this.maxBytes) {
          throw refused(file, `it unpacks to more than ${formatBytes(this.maxBytes)}`);
        }
        crc = crc32(chunk, crc);
        yield chunk;
      }
    } catch (error) {
      throw asReadError(file, entry.name, error);
    } finally {
      raw.destroy();
      stream.destroy();
    }
    if (produced !== entry.uncompressedSize) throw unreadable(file, `${entry.name} is truncated`);
    if (crc >>> 0 !== entry.crc >>> 0) throw unreadable(file, `${entry.name} is damaged (CRC mismatch)`);
  }
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

function detectXmlEncoding(chunk: Buffer): string {
  if (chunk[0] === 0xff && chunk[1] === 0xfe) return 'utf-16le';
  if (chunk[0] === 0xfe && chunk[1] === 0xff) return 'utf-16be';
  return 'utf-8';
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
    const file = this.zip.file;
    const scanner = new XmlScanner(handler);
    // UTF-8 is scanned as it comes; UTF-16 is turned into UTF-8 first.
    let utf16: TextDecoder | null | undefined;
    for await (const chunk of this.zip.read(entry)) {
      if (utf16 === undefined) {
        const encoding = detectXmlEncoding(chunk);
        utf16 = encoding === 'utf-8' ? null : new TextDecoder(encoding);
      }
      try {
        scanner.write(utf16 === null ? chunk : Buffer.from(utf16.decode(chunk, { stream: true })));
      } catch (error) {
        throw asReadError(file, entry.name, error);
      }
      const result = afterChunk();
      if (result === 'stop') return;
      yield result;
    }
    try {
      if (utf16 !== null && utf16 !== undefined) scanner.write(Buffer.from(utf16.decode()));
      scanner.end();
    } catch (error) {
      throw asReadError(file, entry.name, error);
    }
    const result = afterChunk();
    if (result !== 'stop') yield result;
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

// ---------------------------------------------------------------------------------------------
// The hand-written XML scanner for the big parts
//
// saxes took ~60% of the time on a 200k-row sheet, most of it building an attributes object per
// cell and dispatching events, and decoding the part into strings first doubles the allocations.
// This scanner reads the inflated UTF-8 bytes as they come, reports tags as positions in them and
// lets the handler read only the attributes it wants; strings are made for values only. It handles
// what the sheet and shared-strings parts hold: elements (with prefixes), attributes in either
// quotes, text with the five entities and character references, line ends normalised to LF,
// CDATA, comments, processing instructions and a DOCTYPE without declarations (with declarations
// it refuses the part); a UTF-16 part is turned into UTF-8 first. It is not a validating parser:
// it checks what reading needs (every tag ends, every entity is known), not that tags nest.

/** What the scanner reports. Positions index `bytes` and hold during the call only. */
interface ScanHandler {
  /** Text between tags is handed to `text` only while this is true. */
  capturing: boolean;
  /** Set to stop scanning (the rest of the part is not wanted). */
  isDone: boolean;
  /**
   * An element opens: its local name is `bytes[nameStart, nameEnd)`; its `attributeCount`
   * attributes are in `scanner.attributes`.
   */
  open(scanner: XmlScanner, bytes: Buffer, nameStart: number, nameEnd: number, attributeCount: number): void;
  close(bytes: Buffer, nameStart: number, nameEnd: number): void;
  /**
   * Text, `bytes[start, end)` in UTF-8: raw XML when `isRaw` (`xmlText` gives its value), else
   * its value already (no entity, no CR), so that the handler may read digits in place.
   * `isWhole`: a closing tag follows, so the text is all of its element's when it is the first.
   */
  text(bytes: Buffer, start: number, end: number, isRaw: boolean, isWhole: boolean): void;
}

/** A token (a tag, or text being captured) longer than this is refused: Excel's cells hold 32,767 characters. */
const MAX_XML_TOKEN = 4 * 1024 * 1024;
const CHAR_LT = 0x3c;
const CHAR_GT = 0x3e;
const CHAR_SLASH = 0x2f;
const CHAR_QUESTION = 0x3f;
const CHAR_BANG = 0x21;
const CHAR_QUOTE = 0x22;
const CHAR_APOSTROPHE = 0x27;
const CHAR_EQUALS = 0x3d;
const CHAR_COLON = 0x3a;
const CHAR_AMPERSAND = 0x26;
const CHAR_CR = 0x0d;
const CHAR_DASH = 0x2d;
const EMPTY = Buffer.alloc(0);

class XmlScanner {
  /** The unscanned end of the previous chunk: an unfinished tag, or text being captured. */
  private carry: Buffer = EMPTY;
  private isTextCarry = false;
  /** The attributes of the tag being opened, four positions each: name start and end, value start and end. */
  attributes = new Int32Array(64);

  constructor(private readonly handler: ScanHandler) {}

  write(chunk: Buffer): void {
    const handler = this.handler;
    let pos = 0;
    if (this.carry.length > 0) {
      // Finish what the previous chunk cut, without copying this chunk onto it.
      const carry = this.carry;
      this.carry = EMPTY;
      if (this.isTextCarry) {
        const lt = chunk.indexOf(CHAR_LT);
        if (lt < 0) {
          this.keep(Buffer.concat([carry, chunk]), 0, true);
          return;
        }
        const text = Buffer.concat([carry, chunk.subarray(0, lt)]);
        handler.text(text, 0, text.length, true, false);
        pos = lt;
      } else {
        for (let gt = chunk.indexOf(CHAR_GT); ; gt = chunk.indexOf(CHAR_GT, gt + 1)) {
          if (gt < 0) {
            this.keep(Buffer.concat([carry, chunk]), 0, false);
            return;
          }
          const end = this.tag(Buffer.concat([carry, chunk.subarray(0, gt + 1)]), 0);
          if (end >= 0) {
            pos = end - carry.length;
            break;
          }
        }
      }
    }
    const length = chunk.length;
    // Text needs decoding only where the chunk has an entity or a CR (rarely, in a sheet).
    const isPlain = chunk.indexOf(CHAR_AMPERSAND) < 0 && chunk.indexOf(CHAR_CR) < 0;
    while (pos < length && !handler.isDone) {
      // Text runs are short in these parts: a loop beats Buffer#indexOf's call.
      let lt = pos;
      while (lt < length && chunk[lt] !== CHAR_LT) lt++;
      if (lt >= length) {
        if (handler.capturing) this.keep(chunk, pos, true);
        return;
      }
      if (lt > pos && handler.capturing) {
        const isWhole = chunk[lt + 1] === CHAR_SLASH;
        if (isPlain) handler.text(chunk, pos, lt, false, isWhole);
        else handler.text(chunk, pos, lt, true, isWhole);
      }
      const end = this.tag(chunk, lt);
      if (end < 0) {
        this.keep(chunk, lt, false);
        return;
      }
      pos = end;
    }
  }

  /** The end of the part: nothing may be left but captured text. */
  end(): void {
    const carry = this.carry;
    this.carry = EMPTY;
    if (carry.length === 0 || this.handler.isDone) return;
    if (!this.isTextCarry) throw new Error('the part ends inside a tag');
    this.handler.text(carry, 0, carry.length, true, false);
  }

  /** Whether attribute `k` is named `name` (unprefixed, ASCII). */
  isAttribute(bytes: Buffer, k: number, name: string): boolean {
    return isName(bytes, this.attributes[4 * k]!, this.attributes[4 * k + 1]!, name);
  }

  /** The value of attribute `k`, its entities decoded and its white space normalised. */
  attributeValue(bytes: Buffer, k: number): string {
    const raw = bytes.toString('utf8', this.attributes[4 * k + 2], this.attributes[4 * k + 3]);
    return decodeXmlText(/[\t\n\r]/.test(raw) ? raw.replace(/\r\n?|[\t\n]/g, ' ') : raw);
  }

  /** The markup at `lt` handed to the handler; the position after it, or -1 when it is not all here. */
  private tag(bytes: Buffer, lt: number): number {
    const handler = this.handler;
    const length = bytes.length;
    const next = bytes[lt + 1];
    if (next === CHAR_QUESTION || next === CHAR_BANG) return this.skipMarkup(bytes, lt);
    const isClose = next === CHAR_SLASH;
    let i = isClose ? lt + 2 : lt + 1;
    let nameStart = i;
    let code = 0;
    for (; i < length; i++) {
      code = bytes[i]!;
      if (code === CHAR_GT || code === CHAR_SLASH || code <= 0x20) break;
      if (code === CHAR_COLON) nameStart = i + 1;
    }
    const nameEnd = i;
    if (i >= length) return -1;
    if (isClose) {
      let gt = i;
      while (gt < length && bytes[gt] !== CHAR_GT) gt++;
      if (gt >= length) return -1;
      handler.close(bytes, nameStart, nameEnd);
      return gt + 1;
    }
    let count = 0;
    for (;;) {
      while (i < length && (code = bytes[i]!) <= 0x20) i++;
      if (i >= length) return -1;
      if (code === CHAR_GT) break;
      if (code === CHAR_SLASH) {
        if (i + 1 >= length) return -1;
        if (bytes[i + 1] !== CHAR_GT) throw new Error('a "/" inside a tag');
        handler.open(this, bytes, nameStart, nameEnd, count);
        handler.close(bytes, nameStart, nameEnd);
        return i + 2;
      }
      const attributeStart = i;
      while (i < length && (code = bytes[i]!) !== CHAR_EQUALS && code > 0x20) i++;
      const attributeEnd = i;
      while (i < length && (code = bytes[i]!) <= 0x20) i++;
      if (i >= length) return -1;
      if (code !== CHAR_EQUALS) throw new Error('an attribute without a value');
      i++;
      while (i < length && (code = bytes[i]!) <= 0x20) i++;
      if (i >= length) return -1;
      if (code !== CHAR_QUOTE && code !== CHAR_APOSTROPHE) throw new Error('an attribute value without quotes');
      let close = i + 1;
      while (close < length && bytes[close] !== code) close++;
      if (close >= length) return -1;
      if (4 * count + 4 > this.attributes.length) {
        const grown = new Int32Array(this.attributes.length * 2);
        grown.set(this.attributes);
        this.attributes = grown;
      }
      const slot = 4 * count++;
      this.attributes[slot] = attributeStart;
      this.attributes[slot + 1] = attributeEnd;
      this.attributes[slot + 2] = i + 1;
      this.attributes[slot + 3] = close;
      i = close + 1;
    }
    handler.open(this, bytes, nameStart, nameEnd, count);
    return i + 1;
  }

  /** Past a `<?…?>`, `<!--…-->`, `<![CDATA[…]]>` (its text handed on when captured) or `<!DOCTYPE …>`; -1 when it is not all here. */
  private skipMarkup(bytes: Buffer, lt: number): number {
    if (bytes[lt + 1] === CHAR_QUESTION) {
      const end = bytes.indexOf('?>', lt + 2);
      return end < 0 ? -1 : end + 2;
    }
    if (bytes.length - lt < 9) return -1; // too short to tell which
    if (bytes[lt + 2] === CHAR_DASH && bytes[lt + 3] === CHAR_DASH) {
      const end = bytes.indexOf('-->', lt + 4);
      return end < 0 ? -1 : end + 3;
    }
    if (isName(bytes, lt, lt + 9, '<![CDATA[')) {
      const end = bytes.indexOf(']]>', lt + 9);
      if (end < 0) return -1;
      if (this.handler.capturing) {
        const text = Buffer.from(normaliseLineEnds(bytes.toString('utf8', lt + 9, end)));
        this.handler.text(text, 0, text.length, false, false);
      }
      return end + 3;
    }
    const gt = bytes.indexOf(CHAR_GT, lt);
    if (gt < 0) return -1;
    if (bytes.lastIndexOf(0x5b, gt) > lt) throw new Error('a DOCTYPE with declarations'); // '['
    return gt + 1;
  }

  private keep(bytes: Buffer, from: number, isText: boolean): void {
    if (bytes.length - from > MAX_XML_TOKEN) throw new Error('an XML token longer than 4 MiB');
    // A copy: the chunk's memory is not kept for a few bytes.
    this.carry = Buffer.from(bytes.subarray(from));
    this.isTextCarry = isText;
  }
}

/** Whether `bytes[start, end)` is the ASCII `name`. */
function isName(bytes: Buffer, start: number, end: number, name: string): boolean {
  if (end - start !== name.length) return false;
  for (let i = 0; i < name.length; i++) if (bytes[start + i] !== name.charCodeAt(i)) return false;
  return true;
}

/** The value of text `bytes[start, end)`: decoded from UTF-8, and from XML when `isRaw`. */
function xmlText(bytes: Buffer, start: number, end: number, isRaw: boolean): string {
  const text = bytes.toString('utf8', start, end);
  return isRaw ? decodeXmlText(text) : text;
}

function normaliseLineEnds(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

const XML_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Raw XML text → its value: line ends normalised, entities and character references decoded. */
function decodeXmlText(raw: string): string {
  const text = normaliseLineEnds(raw);
  let amp = text.indexOf('&');
  if (amp < 0) return text;
  let out = '';
  let last = 0;
  while (amp >= 0) {
    const semicolon = text.indexOf(';', amp + 1);
    if (semicolon < 0) throw new Error('an unterminated entity');
    const name = text.slice(amp + 1, semicolon);
    let value = XML_ENTITIES[name];
    if (value === undefined) {
      const code = /^#x[0-9a-f]{1,6}$/i.test(name)
        ? parseInt(name.slice(2), 16)
        : /^#[0-9]{1,7}$/.test(name)
          ? parseInt(name.slice(1), 10)
          : -1;
      if (code < 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
        throw new Error(`an unknown entity &${name};`);
      value = String.fromCodePoint(code);
    }
    out += text.slice(last, amp) + value;
    last = semicolon + 1;
    amp = text.indexOf('&', last);
  }
  return out + text.slice(last);
}

const POWERS_OF_TEN = Array.from({ length: 23 }, (_, n) => 10 ** n);

/**
 * The number a plain decimal `bytes[start, end)` (`-12.5`, no exponent, at most 2^53 as an
 * integer of its digits) stands for, exactly as `Number()` reads it: its digits and the power of
 * ten are exact doubles and one division rounds correctly (Clinger's fast path). NaN otherwise.
 */
function parseDecimal(bytes: Buffer, start: number, end: number): number {
  let i = start;
  const isNegative = bytes[i] === 0x2d; // '-'
  if (isNegative) i++;
  let mantissa = 0;
  let digits = 0;
  let scale = -1; // digits after the point; -1 before it
  for (; i < end; i++) {
    const code = bytes[i]!;
    if (code === 0x2e) {
      if (scale >= 0) return Number.NaN;
      scale = 0;
      continue;
    }
    const digit = code - 0x30;
    if (digit < 0 || digit > 9) return Number.NaN;
    mantissa = mantissa * 10 + digit;
    if (mantissa > 9_007_199_254_740_991) return Number.NaN;
    digits++;
    if (scale >= 0) scale++;
  }
  if (digits === 0 || scale > 22) return Number.NaN;
  const value = scale > 0 ? mantissa / POWERS_OF_TEN[scale]! : mantissa;
  return isNegative ? -value : value;
}

/** A run of ASCII digits as a number, or -1 (empty, other characters, too long). */
function parseDigits(bytes: Buffer, start: number, end: number): number {
  if (start >= end || end - start > 15) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = bytes[i]! - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
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

/** Excel writes characters XML cannot carry as `_xHHHH_` (and a literal `_x…_` as `_x005F_x…_`). */
function decodeEscapes(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

async function readSharedStrings(xml: XmlReader, path: string, max: number, file: string): Promise<SharedStrings> {
  const handler = new SharedStringsHandler(max, file);
  for await (const _ of xml.scan(path, handler, () => undefined)) {
    // the handler collects the strings
  }
  handler.strings.seal();
  return handler.strings;
}

/**
 * The shared strings, kept as UTF-8 bytes outside the JS heap. As 401k string objects (the call
 * IDs, phone numbers and URLs of a 200k-row calls export) they took 27 MB of heap, which V8 then
 * let grow to several times that before collecting (peak RSS +40–60 MB). A string is made when a
 * cell asks for it, and kept from its second use on, so that a repeated value (an agent, a status)
 * stays one object. (A lone surrogate, which only an `_xD800_` escape can make, becomes U+FFFD.)
 */
class SharedStrings {
  length = 0;
  private bytes = Buffer.allocUnsafe(65_536);
  private size = 0;
  /** Where each string's bytes end (and the next one's start). */
  private ends = new Uint32Array(1024);
  private uses = new Uint8Array(0);
  private kept: (string | undefined)[] = [];

  add(text: string): void {
    if (this.size + 3 * text.length > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(2 * this.bytes.length, this.size + 3 * text.length));
      this.bytes.copy(grown, 0, 0, this.size);
      this.bytes = grown;
    }
    this.size += this.bytes.write(text, this.size);
    if (this.length === this.ends.length) {
      const grown = new Uint32Array(2 * this.ends.length);
      grown.set(this.ends);
      this.ends = grown;
    }
    this.ends[this.length++] = this.size;
  }

  /** Done adding: trimmed to size. */
  seal(): void {
    this.bytes = Buffer.from(this.bytes.subarray(0, this.size));
    this.ends = this.ends.slice(0, this.length);
    this.uses = new Uint8Array(this.length);
    this.kept = Array.from({ length: this.length });
  }

  /** The string at `index`, or undefined when there is none. */
  get(index: number): string | undefined {
    if (!(index >= 0 && index < this.length && Number.isInteger(index))) return undefined;
    const kept = this.kept[index];
    if (kept !== undefined) return kept;
    const text = this.bytes.toString('utf8', index === 0 ? 0 : this.ends[index - 1], this.ends[index]);
    if (this.uses[index] === 0) this.uses[index] = 1;
    else this.kept[index] = text;
    return text;
  }
}

class SharedStringsHandler implements ScanHandler {
  readonly strings = new SharedStrings();
  capturing = false;
  isDone = false;
  private current = '';
  private inPhonetic = false;

  constructor(
    private readonly max: number,
    private readonly file: string,
  ) {}

  open(scanner: XmlScanner, bytes: Buffer, nameStart: number, nameEnd: number, attributeCount: number): void {
    if (isName(bytes, nameStart, nameEnd, 't')) this.capturing = !this.inPhonetic;
    else if (isName(bytes, nameStart, nameEnd, 'si')) this.current = '';
    else if (isName(bytes, nameStart, nameEnd, 'rPh')) this.inPhonetic = true;
    else if (isName(bytes, nameStart, nameEnd, 'sst')) {
      for (let k = 0; k < attributeCount; k++) {
        if (scanner.isAttribute(bytes, k, 'uniqueCount') && Number(scanner.attributeValue(bytes, k)) > this.max) {
          throw this.tooMany();
        }
      }
    }
  }

  close(bytes: Buffer, nameStart: number, nameEnd: number): void {
    if (isName(bytes, nameStart, nameEnd, 't')) this.capturing = false;
    else if (isName(bytes, nameStart, nameEnd, 'rPh')) this.inPhonetic = false;
    else if (isName(bytes, nameStart, nameEnd, 'si')) {
      if (this.strings.length >= this.max) throw this.tooMany();
      this.strings.add(decodeEscapes(this.current));
    }
  }

  text(bytes: Buffer, start: number, end: number, isRaw: boolean): void {
    this.current += xmlText(bytes, start, end, isRaw);
  }

  private tooMany(): UserError {
    return refused(this.file, `it has more than ${this.max.toLocaleString('en-US')} shared strings`);
  }
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
  formatKinds: Uint8Array;
  sharedStrings: SharedStrings;
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
 * The rows of a sheet part, in batches (one per inflated chunk); then the merged ranges, which
 * Excel writes after `</sheetData>`, as the generator's return value.
 */
async function* readSheetRows(sheet: SheetInfo, context: SheetContext): SheetRows {
  const handler = new SheetRowsHandler(sheet, context);
  yield* context.xml.scan(sheet.path ?? '', handler, () => {
    const rows = handler.batch;
    handler.batch = [];
    return rows;
  });
  return handler.merges;
}

/** A sheet's row batches, returning its merged ranges (`A5:A9`) when read to the end (none from the exceljs fallback). */
export type SheetRows = AsyncGenerator<SheetRow[], readonly string[] | void, undefined>;

/** Merged ranges kept per sheet: enough to report, bounded for hostile files. */
const MAX_MERGED_RANGES = 10_000;

/** Cell types (`<c t="…">`). */
const CELL_NUMBER = 0;
const CELL_SHARED = 1;
const CELL_STRING = 2; // inlineStr, str
const CELL_BOOLEAN = 3;
const CELL_ERROR = 4;
const CELL_ISO_DATE = 5;

function cellType(bytes: Buffer, start: number, end: number): number {
  switch (end - start) {
    case 1:
      switch (bytes[start]) {
        case 0x73: // s
          return CELL_SHARED;
        case 0x62: // b
          return CELL_BOOLEAN;
        case 0x65: // e
          return CELL_ERROR;
        case 0x64: // d
          return CELL_ISO_DATE;
      }
      return CELL_NUMBER;
    case 3:
      return isName(bytes, start, end, 'str') ? CELL_STRING : CELL_NUMBER;
    case 9:
      return isName(bytes, start, end, 'inlineStr') ? CELL_STRING : CELL_NUMBER;
  }
  return CELL_NUMBER;
}

/** The column index of the letters a cell reference starts with (`AB12` → 27), or -1. */
function columnOfRange(bytes: Buffer, start: number, end: number): number {
  let column = 0;
  let i = start;
  for (; i < end && i < start + 4; i++) {
    const code = bytes[i]! | 0x20;
    if (code < 0x61 || code > 0x7a) break;
    column = column * 26 + (code - 0x60);
  }
  return i === start ? -1 : column - 1;
}

/**
 * The sheet's rows from the scanner. The `r`, `s` and `t` attributes of rows and cells are read
 * raw, without decoding entities (Excel never writes any there).
 */
class SheetRowsHandler implements ScanHandler {
  capturing = false;
  isDone = false;
  batch: SheetRow[] = [];
  /** `<mergeCell ref="…">` after the sheet data */
  readonly merges: string[] = [];
  private readonly file: string;
  private readonly sharedStrings: SharedStrings;
  private readonly formatKinds: Uint8Array;
  private readonly date1904: boolean;
  private readonly maxColumns: number;
  private inSheetData = false;

  private rowNumber = 0;
  private cells: string[] = [];
  private count = 0;
  private first = -1;
  private last = -1;
  private isAllText = true;
  private formulas: SheetRow['formulas'] = null;

  private column = -1;
  private type = CELL_NUMBER;
  private style = 0;
  private value = '';
  /** The shared-string index read in place from the `<v>`, or -1. */
  private sharedIndex = -1;
  /** The number read in place from the `<v>`, or NaN. */
  private number = Number.NaN;
  private hasValue = false;
  private formula: string | null = null;
  private capture = 0; // 0 none, 1 <v>/<t> text, 2 <f> text
  private inInline = false;
  private inPhonetic = false;

  constructor(
    private readonly sheet: SheetInfo,
    context: SheetContext,
  ) {
    this.file = context.file;
    this.sharedStrings = context.sharedStrings;
    this.formatKinds = context.formatKinds;
    this.date1904 = context.date1904;
    this.maxColumns = context.maxColumns;
  }

  open(scanner: XmlScanner, bytes: Buffer, nameStart: number, nameEnd: number, attributeCount: number): void {
    switch (nameEnd - nameStart) {
      case 1:
        switch (bytes[nameStart]) {
          case 0x63: // c
            this.openCell(scanner, bytes, attributeCount);
            return;
          case 0x76: // v
            this.value = '';
            this.sharedIndex = -1;
            this.number = Number.NaN;
            this.hasValue = true;
            this.capture = 1;
            this.capturing = true;
            return;
          case 0x66: // f
            this.formula = '';
            this.capture = 2;
            this.capturing = true;
            return;
          case 0x74: // t
            if (this.inInline && !this.inPhonetic) {
              this.capture = 1;
              this.capturing = true;
            }
            return;
        }
        return;
      case 2:
        if (isName(bytes, nameStart, nameEnd, 'is')) {
          this.inInline = true;
          this.hasValue = true;
        }
        return;
      case 3:
        if (isName(bytes, nameStart, nameEnd, 'row')) this.openRow(scanner, bytes, attributeCount);
        else if (isName(bytes, nameStart, nameEnd, 'rPh')) this.inPhonetic = true;
        return;
      case 9:
        if (isName(bytes, nameStart, nameEnd, 'sheetData')) this.inSheetData = true;
        else if (isName(bytes, nameStart, nameEnd, 'mergeCell') && this.merges.length < MAX_MERGED_RANGES) {
          for (let k = 0; k < attributeCount; k++) {
            if (scanner.isAttribute(bytes, k, 'ref')) this.merges.push(scanner.attributeValue(bytes, k));
          }
        }
        return;
    }
  }

  private openRow(scanner: XmlScanner, bytes: Buffer, attributeCount: number): void {
    let r = Number.NaN;
    const attributes = scanner.attributes;
    for (let k = 0; k < attributeCount; k++) {
      if (scanner.isAttribute(bytes, k, 'r')) {
        r = parseDigits(bytes, attributes[4 * k + 2]!, attributes[4 * k + 3]!);
        if (r < 0) r = Number(scanner.attributeValue(bytes, k));
      }
    }
    this.rowNumber = Number.isInteger(r) && r > 0 ? r : this.rowNumber + 1;
    this.cells = [];
    this.count = 0;
    this.first = -1;
    this.last = -1;
    this.isAllText = true;
    this.formulas = null;
    this.column = -1;
  }

  private openCell(scanner: XmlScanner, bytes: Buffer, attributeCount: number): void {
    let at = -1;
    let type = CELL_NUMBER;
    let style = 0;
    const attributes = scanner.attributes;
    for (let k = 0; k < attributeCount; k++) {
      const slot = 4 * k;
      const nameStart = attributes[slot]!;
      if (attributes[slot + 1]! - nameStart !== 1) continue;
      const valueStart = attributes[slot + 2]!;
      const valueEnd = attributes[slot + 3]!;
      switch (bytes[nameStart]) {
        case 0x72: // r
          at = columnOfRange(bytes, valueStart, valueEnd);
          break;
        case 0x74: // t
          type = cellType(bytes, valueStart, valueEnd);
          break;
        case 0x73: // s
          style = parseDigits(bytes, valueStart, valueEnd);
          if (style < 0) style = Number(scanner.attributeValue(bytes, k));
          break;
      }
    }
    this.column = at < 0 ? this.column + 1 : at;
    this.type = type;
    this.style = style;
    this.value = '';
    this.sharedIndex = -1;
    this.number = Number.NaN;
    this.hasValue = false;
    this.formula = null;
    this.inInline = false;
  }

  close(bytes: Buffer, nameStart: number, nameEnd: number): void {
    switch (nameEnd - nameStart) {
      case 1:
        switch (bytes[nameStart]) {
          case 0x76: // v
          case 0x74: // t
          case 0x66: // f
            this.capture = 0;
            this.capturing = false;
            return;
          case 0x63: // c
            if (this.inSheetData) this.closeCell();
            return;
        }
        return;
      case 3:
        if (isName(bytes, nameStart, nameEnd, 'row')) {
          if (this.inSheetData && this.count > 0) {
            const { rowNumber: row, cells, count, first, last, isAllText, formulas } = this;
            this.batch.push({ row, cells, count, first, last, isAllText, formulas });
          }
        } else if (isName(bytes, nameStart, nameEnd, 'rPh')) {
          this.inPhonetic = false;
        }
        return;
      case 9:
        // The merged ranges follow the sheet data: read on to the end of the part (a few bytes more).
        if (isName(bytes, nameStart, nameEnd, 'sheetData')) this.inSheetData = false;
        return;
    }
  }

  text(bytes: Buffer, start: number, end: number, isRaw: boolean, isWhole: boolean): void {
    if (this.capture === 1) {
      if (isWhole && !isRaw && this.value === '') {
        // The whole `<v>` read in place: a shared-string index, a plain decimal.
        if (this.type === CELL_SHARED) {
          this.sharedIndex = parseDigits(bytes, start, end);
          if (this.sharedIndex >= 0) return;
        } else if (this.type === CELL_NUMBER) {
          this.number = parseDecimal(bytes, start, end);
          if (this.number === this.number) return; // not NaN
        }
      }
      this.value += xmlText(bytes, start, end, isRaw);
    } else if (this.capture === 2) {
      this.formula += xmlText(bytes, start, end, isRaw);
    }
  }

  private closeCell(): void {
    const column = this.column;
    let text: string;
    let isText = false;
    if (!this.hasValue) {
      if (this.formula !== null) (this.formulas ??= []).push({ column, formula: this.formula });
      return;
    }
    const value = this.value;
    switch (this.type) {
      case CELL_SHARED: {
        const shared = this.sharedStrings.get(this.sharedIndex >= 0 ? this.sharedIndex : Number(value));
        if (shared === undefined) {
          throw unreadable(
            this.file,
            `cell ${this.sheet.name}!${cellAddress(column, this.rowNumber)} refers to a missing shared string`,
          );
        }
        text = shared;
        isText = true;
        break;
      }
      case CELL_STRING:
        text = decodeEscapes(value);
        isText = true;
        break;
      case CELL_BOOLEAN:
        text = value.trim() === '0' || value.trim().toLowerCase() === 'false' ? 'FALSE' : 'TRUE';
        break;
      case CELL_ERROR:
        text = value;
        break;
      case CELL_ISO_DATE:
        text = formatIsoDate(value);
        break;
      default: {
        const kind = this.formatKinds[this.style] ?? NUMBER;
        const number = this.number === this.number ? this.number : value.trim() === '' ? Number.NaN : Number(value);
        text = Number.isNaN(number) ? value : formatNumber(number, kind, this.date1904);
      }
    }
    if (text === '' || (isText && text.trim() === '')) {
      if (text !== '' && column < this.maxColumns) this.setCell(text);
      return;
    }
    if (column >= this.maxColumns) {
      throw new UserError(
        `${this.file}:${this.sheet.name}!${cellAddress(column, this.rowNumber)}: a row has more than ${this.maxColumns.toLocaleString('en-US')} columns; this does not look like an export.`,
      );
    }
    this.setCell(text);
    this.count++;
    if (this.first < 0 || column < this.first) this.first = column;
    if (column > this.last) this.last = column;
    if (!isText) this.isAllText = false;
  }

  private setCell(text: string): void {
    const cells = this.cells;
    const column = this.column;
    if (column < cells.length) cells[column] = text;
    else {
      while (cells.length < column) cells.push('');
      cells.push(text);
    }
  }
}

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
