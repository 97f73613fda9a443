/**
 * The delimited-file reader (SPEC §2 "CSV dialects", STYLE §4.2): bytes → text with the detected
 * encoding → records with an own tokenizer → a `RowSource`. RFC 4180 plus what real exports do:
 * `\r\n`, `\n` or a lone `\r` end a record; a quote inside an unquoted field is a literal; text
 * after a closing quote is appended; a quote left open at the end of the file is a data-quality
 * issue, not a failure. Memory is one chunk plus the record being read.
 */
import type { FileHandle } from 'node:fs/promises';
import { TextDecoder } from 'node:util';
import type { DataQualityIssue } from '../domain/data-quality.js';
import { UsageError, UserError } from '../errors.js';
import { openInputFile, readError } from './open-input-file.js';
import { detectEncoding, ENCODING_SAMPLE_BYTES, resolveEncoding, SUPPORTED_ENCODINGS } from './decode-text.js';
import type { RawRow, RowSource, SourceFormat } from './row-source.js';
import { sniffDelimiter } from './sniff-dialect.js';

export interface OpenCsvOptions {
  /** The name used in locations and messages (the path as the user gave it). */
  displayName: string;
  /** A name accepted by `resolveEncoding`; detected when absent. */
  encoding?: string;
  /** One character; sniffed when absent. */
  delimiter?: string;
  /** Default 1 Mi characters. */
  maxFieldChars?: number;
  /** Default 10,000. */
  maxColumns?: number;
  /** Tokenizer problems that do not stop the run (an unterminated quote). */
  onIssue?: (issue: DataQualityIssue) => void;
  /** When true, `header` is `[]` and the first record is data (PBX call detail records). */
  headerless?: boolean;
  /** Bytes handed to the decoder at a time; default 64 KiB (small values are for tests). */
  chunkSize?: number;
  /** Refuse a larger file (a call list); exports have no limit but their field and column caps. */
  maxFileBytes?: number;
}

const DEFAULT_MAX_FIELD_CHARS = 1_048_576;
const DEFAULT_MAX_COLUMNS = 10_000;
const DEFAULT_CHUNK_SIZE = 65_536;
const READ_SIZE = 65_536;
const ISSUE_VALUE_CHARS = 40;
/** Lines with undecodable bytes reported per file; past that the encoding is plainly wrong and the first ones say so. */
const MAX_UNDECODABLE_LINES = 1_000;
/** What the decoder puts for bytes that are not valid in the encoding. */
const REPLACEMENT = '\uFFFD';
/** Blank records looked through for a first real one before a file is called empty. */
const MAX_BLANK_LEAD = 10_000;

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** Opens a delimited file and reads up to its header; the rows follow when the source is iterated. */
export async function openCsv(path: string, options: OpenCsvOptions): Promise<RowSource> {
  const file = options.displayName;
  const encodingOverride = options.encoding === undefined ? undefined : checkEncoding(options.encoding);
  const delimiterOverride = options.delimiter === undefined ? undefined : checkDelimiter(options.delimiter);
  const chunkSize = Math.max(1, Math.floor(options.chunkSize ?? DEFAULT_CHUNK_SIZE));

  const handle = await openInputFile(path, file, { maxBytes: options.maxFileBytes });
  try {
    const sample = await readSample(handle, file);
    refuseBinaryWorkbook(sample, file);
    const isComplete = sample.length < ENCODING_SAMPLE_BYTES;
    const detected = detectEncoding(sample, isComplete);
    const encoding = encodingOverride ?? detected.encoding;
    const encodingGuessed = encodingOverride === undefined && detected.guessed;
    // The default `ignoreBOM: false` drops a BOM that matches the encoding, and only then.
    const sampleText = new TextDecoder(encoding).decode(sample, { stream: !isComplete });
    const delimiter = delimiterOverride ?? sniffDelimiter(sampleText);
    const format = { type: 'csv', encoding, encodingGuessed, delimiter } as const;

    const source = new CsvRowSource(
      file,
      new ChunkReader(handle, file, sample, new TextDecoder(encoding), chunkSize),
      new CsvTokenizer(file, delimiter, {
        maxFieldChars: options.maxFieldChars ?? DEFAULT_MAX_FIELD_CHARS,
        maxColumns: options.maxColumns ?? DEFAULT_MAX_COLUMNS,
        onIssue: options.onIssue,
      }),
      format,
      options.onIssue,
    );
    await source.readHeader(options.headerless === true);
    return source;
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
}

function checkEncoding(name: string): string {
  const encoding = resolveEncoding(name);
  if (encoding === null) {
    throw new UsageError(`unknown encoding "${name}"; use one of ${SUPPORTED_ENCODINGS.join(', ')}.`);
  }
  return encoding;
}

function checkDelimiter(delimiter: string): string {
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\r' || delimiter === '\n') {
    throw new UsageError(
      `a delimiter must be one character other than a quote or a line break, not ${JSON.stringify(delimiter)}.`,
    );
  }
  return delimiter;
}

