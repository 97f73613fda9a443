/**
 * Markers that mean "no value" in exports (SPEC §2 "Values"). `NA` is what R writes, `NaN` what
 * pandas writes, `#N/A` what Excel writes. `none` is deliberately not one: it can be a real answer.
 */
const MISSING_MARKERS: ReadonlySet<string> = new Set(['', '-', '—', '–', 'n/a', 'na', 'null', 'nan', '#n/a']);

/** True when the cell holds no value: blank (any Unicode white space, incl. U+00A0) or a missing marker. */
export function isMissing(raw: string): boolean {
  // Most cells are numbers, dates or words: settle those from the first and last characters,
  // without allocating a trimmed copy (this runs for every mapped cell of every row).
  const length = raw.length;
  if (length === 0) return true;
  const first = raw.charCodeAt(0);
  if (first >= 0x30 && first <= 0x39) return false; // no marker starts with a digit
  // Longer than any marker and nothing to trim at either end: a value (Cyrillic words included).
  if (length > 4 && !isTrimmed(first) && !isTrimmed(raw.charCodeAt(length - 1))) return false;
  // String.prototype.trim strips every Unicode space separator (U+00A0, U+202F, …) and the BOM.
  const text = raw.trim();
  return text.length <= 4 && MISSING_MARKERS.has(text.length <= 1 ? text : text.toLowerCase());
}

/** What `String.prototype.trim` strips: ECMAScript's WhiteSpace and LineTerminator. */
function isTrimmed(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}
