/** Where a value came from: a line of a delimited file, or a cell of a worksheet (SPEC §2, §7). */
export type SourceLocation = { file: string; line: number } | { file: string; sheet: string; cell: string };

/** `calls.csv:17` or `calls.xlsx:Sheet1!B7`, for one-sentence messages. */
export function formatLocation(location: SourceLocation): string {
  return 'line' in location
    ? `${location.file}:${location.line}`
    : `${location.file}:${location.sheet}!${location.cell}`;
}