async function readSample(handle: FileHandle, file: string): Promise<Uint8Array> {
  const buffer = Buffer.allocUnsafe(ENCODING_SAMPLE_BYTES);
  let filled = 0;
  while (filled < buffer.length) {
    const bytesRead = await readInto(handle, file, buffer, filled, buffer.length - filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

async function readInto(
  handle: FileHandle,
  file: string,
  buffer: Buffer,
  offset: number,
  length: number,
): Promise<number> {
  try {
    // Sequential reads from the current position, so that a pipe works as well as a file.
    return (await handle.read(buffer, offset, length, null)).bytesRead;
  } catch (error) {
    throw readError(file, error);
  }
}

/** An XLSX (ZIP) or XLS (OLE) workbook with a CSV name would otherwise turn into a screen of noise. */
function refuseBinaryWorkbook(sample: Uint8Array, file: string): void {
  const startsWith = (bytes: readonly number[]): boolean => bytes.every((byte, i) => sample[i] === byte);
  if (startsWith([0x50, 0x4b, 0x03, 0x04])) {
    throw new UserError(
      `cannot read ${file} as CSV: it is a ZIP archive (an Excel .xlsx workbook?); rename it to .xlsx.`,
    );
  }
  if (startsWith([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    throw new UserError(`cannot read ${file} as CSV: it is an old Excel .xls workbook; save it as .xlsx or CSV.`);
  }
}

/**
 * Decoded text of a file, a chunk at a time: first the sample already read, then the rest of the
 * file. The next read is started before the current chunk is decoded and tokenized (two buffers),
 * so the disk and the tokenizer work at the same time.
 */
class ChunkReader {
  private readonly buffers: Buffer[];
  private turn = 0;
  private pending: { buffer: Buffer; bytesRead: Promise<number> } | null = null;
  private sampleOffset = 0;
  private isDone = false;

  constructor(
    private readonly handle: FileHandle,
    private readonly file: string,
    private sample: Uint8Array,
    private readonly decoder: TextDecoder,
    private readonly chunkSize: number,
  ) {
    const readSize = Math.max(chunkSize, READ_SIZE);
    const hasMore = sample.length >= ENCODING_SAMPLE_BYTES;
    this.buffers = hasMore ? [Buffer.allocUnsafe(readSize), Buffer.allocUnsafe(readSize)] : [];
    if (hasMore) this.prefetch();
  }

  private prefetch(): void {
    const buffer = this.buffers[this.turn]!;
    this.turn = 1 - this.turn;
    const bytesRead = readInto(this.handle, this.file, buffer, 0, buffer.length);
    bytesRead.catch(() => undefined); // awaited by the next read(); never an unhandled rejection if nobody does
    this.pending = { buffer, bytesRead };
  }

  /** The next piece of text, `''` possibly, or null after the end (once the decoder has been flushed). */
  async read(): Promise<string | null> {
    if (this.isDone) return null;
    if (this.sampleOffset < this.sample.length) {
      const end = Math.min(this.sample.length, this.sampleOffset + this.chunkSize);
      const text = this.decoder.decode(this.sample.subarray(this.sampleOffset, end), { stream: true });
      this.sampleOffset = end;
      if (end === this.sample.length) {
        this.sample = new Uint8Array(0);
        this.sampleOffset = 0;
      }
      return text;
    }
    if (this.pending !== null) {
      const { buffer, bytesRead } = this.pending;
      const length = await bytesRead;
      if (length > 0) {
        this.prefetch();
        let text = '';
        for (let start = 0; start < length; start += this.chunkSize) {
          text += this.decoder.decode(buffer.subarray(start, Math.min(length, start + this.chunkSize)), {
            stream: true,
          });
        }
        return text;
      }
      this.pending = null;
    }
    this.isDone = true;
    return this.decoder.decode();
  }

  /** Closes the file; Node waits for a read in flight before closing the descriptor. */
  async close(): Promise<void> {
    this.isDone = true;
    await this.handle.close();
  }
}

interface TokenizerLimits {
  maxFieldChars: number;
  maxColumns: number;
  onIssue: ((issue: DataQualityIssue) => void) | undefined;
}

/**
 * A resumable CSV state machine over decoded text. Text that ends inside a field is kept and
 * scanned again, from the start of that field, when the next chunk arrives; fields are capped,
 * so that costs at most a field per chunk. Cells are slices of the text, never built per character.
 */
class CsvTokenizer {
  /** Completed records, drained by the caller. */
  readonly rows: RawRow[] = [];
  /** Text not consumed yet; it starts at the start of a field of the current record. */
  private rest = '';
  private cells: string[] = [];
  /** The physical line at the start of `rest`, and the line on which the current record started. */
  private line = 1;
  private recordLine = 1;

  private readonly delimiter: number;

  constructor(
    private readonly file: string,
    private readonly delimiterChar: string,
    private readonly limits: TokenizerLimits,
  ) {
    this.delimiter = delimiterChar.charCodeAt(0);
  }

  /** Tokenizes `chunk` after what is left of the previous ones; `isFinal` marks the end of the file. */
  push(chunk: string, isFinal: boolean): void {
    const text = this.rest.length === 0 ? chunk : [this.rest, chunk].join('');
    const length = text.length;
    const delimiter = this.delimiter;
    const maxFieldChars = this.limits.maxFieldChars;
    const delimiterChar = this.delimiterChar;
    let cells = this.cells;
    let line = this.line;
    let pos = 0;
    // The next delimiter, LF and CR at or after `pos` (`length` when there is none); an
    // `indexOf` per field is faster than a loop over its characters.
    let nextDelimiter = -1;
    let nextLf = -1;
    let nextCr = -1;

    for (;;) {
      if (pos >= length) {
        // After a delimiter at the very end of the file there is one more, empty, cell.
        if (isFinal && cells.length > 0) {
          this.addCell(cells, '');
          this.emit(cells);
          cells = [];
        }
        this.rest = '';
        break;
      }
      const fieldStart = pos;
      const fieldLine = line;
      if (cells.length === 0) this.recordLine = line;
      let value: string;
      let isQuoted = false;
      let code = text.charCodeAt(pos);

      if (code !== QUOTE) {
        if (nextDelimiter < pos) {
          nextDelimiter = text.indexOf(delimiterChar, pos);
          if (nextDelimiter === -1) nextDelimiter = length;
        }
        if (nextLf < pos) {
          nextLf = text.indexOf('\n', pos);
          if (nextLf === -1) nextLf = length;
        }
        if (nextCr < pos) {
          nextCr = text.indexOf('\r', pos);
          if (nextCr === -1) nextCr = length;
        }
        let i = nextDelimiter < nextLf ? nextDelimiter : nextLf;
        if (nextCr < i) i = nextCr;
        if (i === length && !isFinal) {
          if (length - fieldStart > maxFieldChars) this.fieldTooLong(fieldLine, false);
          this.suspend(text, fieldStart, fieldLine, cells);
          return;
        }
        if (i - pos > maxFieldChars) this.fieldTooLong(fieldLine, false);
        value = text.slice(pos, i);
        pos = i;
      } else {
        isQuoted = true;
        value = '';
        let segmentStart = pos + 1;
        let i = segmentStart;
        let isOpen = true;
        for (;;) {
          let quote = text.indexOf('"', i);
          if (quote === -1) quote = length;
          // Count the line breaks inside the quotes: `\n`, and `\r` not followed by `\n`.
          if (nextLf < i) {
            nextLf = text.indexOf('\n', i);
            if (nextLf === -1) nextLf = length;
          }
          while (nextLf < quote) {
            line++;
            nextLf = text.indexOf('\n', nextLf + 1);
            if (nextLf === -1) nextLf = length;
          }
          if (nextCr < i) {
            nextCr = text.indexOf('\r', i);
            if (nextCr === -1) nextCr = length;
          }
          while (nextCr < quote) {
            if (text.charCodeAt(nextCr + 1) !== LF) line++;
            nextCr = text.indexOf('\r', nextCr + 1);
            if (nextCr === -1) nextCr = length;
          }
          i = quote;
          if (i >= length || (i + 1 >= length && !isFinal)) break; // after `"`, the next chunk decides
          if (text.charCodeAt(i + 1) === QUOTE) {
            value += text.slice(segmentStart, i + 1);
            i += 2;
            segmentStart = i;
            continue;
          }
          value += text.slice(segmentStart, i);
          segmentStart = ++i;
          isOpen = false;
          break;
        }
        if (isOpen) {
          if (value.length + (i - segmentStart) > maxFieldChars) this.fieldTooLong(fieldLine, true);
          if (!isFinal) {
            this.suspend(text, fieldStart, fieldLine, cells);
            return;
          }
          value += text.slice(segmentStart, length);
          pos = length;
          this.limits.onIssue?.({
            location: { file: this.file, line: fieldLine },
            field: '(row)',
            value: firstChars(value, ISSUE_VALUE_CHARS),
            problem: 'unterminated quote',
          });
        } else {
          // Text between the closing quote and the delimiter is kept as is: `"ab"c` → `abc`.
          while (i < length) {
            code = text.charCodeAt(i);
            if (code === delimiter || code === LF || code === CR) break;
            i++;
          }
          if (i === length && !isFinal) {
            this.suspend(text, fieldStart, fieldLine, cells);
            return;
          }
          if (i > segmentStart) value += text.slice(segmentStart, i);
          if (value.length > maxFieldChars) this.fieldTooLong(fieldLine, true);
          pos = i;
        }
      }

      if (pos >= length) {
        // The end of the file ends the record.
        if (cells.length > 0 || isQuoted || value.length > 0) {
          this.addCell(cells, value);
          this.emit(cells);
          cells = [];
        }
        continue;
      }
      code = text.charCodeAt(pos);
      if (code === delimiter) {
        this.addCell(cells, value);
        pos++;
        continue;
      }
      // A record terminator: `\n`, `\r\n` or a lone `\r`.
      if (code === CR) {
        if (pos + 1 >= length && !isFinal) {
          this.suspend(text, fieldStart, fieldLine, cells);
          return;
        }
        pos += text.charCodeAt(pos + 1) === LF ? 2 : 1;
      } else {
        pos++;
      }
      line++;
      if (cells.length > 0 || isQuoted || value.length > 0) {
        this.addCell(cells, value);
        this.emit(cells);
        cells = [];
      }
    }
    this.cells = cells;
    this.line = line;
  }

  /** Whether text of a record not yet emitted is held (for the next chunk to complete). */
  get isInsideRecord(): boolean {
    return this.rest.length > 0 || this.cells.length > 0;
  }

  private suspend(text: string, fieldStart: number, fieldLine: number, cells: string[]): void {
    this.rest = fieldStart === 0 ? text : text.slice(fieldStart);
    this.line = fieldLine;
    this.cells = cells;
  }

  private addCell(cells: string[], value: string): void {
    if (cells.length >= this.limits.maxColumns) {
      throw new UserError(
        `${this.file}:${this.recordLine}: a record has more than ${this.limits.maxColumns} columns; this does not look like a CSV export.`,
      );
    }
    cells.push(value);
  }

  private emit(cells: string[]): void {
    this.rows.push({ cells, location: { file: this.file, line: this.recordLine } });
  }

  private fieldTooLong(line: number, isQuoted: boolean): never {
    const hint = isQuoted ? ' (is a closing quote missing?)' : '';
    throw new UserError(
      `${this.file}:${line}: a field is longer than ${this.limits.maxFieldChars} characters${hint}; this does not look like a CSV export.`,
    );
  }
}

function isBlank(row: RawRow): boolean {
  return row.cells.every((cell) => cell.trim() === '');
}

function firstChars(text: string, count: number): string {
  if (text.length <= count) return text;
  const end = (text.charCodeAt(count - 1) & 0xfc00) === 0xd800 ? count - 1 : count; // keep surrogate pairs whole
  return text.slice(0, end);
}

const NO_ROWS: readonly RawRow[] = [];

/** The rows of one file, iterable once; the file is closed at the end, on an error, or when the loop stops early. */
class CsvRowSource implements RowSource {
  header: readonly string[] = [];
  headerLocation: RowSource['headerLocation'];
  private index = 0;
  private isEnded = false;
  private isIterated = false;
  private isClosed = false;
  /** A chunk held U+FFFD that may belong to a record not emitted yet. */
  private isUndecodablePending = false;
  private undecodableLines = 0;

  constructor(
    private readonly file: string,
    private readonly reader: ChunkReader,
    private readonly tokenizer: CsvTokenizer,
    readonly format: Extract<SourceFormat, { type: 'csv' }>,
    private readonly onIssue: ((issue: DataQualityIssue) => void) | undefined,
  ) {
    this.headerLocation = { file, line: 1 };
  }

  /**
   * Reads until the first record is complete and takes it as the header. A file of nothing but
   * blank records (zero bytes, a BOM, line breaks, spaces, empty cells) is refused as empty: it
   * is not an export with no rows, which would at least have its header. Blank records before
   * real ones stay rows, so the search stops after MAX_BLANK_LEAD of them (memory stays bounded).
   */
  async readHeader(headerless: boolean): Promise<void> {
    if (headerless) return;
    const rows = this.tokenizer.rows;
    for (let blank = 0; ;) {
      while (blank < rows.length && blank < MAX_BLANK_LEAD && isBlank(rows[blank]!)) blank++;
      if (blank < rows.length || blank >= MAX_BLANK_LEAD) break;
      if (this.isEnded) throw new UserError(`${this.file} is empty (no header row); export it again or leave it out.`);
      await this.readChunk();
    }
    this.header = rows[0]!.cells;
    this.headerLocation = rows[0]!.location;
    this.index = 1;
  }

  [Symbol.asyncIterator](): AsyncIterator<RawRow> {
    if (this.isIterated) throw new Error('a CSV row source can be iterated only once');
    this.isIterated = true;
    const rows = this.tokenizer.rows;
    return {
      next: () => {
        if (this.index < rows.length) return Promise.resolve({ done: false, value: rows[this.index++]! });
        return this.nextAfterRefill();
      },
      return: async () => {
        await this.close();
        return { done: true, value: undefined };
      },
    };
  }

  takeBuffered(): readonly RawRow[] {
    const rows = this.tokenizer.rows;
    if (this.index >= rows.length) return NO_ROWS;
    const taken = rows.slice(this.index);
    this.index = rows.length;
    return taken;
  }

  private async nextAfterRefill(): Promise<IteratorResult<RawRow>> {
    const rows = this.tokenizer.rows;
    try {
      while (this.index >= rows.length) {
        rows.length = 0;
        this.index = 0;
        if (this.isEnded || this.isClosed) {
          await this.close();
          return { done: true, value: undefined };
        }
        await this.readChunk();
      }
    } catch (error) {
      await this.close();
      throw error;
    }
    return { done: false, value: rows[this.index++]! };
  }

  private async readChunk(): Promise<void> {
    const text = await this.reader.read();
    const firstNew = this.tokenizer.rows.length;
    if (text === null) {
      this.tokenizer.push('', true);
      this.isEnded = true;
    } else if (text.length > 0) {
      this.tokenizer.push(text, false);
    }
    // The decoder put U+FFFD for bytes invalid in the encoding (only the UTF ones have such bytes):
    // the rows are searched only then, so a clean file costs one `includes` per chunk.
    if (text !== null && text.includes(REPLACEMENT)) this.isUndecodablePending = true;
    if (this.isUndecodablePending) this.reportUndecodable(firstNew);
  }

  /** One data-quality issue per record with undecodable bytes, from `rows[from]` on, capped per file. */
  private reportUndecodable(from: number): void {
    const rows = this.tokenizer.rows;
    const { encoding } = this.format;
    for (let i = from; i < rows.length && this.undecodableLines < MAX_UNDECODABLE_LINES; i++) {
      const cell = rows[i]!.cells.find((text) => text.includes(REPLACEMENT));
      if (cell === undefined) continue;
      this.undecodableLines++;
      this.onIssue?.({
        location: rows[i]!.location,
        field: '(row)',
        value: firstChars(cell, ISSUE_VALUE_CHARS),
        problem: `not valid ${encoding.toUpperCase()}; give --encoding if the text looks wrong`,
      });
    }
    this.isUndecodablePending = this.tokenizer.isInsideRecord;
  }

  private async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    this.tokenizer.rows.length = 0;
    await this.reader.close();
  }
}
