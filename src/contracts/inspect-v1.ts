import { z } from 'zod';
import type { DataQualityIssue } from '../domain/data-quality.js';
import { IssueExampleV1, toIssueExampleV1 } from './data-quality-v1.js';

/**
 * `cs-kpi inspect --format json` (SPEC §12): per file, what the tool understood. Field names are
 * a contract: later versions add fields, never rename or remove them.
 */
export const InspectFileV1 = z.object({
  file: z.string(),
  kind: z.enum(['calls', 'tickets', 'surveys', 'customers', 'qa']),
  /** the worksheet read, for XLSX; null for delimited files */
  sheet: z.string().nullable(),
  encoding: z.string().nullable(),
  delimiter: z.string().nullable(),
  rows: z.number().int(),
  /** rows that gave a record (not a duplicate id, not left out) */
  used: z.number().int(),
  /** field → header as written in the file */
  columns: z.record(z.string(), z.string()),
  unmapped: z.array(z.string()),
  /** required fields the file lacks */
  missing: z.array(z.string()),
  /** day-month order chosen per date field holding slash dates, e.g. { "active_since": "MDY" } */
  dateFormats: z.record(z.string(), z.enum(['DMY', 'MDY'])),
  /** earliest and latest value of the file's month field */
  from: z.string().nullable(),
  to: z.string().nullable(),
  /** a survey or customer file without any date column: a snapshot of the reported month */
  snapshot: z.boolean(),
  /** a calls file whose rows carry a count column: each row weighs as many calls */
  aggregated: z.boolean(),
  /** the PBX layout of a header-less call detail record file, e.g. "Asterisk cdr_custom (19 columns)" */
  layout: z.string().nullable(),
  issues: z.number().int(),
  examples: z.array(IssueExampleV1),
});

export const InspectV1 = z.object({
  schema: z.literal('cs-kpi/inspect@1'),
  files: z.array(InspectFileV1),
});
export type InspectV1 = z.infer<typeof InspectV1>;
export type InspectFileV1 = z.infer<typeof InspectFileV1>;

/** What `toInspectV1` needs of a read file (ingest's `FileSummary` has this shape). */
export interface InspectedFile {
  file: string;
  kind: InspectFileV1['kind'];
  format: { type: 'csv'; encoding: string; delimiter: string } | { type: 'xlsx'; sheet: string };
  rows: number;
  used: number;
  issues: number;
  mapping: { headers: Record<string, string>; unmapped: string[]; missing: string[] };
  dateOrders: Partial<Record<string, { order: 'DMY' | 'MDY' }>>;
  from: string | null;
  to: string | null;
  snapshot: boolean;
  aggregated: boolean;
  layout: string | null;
  examples: readonly DataQualityIssue[];
}

export function toInspectV1(files: readonly InspectedFile[]): InspectV1 {
  return {
    schema: 'cs-kpi/inspect@1',
    files: files.map((file) => ({
      file: file.file,
      kind: file.kind,
      sheet: file.format.type === 'xlsx' ? file.format.sheet : null,
      encoding: file.format.type === 'csv' ? file.format.encoding : null,
      delimiter: file.format.type === 'csv' ? file.format.delimiter : null,
      rows: file.rows,
      used: file.used,
      columns: { ...file.mapping.headers },
      unmapped: [...file.mapping.unmapped],
      missing: [...file.mapping.missing],
      dateFormats: Object.fromEntries(
        Object.entries(file.dateOrders).flatMap(([field, choice]) => (choice ? [[field, choice.order]] : [])),
      ),
      from: file.from,
      to: file.to,
      snapshot: file.snapshot,
      aggregated: file.aggregated,
      layout: file.layout,
      issues: file.issues,
      examples: file.examples.map(toIssueExampleV1),
    })),
  };
}
