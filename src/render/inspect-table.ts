import type { ChalkInstance } from 'chalk';
import type { InspectV1 } from '../contracts/inspect-v1.js';
import { visibleText } from './terminal-text.js';

const DELIMITER_NAMES: Record<string, string> = { ',': '","', ';': '";"', '\t': 'tab', '|': '"|"' };
const MAX_EXAMPLES = 5;

/** `inspect` for people: per file, its kind and size, the column mapping, what is unmapped, and the first issues. */
export function renderInspectTable(report: InspectV1, style: ChalkInstance): string {
  return report.files.map((file) => renderFile(file, style)).join('\n');
}

function renderFile(file: InspectV1['files'][number], style: ChalkInstance): string {
  const lines: string[] = [style.bold(visibleText(file.file))];
  const counts = [`${count(file.rows)} rows`];
  if (file.used !== file.rows) counts.push(`${count(file.used)} used`);
  counts.push(file.issues === 1 ? '1 issue' : `${count(file.issues)} issues`);
  const notes = [
    file.snapshot ? 'snapshot: no date column' : null,
    file.aggregated ? 'aggregated: each row counts several calls' : null,
    file.layout !== null ? `header-less ${file.layout}` : null,
  ].filter((note) => note !== null);
  const kind = `${file.kind}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`;
  lines.push(row('kind', `${style.cyan(kind)}, ${counts.join(', ')}`));
  lines.push(
    row(
      'format',
      file.sheet !== null
        ? `XLSX, sheet "${visibleText(file.sheet)}"`
        : `CSV, ${file.encoding ?? '?'}, delimiter ${DELIMITER_NAMES[file.delimiter ?? ''] ?? file.delimiter}`,
    ),
  );
  if (file.from !== null) lines.push(row('dates', `${file.from} … ${file.to}`));
  const formats = Object.entries(file.dateFormats);
  if (formats.length > 0)
    lines.push(row('date order', formats.map(([field, order]) => `${field} ${order}`).join(', ')));
  lines.push('  columns');
  const fields = Object.entries(file.columns);
  const width = Math.max(0, ...fields.map(([field]) => field.length));
  for (const [field, header] of fields) lines.push(`    ${field.padEnd(width)}  ← ${visibleText(header)}`);
  for (const missing of file.missing) lines.push(`    ${style.red(`${missing.padEnd(width)}  missing`)}`);
  if (file.unmapped.length > 0) lines.push(row('unmapped', style.dim(visibleText(file.unmapped.join(', ')))));
  if (file.issues > 0) {
    const shown = file.examples.slice(0, MAX_EXAMPLES);
    lines.push(
      `  data quality (${file.issues === 1 ? '1 issue' : `${count(file.issues)} issues`}; first ${shown.length})`,
    );
    for (const issue of shown) {
      const where = 'line' in issue ? `line ${issue.line}` : `${issue.sheet}!${issue.cell}`;
      lines.push(
        `    ${style.yellow(visibleText(where))}  ${visibleText(`${issue.field}  ${JSON.stringify(issue.value)}  ${issue.problem}`)}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

function row(label: string, value: string): string {
  return `  ${label.padEnd(10)} ${value}`;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}
