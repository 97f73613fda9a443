import type { Writable } from 'node:stream';
import type { ChalkInstance } from 'chalk';
import type { FollowupsV1 } from '../contracts/followups-v1.js';
import type { InspectV1 } from '../contracts/inspect-v1.js';
import type { ReportV1 } from '../contracts/report-v1.js';
import type { SampleV1 } from '../contracts/sample-v1.js';
import { renderFollowupsCsv } from './followups-csv.js';
import { renderFollowupsTable } from './followups-table.js';
import { renderInspectTable } from './inspect-table.js';
import { renderReportCsv } from './report-csv.js';
import { renderReportXlsx } from './xlsx-report.js';
import { renderReportTable } from './report-table.js';
import { criteriaOf } from './review-form-columns.js';
import { renderSampleCsv } from './sample-csv.js';
import { renderSampleTable } from './sample-table.js';
import { renderFollowupsXlsx } from './xlsx-followups.js';
import { renderReviewForm } from './xlsx-review-form.js';

/**
 * Renderers by result and format (STYLE §4.4 rule 9): all with one signature, none touches the
 * file system; `cli/write-output.ts` decides where the text goes. Text formats return a string;
 * XLSX returns a function that writes the workbook to the stream it is handed.
 */
export type Rendered = string | ((out: Writable) => Promise<void>);
export type Renderer<T> = (result: T, style: ChalkInstance) => Rendered;

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
    xlsx: renderReportXlsx,
  },
  sample: {
    table: renderSampleTable,
    json: json<SampleV1>,
    csv: renderSampleCsv,
    xlsx: (sample: SampleV1) => renderReviewForm(sample, criteriaOf(sample)),
  },
  followups: {
    table: renderFollowupsTable,
    json: json<FollowupsV1>,
    csv: renderFollowupsCsv,
    xlsx: renderFollowupsXlsx,
  },
} satisfies Record<string, Record<string, (result: never, ...options: never[]) => Rendered>>;
