import { isMissing } from './missing-value.js';
import { scanNumber } from './parse-number.js';
import { ParseProblem } from './parse-result.js';

const NOT_A_FLAG = new ParseProblem('not a yes/no flag');

const VARIATION_SELECTOR = '\uFE0F';

const FLAGS: ReadonlyMap<string, boolean> = new Map([
  ...['y', 'yes', 'true', 't', '1', 'да', 'д', '+', '✓', '✔', '✅'].map((word) => [word, true] as const),
  ...['n', 'no', 'false', 'f', '0', 'нет', 'н', '✗', '✘', '❌'].map((word) => [word, false] as const),
]);

/**
 * A yes/no cell (Y/N, yes/no, true/false, 1/0, да/нет, ✓/✗), case-insensitive. `-` is a missing
 * marker, not "no". A number equal to 1 or 0 (`1.0`, `0,0`) is a flag too.
 */
export function parseFlag(raw: string): boolean | null | ParseProblem {
  let text = raw.trim();
  if (isMissing(text)) return null;
  if (text.length > 5) return NOT_A_FLAG;
  if (text.endsWith(VARIATION_SELECTOR)) text = text.slice(0, -1);
  const flag = FLAGS.get(text.toLowerCase());
  if (flag !== undefined) return flag;
  const code = text.charCodeAt(0);
  if (code >= 0x30 && code <= 0x39 && !text.endsWith('%')) {
    const value = scanNumber(text);
    if (value === 1) return true;
    if (value === 0) return false;
  }
  return NOT_A_FLAG;
}
