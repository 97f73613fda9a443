/**
 * The digit reader the date and duration scanners share: reads ASCII digits without allocating
 * and leaves the index after them in `scan.end` (one module-level cursor instead of a result
 * object per call, because these run once per cell on the hot path).
 */
export const scan = { end: 0 };

/** Reads `minDigits`..`maxDigits` ASCII digits at `start`: their value (and `scan.end`), or -1. */
export function readDigits(text: string, start: number, minDigits: number, maxDigits: number): number {
  const limit = Math.min(text.length, start + maxDigits);
  let value = 0;
  let i = start;
  for (; i < limit; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x30 || code > 0x39) break;
    value = value * 10 + code - 0x30;
  }
  if (i === start || i - start < minDigits) return -1;
  scan.end = i;
  return value;
}
