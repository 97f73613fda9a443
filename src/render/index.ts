import type { ChalkInstance } from 'chalk';
import type { InspectV1 } from '../contracts/inspect-v1.js';
import type { ReportV1 } from '../contracts/report-v1.js';
import { renderInspectTable } from './inspect-table.js';
import { renderReportCsv } from './report-csv.js';
import { renderReportTable } from './report-table.js';

/**
 * Renderers by result and format (STYLE §4.4 rule 9): all with one signature, none touches the
 * file system; `cli/write-output.ts` decides where the text goes.
 */
export type Renderer<T> = (result: T, style: ChalkInstance) => string;

const json = <T>(result: T): string => `${JSON.stringify(result, null, 2)}\n`;

export const renderers = {
  inspect: {
    table: renderInspectTable,
    json: json<InspectV1>,
  },
  report: {
    table: renderReportTable,
    json: json<ReportV1>,
    csv: renderReportCsv,
  },
} satisfies Record<string, Record<string, Renderer<never>>>;
