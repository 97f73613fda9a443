/**
 * Text encodings of delimited exports (SPEC §2 "CSV dialects"): a BOM wins; otherwise UTF-8 when
 * the sample is valid UTF-8 or overwhelmingly so (the reader reports each line with invalid bytes);
 * otherwise Windows-1251 when the high bytes look like Russian text (what Excel in a Russian locale
 * saves), else Windows-1252 as a guess that the caller reports as a data-quality note.
 */

/** How many leading bytes callers read to detect the encoding and the delimiter. */
export const ENCODING_SAMPLE_BYTES = 1_048_576;

/** `--encoding` names, lower-case, each mapped to the WHATWG label that `TextDecoder` takes. */
const ENCODING_NAMES = new Map<string, string>([
  ['utf-8', 'utf-8'],
  ['utf8', 'utf-8'],
  ['utf-16le', 'utf-16le'],
  ['utf-16be', 'utf-16be'],
  ['windows-1251', 'windows-1251'],
  ['cp1251', 'windows-1251'],
  ['win1251', 'windows-1251'],
  ['windows-1252', 'windows-1252'],
  ['cp1252', 'windows-1252'],
  // The WHATWG Encoding Standard decodes latin1/ISO-8859-1 as windows-1252, and so do we.
  ['latin1', 'windows-1252'],
  ['iso-8859-1', 'windows-1252'],
  ['koi8-r', 'koi8-r'],
]);

/** The names users may pass to `--encoding` (case-insensitive). */
export const SUPPORTED_ENCODINGS: readonly string[] = [...ENCODING_NAMES.keys()];

/** The canonical name (`cp1251` → `windows-1251`), or null for a name we do not support. */
export function resolveEncoding(name: string): string | null {
  return ENCODING_NAMES.get(name.trim().toLowerCase()) ?? null;
}

export interface DetectedEncoding {
  encoding: string;
  /** Bytes of a byte order mark at the start of the sample (0 when there is none). */
  bomLength: number;
  /** True when nothing in the bytes confirms the encoding (the Windows-1252 fallback). */
  guessed: boolean;
}

/** Share of the high bytes that must look like Russian words for Windows-1251. */
const CYRILLIC_SHARE = 0.6;

/**
 * Share of the high bytes that may be invalid in a sample still read as UTF-8: one line of a
 * Windows-1251 name pasted into a UTF-8 export must not turn every other line into mojibake.
 * Genuine Windows-1251 or -1252 text almost never forms valid UTF-8 sequences (a lead byte
 * 0xC2–0xF4 followed by the right number of 0x80–0xBF bytes), so it stays far above this.
 */
const MAX_INVALID_UTF8_SHARE = 0.1;

/**
 * Detects the encoding of the first bytes of a file. `isComplete` says whether `sample` is the
 * whole file; when it is not, a multi-byte UTF-8 sequence cut at the very end does not count
 * against UTF-8.
 */
export function detectEncoding(sample: Uint8Array, isComplete: boolean): DetectedEncoding {
  const b0 = sample[0];
  const b1 = sample[1];
  if (b0 === 0xef && b1 === 0xbb && sample[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3, guessed: false };
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le', bomLength: 2, guessed: false };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', bomLength: 2, guessed: false };
  if (isValidUtf8(sample, isComplete) || isMostlyUtf8(sample, isComplete)) {
    return { encoding: 'utf-8', bomLength: 0, guessed: false };
  }
  if (looksLikeWindows1251(sample)) return { encoding: 'windows-1251', bomLength: 0, guessed: false };
  return { encoding: 'windows-1252', bomLength: 0, guessed: true };
}

function isValidUtf8(sample: Uint8Array, isComplete: boolean): boolean {
  try {
    // With `stream: true` the decoder keeps a trailing incomplete sequence instead of failing on it.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: !isComplete });
    return true;
  } catch {
    return false;
  }
}

/** Whether at most MAX_INVALID_UTF8_SHARE of the sample's high bytes are outside valid UTF-8 sequences. */
function isMostlyUtf8(sample: Uint8Array, isComplete: boolean): boolean {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < sample.length;) {
    if (sample[i]! < 0x80) {
      i++;
      continue;
    }
    const length = utf8SequenceLength(sample, i);
    if (length > 0) {
      valid += length;
      i += length;
    } else if (length < 0 && !isComplete) {
      break; // a sequence cut by the end of the sample, not of the file
    } else {
      invalid++;
      i++;
    }
  }
  return valid > 0 && invalid <= (valid + invalid) * MAX_INVALID_UTF8_SHARE;
}

/**
 * The length of the well-formed UTF-8 sequence at `at` (Unicode Table 3-7: no overlongs, no
 * surrogates, nothing past U+10FFFF); 0 when it is ill-formed; -1 when it is a valid start cut by
 * the end of `bytes`.
 */
function utf8SequenceLength(bytes: Uint8Array, at: number): number {
  const lead = bytes[at]!;
  let length: number;
  let low = 0x80;
  let high = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) length = 2;
  else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    if (lead === 0xe0) low = 0xa0;
    if (lead === 0xed) high = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    if (lead === 0xf0) low = 0x90;
    if (lead === 0xf4) high = 0x8f;
  } else return 0;
  for (let k = 1; k < length; k++) {
    const byte = bytes[at + k];
    if (byte === undefined) return -1;
    if (byte < (k === 1 ? low : 0x80) || byte > (k === 1 ? high : 0xbf)) return 0;
  }
  return length;
}

/** Windows-1251 letters: А–я (0xC0–0xFF), Ё (0xA8), ё (0xB8). */
function isCp1251Letter(byte: number): boolean {
  return byte >= 0xc0 || byte === 0xa8 || byte === 0xb8;
}

function isAsciiLetter(byte: number | undefined): boolean {
  return byte !== undefined && ((byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a));
}

/**
 * Windows-1252 accented letters (é = 0xE9) share the byte range of Cyrillic letters, so a byte
 * counts as Cyrillic only when no Latin letter touches it: Russian words are runs of high bytes,
 * while `café` or `données` put their accented letter between Latin letters.
 */
function looksLikeWindows1251(sample: Uint8Array): boolean {
  let high = 0;
  let cyrillic = 0;
  for (let i = 0; i < sample.length; i++) {
    const byte = sample[i]!;
    if (byte < 0x80) continue;
    high++;
    if (isCp1251Letter(byte) && !isAsciiLetter(sample[i - 1]) && !isAsciiLetter(sample[i + 1])) cyrillic++;
  }
  return high > 0 && cyrillic > high * CYRILLIC_SHARE;
}
