import type { Writable } from 'node:stream';
import type { ChalkInstance } from 'chalk';
import type { InspectV1 } from '../contracts/inspect-v1.js';
import type { ReportV1 } from '../contracts/report-v1.js';
import type { SampleV1 } from '../contracts/sample-v1.js';
import { renderInspectTable } from './inspect-table.js';
import { renderReportCsv } from './report-csv.js';
import { renderReportTable } from './report-table.js';
import { criteriaOf } from './review-form-columns.js';
import { renderSampleCsv } from './sample-csv.js';
import { renderSampleTable } from './sample-table.js';
import { renderReviewForm } from './xlsx-review-form.js';

/**
 * Renderers by result and format (STYLE §4.4 rule 9): all with one signature, none touches the
 * file system; `cli/write-output.ts` decides where the text goes. Text formats return a string;
 * XLSX returns a function that writes the workbook to the stream it is handed.
 */
export type Renderer<T> = (result: T, style: ChalkInstance) => string | ((out: Writable) => Promise<void>);

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
  sample: {
    table: renderSampleTable,
    json: json<SampleV1>,
    csv: renderSampleCsv,
    xlsx: (sample: SampleV1) => renderReviewForm(sample, criteriaOf(sample)),
  },
} satisfies Record<string, Record<string, Renderer<never>>>;
