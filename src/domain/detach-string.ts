/**
 * A copy of a string that does not keep its parent alive. The CSV reader slices cells out of a
 * 64 KiB decoded chunk, and V8 keeps the whole chunk for as long as a slice lives; anything kept
 * past the row (issue examples, agent names, ids) is detached first, so memory stays flat.
 */
export function detachString(text: string): string {
  return (' ' + text).slice(1);
}
