/**
 * Delimiter sniffing (SPEC §2 "CSV dialects"): the candidate that splits the first records into
 * the same non-zero number of cells most often. Quoted text does not count, so a comma inside
 * `"Ivanov, Ivan"` votes for nothing.
 */

export const DELIMITER_CANDIDATES = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITER_CANDIDATES)[number];

const MAX_RECORDS = 50;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const CANDIDATE_CODES = DELIMITER_CANDIDATES.map((candidate) => candidate.charCodeAt(0));

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

export function sniffDelimiter(sampleText: string): Delimiter {
  const perRecord: number[][] = DELIMITER_CANDIDATES.map(() => []);
  // Occurrences between two digits (`12,5`): a decimal comma rather than a delimiter, used to break ties.
  const betweenDigits: number[] = DELIMITER_CANDIDATES.map(() => 0);
  let counts: number[] = DELIMITER_CANDIDATES.map(() => 0);
  let records = 0;
  let recordHasText = false;
  let atFieldStart = true;
  let inQuotes = false;

  const endRecord = (): void => {
    if (recordHasText) {
      counts.forEach((count, k) => perRecord[k]!.push(count));
      records++;
    }
    counts = DELIMITER_CANDIDATES.map(() => 0);
    recordHasText = false;
    atFieldStart = true;
  };

  const length = sampleText.length;
  for (let i = 0; i < length && records < MAX_RECORDS; i++) {
    const code = sampleText.charCodeAt(i);
    if (inQuotes) {
      if (code === QUOTE) {
        if (sampleText.charCodeAt(i + 1) === QUOTE) i++;
        else inQuotes = false;
      }
      continue;
    }
    if (code === LF || code === CR) {
      if (code === CR && sampleText.charCodeAt(i + 1) === LF) i++;
      endRecord();
      continue;
    }
    recordHasText = true;
    if (code === QUOTE && atFieldStart) {
      inQuotes = true;
      atFieldStart = false;
      continue;
    }
    const k = CANDIDATE_CODES.indexOf(code);
    if (k === -1) {
      atFieldStart = false;
      continue;
    }
    counts[k]!++;
    if (isDigit(sampleText.charCodeAt(i - 1)) && isDigit(sampleText.charCodeAt(i + 1))) betweenDigits[k]!++;
    atFieldStart = true;
  }
  // The sample may end inside its last record, which counts only when it is the only one.
  if (recordHasText && records === 0) endRecord();

  let best: { k: number; records: number; count: number } | null = null;
  for (let k = 0; k < DELIMITER_CANDIDATES.length; k++) {
    const mode = modeOfNonZero(perRecord[k]!);
    if (mode === null) continue;
    const better =
      best === null ||
      mode.records > best.records ||
      (mode.records === best.records &&
        (mode.count > best.count || (mode.count === best.count && betweenDigits[k]! < betweenDigits[best.k]!)));
    if (better) best = { k, ...mode };
  }
  return DELIMITER_CANDIDATES[best?.k ?? 0]!;
}

/** The most frequent non-zero value (the larger one on a tie) and how many records have it. */
function modeOfNonZero(values: readonly number[]): { count: number; records: number } | null {
  const frequency = new Map<number, number>();
  for (const value of values) if (value > 0) frequency.set(value, (frequency.get(value) ?? 0) + 1);
  let mode: { count: number; records: number } | null = null;
  for (const [count, records] of frequency) {
    if (mode === null || records > mode.records || (records === mode.records && count > mode.count)) {
      mode = { count, records };
    }
  }
  return mode;
}
