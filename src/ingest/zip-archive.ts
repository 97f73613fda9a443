/**
 * The ZIP side of the XLSX reader (APPNOTE.TXT 6.3): the central directory, checked against the
 * limits, then each needed entry inflated as a stream with node:zlib, every byte counted against
 * the entry's declared size and the archive's total, its length and CRC-32 checked at the end.
 * Used by read-xlsx.ts, and by the sheet worker (xlsx-sheet-worker.ts), which inflates a big
 * sheet part itself from the same open file.
 */
import { Readable } from 'node:stream';
import { crc32, createInflateRaw, type ZlibOptions } from 'node:zlib';
import { UserError } from '../errors.js';
import { readError } from './open-input-file.js';

/** What is read of the workbook file: positional reads (a `FileHandle`, or a descriptor in the worker). */
export interface PositionalFile {
  read(buffer: Buffer, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
}

const MAX_ENTRIES = 10_000;
/** Deflate reaches ~5–20:1 on sheet XML; a zip bomb reaches ~1000:1. */
const MAX_RATIO = 200;
const RATIO_MIN_BYTES = 1024 * 1024;
const MAX_DIRECTORY_BYTES = 16 * 1024 * 1024;
const READ_SIZE = 65_536;
/** Compressed bytes read at a time, and inflated bytes kept ready ahead of the parser (inflating runs on libuv's pool, parsing on the main thread). */
const FILE_READ_SIZE = 262_144;
const INFLATE_AHEAD = 1024 * 1024;

export function unreadable(file: string, reason: string): UserError {
  return new UserError(`${file}: not a readable XLSX workbook (${reason}); re-save it from Excel or export CSV.`);
}

export function refused(file: string, reason: string): UserError {
  return new UserError(`${file}: refused to unpack: ${reason} (a zip bomb?); re-save it from Excel or export CSV.`);
}

/** Errors of zlib, saxes and the file system become one sentence; our own UserErrors pass through. */
export function asReadError(file: string, part: string, error: unknown): UserError {
  if (error instanceof UserError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.replace(/\.$/, '');
  if (code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(message))
    return unreadable(file, `${part} is truncated`);
  if (code !== undefined && code.startsWith('Z_')) return unreadable(file, `${part} is damaged: ${message}`);
  if (code !== undefined) return new UserError(`cannot read ${file}: ${message}.`);
  return unreadable(file, `${part}: ${message}`);
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${+(bytes / 1024 ** 3).toFixed(1)} GiB`;
  if (bytes >= 1024 ** 2) return `${+(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${bytes.toLocaleString('en-US')} bytes`;
}

// ---------------------------------------------------------------------------------------------
// ZIP (APPNOTE.TXT 6.3): the central directory, then each needed entry inflated as a stream

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export const EOCD_SIGNATURE = 0x06054b50;
export const EOCD_SIZE = 22;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
export const CENTRAL_SIGNATURE = 0x02014b50;
export const LOCAL_SIGNATURE = 0x04034b50;

async function readAt(handle: PositionalFile, file: string, position: number, length: number): Promise<Buffer> {
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
export async function readZipDirectory(
  handle: PositionalFile,
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

export class ZipArchive {
  /** Bytes inflated so far, over every entry read. */
  private inflatedBytes = 0;
  /** Bytes inflated so far of each entry being read. */
  private readonly progress = new Map<ZipEntry, number>();

  constructor(
    private readonly handle: PositionalFile,
    readonly file: string,
    private readonly entries: Map<string, ZipEntry>,
    readonly size: number,
    private readonly maxBytes: number,
    /** The limit a refusal names: the archive's, also when this reads a share of it (the sheet worker). */
    readonly limit = maxBytes,
  ) {}

  /** Bytes that entries may still inflate to. */
  get remaining(): number {
    return this.maxBytes - this.inflatedBytes;
  }

  /** The bytes an entry has inflated to so far in a read under way (0 when none is). */
  inflatedOf(entry: ZipEntry): number {
    return this.progress.get(entry) ?? 0;
  }

  /** Counts bytes inflated elsewhere (by the sheet worker, from this file). */
  count(bytes: number): void {
    this.inflatedBytes += bytes;
  }

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
        this.progress.set(entry, produced);
        this.inflatedBytes += chunk.length;
        if (produced > entry.uncompressedSize) {
          throw refused(
            file,
            `${entry.name} unpacks to more than the ${formatBytes(entry.uncompressedSize)} it declares`,
          );
        }
        if (this.inflatedBytes > this.maxBytes) {
          throw refused(file, `it unpacks to more than ${formatBytes(this.limit)}`);
        }
        crc = crc32(chunk, crc);
        yield chunk;
      }
    } catch (error) {
      throw asReadError(file, entry.name, error);
    } finally {
      raw.destroy();
      stream.destroy();
      this.progress.delete(entry);
    }
    if (produced !== entry.uncompressedSize) throw unreadable(file, `${entry.name} is truncated`);
    if (crc >>> 0 !== entry.crc >>> 0) throw unreadable(file, `${entry.name} is damaged (CRC mismatch)`);
  }
}
