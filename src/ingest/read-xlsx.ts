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
 * and checking every byte) and parses their XML with saxes, the XML parser exceljs depends on,
 * loaded lazily from exceljs's own dependency tree (STYLE §4.3).
 */
import type { FileHandle } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { posix } from 'node:path';
import { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import { crc32, createInflateRaw } from 'node:zlib';
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
type FormatKind = typeof NUMBER | typeof DATE | typeof DATE_TIME | typeof TIME | typeof ELAPSED;

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
  const handle = await openInputFile(path, file);
  let source: XlsxRowSource | undefined;
  try {
    const size = (await handle.stat()).size;
    const maxBytes = options.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED_BYTES;
    const zip = new ZipArchive(handle, file, await readZipDirectory(handle, file, size, maxBytes), size, maxBytes);
    const xml = new XmlReader(zip, loadSaxes());
    const workbook = await readWorkbook(xml, file);
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
      source = new XlsxRowSource(file, found, totalsRows, options.onIssue, handle);
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

  private async *readRange(start: number, length: number): AsyncGenerator<Buffer, void, undefined> {
    for (let offset = 0; offset < length;) {
      const chunk = await readAt(this.handle, this.file, start + offset, Math.min(READ_SIZE, length - offset));
      if (chunk.length === 0) throw unreadable(this.file, 'the file is truncated');
      offset += chunk.length;
      yield chunk;
    }
  }

  /**
   * The inflated bytes of an entry. The count is checked against the entry's declared size and
   * the archive's limit as the bytes come (a zip can lie in its directory); the length and CRC-32
   * are checked at the end. Stopping early destroys the streams.
   */
  async *read(entry: ZipEntry): AsyncGenerator<Buffer, void, undefined> {
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
    if (entry.compressedSize === 0) {
      if (entry.uncompressedSize !== 0) throw unreadable(file, `${entry.name} is truncated`);
      return;
    }

    // Not handle.createReadStream: destroying such a stream closes the handle, autoClose or not.
    const raw = Readable.from(this.readRange(start, entry.compressedSize), { objectMode: false });
    let stream: Readable = raw;
    if (entry.method === 8) {
      const inflate = createInflateRaw({ chunkSize: READ_SIZE });
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
function loadSaxes(): SaxesModule {
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

function localName(name: string): string {
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

  /** Parses a whole (small) part. */
  async parseAll(path: string, handlers: XmlHandlers): Promise<boolean> {
    if (this.zip.find(path) === undefined) return false;
    for await (const _ of this.parse(path, handlers, () => undefined)) {
      // the handlers collect what they need
    }
    return true;
  }
}

interface SheetInfo {
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
}

interface Relationship {
  type: string;
  target: string;
}

/** The relationships of a part (`xl/workbook.xml` → `xl/_rels/workbook.xml.rels`), targets resolved to archive paths. */
async function readRelationships(xml: XmlReader, partPath: string): Promise<Map<string, Relationship>> {
  const dir = posix.dirname(partPath);
  const relsPath = posix.join(dir, '_rels', `${posix.basename(partPath)}.rels`);
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
  const relationships = await readRelationships(xml, workbookPath);
  const sheets: { name: string; isHidden: boolean; id: string | undefined }[] = [];
  let date1904 = false;
  const isFound = await xml.parseAll(workbookPath, {
    open(name, attributes) {
      if (name === 'workbookPr') {
        const value = attributes.date1904?.toLowerCase();
        date1904 = value === '1' || value === 'true' || value === 'on';
      } else if (name === 'sheet') {
        sheets.push({
          name: attributes.name ?? `Sheet${sheets.length + 1}`,
          isHidden: attributes.state === 'hidden' || attributes.state === 'veryHidden',
          id: attribute(attributes, 'id'),
        });
      }
    },
  });
  if (!isFound) throw unreadable(file, 'it has no workbook part; is it a Word or PowerPoint file?');
  if (sheets.length === 0) throw unreadable(file, 'it has no sheets');
  return {
    sheets: sheets.map(({ name, isHidden, id }) => {
      const relationship = id === undefined ? undefined : relationships.get(id);
      const isWorksheet = relationship !== undefined && relationship.type.endsWith('/worksheet');
      return { name, isHidden, path: isWorksheet ? relationship.target : null };
    }),
    date1904,
    stylesPath: relationshipOfType(relationships, 'styles') ?? 'xl/styles.xml',
    sharedStringsPath: relationshipOfType(relationships, 'sharedStrings') ?? 'xl/sharedStrings.xml',
  };
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

async function readSharedStrings(xml: XmlReader, path: string, max: number, file: string): Promise<string[]> {
  const strings: string[] = [];
  let text = '';
  let inText = false;
  let inPhonetic = false;
  const tooMany = (): UserError => refused(file, `it has more than ${max.toLocaleString('en-US')} shared strings`);
  await xml.parseAll(path, {
    open(name, attributes) {
      if (name === 't') inText = !inPhonetic;
      else if (name === 'si') text = '';
      else if (name === 'rPh') inPhonetic = true;
      else if (name === 'sst' && Number(attributes.uniqueCount ?? 0) > max) throw tooMany();
    },
    close(name) {
      if (name === 't') inText = false;
      else if (name === 'rPh') inPhonetic = false;
      else if (name === 'si') {
        if (strings.length >= max) throw tooMany();
        strings.push(decodeEscapes(text));
      }
    },
    text(value) {
      if (inText) text += value;
    },
  });
  return strings;
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

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function pad3(n: number): string {
  return n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n);
}

/** A naive ms (Date.UTC of the wall clock) as `YYYY-MM-DD HH:MM:SS[.mmm]`, or `YYYY-MM-DD`. */
function formatNaive(ms: number, isDateOnly: boolean): string {
  const date = new Date(ms);
  const day = `${date.getUTCFullYear()}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}`;
  if (isDateOnly) return day;
  const millis = date.getUTCMilliseconds();
  const time = `${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())}:${pad2(date.getUTCSeconds())}`;
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

/** The column index of a cell reference (`AB12` → 27), or -1. */
function columnOf(ref: string): number {
  let column = 0;
  let i = 0;
  for (; i < ref.length && i < 4; i++) {
    const code = ref.charCodeAt(i) | 0x20;
    if (code < 0x61 || code > 0x7a) break;
    column = column * 26 + (code - 0x60);
  }
  return i === 0 ? -1 : column - 1;
}

// ---------------------------------------------------------------------------------------------
// Sheets → rows

interface SheetContext {
  file: string;
  zip: ZipArchive;
  xml: XmlReader;
  date1904: boolean;
  formatKinds: Uint8Array;
  sharedStrings: readonly string[];
  maxColumns: number;
}

/** One `<row>` with a value: cells up to the last non-empty one. */
interface SheetRow {
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

/** The rows of a sheet part, in batches (one per inflated chunk); stops after `</sheetData>`. */
function readSheetRows(sheet: SheetInfo, context: SheetContext): AsyncGenerator<SheetRow[], void, undefined> {
  const { file, sharedStrings, formatKinds, date1904, maxColumns } = context;
  let batch: SheetRow[] = [];
  let isDone = false;
  let inSheetData = false;

  let rowNumber = 0;
  let cells: string[] = [];
  let count = 0;
  let first = -1;
  let last = -1;
  let isAllText = true;
  let formulas: SheetRow['formulas'] = null;

  let column = -1;
  let cellRef = '';
  let type = 'n';
  let style = 0;
  let value = '';
  let hasValue = false;
  let formula: string | null = null;
  let capture = 0; // 0 none, 1 <v>/<t> text, 2 <f> text
  let inInline = false;
  let inPhonetic = false;

  const handlers: XmlHandlers = {
    open(name, attributes) {
      switch (name) {
        case 'sheetData':
          inSheetData = true;
          break;
        case 'row': {
          const r = Number(attributes.r);
          rowNumber = Number.isInteger(r) && r > 0 ? r : rowNumber + 1;
          cells = [];
          count = 0;
          first = -1;
          last = -1;
          isAllText = true;
          formulas = null;
          column = -1;
          break;
        }
        case 'c': {
          cellRef = attributes.r ?? '';
          const at = cellRef === '' ? -1 : columnOf(cellRef);
          column = at < 0 ? column + 1 : at;
          type = attributes.t ?? 'n';
          style = attributes.s === undefined ? 0 : Number(attributes.s);
          value = '';
          hasValue = false;
          formula = null;
          inInline = false;
          break;
        }
        case 'v':
          value = '';
          hasValue = true;
          capture = 1;
          break;
        case 'f':
          formula = '';
          capture = 2;
          break;
        case 'is':
          inInline = true;
          hasValue = true;
          break;
        case 'rPh':
          inPhonetic = true;
          break;
        case 't':
          if (inInline && !inPhonetic) capture = 1;
          break;
      }
    },
    close(name) {
      switch (name) {
        case 'v':
        case 't':
        case 'f':
          capture = 0;
          break;
        case 'rPh':
          inPhonetic = false;
          break;
        case 'c':
          if (inSheetData) closeCell();
          break;
        case 'row':
          if (inSheetData && count > 0) batch.push({ row: rowNumber, cells, count, first, last, isAllText, formulas });
          break;
        case 'sheetData':
          inSheetData = false;
          isDone = true;
          break;
      }
    },
    text(text) {
      if (capture === 1) value += text;
      else if (capture === 2) formula += text;
    },
  };

  function closeCell(): void {
    let text: string;
    let isText = false;
    if (!hasValue) {
      if (formula !== null) (formulas ??= []).push({ column, formula });
      return;
    }
    switch (type) {
      case 's': {
        const index = Number(value);
        const shared = sharedStrings[index];
        if (shared === undefined) {
          throw unreadable(
            file,
            `cell ${sheet.name}!${cellRef || cellAddress(column, rowNumber)} refers to a missing shared string`,
          );
        }
        text = shared;
        isText = true;
        break;
      }
      case 'inlineStr':
      case 'str':
        text = decodeEscapes(value);
        isText = true;
        break;
      case 'b':
        text = value.trim() === '0' || value.trim().toLowerCase() === 'false' ? 'FALSE' : 'TRUE';
        break;
      case 'e':
        text = value;
        break;
      case 'd':
        text = formatIsoDate(value);
        break;
      default: {
        const number = value.trim() === '' ? Number.NaN : Number(value);
        text = Number.isNaN(number) ? value : formatNumber(number, formatKinds[style] ?? NUMBER, date1904);
      }
    }
    if (text === '' || (isText && text.trim() === '')) {
      if (text !== '' && column < maxColumns) setCell(text);
      return;
    }
    if (column >= maxColumns) {
      throw new UserError(
        `${file}:${sheet.name}!${cellRef || cellAddress(column, rowNumber)}: a row has more than ${maxColumns.toLocaleString('en-US')} columns; this does not look like an export.`,
      );
    }
    setCell(text);
    count++;
    if (first < 0 || column < first) first = column;
    if (column > last) last = column;
    if (!isText) isAllText = false;
  }

  function setCell(text: string): void {
    if (column < cells.length) cells[column] = text;
    else {
      while (cells.length < column) cells.push('');
      cells.push(text);
    }
  }

  return context.xml.parse(sheet.path ?? '', handlers, () => {
    if (isDone && batch.length === 0) return 'stop';
    const rows = batch;
    batch = [];
    return rows;
  });
}

interface FoundHeader {
  sheet: SheetInfo;
  /** null for a sheet without data. */
  header: SheetRow | null;
  /** Rows read after the header while looking for it. */
  pending: SheetRow[];
  /** The rest of the sheet; null when it has been read to its end. */
  rows: AsyncGenerator<SheetRow[], void, undefined> | null;
}

function isHeaderLike(row: SheetRow): boolean {
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
  const rows = readSheetRows(sheet, context);
  const seen: SheetRow[] = [];
  try {
    for (;;) {
      const next = await rows.next();
      if (next.done === true) break;
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
  return { sheet, header: seen[0]!, pending: orFirstRow ? seen.slice(1) : [], rows: null };
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

function pickSheet(sheets: readonly SheetInfo[], wanted: string, file: string): SheetInfo {
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

/** The data rows of one sheet, iterable once; the file is closed at the end, on an error, or when the loop stops early. */
class XlsxRowSource implements RowSource {
  readonly header: readonly string[];
  readonly headerLocation: SourceLocation;
  readonly format: SourceFormat;
  private readonly sheetName: string;
  private readonly headerRow: number;
  private readonly width: number;
  private pending: SheetRow[];
  private index = 0;
  private rows: AsyncGenerator<SheetRow[], void, undefined> | null;
  private isIterated = false;
  private isClosed = false;

  constructor(
    private readonly file: string,
    found: FoundHeader,
    private readonly totalsRows: ReadonlySet<number>,
    private readonly onIssue: ((issue: DataQualityIssue) => void) | undefined,
    private readonly handle: FileHandle,
  ) {
    this.sheetName = found.sheet.name;
    this.format = { type: 'xlsx', sheet: found.sheet.name };
    this.headerRow = found.header?.row ?? 1;
    this.header = found.header?.cells ?? [];
    this.width = this.header.length;
    this.headerLocation = { file, sheet: this.sheetName, cell: `A${this.headerRow}` };
    this.pending = found.pending;
    this.rows = found.rows;
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
      await this.handle.close().catch(() => undefined);
    }
  }
}
