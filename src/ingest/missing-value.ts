/**
 * Markers that mean "no value" in exports (SPEC §2 "Values"). `NA` is what R writes, `NaN` what
 * pandas writes, `#N/A` what Excel writes. `none` is deliberately not one: it can be a real answer.
 */
const MISSING_MARKERS: ReadonlySet<string> = new Set(['', '-', '—', '–', 'n/a', 'na', 'null', 'nan', '#n/a']);

/** True when the cell holds no value: blank (any Unicode white space, incl. U+00A0) or a missing marker. */
export function isMissing(raw: string): boolean {
  // String.prototype.trim strips every Unicode space separator (U+00A0, U+202F, …) and the BOM.
  const text = raw.trim();
  return text.length <= 4 && MISSING_MARKERS.has(text.length <= 1 ? text : text.toLowerCase());
}
